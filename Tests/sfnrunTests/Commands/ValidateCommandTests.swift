import StatesLanguage
import Testing

@testable import sfnrun

@Suite("sfnrun validate")
struct ValidateCommandTests {
    @Test("A valid definition prints 'FILE: OK' on stdout; exit 0")
    func valid() async {
        let path = Fixtures.path("greeting.asl.json")
        let (status, io) = await sfnrun(["validate", path])
        #expect(status == .success)
        #expect(io.output == "\(path): OK\n")
        #expect(io.error.isEmpty)
    }

    @Test("Warnings leave the definition valid: OK, exit 0")
    func warnings() async {
        let path = Fixtures.path("no-dollar.json")
        let (status, io) = await sfnrun(["validate", path])
        #expect(status == .success)
        #expect(io.output == "\(path): OK (1 warning)\n")
        #expect(io.error == "\(path):6:23: warning: States.Only.Parameters.orderId: '$.order.id' looks like a path or an intrinsic call, but 'orderId' does not end in '.$', so it is passed as a plain string [NO_DOLLAR]\n")
        let (errorsOnly, quiet) = await sfnrun(["validate", path, "--severity", "ERROR"])
        #expect(errorsOnly == .success)
        #expect(quiet.error.isEmpty)
        #expect(quiet.output == "\(path): OK\n")
    }

    @Test("Every problem is printed compiler-style with line, column and AWS's code; exit 2")
    func invalid() async {
        let path = Fixtures.path("invalid.json")
        let (status, io) = await sfnrun(["validate", path])
        #expect(status == .usage)
        #expect(io.output.isEmpty)
        #expect(io.errorLines == [
            "\(path):7:50: error: States.First.Retry[0].BackoffRate: must be at least 1.0, got 0.5 [SCHEMA_VALIDATION_FAILED]",
            "\(path):8:7: error: States.First.Next: Missing 'Next' target: state \"Nowhere\" does not exist [MISSING_TRANSITION_TARGET]",
            "\(path):10:5: error: States.Orphan: State \"Orphan\" is not reachable. [MISSING_TRANSITION_TARGET]",
            "",
        ])
    }

    @Test("--output json prints ValidateStateMachineDefinition's response: result, diagnostics, truncated")
    func json() async throws {
        let path = Fixtures.path("invalid.json")
        let (status, io) = await sfnrun(["validate", path, "--output", "json"])
        #expect(status == .usage)
        #expect(io.error.isEmpty)
        let document = try JSONValue(parsing: io.output)
        #expect(document["result"] == "FAIL")
        #expect(document["truncated"] == false)
        #expect(document["diagnostics"]?[0] == [
            "severity": "ERROR", "code": "SCHEMA_VALIDATION_FAILED", "message": "must be at least 1.0, got 0.5",
            "location": "/States/First/Retry/0/BackoffRate",
        ])
        #expect(document["diagnostics"]?.arrayValue?.compactMap { $0["location"]?.stringValue } == [
            "/States/First/Retry/0/BackoffRate", "/States/First/Next", "/States/Orphan",
        ])
        let (okStatus, ok) = await sfnrun(["validate", Fixtures.path("greeting.asl.json"), "--output", "json"])
        #expect(okStatus == .success)
        #expect(try JSONValue(parsing: ok.output) == ["result": "OK", "diagnostics": [], "truncated": false])
    }

    @Test("--max-results keeps the first problems and sets truncated")
    func truncated() async throws {
        let (_, io) = await sfnrun(["validate", Fixtures.path("invalid.json"), "--output", "json", "--max-results", "1"])
        let document = try JSONValue(parsing: io.output)
        #expect(document["diagnostics"]?.arrayValue?.count == 1)
        #expect(document["truncated"] == true)
        let (status, bad) = await sfnrun(["validate", Fixtures.path("invalid.json"), "--max-results", "101"])
        #expect(status == .usage)
        #expect(bad.errorLines.first == "error: invalid value '101' for '--max-results' (expected a number from 1 to 100)")
    }

    @Test("--type EXPRESS refuses what Express workflows cannot use")
    func express() async {
        let path = Fixtures.path("express-callback.json")
        let (standard, _) = await sfnrun(["validate", path])
        #expect(standard == .success)
        let (status, io) = await sfnrun(["validate", path, "--type", "EXPRESS"])
        #expect(status == .usage)
        #expect(io.errorLines.first == "\(path):6:7: error: States.Notify.Resource: Express state machine does not support '.waitForTaskToken' service integration [SCHEMA_VALIDATION_FAILED]")
    }

    @Test("Several files: each is reported; any failure makes the exit status 2")
    func several() async {
        let good = Fixtures.path("greeting.asl.json"), bad = Fixtures.path("broken-syntax.json")
        let (status, io) = await sfnrun(["validate", good, bad, "/nonexistent.json"])
        #expect(status == .usage)
        #expect(io.output == "\(good): OK\n")
        #expect(io.errorLines.contains { $0.hasPrefix("\(bad):3:37: error:") })
        #expect(io.errorLines.contains("error: cannot read '/nonexistent.json': no such file"))
    }

    @Test("--quiet prints only problems; '-' reads standard input")
    func quietAndStdin() async {
        let io = CapturedTerminalIO(input: #"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#)
        let (status, _) = await sfnrun(["validate", "-q", "-"], io: io)
        #expect(status == .success)
        #expect(io.output.isEmpty)
        let io2 = CapturedTerminalIO(input: #"{"StartAt": "B", "States": {"A": {"Type": "Succeed"}}}"#)
        let (status2, _) = await sfnrun(["validate", "-"], io: io2)
        #expect(status2 == .usage)
        #expect(io2.error.hasPrefix("<stdin>:1:"))
    }

    @Test("Colour marks 'error' and 'warning' on a terminal")
    func colour() async {
        let io = CapturedTerminalIO(isErrorTerminal: true)
        _ = await sfnrun(["validate", Fixtures.path("invalid.json"), Fixtures.path("no-dollar.json")], io: io)
        #expect(io.error.contains(": \u{1B}[31merror\u{1B}[0m: "))
        #expect(io.error.contains(": \u{1B}[33mwarning\u{1B}[0m: "))
    }

    @Test("No file is a usage error")
    func noFile() async {
        let (status, io) = await sfnrun(["validate"])
        #expect(status == .usage)
        #expect(io.errorLines.first == "error: missing the definition file")
    }
}
