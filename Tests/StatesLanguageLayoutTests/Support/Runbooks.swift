import Foundation
import StatesLanguage
import Testing

/// The package's runbooks (StateMachines/*.json) and the golden files of their pictures.
enum Runbooks {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let packageRoot = fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The runbook names, without `.json`.
    static let names: [String] = {
        let folder = packageRoot.appendingPathComponent("StateMachines")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }()

    /// The compiled runbook `name`.
    static func machine(_ name: String) throws -> StateMachine {
        let url = packageRoot.appendingPathComponent("StateMachines").appendingPathComponent(name + ".json")
        return try StateMachine(parsing: String(contentsOf: url, encoding: .utf8), name: name)
    }

    /// Compares `text` with Fixtures/Golden/`name`; `SFNRUN_RECORD=1` rewrites the file and fails the test.
    static func expectGolden(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = fixtures.appendingPathComponent("Golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SFNRUN_RECORD"] == "1" {
            try? Data(text.utf8).write(to: url)
            Issue.record("Re-recorded \(name); unset SFNRUN_RECORD and run again.", sourceLocation: sourceLocation)
            return
        }
        guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("Missing golden file \(name); run with SFNRUN_RECORD=1 to record it.", sourceLocation: sourceLocation)
            return
        }
        #expect(text == golden, "differs from Golden/\(name)", sourceLocation: sourceLocation)
    }
}
