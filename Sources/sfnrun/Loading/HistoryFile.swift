import StatesLanguage
import StatesLanguageAWS

/// An execution history read from a file: `{"events": [...]}` as `aws stepfunctions
/// get-execution-history` and `sfnrun start --output json --history` print it, or a bare array.
struct HistoryFile: Sendable {
    /// The events, in id order.
    var events: [ExecutionEvent]
    /// Event types the file holds that this engine does not record (`ActivityScheduled`, `MapRunStarted`…).
    var skippedTypes: [String]

    /// Reads and decodes `path` (`-` for standard input).
    ///
    /// - Throws: ``CommandFailure`` (exit 2) for an unreadable file, invalid JSON, or a document
    ///   that is not a history.
    static func read(_ path: String, io: any TerminalIO) throws(CommandFailure) -> HistoryFile {
        let source = try SourceText.read(path, io: io)
        let document = try source.json()
        guard let items = document["events"]?.arrayValue ?? document.arrayValue else {
            throw CommandFailure(
                "\(source.displayName): error: not an execution history (expected {\"events\": [...]} as get-execution-history prints it)")
        }
        var events: [ExecutionEvent] = []
        var skipped: [String] = []
        for (index, item) in items.enumerated() {
            if let event = ExecutionEvent(historyEvent: item) {
                events.append(event)
            } else if let type = item["type"]?.stringValue, item["id"]?.intValue != nil {
                if !skipped.contains(type) { skipped.append(type) }
            } else {
                throw CommandFailure(
                    "\(source.displayName): error: events[\(index)]: not a history event (needs type, id and timestamp)")
            }
        }
        return HistoryFile(events: events.sorted { $0.id < $1.id }, skippedTypes: skipped)
    }
}

extension HistoryFile {
    /// Says on standard error which event types were left out.
    func warn(io: any TerminalIO, file: String) {
        guard !skippedTypes.isEmpty else { return }
        io.error("\(file == "-" ? "<stdin>" : file): warning: left out events this engine does not record: \(skippedTypes.joined(separator: ", "))")
    }
}
