import Foundation
import StatesLanguage
import Testing

@testable import sfnrun

/// Definitions in YAML and `${…}` placeholders, through `start`, `validate` and `test`.
@Suite("sfnrun with YAML definitions and substitutions")
struct YAMLCommandTests {
    static let sam = Fixtures.runbook("sam/patch-report.asl.yaml")
    static let substitutions = Fixtures.runbook("sam/substitutions.yaml")
    static let mocks = Fixtures.runbook("mocks/patch-report.mock.json")

    @Test("validate prints every problem as file:line:column inside the YAML file; exit 2")
    func invalidYAML() async {
        let path = Fixtures.path("invalid.asl.yaml")
        let (status, io) = await sfnrun(["validate", path])
        #expect(status == .usage)
        #expect(io.errorLines == [
            "\(path):9:9: error: States.First.Retry[0].BackoffRate: must be at least 1.0, got 0.5 [SCHEMA_VALIDATION_FAILED]",
            "\(path):10:5: error: States.First.Next: Missing 'Next' target: state \"Nowhere\" does not exist [MISSING_TRANSITION_TARGET]",
            "\(path):11:3: error: States.Orphan: State \"Orphan\" is not reachable. [MISSING_TRANSITION_TARGET]",
            "",
        ])
    }

    @Test("A YAML syntax error, or YAML outside the subset, is reported at its position")
    func syntax() async {
        let io = CapturedTerminalIO(input: "StartAt: A\nStates:\n  A:\n    Type: Pass\n   End: true\n")
        let (status, _) = await sfnrun(["validate", "-"], io: io)
        #expect(status == .usage)
        #expect(io.error.hasPrefix("<stdin>:5:4: error: $: invalid YAML: "))
        let tagged = CapturedTerminalIO(input: "StartAt: !Ref First\n")
        _ = await sfnrun(["validate", "-"], io: tagged)
        #expect(tagged.error.hasPrefix("<stdin>:1:10: error: $: unsupported YAML: tags"))
    }

    @Test("Placeholders left in a Resource are errors at their own line and column, with a hint")
    func unfilledResource() async {
        let (status, io) = await sfnrun(["validate", Self.sam, "--substitute", "MaxPatches=50", "--substitute", "ThrottleRetries=3"])
        #expect(status == .usage)
        #expect(io.errorLines == [
            "\(Self.sam):9:19: error: States.GetMissingPatches.Resource: the placeholder ${Partition} has no substitution value; a Resource must name a real resource [INVALID_RESOURCE]",
            "\(Self.sam):37:19: error: States.PublishReport.Resource: the placeholder ${Partition} has no substitution value; a Resource must name a real resource [INVALID_RESOURCE]",
            "\(Self.sam):51:19: error: States.PublishUpToDate.Resource: the placeholder ${Partition} has no substitution value; a Resource must name a real resource [INVALID_RESOURCE]",
            "note: give placeholder values with --substitute NAME=VALUE or --substitutions FILE",
            "",
        ])
    }

    @Test("With --substitutions the SAM runbook is valid; one left out elsewhere is a warning")
    func substitutionsFile() async {
        let (status, io) = await sfnrun(["validate", Self.sam, "--substitutions", Self.substitutions])
        #expect(status == .success)
        #expect(io.output == "\(Self.sam): OK\n")
        #expect(io.error.isEmpty)
        let (partial, io2) = await sfnrun(["validate", Self.sam, "--substitute", "Partition=aws", "--substitute", "ThrottleRetries=3"])
        #expect(partial == .success)
        #expect(io2.output == "\(Self.sam): OK (1 warning)\n")
        #expect(io2.errorLines == [
            "\(Self.sam):15:19: warning: States.GetMissingPatches.Parameters.MaxResults: the placeholder ${MaxPatches} has no substitution value; it stays as written [UNFILLED_PLACEHOLDER]",
            "note: give placeholder values with --substitute NAME=VALUE or --substitutions FILE",
            "",
        ])
    }

    @Test("--substitute wins over the file; a value that is not NAME=VALUE is a usage error")
    func precedenceAndUsage() async {
        let (status, io) = await sfnrun([
            "validate", Self.sam, "--substitutions", Self.substitutions, "--substitute", "ThrottleRetries=many",
        ])
        #expect(status == .usage)
        #expect(io.errorLines.first == "\(Self.sam):23:9: error: States.GetMissingPatches.Retry[0].MaxAttempts: must be an integer, got \"many\" [SCHEMA_VALIDATION_FAILED]")
        for bad in ["Partition", "=aws", "{x}=1"] {
            let (usage, io) = await sfnrun(["validate", Self.sam, "--substitute", bad])
            #expect(usage == .usage)
            #expect(io.errorLines.first?.hasPrefix("error: invalid value '\(bad)' for '--substitute' (expected NAME=VALUE") == true)
        }
    }

    @Test("A broken substitutions file is reported with its own line and column")
    func brokenSubstitutionsFile() async {
        let io = CapturedTerminalIO(input: "Partition: aws\nMaxPatches: [50]\n")
        let (status, _) = await sfnrun(["validate", Self.sam, "--substitutions", "-"], io: io)
        #expect(status == .usage)
        #expect(io.errorLines.first == "<stdin>:2:1: error: MaxPatches: must be a string, a number or a boolean, got array")
        let (conflict, io2) = await sfnrun(["validate", "-", "--substitutions", "-"])
        #expect(conflict == .usage)
        #expect(io2.errorLines.first == "error: only one file can come from standard input")
    }

    @Test("test runs the SAM runbook's mock test cases like its JSON twin")
    func testCommand() async {
        let (status, io) = await sfnrun(["test", Self.sam, "--substitutions", Self.substitutions, "--mock-config", Self.mocks])
        #expect(status == .success)
        #expect(io.output.hasSuffix("patch-report: 5 passed, 0 failed (5 test cases)\n"))
        #expect(io.error.isEmpty)
    }

    @Test("start gives the same output and history for the YAML runbook as for the JSON one")
    func startTwins() async throws {
        var outputs: [JSONValue] = []
        for definition in [[Self.sam, "--substitutions", Self.substitutions], [Fixtures.runbook("patch-report.json")]] {
            let (status, io) = await sfnrun(
                ["start"] + definition + [
                    "--mock-config", Self.mocks, "--test-case", "TwoPatchesMissing", "--name", "twin", "--virtual-time",
                    "--start-time", "2026-01-01T00:00:00Z", "--output", "json", "--history",
                ])
            #expect(status == .success)
            outputs.append(try JSONValue(parsing: io.output))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0]["status"] == "SUCCEEDED")
    }

    @Test("graph and report read YAML with substitutions too; start --remote has no definition to fill")
    func otherCommands() async {
        let (status, io) = await sfnrun(["graph", Self.sam, "--substitutions", Self.substitutions, "--format", "text"])
        #expect(status == .success, "\(io.error)")
        #expect(io.output.contains("GetMissingPatches"))
        let (unfilled, io2) = await sfnrun(["graph", Self.sam, "--format", "text"])
        #expect(unfilled == .usage)
        #expect(io2.errorLines.last(where: { !$0.isEmpty })?.hasPrefix("note: give placeholder values") == true)
        let (remote, io3) = await sfnrun(["start", "--remote", "m", "--substitute", "A=1"])
        #expect(remote == .usage)
        #expect(io3.error.hasPrefix("error: --substitute is for local runs"))
    }

    @Test("--state-machine-dir runs children defined in .asl.yaml files, leaving other YAML files alone")
    func yamlChild() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-yaml-children-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("StartAt: D\nStates:\n  D:\n    Type: Pass\n    Parameters: {twice.$: 'States.MathAdd($.n, $.n)'}\n    End: true\n".utf8)
            .write(to: folder.appendingPathComponent("child.asl.yaml"))
        try Data("Partition: aws\n".utf8).write(to: folder.appendingPathComponent("substitutions.yaml"))
        let parent = folder.appendingPathComponent("parent.yaml")
        try Data(
            """
            StartAt: Run
            States:
              Run:
                Type: Task
                Resource: arn:aws:states:::states:startExecution.sync:2
                Parameters:
                  StateMachineArn: arn:aws:states:us-east-1:123456789012:stateMachine:child
                  Input: {n.$: $.n}
                OutputPath: $.Output
                End: true
            """.utf8
        ).write(to: parent)
        let (status, io) = await sfnrun(["start", parent.path, "--state-machine-dir", folder.path, "--input", #"{"n": 5}"#, "--quiet"])
        #expect(status == .success, "\(io.error)")
        #expect(try JSONValue(parsing: io.output) == ["twice": 10])
    }
}
