import Foundation
import StatesLanguage
import StatesLanguageServer

/// `sfnrun serve --store DIR`: the state machines, versions, aliases and tags in
/// `DIR/state-machines.json`, replaced atomically after every change.
struct ArchiveFile: StateMachineArchive {
    /// The file.
    let url: URL

    /// The archive of the store folder `directory`.
    init(directory: String) {
        url = URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent("state-machines.json")
    }

    func load() throws -> JSONValue? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try JSONValue(parsing: Array(try Data(contentsOf: url)))
    }

    func save(_ document: JSONValue) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(document.jsonBytes(options: .pretty)).write(to: url, options: .atomic)
    }
}
