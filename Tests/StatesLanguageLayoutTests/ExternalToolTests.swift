import Foundation
import StatesLanguage
import StatesLanguageLayout
import StatesLanguageRendering
import StatesLanguageTesting
import Testing

/// Checks with real tools from Debian: Graphviz reads our DOT, Chromium renders our report.
/// scripts/test.sh installs both; without them these tests are skipped with a message.
@Suite("Graphviz and Chromium accept the output")
struct ExternalToolTests {
    static func tool(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let dot = tool("dot")
    static let chromium = tool("chromium") ?? tool("chromium-browser")

    /// Runs `tool` with `arguments`, feeding `input`; returns the status and standard error. It waits on
    /// a Dispatch queue, not on the cooperative pool that in-process servers of other suites need.
    static func run(_ tool: String, _ arguments: [String], input: String = "") async throws -> (Int32, String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(tool, arguments, input: input) })
            }
        }
    }

    private static func runBlocking(_ tool: String, _ arguments: [String], input: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let stdin = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errors, as: UTF8.self))
    }

    @Test(
        "Graphviz's dot accepts the DOT of every runbook and of hostile names",
        .enabled(if: dot != nil, "Graphviz's dot is not installed (apt-get install graphviz)"))
    func graphviz() async throws {
        var documents = try Runbooks.names.map { WorkflowDiagram(try Runbooks.machine($0)).dot() }
        documents.append(WorkflowDiagram(try RenderingTests.hostileMachine()).dot())
        for document in documents {
            let (status, errors) = try await Self.run(Self.dot!, ["-Tsvg"], input: document)
            #expect(status == 0, "dot failed: \(errors)")
            #expect(!errors.contains("Error") && !errors.contains("syntax error"), "\(errors)")
        }
        let (status, _) = try await Self.run(Self.dot!, ["-Tsvg"], input: "digraph { a -> }")
        #expect(status != 0, "dot should reject a broken document")
    }

    /// Renders `html` to a PNG with headless Chromium; returns the console lines it logged.
    static func render(_ html: String, to png: URL) async throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-chromium-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: page)
        let (status, log) = try await run(
            chromium!,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                "--window-size=1400,1800", "--screenshot=\(png.path)", page.absoluteString,
            ])
        #expect(status == 0, "chromium failed: \(log)")
        return log.split(separator: "\n").map(String.init).filter { $0.contains("CONSOLE") }
    }

    @Test(
        "Headless Chromium renders the HTML report to a PNG with no console errors",
        .enabled(if: chromium != nil, "Chromium is not installed (apt-get install chromium)"))
    func chromiumReport() async throws {
        let machine = try Runbooks.machine("rolling-restart")
        let harness = WorkflowHarness(machine: machine)
        let mocks = Runbooks.packageRoot.appendingPathComponent("StateMachines/mocks/rolling-restart.mock.json")
        let testCase = try MockConfiguration(contentsOfFile: mocks.path).testCase(
            "NeverHealthy", stateMachine: "rolling-restart")
        harness.use(testCase)
        let result = await harness.run(input: testCase.input ?? [:])
        let html = ExecutionPage(machine: machine, trace: ExecutionTrace(events: result.history), title: "NeverHealthy").html()
        let png = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-report-\(UUID()).png")
        defer { try? FileManager.default.removeItem(at: png) }
        let console = try await Self.render(html, to: png)
        #expect(console.isEmpty, "console: \(console.joined(separator: "\n"))")
        let bytes = try Data(contentsOf: png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        #expect(bytes.count > 20_000, "suspiciously small screenshot")
    }

    @Test(
        "The console check sees a page's console errors",
        .enabled(if: chromium != nil, "Chromium is not installed (apt-get install chromium)"))
    func chromiumSeesErrors() async throws {
        let png = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-control-\(UUID()).png")
        defer { try? FileManager.default.removeItem(at: png) }
        let console = try await Self.render("<!DOCTYPE html><p>x</p><script>console.error('boom')</script>", to: png)
        #expect(console.contains { $0.contains("boom") })
    }
}
