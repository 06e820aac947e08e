import Foundation
import Testing

/// Runs the built `sfnrun` binary as a user would.
@Suite("sfnrun binary", .serialized)
struct EndToEndTests {
    /// The binary beside the test bundle in the build folder.
    static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On macOS the test runner lives inside the .xctest bundle.
        while directory.pathExtension == "xctest" || directory.lastPathComponent == "MacOS"
            || directory.lastPathComponent == "Contents"
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("sfnrun")
    }

    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    func run(_ arguments: [String], stdin: String? = nil, interruptAfter seconds: Double? = nil) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        if let seconds {
            Self.waitUntilCatchingSIGINT(process.processIdentifier, timeout: seconds)
            // Repeat the signal until the process ends, so a test never hangs on a lost signal.
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning, Date() < deadline {
                process.interrupt()
                Thread.sleep(forTimeInterval: 0.25)
            }
            if process.isRunning { process.terminate() }
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
            error: String(decoding: error, as: UTF8.self))
    }

    /// Waits until the process catches SIGINT (Linux: bit 1, SIGINT's, of SigCgt in /proc), at most `timeout` seconds.
    static func waitUntilCatchingSIGINT(_ pid: Int32, timeout: Double) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) {
                // Dispatch's handler (SigCgt) replaces the SIG_IGN sfnrun sets first; only then is SIGINT delivered.
                let masks = status.split(separator: "\n").filter { $0.hasPrefix("SigCgt:") }
                    .compactMap { UInt64($0.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces), radix: 16) }
                if masks.contains(where: { $0 & 0x2 != 0 }) { return }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    @Test("The binary is built next to the tests")
    func exists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "missing \(Self.binary.path)")
    }

    @Test("--version and exit status 0")
    func version() throws {
        let result = try run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("sfnrun "))
    }

    @Test("A runbook's test cases all pass through the binary")
    func runbook() throws {
        let result = try run([
            "test", Fixtures.runbook("rolling-restart.json"), "--mock-config",
            Fixtures.runbook("mocks/rolling-restart.mock.json"),
        ])
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(result.output.hasSuffix("rolling-restart: 3 passed, 0 failed (3 test cases)\n"))
    }

    @Test("Input from a pipe, output on stdout, exit status 1 for a failed execution")
    func pipes() throws {
        let result = try run(
            ["start", Fixtures.path("greeting.asl.json"), "-", "--mock-config", Fixtures.path("greeting.mock.json"),
             "--test-case", "Undeliverable", "--virtual-time"], stdin: #"{"who": "pipe"}"#)
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error.contains("error: SNS.NotFoundException"))
    }

    @Test("SIGINT aborts the execution cleanly: ABORTED, history closed, exit status 130")
    func interrupt() throws {
        let result = try run(
            ["start", Fixtures.path("forever.json"), "--output", "json", "--history"], interruptAfter: 10)
        #expect(result.status == 130)
        #expect(result.output.contains("\"status\": \"ABORTED\""))
        #expect(result.output.contains("\"type\": \"ExecutionAborted\""))
    }
}
