import Foundation
import StatesLanguage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

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

    /// Runs the binary; with `signal`, sends it once the binary watches for it and `isReady()` holds,
    /// repeating it until the binary exits (so a test never hangs on a lost signal), for at most 10 seconds.
    func run(
        _ arguments: [String], stdin: String? = nil, signal: Int32? = nil, isReady: () -> Bool = { true }
    ) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        let store = TestStores.folder + "/store-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: store) }
        environment["SFNRUN_STORE"] = store
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        if let signal {
            let deadline = Date().addingTimeInterval(10)
            Self.waitUntilCatching(signal, process.processIdentifier, until: deadline)
            while !isReady(), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            while process.isRunning, Date() < deadline {
                kill(process.processIdentifier, signal)
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

    /// Whether a process is alive: it exists and is not a zombie (sfnrun has exited, so processes it
    /// left unreaped or orphaned are init's to reap, which some containers' init does late).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: end)...].trimmingCharacters(in: .whitespaces).first != "Z"
    }

    /// Waits until the process catches `signal` (Linux: its bit in SigCgt in /proc), or the deadline passes.
    static func waitUntilCatching(_ signal: Int32, _ pid: Int32, until deadline: Date) {
        while Date() < deadline {
            if let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) {
                // Dispatch's handler (SigCgt) replaces the SIG_IGN sfnrun sets first; only then is the signal delivered.
                let masks = status.split(separator: "\n").filter { $0.hasPrefix("SigCgt:") }
                    .compactMap { UInt64($0.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces), radix: 16) }
                if masks.contains(where: { $0 & (1 << UInt64(signal - 1)) != 0 }) { return }
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

    @Test(
        "SIGINT, SIGTERM and SIGHUP abort the execution cleanly: ABORTED, history closed, exit status 128 + n",
        arguments: [(SIGINT, 130, "Interrupted by SIGINT (Ctrl-C)."), (SIGTERM, 143, "Stopped by SIGTERM."),
            (SIGHUP, 129, "Stopped by SIGHUP (the terminal was closed).")] as [(Int32, Int32, String)])
    func stopSignal(signal: Int32, status: Int32, cause: String) throws {
        let result = try run(["start", Fixtures.path("forever.json"), "--output", "json", "--history"], signal: signal)
        #expect(result.status == status, "\(result.error)")
        let document = try JSONValue(parsing: result.output)
        #expect(document["status"] == "ABORTED")
        #expect(document["cause"] == .string(cause))
        let last = document["events"]?.arrayValue?.last
        #expect(last?["type"] == "ExecutionAborted")
        #expect(last?["executionAbortedEventDetails"]?["cause"] == .string(cause))
    }

    @Test("Ctrl-C during a JSONata evaluation that would run for minutes aborts at once")
    func interruptEvaluation() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let definition = folder.appendingPathComponent("regex.asl.json")
        // The issue's reproducer with a backreference, which no matcher can make linear.
        let expression = #"$match($pad('', 5000, 'a') & '!', /^((a+)+\\2?)+$/)"#
        try Data(#"{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% \#(expression) %}","End":true}}}"#.utf8)
            .write(to: definition)
        let started = Date()
        let result = try run(
            ["start", definition.path, "--output", "json", "--history"], signal: SIGINT,
            isReady: { Date().timeIntervalSince(started) > 0.5 })
        #expect(result.status == 130, "\(result.error)")
        let document = try JSONValue(parsing: result.output)
        #expect(document["status"] == "ABORTED")
        let types = document["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
        #expect(!types.contains("EvaluationFailed"))
    }

    @Test("SIGTERM during a command task stops the command before sfnrun exits")
    func signalStopsCommand() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("pid").path
        let result = try run(
            [
                "start", Fixtures.path("fleet.asl.json"), "--input", #"{"fleet": "web"}"#, "--output", "json",
                "--task-command", "Describe=sleep 60 & echo $! > \(pidFile).child; echo $$ > \(pidFile); wait",
            ], signal: SIGTERM, isReady: { FileManager.default.fileExists(atPath: pidFile + ".child") })
        #expect(result.status == 143, "\(result.error)")
        #expect(try JSONValue(parsing: result.output)["status"] == "ABORTED")
        for file in [pidFile, pidFile + ".child"] {
            let pid = try #require(Int32(try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(!Self.isRunning(pid), "process \(pid) from \(file) is still running")
        }
    }
}
