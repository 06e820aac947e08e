import Foundation
import StatesLanguage
import Testing

@testable import sfnrun

@Suite("sfnrun callback")
struct CallbackCommandTests {
    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-callbacks-\(UUID().uuidString)").path
    }

    @Test("Exactly one of --output, --error or --heartbeat is required")
    func usage() async {
        let directory = Self.temporaryDirectory()
        let (none, noneIO) = await sfnrun(["callback", "--callback-dir", directory, "--task-token", "t"])
        #expect(none == .usage)
        #expect(noneIO.error.contains("give exactly one of --output <json>, --error <name> or --heartbeat"))
        let (two, _) = await sfnrun([
            "callback", "--callback-dir", directory, "--task-token", "t", "--output", "{}", "--heartbeat",
        ])
        #expect(two == .usage)
        let (badJSON, badIO) = await sfnrun(["callback", "--callback-dir", directory, "--task-token", "t", "--output", "{"])
        #expect(badJSON == .usage)
        #expect(badIO.error.contains("invalid JSON for '--output'"))
    }

    @Test("Callbacks written by the command are read back once, in full")
    func roundTrip() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try CallbackMailbox(path: directory).prepare()
        #expect(await sfnrun(["callback", "--callback-dir", directory, "--task-token", "a", "--output", #"{"ok":1}"#]).0 == .success)
        #expect(await sfnrun(["callback", "--callback-dir", directory, "--task-token", "b", "--error", "Denied", "--cause", "no"]).0 == .success)
        #expect(await sfnrun(["callback", "--callback-dir", directory, "--task-token", "c", "--heartbeat"]).0 == .success)
        let messages = CallbackMailbox(path: directory).drain().compactMap { try? $0.get() }
        let byToken = Dictionary(uniqueKeysWithValues: messages.map { ($0.token, $0.message) })
        #expect(byToken["a"] == .success(["ok": 1]))
        #expect(byToken["b"] == .failure(error: "Denied", cause: "no"))
        #expect(byToken["c"] == .heartbeat)
        #expect(CallbackMailbox(path: directory).drain().isEmpty)
    }

    @Test("A folder that does not exist is refused, not created: no start is watching it")
    func missingFolder() async {
        let directory = Self.temporaryDirectory() + "/typo/"
        let (status, io) = await sfnrun(["callback", "--callback-dir", directory, "--task-token", "t", "--heartbeat"])
        #expect(status == .failure)
        #expect(io.error.contains("error: no callback folder at '\(directory)'"))
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test("A running execution's callback task completes from the mailbox")
    func delivers() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mailbox = CallbackMailbox(path: directory)
        try mailbox.prepare()
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::sqs:sendMessage") { request in
            try mailbox.post(.success(["approved": true]), token: request.taskToken ?? "")
            return ["MessageId": "m-1"]
        }
        let machine = try StateMachine(
            parsing: #"{"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}}}"#
        )
        let execution = try await Executor(registry: registry).start(machine)
        let io = CapturedTerminalIO()
        let server = Task { await mailbox.serve(execution, io: io) }
        let result = await execution.result
        server.cancel()
        #expect(result.output == ["approved": true])
        #expect(io.error.isEmpty)
    }
}

@Suite("sfnrun start --state-machine-dir")
struct LocalChildrenCommandTests {
    @Test("states:startExecution.sync:2 runs a child defined in the folder")
    func child() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-children-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"StartAt": "D", "States": {"D": {"Type": "Pass", "Parameters": {"twice.$": "States.MathAdd($.n, $.n)"}, "End": true}}}"#.utf8)
            .write(to: folder.appendingPathComponent("child.json"))
        let parent = folder.appendingPathComponent("parent.asl.json")
        try Data(
            #"""
            {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
              "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:child", "Input": {"n.$": "$.n"}},
              "OutputPath": "$.Output", "End": true}}}
            """#.utf8
        ).write(to: parent)
        let (status, io) = await sfnrun(["start", parent.path, "--state-machine-dir", folder.path, "--input", #"{"n": 5}"#, "--quiet"])
        #expect(status == .success)
        #expect(try JSONValue(parsing: io.output) == ["twice": 10])
    }
}
