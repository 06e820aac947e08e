import Foundation
import StatesLanguage
import StatesLanguageAWS
import Testing

@testable import sfnrun

/// `sfnrun deploy` of YAML definitions and of definitions with `${…}` placeholders.
@Suite("sfnrun deploy of YAML and SAM definitions")
struct DeployYAMLTests {
    static let sam = Fixtures.runbook("sam/patch-report.asl.yaml")
    static let substitutions = Fixtures.runbook("sam/substitutions.yaml")

    /// Deploys with a stub AWS that knows no state machine; returns the status and the `definition` sent.
    static func deploy(_ arguments: [String]) async throws -> (ExitCode, String?, CapturedTerminalIO) {
        let sent = RequestLog()
        let transport = ClosureHTTPClient { request in
            switch request.headerValue(named: "X-Amz-Target") {
            case nil:
                return HTTPResponse(
                    statusCode: 200,
                    body: Array(
                        "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"
                            .utf8))
            case "AWSStepFunctions.DescribeStateMachine":
                let error: JSONValue = ["__type": "com.amazonaws.swf.service.v2.model#StateMachineDoesNotExist", "message": "none"]
                return HTTPResponse(statusCode: 400, body: error.jsonBytes())
            default:
                let body = try JSONValue(parsing: request.body)
                sent.append(body["definition"]?.stringValue ?? "")
                let arn: JSONValue = ["stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:patch-report"]
                return HTTPResponse(statusCode: 200, body: arn.jsonBytes())
            }
        }
        var command = try DeployCommand(
            arguments: arguments + ["--role-arn", "arn:aws:iam::123456789012:role/r", "--region", "us-east-1"])
        command.aws.httpClient = transport
        let io = CapturedTerminalIO(environment: ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s", "HOME": "/nonexistent"])
        let status = await command.run(io: io)
        return (status, sent.all.first, io)
    }

    @Test("A SAM YAML definition is sent as the JSON it stands for, placeholders filled")
    func yamlAsJSON() async throws {
        let (status, definition, io) = try await Self.deploy([Self.sam, "--substitutions", Self.substitutions])
        #expect(status == .success, "\(io.error)")
        let twin = try JSONValue(parsing: String(contentsOfFile: Fixtures.runbook("patch-report.json"), encoding: .utf8))
        #expect(try JSONValue(parsing: try #require(definition)) == twin)
    }

    @Test("A JSON definition keeps its own text, with only the placeholders replaced")
    func jsonKeepsLayout() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("deploy-\(UUID().uuidString).asl.json")
        defer { try? FileManager.default.removeItem(at: file) }
        let text = """
            {
              "StartAt": "Done",
              "States": {"Done": {"Type": "Pass", "Result": "${Stage}", "End": true}}
            }
            """
        try Data(text.utf8).write(to: file)
        let (status, definition, io) = try await Self.deploy([file.path, "--substitute", "Stage=prod"])
        #expect(status == .success, "\(io.error)")
        #expect(definition == text.replacingOccurrences(of: "${Stage}", with: "prod"))
    }

    @Test("Without its substitutions a SAM definition is refused before anything is sent")
    func unfilled() async throws {
        let (status, definition, io) = try await Self.deploy([Self.sam])
        #expect(status == .usage)
        #expect(definition == nil)
        #expect(io.errorLines.first?.hasPrefix("\(Self.sam):9:19: error: States.GetMissingPatches.Resource: the placeholder ${Partition}") == true)
    }
}
