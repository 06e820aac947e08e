import Foundation
import StatesLanguage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Whether boto3 and the AWS CLI can drive a served instance.
enum SDKClients {
    static let isAvailable: Bool = {
        func succeeds(_ arguments: [String]) -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
        return succeeds(["python3", "-c", "import boto3"]) && succeeds(["aws", "--version"])
    }()

    static let skipMessage = Comment(
        rawValue: "boto3 or the AWS CLI is not installed: run scripts/aws/ensure-sdk-clients.sh")

    /// The driver script: one scenario per run, facts as JSON on standard output.
    static let script = Fixtures.path("serve/clients.py")
}

/// A `sfnrun serve` process on a free port; SIGTERM stops it.
final class ServedInstance: Sendable {
    let process: Process
    let endpoint: String
    let tokenDirectory: URL
    private let errorPipe: Pipe

    /// Starts a server; `tokenDirectory` is where its Ask commands write tokens (a new folder by default).
    init(_ extra: [String] = [], tokenDirectory: URL? = nil) throws {
        self.tokenDirectory =
            tokenDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-tokens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.tokenDirectory, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = EndToEndTests.binary
        process.arguments =
            [
                "serve", "--port", "0",
                "--task-command", #"Ask=cat > "$SFNRUN_TOKEN_DIR/token-$$.json"; echo '{}'"#,
                // Fails the first time it runs, succeeds after: for redrives.
                "--task-command",
                #"Flaky=if [ -e "$SFNRUN_TOKEN_DIR/once" ]; then echo '{"ok": 1}'; else touch "$SFNRUN_TOKEN_DIR/once"; exit 3; fi"#,
            ] + extra
        var environment = ProcessInfo.processInfo.environment
        environment["SFNRUN_TOKEN_DIR"] = self.tokenDirectory.path
        process.environment = environment
        let output = Pipe()
        errorPipe = Pipe()
        process.standardOutput = output
        process.standardError = errorPipe
        try process.run()
        // The first line of standard output is the address.
        var line: [UInt8] = []
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            guard let first = byte.first else { break }
            if first == 10 { break }
            line.append(first)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "http://") else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "serve printed '\(text)'"])
        }
        endpoint = String(text[range.lowerBound...])
    }

    /// Runs one scenario of the driver script against this instance.
    func scenario(_ name: String, environment extra: [String: String] = [:]) async throws -> (
        status: Int32, facts: JSONValue?, error: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", SDKClients.script, endpoint, name]
        var environment = ProcessInfo.processInfo.environment
        environment["SFNRUN_TOKEN_DIR"] = tokenDirectory.path
        environment["SFNRUN_GREETING"] = Fixtures.path("greeting.asl.json")
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read on a Dispatch queue, never blocking the cooperative pool the tests share.
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let output = out.fileHandleForReading.readDataToEndOfFile()
                let error = err.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(
                    returning: (
                        process.terminationStatus, try? JSONValue(parsing: Array(output)),
                        String(decoding: error, as: UTF8.self)
                    ))
            }
        }
    }

    /// Sends SIGTERM (or `signal`) and waits for the exit status; the token folder is removed unless `keepsTokens`.
    func stop(signal: Int32 = SIGTERM, keepsTokens: Bool = false) async -> Int32 {
        kill(process.processIdentifier, signal)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                self.process.waitUntilExit()
                _ = self.errorPipe.fileHandleForReading.readDataToEndOfFile()
                if !keepsTokens { try? FileManager.default.removeItem(at: self.tokenDirectory) }
                continuation.resume(returning: self.process.terminationStatus)
            }
        }
    }
}

// Serialized: each test starts a server and a Python process; nine at once only load a small machine.
@Suite(
    "boto3 and the AWS CLI against sfnrun serve", .serialized,
    .enabled(if: SDKClients.isAvailable, SDKClients.skipMessage))
