import Testing

@testable import sfnrun

/// Output compared with files in Fixtures/Golden; `SFNRUN_RECORD=1 swift test` re-records them (and fails).
@Suite("Golden output")
struct GoldenTests {
    @Test("Help texts", arguments: [
        (["--help"], "help-overview.txt"), (["start", "--help"], "help-start.txt"),
        (["validate", "--help"], "help-validate.txt"), (["test", "--help"], "help-test.txt"),
        (["deploy", "--help"], "help-deploy.txt"), (["graph", "--help"], "help-graph.txt"),
        (["report", "--help"], "help-report.txt"),
    ] as [([String], String)])
    func help(arguments: [String], golden: String) async {
        let (_, io) = await sfnrun(arguments)
        Fixtures.expectGolden(io.output, named: golden)
    }

    @Test("validate --output json: ValidateStateMachineDefinition's response")
    func validateJSON() async {
        let (_, io) = await sfnrun(["validate", Fixtures.path("invalid.json"), "--output", "json"])
        Fixtures.expectGolden(io.output, named: "validate-invalid.json")
    }

    @Test("sfnrun graph: DOT, Mermaid and outline of every runbook", arguments: Fixtures.runbookNames)
    func graph(name: String) async {
        for (format, suffix) in [("dot", "dot"), ("mermaid", "mmd"), ("text", "txt")] {
            let (status, io) = await sfnrun(["graph", Fixtures.runbook("\(name).json"), "--format", format])
            #expect(status == .success)
            Fixtures.expectGolden(io.output, named: "graph/\(name).\(suffix)")
        }
    }

    @Test("--output json of a succeeded run, with history")
    func jsonSucceeded() async {
        let (_, io) = await sfnrun([
            "start", Fixtures.path("greeting.asl.json"), "--mock-config", Fixtures.path("greeting.mock.json"),
            "--test-case", "Delivered", "--name", "golden", "--virtual-time", "--start-time", "2026-01-01T00:00:00Z",
            "--output", "json", "--history",
        ])
        Fixtures.expectGolden(io.output, named: "start-succeeded.json")
    }

    @Test("--output json of a failed run")
    func jsonFailed() async {
        let (_, io) = await sfnrun([
            "start", Fixtures.path("greeting.asl.json"), "--mock-config", Fixtures.path("greeting.mock.json"),
            "--test-case", "Undeliverable", "--name", "golden", "--virtual-time", "--start-time",
            "2026-01-01T00:00:00Z", "--output", "json",
        ])
        Fixtures.expectGolden(io.output, named: "start-failed.json")
    }
}
