import Foundation
import MotoSupport
import StatesLanguage
import StatesLanguageAWS
import Testing

/// The moto servers the integration tests share (``MotoLauncher``), started on first use.
enum MotoServer {
    static let repositoryRoot = MotoLauncher.repositoryRoot

    /// Whether `python3 -c 'import moto.server'` succeeds.
    static var isAvailable: Bool { MotoLauncher.isAvailable }

    static let skipMessage = Comment(rawValue: MotoLauncher.skipMessage)

    /// The running server's endpoint; the first caller starts it.
    static let shared = Task<MotoLauncher.Server, any Error> { try await MotoLauncher.start() }

    /// A second server whose Step Functions run their definitions (moto's
    /// `execute_state_machine`), for following executions; the first caller starts it.
    static let executing = Task<MotoLauncher.Server, any Error> {
        try await MotoLauncher.start(arguments: ["--execute-state-machines"])
    }

    /// A configuration that sends every service to the moto server with dummy credentials.
    static func configuration() async throws -> AWSConfiguration {
        try await configuration(of: shared)
    }

    /// A configuration for one of the servers.
    static func configuration(of server: Task<MotoLauncher.Server, any Error>) async throws -> AWSConfiguration {
        let url = try await server.value.url
        return AWSConfiguration(
            region: "us-east-1", credentials: AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"),
            endpointURL: url)
    }
}

extension MotoServer {
    /// A runbook from StateMachines/, compiled.
    static func runbook(_ name: String) throws -> StateMachine {
        let file = repositoryRoot.appendingPathComponent("StateMachines/\(name).json")
        return try StateMachine(parsing: try String(contentsOf: file, encoding: .utf8))
    }

    /// Runs a runbook against the shared server with every AWS task real.
    static func run(_ name: String, input: JSONValue, executionName: String? = nil) async throws -> ExecutionResult {
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(try await configuration())
        return await Executor(registry: registry).run(try runbook(name), input: input, name: executionName)
    }

    /// Creates an IAM role in moto and returns its ARN; Lambda in moto only accepts roles that exist.
    static func createRole(named name: String) async throws -> String {
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        let created = try await AWSClient(configuration: try await configuration()).call(
            service: "iam", action: "createRole",
            parameters: ["RoleName": .string(name), "AssumeRolePolicyDocument": .string(policy)])
        return try #require(created["Role"]?["Arn"]?.stringValue)
    }
}
