import Foundation

/// Starts moto servers (`scripts/aws/moto-server.py`) on free ports of 127.0.0.1 for the test suites
/// that talk to AWS APIs.
///
/// A server stops by itself when the test process exits: the launcher serves only while its
/// standard input, a pipe held by the returned value, stays open.
public enum MotoLauncher {
    /// The package's root folder.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Whether `python3 -c 'import moto.server'` succeeds.
    public static let isAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import moto.server"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }()

    /// Why suites that need moto are skipped.
    public static let skipMessage =
        "moto is not installed (python3 -c 'import moto.server' fails): run scripts/aws/ensure-moto.sh"

    /// A running server: its address and the pipe whose open write end keeps it serving.
    // Immutable after init; Pipe is a Foundation class not marked Sendable on every platform.
    public final class Server: @unchecked Sendable {
        /// `http://127.0.0.1:<port>`.
        public let url: URL
        let keepAlive: Pipe
        init(url: URL, keepAlive: Pipe) {
            self.url = url
            self.keepAlive = keepAlive
        }
    }

    /// Why a server did not start.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts a server with the launcher's extra `arguments` (`--execute-state-machines`).
    public static func start(arguments: [String] = []) async throws -> Server {
        let portFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("moto-port-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", repositoryRoot.appendingPathComponent("scripts/aws/moto-server.py").path,
                "--port-file", portFile.path, "--until-stdin-closes",
            ] + arguments
        let keepAlive = Pipe()
        process.standardInput = keepAlive
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<600 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) {
                try? FileManager.default.removeItem(at: portFile)
                return Server(url: URL(string: "http://127.0.0.1:\(port)")!, keepAlive: keepAlive)
            }
            guard process.isRunning else {
                throw StartError(description: "moto server exited with \(process.terminationStatus)")
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        process.terminate()
        throw StartError(description: "moto server did not start within 60 seconds")
    }
}
