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

    @Test("Unreachable states are warnings: still OK, exit 0")
    func warnings() async {
        let path = Fixtures.path("unreachable.json")
        let (status, io) = await sfnrun(["validate", path])
        #expect(status == .success)
        #expect(io.output == "\(path): OK (1 warning)\n")
        #expect(io.error == "\(path):5:5: warning: States.Forgotten: state \"Forgotten\" is unreachable from StartAt\n")
    }

    @Test("Every problem is printed compiler-style with line and column; exit 2")
    func invalid() async {
        let path = Fixtures.path("invalid.json")
        let (status, io) = await sfnrun(["validate", path])
        #expect(status == .usage)
        #expect(io.output.isEmpty)
        #expect(io.errorLines == [
            "\(path):7:50: error: States.First.Retry[0].BackoffRate: must be at least 1.0, got 0.5",
            "\(path):8:7: error: States.First.Next: state \"Nowhere\" does not exist",
            "\(path):10:5: warning: States.Orphan: state \"Orphan\" is unreachable from StartAt",
            "",
        ])
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
        _ = await sfnrun(["validate", Fixtures.path("invalid.json")], io: io)
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
