import Foundation
import StatesLanguage
import Testing

@testable import sfnrun

@Suite("sfnrun start")
struct StartCommandTests {
    let greeting = Fixtures.path("greeting.asl.json")
    let mocks = Fixtures.path("greeting.mock.json")

    func mocked(_ testCase: String, _ extra: [String] = []) -> [String] {
        ["start", greeting, "--mock-config", mocks, "--test-case", testCase, "--virtual-time"] + extra
    }

    @Test("A succeeded run prints the output on stdout and a status line on stderr; exit 0")
    func succeeded() async throws {
        let (status, io) = await sfnrun(mocked("Delivered", ["--input", #"{"who": "Ada"}"#]))
        #expect(status == .success)
        let output = try JSONValue(parsing: io.output)
        #expect(output == ["Message": "Hello, Ada!", "Sent": ["MessageId": "m-1"]])
        #expect(io.output.contains("\n  \"Message\""))  // pretty-printed
        #expect(io.error.hasPrefix("SUCCEEDED  greeting (3 states entered, 13s)"))
    }

    @Test("The test case's Input is used when no input is given")
    func testCaseInput() async throws {
        let (status, io) = await sfnrun(mocked("Delivered"))
        #expect(status == .success)
        #expect(try JSONValue(parsing: io.output)["Message"] == "Hello, world!")
    }

    @Test("A failed run prints error and cause on stderr, nothing on stdout; exit 1")
    func failed() async {
        let (status, io) = await sfnrun(mocked("Undeliverable"))
        #expect(status == .failure)
        #expect(io.output.isEmpty)
        #expect(io.errorLines.contains("error: SNS.NotFoundException"))
        #expect(io.errorLines.contains("cause: Topic does not exist"))
    }

    @Test("States.DataLimitExceeded keeps AWS's cause and adds a note with the size and the limit")
    func dataLimitNote() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-big-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let big = String(repeating: "x", count: 300_000)
        try Data(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "\#(big)", "End": true}}}"#.utf8).write(to: file)
        let (status, io) = await sfnrun(["start", file.path])
        #expect(status == .failure)
        #expect(io.errorLines.contains("cause: The state/task 'P' returned a result with a size exceeding the maximum number of bytes service limit."))
        #expect(io.errorLines.contains("note: the result is 300002 bytes of UTF-8 JSON; the limit is 262144 bytes"))
    }

    @Test("--quiet drops the status line but keeps the error")
    func quiet() async {
        let (status, io) = await sfnrun(mocked("Undeliverable", ["-q"]))
        #expect(status == .failure)
        #expect(!io.error.contains("FAILED"))
        #expect(io.error.contains("error: SNS.NotFoundException"))
    }

    @Test("On a terminal, one progress line per state entered and left, with retries; NO_COLOR disables colour")
    func progress() async {
        let io = CapturedTerminalIO(isErrorTerminal: true, environment: ["NO_COLOR": "1"])
        let (status, _) = await sfnrun(mocked("Delivered"), io: io)
        #expect(status == .success)
        let lines = io.errorLines
        #expect(lines.contains("  → Greet (Pass)"))
        #expect(lines.contains("  ← Pause (Wait) 10s"))
        #expect(lines.contains("  ! Send (Task) SNS.ThrottledException"))
        #expect(lines.contains("  ← Send (Task) 3s, 1 retry"))
        #expect(!io.error.contains("\u{1B}["))
    }

