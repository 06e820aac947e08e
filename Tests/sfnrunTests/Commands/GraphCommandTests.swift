import Foundation
import Testing

@testable import sfnrun

@Suite("sfnrun graph and report")
struct GraphCommandTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-\(UUID())-\(name)").path
    }

    @Test("--format picks the renderer; -o writes the file and picks the format from its extension")
    func formats() async throws {
        let path = Fixtures.runbook("patch-report.json")
        for (format, marker) in [("svg", "<svg"), ("dot", "digraph"), ("mermaid", "flowchart TD"), ("text", "Start → ")] {
            let (status, io) = await sfnrun(["graph", path, "--format", format])
            #expect(status == .success)
            #expect(io.output.contains(marker), "\(format)")
        }
        let file = Self.temporary("patch.dot")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let (status, io) = await sfnrun(["graph", path, "-o", file])
        #expect(status == .success)
        #expect(io.output.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("digraph"))
    }

    @Test("Bad input: usage errors exit 2, invalid definitions print diagnostics")
    func errors() async {
        let (usage, io) = await sfnrun(["graph", Fixtures.runbook("patch-report.json"), "--format", "png"])
        #expect(usage == .usage)
        #expect(io.error.contains("invalid value 'png'"))
        let (invalid, io2) = await sfnrun(["graph", Fixtures.path("invalid.json")])
        #expect(invalid == .usage)
        #expect(io2.error.contains("error:"))
        let (notHistory, io3) = await sfnrun([
            "graph", Fixtures.runbook("patch-report.json"), "--history-file", Fixtures.runbook("patch-report.json"),
        ])
        #expect(notHistory == .usage)
        #expect(io3.error.contains("not an execution history"))
    }

    /// Runs a greeting test case and saves its `--output json --history` document.
    static func history(testCase: String) async throws -> String {
        let (_, io) = await sfnrun([
            "start", Fixtures.path("greeting.asl.json"), "--mock-config", Fixtures.path("greeting.mock.json"),
            "--test-case", testCase, "--virtual-time", "--output", "json", "--history",
        ])
        let file = temporary("history.json")
        try Data(io.output.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    @Test("--history-file colours the states by what happened")
    func coloured() async throws {
        let history = try await Self.history(testCase: "Undeliverable")
        defer { try? FileManager.default.removeItem(atPath: history) }
        let (status, io) = await sfnrun([
            "graph", Fixtures.path("greeting.asl.json"), "--history-file", history, "--format", "text",
        ])
        #expect(status == .success, "\(io.error)")
        #expect(io.output.contains("✗ ") || io.output.contains("↷ "))
        let (_, svg) = await sfnrun(["graph", Fixtures.path("greeting.asl.json"), "--history-file", history])
        #expect(svg.output.contains("sfn-failed") || svg.output.contains("sfn-caught"))
    }

    @Test("report writes one self-contained page; test --report writes one per case")
    func reports() async throws {
        let history = try await Self.history(testCase: "Delivered")
        defer { try? FileManager.default.removeItem(atPath: history) }
        let page = Self.temporary("report.html")
        defer { try? FileManager.default.removeItem(atPath: page) }
        let (status, io) = await sfnrun([
            "report", "--definition", Fixtures.path("greeting.asl.json"), "--history-file", history, "--html", page,
        ])
        #expect(status == .success, "\(io.error)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("SUCCEEDED"))
        #expect(!html.contains("<script") && !html.contains("<link"))

        let folder = Self.temporary("reports")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (_, io2) = await sfnrun([
            "test", Fixtures.path("greeting.asl.json"), "--mock-config", Fixtures.path("greeting.mock.json"),
            "--report", folder,
        ])
        #expect(io2.output.contains("PASS  Delivered"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["Delivered.html", "RunsOut.html", "Undeliverable.html", "Unmocked.html", "WrongExpectation.html"])
    }

    @Test("report without its files is a usage error")
    func reportUsage() async {
        let (status, io) = await sfnrun(["report", "--html", "x.html"])
        #expect(status == .usage)
        #expect(io.error.contains("missing --definition"))
    }
}
