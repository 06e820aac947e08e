import Foundation
import StatesLanguage
import StatesLanguageStore
import Testing

@testable import sfnrun

/// The store commands over stores that are not all well: a damaged execution, an orphaned one, a
/// store that does not exist, a store path that is a file; and what resume and redrive say about an
/// orphaned execution.
extension StoreCommandTests {
    /// Runs a one-Pass machine as `name` in the store (its journal has a line between the first and
    /// the last: the UUID it generates).
    func runPass(_ name: String) async throws {
        let definition = try write(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"id.$": "States.UUID()"}, "End": true}}}"#,
            "pass.json")
        let (status, _) = await sfnrun(["start", definition, "--name", name, "--store", store, "--quiet"])
        #expect(status == .success)
    }

    /// Stores an execution marked RUNNING whose process is gone, with `records` after its start.
    func orphan(
        _ name: String, definition: String = #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
        startDate: Date = Date(), records: [JournalRecord] = []
    ) throws {
        let start = JournalStart(
            name: name, executionARN: "arn:aws:states:us-east-1:123456789012:execution:pass:\(name)",
            stateMachineName: "pass", stateMachineARN: "arn:aws:states:us-east-1:123456789012:stateMachine:pass",
            type: .standard, definition: definition, input: [:], startDate: startDate,
            roleARN: "arn:aws:iam::123456789012:role/r")
        let writer = try FileExecutionStore(directory: store).create(start)
        try writer.write(records: records, events: [], durability: .synced)
        writer.close()
    }

    @Test("A damaged execution is listed as DAMAGED with a warning naming its file and line; the others are listed")
    func damaged() async throws {
        try await runPass("good")
        try await runPass("bad")
        let journal = "\(store)/executions/bad/journal.jsonl"
        var lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count > 2)
        lines[1] = "{not json"
        try (lines.joined(separator: "\n") + "\n").write(toFile: journal, atomically: true, encoding: .utf8)

        let (status, text) = await sfnrun(["list", "--store", store])
        #expect(status == .success)
        #expect(text.output.contains("good "))
        #expect(text.output.split(separator: "\n").contains { $0.hasPrefix("bad ") && $0.hasSuffix("DAMAGED") })
        #expect(text.error.contains("warning: the execution 'bad' cannot be read: \(journal):2: the journal is damaged"))

        let (jsonStatus, json) = await sfnrun(["list", "--store", store, "--output", "json"])
        #expect(jsonStatus == .success)
        let listed = try #require(try JSONValue(parsing: json.output)["executions"]?.arrayValue)
        #expect(listed.compactMap { $0["name"]?.stringValue } == ["good"])
        #expect(json.error.contains("journal.jsonl:2"))

        // describe still reports the damage as an error.
        let (describeStatus, _) = await sfnrun(["describe", "bad", "--store", store])
        #expect(describeStatus != .success)
    }

    @Test("list says how to continue each execution whose process is gone, as describe does")
    func orphanNote() async throws {
        try orphan("lost")
        try await runPass("done")
        let (status, io) = await sfnrun(["list", "--store", store])
        #expect(status == .success)
        #expect(io.output.contains("RUNNING (process gone)"))
        let notes = io.errorLines.filter { $0.hasPrefix("note:") }
        #expect(notes.count == 1)
        #expect(notes.first?.contains("'lost'") == true)
        #expect(notes.first?.contains("continue it with: sfnrun resume lost") == true)
        let (_, json) = await sfnrun(["list", "--store", store, "--output", "json"])
        #expect(try JSONValue(parsing: json.output)["executions"]?.arrayValue?.count == 2)
    }

    @Test("A store that does not exist is named as such, not as an empty store")
    func missingStore() async throws {
        let missing = folder.appendingPathComponent("does-not-exist").path
        let (status, io) = await sfnrun(["list", "--store", missing])
        #expect(status == .success)
        #expect(io.error.contains("There is no execution store at \(missing)"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test("A --store that is a file is refused in plain words by every store command")
    func storeIsAFile() async throws {
        let file = try write("x", "plain-file")
        let definition = try write(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#, "pass.json")
        let (started, start) = await sfnrun(["start", definition, "--store", file, "--quiet"])
        #expect(started != .success)
        #expect(start.error.contains("\(file): is a file, not a folder"))
        #expect(!start.error.contains("NSCocoaErrorDomain"))
        for command in [["list"], ["describe", "x"], ["resume", "x"]] {
            let (status, io) = await sfnrun(command + ["--store", file])
            #expect(status == .usage, "\(command)")
            #expect(io.error.contains("is a file, not a folder"), "\(command)")
        }
    }

    @Test("redrive of a RUNNING execution whose process is gone says to resume it")
    func redriveOrphan() async throws {
        try orphan("lost")
        let (status, io) = await sfnrun(["redrive", "lost", "--store", store])
        #expect(status == .usage)
        #expect(io.errorLines.first == "error: ExecutionNotRedrivable: Execution is RUNNING and cannot be redriven")
        #expect(io.error.contains("continue it with: sfnrun resume lost"))
    }

    @Test("resume --wait-seconds shortens a Wait that had begun before the process stopped", .timeLimit(.minutes(1)))
    func resumeWaitOverride() async throws {
        let started = Date()
        // The first process entered W and was to wait a day when it died.
        try orphan(
            "sleepy", definition: #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 86400, "End": true}}}"#,
            startDate: started,
            records: [
                .value(key: "/W@1#0", value: .double(started.timeIntervalSince1970)),
                .value(key: "/W@1#1", value: .double(started.timeIntervalSince1970 + 86400)),
            ])
        let (status, io) = await sfnrun(["resume", "sleepy", "--store", store, "--wait-seconds", "W=0", "--quiet"])
        #expect(status == .success, "\(io.error)")
    }

    @Test("resume without --callback-dir says how to answer a task waiting for its callback", .timeLimit(.minutes(1)))
    func resumeCallbackNote() async throws {
        try orphan(
            "asking",
            definition: #"""
                {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": {"token.$": "$$.Task.Token"}, "End": true}}}
                """#)
        let io = CapturedTerminalIO()
        let store = self.store
        let resumed = Task {
            await sfnrun(["resume", "asking", "--store", store, "--task-command", "Ask=echo {}", "--quiet"], io: io).0
        }
        // The task waits for ever: once the note is out, 'sfnrun stop' ends it.
        while !io.error.contains("sfnrun callback") { try await Task.sleep(nanoseconds: 50_000_000) }
        let (stopped, _) = await sfnrun(["stop", "asking", "--store", store])
        #expect(stopped == .success)
        #expect(await resumed.value == .failure)
        let notes = io.errorLines.filter { $0.hasPrefix("note:") }
        #expect(notes.first == "note: 'Ask' waits for a callback on its task token, and this process takes none (no --callback-dir).")
        #expect(notes.count == 2)
        #expect(notes.last?.contains("sfnrun resume asking --callback-dir DIR") == true)
        #expect(notes.last?.contains("sfnrun callback --callback-dir DIR --task-token ") == true)
    }
}