    @Test("A state left through a Catch says which error was caught")
    func caught() async throws {
        let definition = #"{"StartAt": "Send", "States": {"Send": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "End": true}, "Done": {"Type": "Succeed"}}}"#
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("greeting.json")
        try Data(definition.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let io = CapturedTerminalIO(isErrorTerminal: true, environment: ["NO_COLOR": "1"])
        let (status, _) = await sfnrun(["start", url.path, "--mock-config", mocks, "--test-case", "Undeliverable", "--virtual-time"], io: io)
        #expect(status == .success)
        #expect(io.errorLines.contains("  ← Send (Task) 0ms, caught SNS.NotFoundException"))
        #expect(io.errorLines.contains("  → Done (Succeed)"))
    }

    @Test("Colour is used on a terminal unless NO_COLOR is set; never when stderr is not a terminal")
    func colour() async {
        let tty = CapturedTerminalIO(isErrorTerminal: true)
        _ = await sfnrun(mocked("Delivered"), io: tty)
        #expect(tty.error.contains("\u{1B}[32mSUCCEEDED\u{1B}[0m"))
        let pipe = CapturedTerminalIO(isErrorTerminal: false)
        _ = await sfnrun(mocked("Delivered"), io: pipe)
        #expect(!pipe.error.contains("\u{1B}["))
        #expect(!pipe.error.contains("→"))
    }

    @Test("--output json prints a describe-execution document; --history adds the events")
    func json() async throws {
        let (status, io) = await sfnrun(
            mocked("Undeliverable", ["--output", "json", "--history", "--name", "run-1"]))
        #expect(status == .failure)
        let document = try JSONValue(parsing: io.output)
        #expect(document["status"] == "FAILED")
        #expect(document["error"] == "SNS.NotFoundException")
        #expect(document["cause"] == "Topic does not exist")
        #expect(document["executionArn"] == "arn:aws:states:us-east-1:123456789012:execution:greeting:run-1")
        #expect(document["output"] == nil)
        let types = document["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
        #expect(types.first == "ExecutionStarted")
        #expect(types.last == "ExecutionFailed")
        #expect(types.contains("TaskFailed"))
        #expect(io.error.isEmpty)
    }

    @Test("--type EXPRESS --output json prints a StartSyncExecution response")
    func express() async throws {
        let (status, io) = await sfnrun(
            mocked("Delivered", ["--type", "EXPRESS", "--output", "json", "--name", "run-1"]))
        #expect(status == .success)
        let document = try JSONValue(parsing: io.output)
        #expect(document["status"] == "SUCCEEDED")
        #expect(document["executionArn"]?.stringValue?.hasPrefix("arn:aws:states:us-east-1:123456789012:express:greeting:run-1:") == true)
        #expect(document["stateMachineArn"] == "arn:aws:states:us-east-1:123456789012:stateMachine:greeting")
        #expect(document["billingDetails"]?["billedMemoryUsedInMB"] == 64)
        // The machine waits 10 simulated seconds and retries once after 3: the bill covers them.
        #expect((document["billingDetails"]?["billedDurationInMilliseconds"]?.intValue ?? 0) >= 10_000)
        #expect(document["outputDetails"] == ["included": true])
    }

    @Test("--type EXPRESS stops a run after five minutes: TIMED_OUT, exit 1")
    func expressTimeout() async throws {
        let io = CapturedTerminalIO(input: #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}"#)
        let (status, _) = await sfnrun(["start", "-", "--type", "EXPRESS", "--virtual-time", "--output", "json"], io: io)
        #expect(status == .failure)
        let document = try JSONValue(parsing: io.output)
        #expect(document["status"] == "TIMED_OUT")
        #expect(document["error"] == "States.Timeout")
        #expect(document["billingDetails"]?["billedDurationInMilliseconds"] == 300_000)
    }

    @Test("--type EXPRESS refuses a definition Express cannot run; exit 2")
    func expressRefusal() async {
        let path = Fixtures.path("express-callback.json")
        let (status, io) = await sfnrun(["start", path, "--type", "EXPRESS"])
        #expect(status == .usage)
        #expect(io.errorLines.first?.hasSuffix("Express state machine does not support '.waitForTaskToken' service integration [SCHEMA_VALIDATION_FAILED]") == true)
    }

    @Test("--history in text mode lists the events on stdout before the output")
    func textHistory() async {
        let (_, io) = await sfnrun(mocked("Delivered", ["--history"]))
        let lines = io.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("    1  ExecutionStarted") == true)
        #expect(lines.contains { $0.contains("PassStateEntered") && $0.hasSuffix("  Greet") })
    }

    @Test(
        "SIGINT, SIGTERM and SIGHUP stop the execution: ABORTED, the cause names the signal, 128 + n, the watch is released",
        arguments: [
            (StopSignal.interrupt, ExitCode(rawValue: 130), "Interrupted by SIGINT (Ctrl-C)."),
            (.terminate, ExitCode(rawValue: 143), "Stopped by SIGTERM."),
            (.hangUp, ExitCode(rawValue: 129), "Stopped by SIGHUP (the terminal was closed)."),
        ] as [(StopSignal, ExitCode, String)])
    func stopSignals(signal: StopSignal, exitCode: ExitCode, cause: String) async throws {
        let io = CapturedTerminalIO(immediateSignal: signal)
        let (status, _) = await sfnrun(["start", Fixtures.path("forever.json"), "--output", "json", "--history"], io: io)
        #expect(status == exitCode)
        let document = try JSONValue(parsing: io.output)
        #expect(document["status"] == "ABORTED")
        #expect(document["cause"] == .string(cause))
        let last = document["events"]?.arrayValue?.last
        #expect(last?["type"] == "ExecutionAborted")
        #expect(last?["executionAbortedEventDetails"]?["cause"] == .string(cause))
        #expect(io.watches.opened == 1 && io.watches.cancelled == 1)
    }

    @Test("The definition and the input can come from standard input")
    func standardInput() async throws {
        let definition = try String(contentsOfFile: Fixtures.path("forever.json"), encoding: .utf8)
            .replacingOccurrences(of: "86400", with: "1")
        let fromStdin = CapturedTerminalIO(input: definition)
        let (status, io) = await sfnrun(["start", "-", "--input", "[1]", "--virtual-time", "-q"], io: fromStdin)
        #expect(status == .success)
        #expect(io.output == "[\n  1\n]\n")

        let inputFromStdin = CapturedTerminalIO(input: #"{"who": "stdin"}"#)
        let (status2, io2) = await sfnrun(mocked("Delivered", ["-"]), io: inputFromStdin)
        #expect(status2 == .success)
        #expect(try JSONValue(parsing: io2.output)["Message"] == "Hello, stdin!")
    }

    @Test("Invalid input JSON exits 2 with the line and column")
    func invalidInput() async {
        let (status, io) = await sfnrun(["start", greeting, "--input", "{\"who\": }"])
        #expect(status == .usage)
        #expect(io.error.hasPrefix("--input:1:9: error: invalid JSON"))
    }

    @Test("A definition that is not JSON exits 2 with file:line:column")
    func syntaxError() async {
        let path = Fixtures.path("broken-syntax.json")
        let (status, io) = await sfnrun(["start", path])
        #expect(status == .usage)
        #expect(io.error.hasPrefix("\(path):3:37: error: $: invalid JSON"))
    }

    @Test("An invalid definition exits 2 listing every problem; nothing runs")
    func invalidDefinition() async {
        let path = Fixtures.path("invalid.json")
        let (status, io) = await sfnrun(["start", path])
        #expect(status == .usage)
        #expect(io.errorLines.contains("\(path):7:50: error: States.First.Retry[0].BackoffRate: must be at least 1.0, got 0.5 [SCHEMA_VALIDATION_FAILED]"))
        #expect(io.errorLines.contains("\(path):8:7: error: States.First.Next: Missing 'Next' target: state \"Nowhere\" does not exist [MISSING_TRANSITION_TARGET]"))
        #expect(io.output.isEmpty)
    }

    @Test("Unreadable files exit 2 naming the file")
    func unreadable() async {
        let (status, io) = await sfnrun(["start", "/nonexistent/machine.json"])
        #expect(status == .usage)
        #expect(io.error == "error: cannot read '/nonexistent/machine.json': no such file\n")
        let (status2, io2) = await sfnrun(["start", greeting, "--input-file", "/nonexistent/input.json"])
        #expect(status2 == .usage)
        #expect(io2.error.contains("cannot read '/nonexistent/input.json'"))
    }

    @Test("Usage errors exit 2 with the usage line and a pointer to --help", arguments: [
        (["start"], "error: missing the definition file"),
        (["start", "a.json", "b.json"], "error: unexpected argument 'b.json' (only the definition file and '-' for the input are allowed)"),
        (["start", "a.json", "--input", "{}", "-"], "error: give the input only once: --input, --input-file or '-'"),
        (["start", "-", "-"], "error: only one of the definition, the input, the mock file and the substitutions can come from standard input"),
        (["start", "-", "--mock-config", "-", "--test-case", "A"], "error: only one of the definition, the input, the mock file and the substitutions can come from standard input"),
        (["start", "a.json", "--mock-config", "m.json"], "error: --mock-config needs --test-case <name>"),
        (["start", "a.json", "--test-case", "X"], "error: --test-case needs --mock-config <file>"),
        (["start", "a.json", "--start-time", "2026-01-01T00:00:00Z"], "error: --start-time needs --virtual-time"),
        (["start", "a.json", "--virtual-time", "--start-time", "noon"], "error: invalid value 'noon' for '--start-time' (expected a timestamp like 2026-01-31T12:00:00Z)"),
        (["start", "a.json", "--inptu", "{}"], "error: unknown option '--inptu' (did you mean '--input'?)"),
    ] as [([String], String)])
    func usage(arguments: [String], message: String) async {
        let (status, io) = await sfnrun(arguments)
        #expect(status == .usage)
        #expect(io.errorLines.first == message)
        #expect(io.errorLines.dropFirst().first?.hasPrefix("usage: sfnrun start <definition>") == true)
        #expect(io.errorLines.contains("See 'sfnrun start --help'."))
    }

    @Test("A test case missing from the mock file exits 2 naming the ones that exist")
    func unknownTestCase() async {
        let (status, io) = await sfnrun(mocked("Nope"))
        #expect(status == .usage)
        #expect(io.error.contains("state machine 'greeting' has no test case 'Nope' (it has: Delivered, Undeliverable"))
    }

    @Test("An invalid execution name exits 2")
    func invalidName() async {
        let (status, io) = await sfnrun(mocked("Delivered", ["--name", "has space"]))
        #expect(status == .usage)
        #expect(io.error.contains("Execution name 'has space' must be 1 to 80 characters"))
    }

    @Test("--start-time sets the virtual clock, seen in the dates of the result")
    func startTime() async throws {
        let (_, io) = await sfnrun(mocked("Delivered", ["--start-time", "2026-03-01T08:00:00Z", "--output", "json"]))
        let document = try JSONValue(parsing: io.output)
        #expect(document["startDate"] == "2026-03-01T08:00:00.000Z")
        #expect(document["stopDate"] == "2026-03-01T08:00:13.000Z")
    }
}

@Suite("Progress lines of Map iterations")
struct MapProgressTests {
    @Test("States inside a Map iteration are labelled with its index, nested iterations with both")
    func labels() async throws {
        let definition = """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.hosts", "MaxConcurrency": 0, "End": true,
              "ItemProcessor": {"StartAt": "Reboot", "States": {
                "Reboot": {"Type": "Pass", "Next": "Disks"},
                "Disks": {"Type": "Map", "ItemsPath": "$.disks", "End": true,
                  "ItemProcessor": {"StartAt": "Check", "States": {"Check": {"Type": "Pass", "End": true}}}}}}}}}
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("map-progress-\(UUID()).json")
        try Data(definition.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let io = CapturedTerminalIO(isErrorTerminal: true, environment: ["NO_COLOR": "1"])
        let input = #"{"hosts": [{"disks": [1]}, {"disks": [1, 2]}, {"disks": []}]}"#
        let (status, _) = await sfnrun(["start", url.path, "--input", input, "--virtual-time"], io: io)
        #expect(status == .success)
        let lines = io.errorLines
        #expect(lines.contains("  → Each (Map)"))
        for index in 0..<3 {
            #expect(lines.contains("  [\(index)] → Reboot (Pass)"))
            #expect(lines.contains { $0.hasPrefix("  [\(index)] ← Reboot (Pass)") })
        }
        #expect(lines.contains("  [0.0] → Check (Pass)"))
        #expect(lines.contains("  [1.1] → Check (Pass)"))
        #expect(!lines.contains { $0.hasPrefix("  [2.") })
        #expect(lines.contains { $0.hasPrefix("  ← Each (Map)") })
    }
}
