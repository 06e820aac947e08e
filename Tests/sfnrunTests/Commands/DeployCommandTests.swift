import Foundation
import StatesLanguage
import Testing

@testable import sfnrun

@Suite("sfnrun deploy: refused locally")
struct DeployRefusalTests {
    static let role = "arn:aws:iam::123456789012:role/sfn-exec"

    @Test(
        "Usage errors",
        arguments: [
            (["deploy", "m.json"], "error: missing --role-arn <arn>"),
            (["deploy", "-", "--role-arn", role], "error: --name is needed when the definition comes from standard input"),
            (["deploy", "--role-arn", role], "error: missing the definition file"),
            (["deploy", "m.json", "--role-arn", role, "--alias", "prod"], "error: --alias needs --publish"),
            (["deploy", "m.json", "--role-arn", role, "--description", "v2"], "error: --description needs --publish"),
            (["deploy", "m.json", "--role-arn", role, "--tags", "team"], "error: invalid tag 'team' in --tags"),
            (["deploy", "m.json", "--role-arn", role, "--tags", "a=1,a=2"], "error: the tag 'a' is given twice"),
            (["deploy", "m.json", "--role-arn", role, "--type", "express"], "error: invalid value 'express' for '--type'"),
            (["deploy", "m.json", "--role-arn", role, "--endpoint-url", "localhost"], "error: invalid value 'localhost'"),
        ] as [([String], String)])
    func usage(arguments: [String], message: String) async {
        let (status, io) = await sfnrun(arguments)
        #expect(status == .usage)
        #expect(io.error.hasPrefix(message), "\(io.error)")
        #expect(io.error.contains("See 'sfnrun deploy --help'."))
    }

    @Test("A bad role ARN is refused before any AWS configuration is read or call made")
    func badRole() async {
        // No credentials or region in this terminal's environment: reaching AWS would fail differently.
        let io = CapturedTerminalIO(environment: ["HOME": "/nonexistent"])
        let (status, _) = await sfnrun(
            ["deploy", Fixtures.path("remote-greeter.asl.json"), "--role-arn", "arn:aws:iam::123:role/x"], io: io)
        #expect(status == .usage)
        #expect(
            io.errorLines.prefix(2) == [
                "error: 'arn:aws:iam::123:role/x' is not an IAM role ARN (expected arn:aws:iam::123456789012:role/<name>)",
                "nothing was deployed",
            ])
        #expect(io.output.isEmpty)
    }

    @Test("An invalid definition is refused with its diagnostics; nothing is sent")
    func invalidDefinition() async {
        let io = CapturedTerminalIO(environment: ["HOME": "/nonexistent"])
        let path = Fixtures.path("invalid.json")
        let (status, _) = await sfnrun(["deploy", path, "--role-arn", Self.role], io: io)
        #expect(status == .usage)
        #expect(io.error.contains("\(path):"))
        #expect(io.error.contains(": error: "))
        #expect(!io.error.contains("AWS configuration"))
    }

    @Test("--type EXPRESS refuses what Express cannot run before anything is sent")
    func expressRefusal() async {
        let io = CapturedTerminalIO(environment: ["HOME": "/nonexistent"])
        let path = Fixtures.path("express-callback.json")
        let (status, _) = await sfnrun(["deploy", path, "--role-arn", Self.role, "--type", "EXPRESS"], io: io)
        #expect(status == .usage)
        #expect(io.error.contains("Express state machine does not support '.waitForTaskToken' service integration"))
        #expect(!io.error.contains("AWS configuration"))
    }

    @Test("A Task Step Functions would reject (unknown action, unknown field) is refused; nothing is sent")
    func awsProblems() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("deploy-\(UUID().uuidString).json")
        try Data(
            #"""
            {"StartAt": "Reboot", "States": {"Reboot": {"Type": "Task",
              "Resource": "arn:aws:states:::aws-sdk:ec2:rebootInstance", "Parameters": {"InstanceIds": ["i-1"]}, "End": true}}}
            """#.utf8
        ).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let io = CapturedTerminalIO(environment: ["HOME": "/nonexistent"])
        let (status, _) = await sfnrun(["deploy", file.path, "--role-arn", Self.role], io: io)
        #expect(status == .usage)
        #expect(io.error.contains("\(file.path): error: States.Reboot"))
        #expect(io.errorLines.contains("nothing was deployed"))
    }

    @Test("Without credentials the configuration error is reported; exit 2")
    func noCredentials() async {
        let io = CapturedTerminalIO(environment: ["HOME": "/nonexistent", "AWS_REGION": "eu-west-1"])
        let (status, _) = await sfnrun(
            ["deploy", Fixtures.path("remote-greeter.asl.json"), "--role-arn", Self.role], io: io)
        #expect(status == .usage)
        #expect(io.error.hasPrefix("error: AWS configuration: "), "\(io.error)")
    }
}

@Suite("sfnrun deploy against moto", .enabled(if: MotoStepFunctions.isAvailable, MotoStepFunctions.skipMessage))
struct DeployCommandMotoTests {
    let definition = Fixtures.path("remote-greeter.asl.json")

    @Test("Creates, then updates; --publish and --alias print the version and alias ARNs")
    func createsThenUpdates() async throws {
        let name = MotoStepFunctions.unique("greeter")
        let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:\(name)"
        let (created, first) = try await MotoStepFunctions.deploy(definition, name: name, ["--tags", "team=ops"])
        #expect(created == .success, "\(first.error)")
        #expect(first.output == arn + "\n")
        #expect(first.errorLines.first == "created state machine \(name) (STANDARD)")

        let (updated, second) = try await MotoStepFunctions.deploy(
            definition, name: name, ["--publish", "--description", "second", "--alias", "live"])
        #expect(updated == .success, "\(second.error)")
        #expect(second.output == [arn, arn + ":1", arn + ":live"].map { $0 + "\n" }.joined())
        #expect(
            second.errorLines.prefix(3) == [
                "updated state machine \(name) (STANDARD)", "published version 1",
                "created alias live, routing all executions to version 1",
            ])

        let (again, third) = try await MotoStepFunctions.deploy(
            definition, name: name, ["--publish", "--alias", "live", "--output", "json", "-q"])
        #expect(again == .success)
        #expect(
            try JSONValue(parsing: third.output) == [
                "stateMachineArn": .string(arn), "change": "updated", "stateMachineVersionArn": .string(arn + ":2"),
                "stateMachineAliasArn": .string(arn + ":live"), "aliasChange": "updated",
            ])
        #expect(third.error.isEmpty)
    }

    @Test("The name defaults to the file's; a type change of an existing state machine is refused")
    func typeChange() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let name = MotoStepFunctions.unique("typed")
        let file = directory.appendingPathComponent("\(name).asl.json")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: definition), to: file)
        let io = MotoStepFunctions.terminal()
        let endpoint = try await MotoStepFunctions.endpointArguments()
        let created = await SFNRun.run(
            arguments: ["deploy", file.path, "--role-arn", MotoStepFunctions.role] + endpoint, io: io)
        #expect(created == .success)
        #expect(io.output.hasSuffix(":stateMachine:\(name)\n"))

        let express = MotoStepFunctions.terminal()
        let refused = await SFNRun.run(
            arguments: ["deploy", file.path, "--role-arn", MotoStepFunctions.role, "--type", "EXPRESS"] + endpoint,
            io: express)
        #expect(refused == .usage)
        #expect(express.error.contains("is STANDARD; a state machine's type cannot change"), "\(express.error)")
    }
}