struct ServeClientTests {
    /// Runs `name` against a fresh server and returns its facts; the server must stop cleanly.
    func facts(_ name: String, serverArguments: [String] = []) async throws -> JSONValue {
        let instance = try ServedInstance(serverArguments)
        let run = try await instance.scenario(name)
        let exit = await instance.stop()
        #expect(run.status == 0, "\(name): \(run.error)")
        #expect(exit == 0, "serve exited with \(exit) on SIGTERM")
        return try #require(run.facts, "\(name) printed no facts: \(run.error)")
    }

    @Test("Create a state machine, start it, describe it until done")
    func lifecycle() async throws {
        let facts = try await facts("lifecycle")
        #expect(facts["status"] == "SUCCEEDED")
        #expect(facts["output"] == ["sum": 42])
        #expect(facts["machines"] == ["Lifecycle"])
        #expect(facts["startDateType"] == "datetime")
    }

    @Test("History pages with nextToken and boto3's paginator; reverse order without data")
    func history() async throws {
        let facts = try await facts("history")
        #expect(facts["pages"] == 3)
        #expect(facts["types"]?.arrayValue?.count == 8)
        #expect(facts["reverseFirst"] == "ExecutionSucceeded")
        #expect(facts["reverseHasOutput"] == false)
    }

    @Test("ListExecutions with a status filter; StopExecution aborts with the error given")
    func listAndStop() async throws {
        let facts = try await facts("list_and_stop")
        #expect(facts["status"] == "ABORTED")
        #expect(facts["error"] == "Manual")
        #expect(facts["running"] == ["two"])
        #expect(facts["aborted"] == ["one"])
    }

    @Test("SendTaskSuccess completes a .waitForTaskToken run")
    func callback() async throws {
        let facts = try await facts("callback")
        #expect(facts["status"] == "SUCCEEDED")
        #expect(facts["output"] == ["approved": true])
    }

    @Test("TestState with a mock and TRACE inspection")
    func testState() async throws {
        let facts = try await facts("test_state")
        #expect(facts["status"] == "SUCCEEDED")
        #expect(facts["nextState"] == "Ship")
        #expect(facts["afterParameters"] == ["FunctionName": "price", "Payload": ["item": "book"]])
        #expect(facts["afterResultSelector"] == ["total": 12])
        #expect(facts["afterResultPath"] == ["item": "book", "price": ["total": 12]])
        #expect(facts["failedStatus"] == "FAILED")
        #expect(facts["failedError"] == "Boom")
    }

    @Test("StartSyncExecution of an Express machine")
    func startSync() async throws {
        let facts = try await facts("start_sync")
        #expect(facts["status"] == "SUCCEEDED")
        #expect(facts["output"]?["sum"] == 42)
        #expect((facts["billed"]?.intValue ?? 0) >= 100)
    }

    @Test("A mock file's test case through stateMachineArn#TestCase")
    func mockFile() async throws {
        let facts = try await facts(
            "mock_file", serverArguments: ["--virtual-time", "--mock-config", Fixtures.path("greeting.mock.json")])
        #expect(facts["status"] == "SUCCEEDED")
        #expect(facts["output"] == ["Message": "Hello, world!", "Sent": ["MessageId": "m-1"]])
        #expect(facts["failedError"] == "SNS.NotFoundException")
    }

    @Test("boto3 raises the typed exception of each error type")
    func exceptions() async throws {
        let facts = try await facts("exceptions")
        let raised = try #require(facts["raised"]?.objectValue)
        #expect(raised.count == 12)
        for (expected, actual) in raised { #expect(actual == .string(expected), "\(expected)") }
    }

    @Test("aws stepfunctions … --endpoint-url round trips")
    func awsCLI() async throws {
        let facts = try await facts("awscli")
        #expect(facts["status"] == "SUCCEEDED")
        #expect(facts["machines"] == ["Cli"])
        #expect(facts["events"] == 8)
        #expect(facts["missingExit"] != 0)
        #expect(facts["missingError"] == true)
    }
}
