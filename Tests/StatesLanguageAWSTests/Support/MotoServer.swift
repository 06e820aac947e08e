import Foundation
import StatesLanguageAWS
import Testing

/// A moto server (`scripts/aws/moto-server.py`) on 127.0.0.1, shared by the integration tests.
///
/// Started on first use; it stops by itself when this test process exits, because the
/// launcher serves only while its standard input (a pipe held by this process) stays open.
enum MotoServer {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Whether `python3 -c 'import moto.server'` succeeds.
    static let isAvailable: Bool = {
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

    static let skipMessage: Comment =
        "moto is not installed (python3 -c 'import moto.server' fails): run scripts/aws/ensure-moto.sh"

    /// The running server's endpoint; the first caller starts it.
    static let shared = Task<RunningServer, any Error> { try await start() }

    /// The server's address and the pipe whose open write end keeps it serving.
    // Immutable after init; Pipe is a Foundation class not marked Sendable on every platform.
    final class RunningServer: @unchecked Sendable {
        let url: URL
        let keepAlive: Pipe
        init(url: URL, keepAlive: Pipe) {
            self.url = url
            self.keepAlive = keepAlive
        }
    }

    /// A configuration that sends every service to the moto server with dummy credentials.
    static func configuration() async throws -> AWSConfiguration {
        let url = try await shared.value.url
        return AWSConfiguration(
            region: "us-east-1", credentials: AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"),
            endpointURL: url)
    }

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    private static func start() async throws -> RunningServer {
        let portFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("moto-port-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", repositoryRoot.appendingPathComponent("scripts/aws/moto-server.py").path,
            "--port-file", portFile.path, "--until-stdin-closes",
        ]
        let keepAlive = Pipe()
        process.standardInput = keepAlive
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<600 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) {
                try? FileManager.default.removeItem(at: portFile)
                return RunningServer(url: URL(string: "http://127.0.0.1:\(port)")!, keepAlive: keepAlive)
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

extension MotoServer {
    /// Creates an IAM role in moto (IAM has no model here, so the query request is written by hand)
    /// and returns its ARN; Lambda in moto only accepts roles that exist.
    static func createRole(named name: String) async throws -> String {
        let configuration = try await configuration()
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        let form =
            "Action=CreateRole&Version=2010-05-08&RoleName=\(name)&AssumeRolePolicyDocument="
            + (policy.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        let url = try #require(configuration.endpointURL)
        var parts = HTTPRequestParts(
            method: "POST", url: url, headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(form.utf8))
        SigV4Signer(credentials: configuration.credentials, region: "us-east-1", service: "iam").sign(
            &parts, date: Date())
        let response = try await URLSessionHTTPClient().send(
            HTTPRequest(method: "POST", url: url, headers: parts.headers, body: parts.body))
        return "arn:aws:iam::123456789012:role/\(name)"
            + (response.statusCode == 200 ? "" : " (CreateRole failed: \(response.statusCode))")
    }
}
