import Foundation
import MotoSupport
import StatesLanguage
import Testing

@testable import sfnrun

/// A moto server whose Step Functions run their definitions, for `deploy` and `start --remote`.
enum MotoStepFunctions {
    static let isAvailable = MotoLauncher.isAvailable
    static let skipMessage = Comment(rawValue: MotoLauncher.skipMessage)

    /// The server; the first caller starts it.
    static let server = Task<MotoLauncher.Server, any Error> {
        try await MotoLauncher.start(arguments: ["--execute-state-machines"])
    }

    /// `--endpoint-url <server> --region us-east-1`.
    static func endpointArguments() async throws -> [String] {
        ["--endpoint-url", try await server.value.url.absoluteString, "--region", "us-east-1"]
    }

    /// A terminal whose environment holds dummy credentials and no AWS files.
    static func terminal(isErrorTerminal: Bool = false, interruptsImmediately: Bool = false) -> CapturedTerminalIO {
        CapturedTerminalIO(
            isErrorTerminal: isErrorTerminal,
            environment: [
                "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "HOME": "/nonexistent",
                "NO_COLOR": "1",
            ],
            interruptsImmediately: interruptsImmediately)
    }

    static let role = "arn:aws:iam::123456789012:role/sfn-exec"

    /// A name no other test uses.
    static func unique(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())" }

    /// Deploys a definition file under `name` and returns the exit status and terminal.
    static func deploy(_ path: String, name: String, _ extra: [String] = []) async throws -> (ExitCode, CapturedTerminalIO) {
        let io = terminal()
        let status = await SFNRun.run(
            arguments: ["deploy", path, "--name", name, "--role-arn", role] + (try await endpointArguments()) + extra,
            io: io)
        return (status, io)
    }

    /// Runs `start --remote` in-process, polling on a virtual clock (moto's executions run in real time).
    static func startRemote(_ target: String, _ extra: [String] = [], io: CapturedTerminalIO = terminal()) async throws
        -> (ExitCode, CapturedTerminalIO)
    {
        var command = try StartCommand(arguments: ["--remote", target] + (try await endpointArguments()) + extra)
        command.pollingClock = VirtualClock()
        let status = await command.run(io: io)
        return (status, io)
    }
}
