import StatesLanguage

/// Where the server keeps its state machines, versions, aliases and tags between runs: one JSON
/// document, read once at start and written after every change. `sfnrun serve --store DIR` keeps it
/// in a file; without an archive they live in memory.
public protocol StateMachineArchive: Sendable {
    /// The document written last, or `nil` when there is none yet.
    ///
    /// - Throws: when it exists but cannot be read.
    func load() throws -> JSONValue?

    /// Replaces the document.
    ///
    /// - Throws: when it cannot be written.
    func save(_ document: JSONValue) throws
}
