import Foundation
import StatesLanguage

/// The package's runbooks (StateMachines/*.json).
enum Runbooks {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

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
}
