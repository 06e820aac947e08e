import Foundation
import Testing

/// Files the tests read: fixtures beside the tests, runbooks in the package's StateMachines folder.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let packageRoot = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The path of a fixture file.
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The path of a runbook or its mock file, relative to StateMachines/.
    static func runbook(_ name: String) -> String {
        packageRoot.appendingPathComponent("StateMachines").appendingPathComponent(name).path
    }

    /// The name of every runbook in StateMachines/, without `.json`.
    static var runbookNames: [String] {
        let folder = packageRoot.appendingPathComponent("StateMachines").path
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Compares `text` with the golden file `name`; with `SFNRUN_RECORD=1` rewrites the file and fails the test.
    static func expectGolden(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent("Golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SFNRUN_RECORD"] == "1" {
            try? FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
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
