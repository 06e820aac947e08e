import Testing

@testable import sfnrun

/// Every runbook in StateMachines/ passes `sfnrun validate` and all of its mock test cases under `sfnrun test`.
@Suite("Runbooks through the CLI")
struct RunbookCommandTests {
    static let names = [
        "rolling-restart", "patch-report", "auto-snapshot", "nightly-cleanup", "alarm-remediation",
        "ecs-refresh-freeze-window",
    ]

    @Test("sfnrun validate: OK without warnings", arguments: names)
    func validate(name: String) async {
        let path = Fixtures.runbook("\(name).json")
        let (status, io) = await sfnrun(["validate", path])
        #expect(status == .success)
        #expect(io.output == "\(path): OK\n")
        #expect(io.error.isEmpty)
    }

    @Test("sfnrun test --all: every case passes", arguments: names)
    func test(name: String) async {
        let (status, io) = await sfnrun([
            "test", Fixtures.runbook("\(name).json"), "--mock-config", Fixtures.runbook("mocks/\(name).mock.json"), "--all",
        ])
        #expect(status == .success, "\(io.output)")
        #expect(io.output.contains("\(name): ") && io.output.contains(" passed, 0 failed"))
        #expect(!io.output.split(separator: "\n").contains { $0.hasPrefix("FAIL  ") })
    }
}
