import Foundation
import StatesLanguage

/// Runs a profile's `credential_process` (through `/bin/sh -c`) and reads the credentials it
/// prints: `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}`.
/// https://docs.aws.amazon.com/cli/v1/userguide/cli-configure-sourcing-external.html
enum CredentialProcess {
    static func credentials(running command: String, now: Date) async throws -> (
        credentials: AWSCredentials, expiration: Date
    ) {
        let output = try await run(command)
        guard let json = try? JSONValue(parsing: output), json["Version"] == 1,
            let keyID = json["AccessKeyId"]?.stringValue, let secret = json["SecretAccessKey"]?.stringValue
        else {
            throw StatesError(
                .runtime,
                cause:
                    "credential_process '\(command)' did not print {\"Version\": 1, \"AccessKeyId\", \"SecretAccessKey\", …}."
            )
        }
        let expiration = json["Expiration"]?.stringValue.flatMap(AWSTimestamp.date(fromText:)) ?? .distantFuture
        return (
            AWSCredentials(
                accessKeyID: keyID, secretAccessKey: secret, sessionToken: json["SessionToken"]?.stringValue),
            expiration
        )
    }

    /// The command's standard output; its standard error is left to the terminal, as the CLI does.
    /// The output is read after exit, which suits the few hundred bytes such commands print.
    private static func run(_ command: String) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { process in continuation.resume(returning: process.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        guard status == 0 else {
            throw StatesError(.runtime, cause: "credential_process '\(command)' exited with status \(status).")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
