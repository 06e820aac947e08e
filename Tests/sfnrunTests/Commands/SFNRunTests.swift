import Testing

@testable import sfnrun

@Suite("sfnrun entry point")
struct SFNRunTests {
    @Test("--help, -h and 'help' print the overview on stdout; exit 0", arguments: [["--help"], ["-h"], ["help"]])
    func overview(arguments: [String]) async {
        let (status, io) = await sfnrun(arguments)
        #expect(status == .success)
        #expect(io.output == SFNRun.overview)
        #expect(io.error.isEmpty)
    }

    @Test("'help COMMAND', 'COMMAND --help' and 'COMMAND -h' print the command's help", arguments: ["start", "validate", "test"])
    func commandHelp(name: String) async {
        let expected = SFNRun.commands.first { $0.help.name == name }!.help.text
        for arguments in [["help", name], [name, "--help"], [name, "-h"], [name, "x.json", "--bogus", "--help"]] {
            let (status, io) = await sfnrun(arguments)
            #expect(status == .success)
            #expect(io.output == expected)
        }
    }

    @Test("--version prints the version")
    func version() async {
        let (status, io) = await sfnrun(["--version"])
        #expect(status == .success)
        #expect(io.output == "sfnrun \(SFNRun.version)\n")
    }

    @Test("No arguments: the overview on stderr, exit 2")
    func noArguments() async {
        let (status, io) = await sfnrun([])
        #expect(status == .usage)
        #expect(io.output.isEmpty)
        #expect(io.error == SFNRun.overview)
    }

    @Test("Unknown commands and options exit 2 with a suggestion", arguments: [
        (["strat", "x.json"], "error: unknown command 'strat' (did you mean 'start'?)"),
        (["frobnicate"], "error: unknown command 'frobnicate'"),
        (["--verison"], "error: unknown option '--verison' (did you mean '--version'?)"),
        (["help", "tset"], "error: unknown command 'tset' (did you mean 'test'?)"),
        (["help", "start", "extra"], "error: unexpected argument 'extra'"),
    ] as [([String], String)])
    func unknown(arguments: [String], message: String) async {
        let (status, io) = await sfnrun(arguments)
        #expect(status == .usage)
        #expect(io.errorLines.first == message)
    }
}
