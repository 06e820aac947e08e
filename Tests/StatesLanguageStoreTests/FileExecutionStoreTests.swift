import Foundation
import StatesLanguageStore
import StatesLanguageTesting
import Synchronization
import Testing

/// The folder of the tests' stores: one per test process, removed when the process exits.
let temporaryStores: String = {
    let folder = NSTemporaryDirectory() + "sfnrun-store-tests-\(ProcessInfo.processInfo.processIdentifier)"
    atexit { try? FileManager.default.removeItem(atPath: temporaryStores) }
    return folder
}()

/// A fresh folder under the system's temporary directory (removed when the test process exits).
func temporaryFolder() -> String {
    let path = temporaryStores + "/store-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

let storeWorkflow = #"""
    {"StartAt": "Make", "States": {
      "Make": {"Type": "Pass", "Parameters": {"id.$": "States.UUID()", "items": [1, 2, 3]}, "Next": "Each"},
      "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "ResultPath": "$.each",
        "ItemProcessor": {"StartAt": "Work", "States": {
          "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"x.$": "$"},
            "Retry": [{"ErrorEquals": ["Again"], "IntervalSeconds": 1, "MaxAttempts": 2}], "Next": "Rest"},
          "Rest": {"Type": "Wait", "Seconds": 2, "End": true}}}, "Next": "Done"},
      "Done": {"Type": "Pass", "End": true}
    }}
    """#

/// Calls per item.
final class Calls: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    init() {}

    /// Counts a call and returns how many there were for `item`.
    func add(_ item: String) -> Int {
        counts.withLock { counts in
            counts[item, default: 0] += 1
            return counts[item]!
        }
    }
}

extension ExecutionStoreError {
    var damageReason: String {
        if case .damaged(_, _, let reason) = self { return reason }
        return ""
    }
}

@Suite("File execution store")
struct FileExecutionStoreTests {
    /// An executor on a virtual clock whose tasks count their calls per item.
    static func executor(_ store: FileExecutionStore, calls: Calls = Calls()) -> Executor {
        var registry = TaskRegistry()
        registry.register(for: "*") { request in
            let item = request.input["x"]?.jsonString() ?? "?"
            let n = calls.add(item)
            if item == "2", request.retryCount == 0, n > 0 { throw StatesError("Again", cause: "first try") }
            return ["done": request.input]
        }
        var executor = Executor(registry: registry, clock: VirtualClock(start: Date(timeIntervalSince1970: 1_767_225_600)))
        executor.store = store
        return executor
    }

    /// A new store in a folder of its own, holding one finished run of the demo workflow as `name`.
    static func finishedExecution(_ name: String) async throws -> (folder: String, store: FileExecutionStore) {
        let folder = temporaryFolder()
        let store = FileExecutionStore(directory: folder)
        let machine = try StateMachine(parsing: storeWorkflow, name: "demo")
        _ = try await executor(store).start(machine, input: [:], name: name).result
        return (folder, store)
    }

    /// The error resuming `name` throws, if any.
    static func resumeError(_ store: FileExecutionStore, _ name: String) async -> ExecutionStoreError? {
        do {
            _ = try await executor(store).resume(name)
            return nil
        } catch {
            return error
        }
    }

    /// Replaces line `index` (from 0) of the file at `path` with `text`; returns the file's new content.
    @discardableResult
    static func replaceLine(_ index: Int, of path: String, with text: String) throws -> String {
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[index] = text
        let changed = lines.joined(separator: "\n") + "\n"
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
        return changed
    }

    @Test("A stored execution reads back with its status, output and the same history")
    func roundTrip() async throws {
        let store = FileExecutionStore(directory: temporaryFolder())
        let machine = try StateMachine(parsing: storeWorkflow, name: "demo")
        let result = try await Self.executor(store).start(machine, input: ["a": 1], name: "one").result
        #expect(result.status.name == "SUCCEEDED")
        let stored = try store.read("one")
        #expect(stored.status == "SUCCEEDED")
        #expect(stored.closing?.output == result.output)
        #expect(stored.history.map { $0.kind } == result.history.map { $0.kind })
        #expect(stored.history.map { $0.id } == result.history.map { $0.id })
        #expect(!stored.isActive)
        #expect(try store.names() == ["one"])
        // Two tasks per task attempt: started, then its outcome.
        #expect(store.fsyncCount <= 2 * 4 + 2)
    }

    @Test("A history of several chunks reaches the file whole and in order, and a resume after half of it keeps it")
    func longHistory() async throws {
        let folder = temporaryFolder()
        let store = FileExecutionStore(directory: folder)
        // About 3,000 events (three chunks of the engine's history), with a task in the middle of one.
        let machine = try StateMachine(
            parsing: #"""
                {"StartAt": "Count", "States": {
                  "Count": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "x": "7"}, "Next": "Check"},
                  "Check": {"Type": "Choice", "Choices": [
                    {"Variable": "$.i", "NumericEquals": 700, "Next": "Work"},
                    {"Variable": "$.i", "NumericLessThan": 1000, "Next": "Count"}], "Default": "Done"},
                  "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.r", "Next": "Count"},
                  "Done": {"Type": "Succeed"}}}
                """#, name: "loop")
        let reference = try await Self.executor(store).start(machine, input: ["i": 0], name: "long").result
        #expect(reference.status.name == "SUCCEEDED")
        #expect(reference.history.count > 3_000)
        #expect(reference.history.map(\.id) == Array(1...reference.history.count))
        let stored = try store.read("long")
        #expect(stored.history == reference.history)

        // As if killed after the first 2,000 events: the journal keeps its records but the closing one.
        let target = "\(folder)/executions/cut"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        let journal = try String(contentsOfFile: "\(folder)/executions/long/journal.jsonl", encoding: .utf8)
        let records = journal.split(separator: "\n").dropLast().map {
            $0.replacingOccurrences(of: "\"long\"", with: "\"cut\"").replacingOccurrences(of: ":long\"", with: ":cut\"")
        }
        try (records.joined(separator: "\n") + "\n").write(toFile: "\(target)/journal.jsonl", atomically: true, encoding: .utf8)
        let history = try String(contentsOfFile: "\(folder)/executions/long/history.jsonl", encoding: .utf8)
        try (history.split(separator: "\n").prefix(2_000).joined(separator: "\n") + "\n")
            .write(toFile: "\(target)/history.jsonl", atomically: true, encoding: .utf8)
        let resumed = try await Self.executor(store).resume("cut").result
        #expect(resumed.status.name == "SUCCEEDED")
        #expect(resumed.history.map(\.id) == reference.history.map(\.id))
        #expect(resumed.history.map(\.kind) == reference.history.map(\.kind))
        #expect(try store.read("cut").history.map(\.kind) == reference.history.map(\.kind))
    }

    @Test("Cut after any whole line of its journal, an execution resumes to the same end")
    func resumeFromEveryCut() async throws {
        let folder = temporaryFolder()
        let store = FileExecutionStore(directory: folder)
        let machine = try StateMachine(parsing: storeWorkflow, name: "demo")
        let reference = try await Self.executor(store).start(machine, input: [:], name: "whole").result
        let journal = try String(contentsOfFile: "\(folder)/executions/whole/journal.jsonl", encoding: .utf8)
        let lines = journal.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count > 10)
        for cut in 1..<lines.count {
            let name = "cut-\(cut)"
            let target = "\(folder)/executions/\(name)"
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            var kept = lines.prefix(cut).map { $0.replacingOccurrences(of: "\"whole\"", with: "\"\(name)\"") }
                .map { $0.replacingOccurrences(of: ":whole\"", with: ":\(name)\"") }
            let journalText = kept.joined(separator: "\n") + "\n" + "{\"record\":\"val"  // and a torn line
            try journalText.write(toFile: "\(target)/journal.jsonl", atomically: true, encoding: .utf8)
            // The history is lost too (it is never ahead of the journal): the replay writes it again.
            try "".write(toFile: "\(target)/history.jsonl", atomically: true, encoding: .utf8)
            kept.removeAll()
            let calls = Calls()
            let resumed = try await Self.executor(store, calls: calls).resume(name)
            let result = await resumed.result
            #expect(result.status.name == "SUCCEEDED", "cut \(cut)")
            #expect(result.output?["each"] == reference.output?["each"], "cut \(cut)")
            let names = { (events: [ExecutionEvent]) in events.map { $0.kind.name }.sorted() }
            #expect(names(result.history) == names(reference.history), "cut \(cut)")
            #expect(result.history.map { $0.id } == Array(1...result.history.count), "cut \(cut)")
            #expect(try store.read(name).history.count == result.history.count, "cut \(cut)")
        }
    }

    @Test("A format 1 execution (history in get-execution-history's form) resumes and keeps its events")
    func resumesFormatOne() async throws {
        let folder = temporaryFolder()
        let store = FileExecutionStore(directory: folder)
        let machine = try StateMachine(parsing: storeWorkflow, name: "demo")
        let reference = try await Self.executor(store).start(machine, input: [:], name: "old").result
        let target = "\(folder)/executions/old"
        // As a format 1 writer left it when killed before the end: no closing record or event, and every
        // event in the form of get-execution-history.
        var journal = try String(contentsOfFile: "\(target)/journal.jsonl", encoding: .utf8)
            .split(separator: "\n").dropLast().map(String.init)
        journal[0] = journal[0].replacingOccurrences(of: "\"format\":\(JournalFormat.version)", with: "\"format\":1")
        #expect(journal[0].contains("\"format\":1"))
        try (journal.joined(separator: "\n") + "\n").write(toFile: "\(target)/journal.jsonl", atomically: true, encoding: .utf8)
        let earlier = reference.history.dropLast()
        let history = earlier.map { $0.jsonValue(forStore: true).jsonString() }.joined(separator: "\n") + "\n"
        #expect(history.contains("stateEnteredEventDetails"))
        try history.write(toFile: "\(target)/history.jsonl", atomically: true, encoding: .utf8)
        let stored = try store.read("old")
        #expect(stored.history.map(\.kind) == earlier.map(\.kind))
        let result = await (try Self.executor(store).resume("old")).result
        #expect(result.status.name == "SUCCEEDED")
        #expect(result.output == reference.output)
        #expect(result.history.map(\.kind) == reference.history.map(\.kind))
    }

    @Test("Damage in the middle of a journal names the file and line and changes nothing")
    func damage() async throws {
        let (folder, store) = try await Self.finishedExecution("hurt")
        let path = "\(folder)/executions/hurt/journal.jsonl"
        let damaged = try Self.replaceLine(2, of: path, with: "{\"record\": \"value\", \"key\": ")
        do {
            _ = try store.read("hurt")
            Issue.record("read a damaged journal")
        } catch {
            #expect(error == .damaged(file: path, line: 3, reason: error.damageReason))
        }
        let refusal = await Self.resumeError(store, "hurt")
        #expect(refusal == .damaged(file: path, line: 3, reason: refusal?.damageReason ?? ""))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == damaged)
    }

    @Test("The two files are read at once, yet damage is reported as before: the journal's first, then the history's")
    func damageInBothFiles() async throws {
        let (folder, store) = try await Self.finishedExecution("hurt")
        func damage(_ file: String) throws -> String {
            let path = "\(folder)/executions/hurt/\(file)"
            try Self.replaceLine(1, of: path, with: "{\"not\": ")
            return path
        }
        /// Where reading the execution reports damage, as `file:line`.
        func damagedAt() -> String? {
            do {
                _ = try store.read("hurt")
                return nil
            } catch {
                guard case .damaged(let file, let line, _) = error else { return "\(error)" }
                return "\(file):\(line)"
            }
        }
        let history = try damage("history.jsonl")
        #expect(damagedAt() == "\(history):2")
        let journal = try damage("journal.jsonl")
        for _ in 0..<20 {
            #expect(damagedAt() == "\(journal):2")
        }
    }

    @Test("A second process cannot run an execution that one holds; a finished one is not resumed")
    func lockAndFinished() async throws {
        let store = FileExecutionStore(directory: temporaryFolder())
        let machine = try StateMachine(parsing: storeWorkflow, name: "demo")
        _ = try await Self.executor(store).start(machine, input: [:], name: "done").result
        let refusal = await Self.resumeError(store, "done")
        #expect(refusal?.message.contains("has ended (SUCCEEDED)") == true)
        let (_, writer) = try store.reopen("done")
        #expect(throws: ExecutionStoreError.locked("done")) { _ = try store.reopen("done") }
        #expect(try store.read("done").isActive)
        writer.close()
        #expect(try !store.read("done").isActive)
        #expect(throws: ExecutionStoreError.alreadyExists("done")) {
            _ = try store.create(try store.read("done").start)
        }
        do {
            _ = try store.read("dne")
        } catch {
            #expect(error == .notFound("dne", candidates: ["done"]))
        }
    }

    @Test("Payloads of every shape read back as they were written: strings that look like JSON, quotes, null, variables")
    func payloadShapes() async throws {
        let definition = #"""
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Result": "123", "Next": "B"},
              "B": {"Type": "Pass", "Result": "say \"hi\"\n", "Next": "C"},
              "C": {"Type": "Pass", "Result": null, "Next": "D"},
              "D": {"Type": "Pass", "Result": {"n": 1.5, "s": "{\"x\":1}", "a": [true, "é"]}, "Assign": {"v": "ü"}, "Next": "E"},
              "E": {"Type": "Pass", "Result": "", "End": true}}}
            """#
        let store = FileExecutionStore(directory: temporaryFolder())
        let machine = try StateMachine(parsing: definition, name: "shapes")
        let result = try await Self.executor(store).start(machine, input: "{\"quoted\": true}", name: "shapes").result
        #expect(result.status.name == "SUCCEEDED")
        let stored = try store.read("shapes")
        #expect(stored.history.map { $0.kind } == result.history.map { $0.kind })
        #expect(stored.history.map { $0.timestamp } == result.history.map { $0.timestamp })
    }
}
