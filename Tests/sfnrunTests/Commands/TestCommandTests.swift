import Foundation
import StatesLanguage
import Testing

@testable import sfnrun

@Suite("sfnrun test")
struct TestCommandTests {
    let greeting = Fixtures.path("greeting.asl.json")
    let mocks = Fixtures.path("greeting.mock.json")

    @Test("Runs every test case, reports PASS/FAIL with reasons; one failure makes the exit status 1")
    func all() async {
        let (status, io) = await sfnrun(["test", greeting, "--mock-config", mocks])
        #expect(status == .failure)
        let lines = io.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("PASS  Delivered (SUCCEEDED, 3 states)"))
        #expect(lines.contains("PASS  Undeliverable (FAILED, 3 states)"))
        #expect(lines.contains("FAIL  WrongExpectation (SUCCEEDED, 3 states)"))
        #expect(lines.contains("      expected status FAILED, got SUCCEEDED"))
        #expect(lines.contains("      state Pause was entered but must not be"))
        #expect(lines.contains("      states entered: Greet → Pause → Send"))
        #expect(lines.contains("PASS  RunsOut (FAILED, 3 states)"))
        #expect(lines.contains("PASS  Unmocked (FAILED, 3 states)"))
        #expect(lines.last == "greeting: 4 passed, 1 failed (5 test cases)")
    }

    @Test("--test-case runs one case; passing exits 0")
    func one() async {
        let (status, io) = await sfnrun(["test", greeting, "--mock-config", mocks, "--test-case", "Delivered"])
        #expect(status == .success)
        #expect(io.output == "PASS  Delivered (SUCCEEDED, 3 states)\ngreeting: 1 passed, 0 failed (1 test case)\n")
    }

    @Test("--verbose shows the states entered and the result of passing cases too")
    func verbose() async {
        let (status, io) = await sfnrun(["test", greeting, "--mock-config", mocks, "--test-case", "Undeliverable", "-v"])
        #expect(status == .success)
        #expect(io.output == """
            PASS  Undeliverable (FAILED, 3 states)
                  states entered: Greet → Pause → Send
                  error: SNS.NotFoundException: Topic does not exist
            greeting: 1 passed, 0 failed (1 test case)

            """)
    }

    @Test("An unknown test case exits 2 with a suggestion")
    func unknownCase() async {
        let (status, io) = await sfnrun(["test", greeting, "--mock-config", mocks, "--test-case", "Delivred"])
        #expect(status == .usage)
        #expect(io.error.contains("no test case 'Delivred'"))
        #expect(io.error.contains("did you mean 'Delivered'?"))
    }

    @Test("The machine is found by file name, or by --state-machine")
    func stateMachineName() async {
        let (status, io) = await sfnrun(["test", greeting, "--mock-config", mocks, "--state-machine", "other"])
        #expect(status == .usage)
        #expect(io.error.contains("no entry for state machine 'other' (it has: greeting)"))
    }

    @Test("--output json gives one document with every case")
    func json() async throws {
        let (_, io) = await sfnrun(["test", greeting, "--mock-config", mocks, "--output", "json"])
        let report = try JSONValue(parsing: io.output)
        #expect(report["stateMachine"] == "greeting")
        #expect(report["passed"] == 4)
        #expect(report["failed"] == 1)
        let wrong = report["testCases"]?.arrayValue?.first { $0["name"] == "WrongExpectation" }
        #expect(wrong?["passed"] == false)
        #expect(wrong?["problems"]?.arrayValue?.count == 2)
    }

    @Test("--start-time moves the virtual clock: $$.Execution.StartTime shows it")
    func startTime() async throws {
        let definition = #"{"StartAt": "Now", "States": {"Now": {"Type": "Pass", "Parameters": {"At.$": "$$.Execution.StartTime"}, "End": true}}}"#
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clock-\(UUID().uuidString).json")
        try Data(definition.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let config = #"{"StateMachines": {"clock": {"TestCases": {"T": {}}}}}"#
        let io = CapturedTerminalIO(input: config)
        let (status, _) = await sfnrun(
            ["test", url.path, "--mock-config", "-", "--state-machine", "clock", "--start-time", "2026-06-30T23:59:00Z", "-v"], io: io)
        #expect(status == .success)
        #expect(io.output.contains(#"output: {"At":"2026-06-30T23:59:00.000Z"}"#))
        let (bad, badIO) = await sfnrun(["test", url.path, "--mock-config", "m.json", "--start-time", "soon"])
        #expect(bad == .usage)
        #expect(badIO.errorLines.first == "error: invalid value 'soon' for '--start-time' (expected a timestamp like 2026-01-31T12:00:00Z)")
    }

    @Test("--input overrides every case's input")
    func inputOverride() async {
        let (status, io) = await sfnrun([
            "test", greeting, "--mock-config", mocks, "--test-case", "Delivered", "--input", #"{"who": "Bob"}"#,
        ])
        #expect(status == .failure)
        #expect(io.output.contains("Hello, Bob!"))
    }

    @Test("--allow-unmocked falls back to the real AWS integrations")
    func allowUnmocked() async throws {
        let (_, io) = await sfnrun(["test", greeting, "--mock-config", mocks, "--test-case", "Unmocked", "--allow-unmocked", "--output", "json"])
        let report = try JSONValue(parsing: io.output)
        let cause = report["testCases"]?[0]?["cause"]?.stringValue ?? ""
        // Without credentials the configuration fails to load; with them, the call cannot reach AWS from here.
        // Either way the state went to the AWS integration rather than failing as unmocked.
        #expect(cause.contains("AWS configuration") || cause.contains("Unable to execute HTTP request"), "\(cause)")
        #expect(!cause.contains("is not mocked"))
    }

    @Test("An invalid mock file exits 2 with file:line:column for each problem")
    func invalidMockFile() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-bad-\(UUID().uuidString).json")
        try Data(#"{"StateMachines": {"greeting": {"TestCases": {"A": {"Send": "Missing"}}}}, "MockedResponses": {}}"#.utf8)
            .write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let (status, io) = await sfnrun(["test", greeting, "--mock-config", url.path])
        #expect(status == .usage)
        #expect(io.error == "\(url.path):1:53: error: StateMachines.greeting.TestCases.A.Send: no mocked response named 'Missing' under MockedResponses\n")
    }

    @Test("--mock-config is required; --test-case and --all exclude each other")
    func usage() async {
        let (status, io) = await sfnrun(["test", greeting])
        #expect(status == .usage)
        #expect(io.errorLines.first == "error: missing --mock-config <file>")
        let (status2, io2) = await sfnrun(["test", greeting, "--mock-config", mocks, "--all", "--test-case", "A"])
        #expect(status2 == .usage)
        #expect(io2.errorLines.first == "error: give either --test-case or --all, not both")
    }
}
