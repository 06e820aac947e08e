import Foundation
import StatesLanguage
import StatesLanguageAWS

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading the line-oriented files of a stored execution: `journal.jsonl` (records) and
/// `history.jsonl` (events in `get-execution-history`'s form).
///
/// A last line cut short by a crash is tolerated (and reported as `tornBytes`, so the writer can cut
/// it off before appending); a bad line followed by good ones is damage, reported with its line.
enum JournalFile {
    /// The lines of a file that parse, and how many bytes of a torn last line follow them.
    struct Lines<Item> {
        var items: [Item]
        /// The length of the complete part of the file (where appending may resume).
        var validLength: Int
        /// Whether the file ended in a partial line.
        var isTorn: Bool
    }

    /// Reads `path` line by line with `parse`; a missing file has no lines.
    ///
    /// - Throws: ``ExecutionStoreError/damaged(file:line:reason:)`` for a bad line that is not the
    ///   last one, or ``ExecutionStoreError/io(_:)``.
    /// - Parameter scan: reads a line straight from its bytes when it can (`nil` otherwise, for `parse`).
    static func read<Item>(
        _ path: String, scan: (ArraySlice<UInt8>) -> Item? = { _ in nil },
        parse: (JSONValue) throws(JournalLineError) -> Item
    ) throws(ExecutionStoreError) -> Lines<Item> {
        guard FileManager.default.fileExists(atPath: path) else { return Lines(items: [], validLength: 0, isTorn: false) }
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .io("cannot read \(path): \(error.localizedDescription)")
        }
        var items: [Item] = []
        var start = 0
        var line = 0
        var validLength = 0
        var pending: (line: Int, reason: String)?
        while start < bytes.count {
            line += 1
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                // A last line without its newline was cut by a crash: every record is written whole,
                // newline included, and counts only once it is all there.
                return Lines(items: items, validLength: validLength, isTorn: true)
            }
            let text = bytes[start..<end]
            start = end + 1
            if let problem = pending {
                // A bad line with more after it: damage in the middle.
                throw .damaged(file: path, line: problem.line, reason: problem.reason)
            }
            if text.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) {
                validLength = end + 1
                continue
            }
            if let item = scan(text) {
                items.append(item)
                validLength = end + 1
                continue
            }
            do {
                let value = try JSONValue(parsing: text)
                items.append(try parse(value))
                validLength = end + 1
            } catch let error as JournalLineError {
                pending = (line, error.message)
            } catch {
                pending = (line, "not valid JSON: \(error)")
            }
        }
        // A bad last line (a crash can leave garbage after a cut) is treated as cut.
        return Lines(items: items, validLength: validLength, isTorn: pending != nil)
    }
}

extension JournalFile.Lines: Sendable where Item: Sendable {}

extension JournalRecord {
    /// The record as one journal line, newline included.
    var line: [UInt8] {
        var bytes = jsonValue.jsonBytes()
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}

extension ExecutionEvent {
    /// The event as one history line (`get-execution-history`'s form, with payloads as JSON values),
    /// newline included; ``HistoryLineEncoder`` writes it.
    var line: [UInt8] {
        var bytes: [UInt8] = []
        var encoder = HistoryLineEncoder()
        encoder.append(self, to: &bytes)
        return bytes
    }

    /// Reads a history line on its own (a payload that refers to an earlier line cannot be read).
    static func parseLine(_ value: JSONValue) throws(JournalLineError) -> ExecutionEvent {
        var previousState: (id: Int, payload: JSONValue)?
        return try parseLine(value, previousState: &previousState)
    }

    /// Reads a history line: a state event in the flat form of format 2, or any event in the form of
    /// `get-execution-history` (format 1, and the events other than states' in format 2).
    ///
    /// - Parameter previousState: the id and payload of the last flat state line before this one, which
    ///   a payload of this line may refer to; updated when this line is one.
    static func parseLine(_ value: JSONValue, previousState: inout (id: Int, payload: JSONValue)?)
        throws(JournalLineError) -> ExecutionEvent
    {
        if let event = try flatStateEvent(value, previousState: &previousState) { return event }
        guard let event = ExecutionEvent(historyEvent: value) else {
            throw JournalLineError("not a history event this sfnrun knows")
        }
        return event
    }

    /// A state's entered or exited event written flat (`"name"` and `"input"` or `"output"`, or a
    /// reference to the previous state line's payload, beside `"type"`).
    private static func flatStateEvent(_ value: JSONValue, previousState: inout (id: Int, payload: JSONValue)?)
        throws(JournalLineError) -> ExecutionEvent?
    {
        guard case .object(let object) = value, let name = object["name"]?.stringValue,
            let type = object["type"]?.stringValue, let id = object["id"]?.intValue,
            let previous = object["previousEventId"]?.intValue,
            case .number(let seconds)? = object["timestamp"]
        else { return nil }
        let isEntered = type.hasSuffix("StateEntered")
        guard isEntered || type.hasSuffix("StateExited") else { return nil }
        let field = isEntered ? "input" : "output"
        let payload: JSONValue
        if let value = object[field] {
            payload = value
        } else if let reference = object[field + "FromEvent"]?.intValue {
            guard let earlier = previousState, earlier.id == reference else {
                throw JournalLineError("the \(field) refers to event \(reference), which is not the state line just before")
            }
            payload = earlier.payload
        } else {
            return nil
        }
        previousState = (id, payload)
        let kind: Kind
        if isEntered {
            kind = .stateEntered(stateType: String(type.dropLast("StateEntered".count)), name: name, input: payload)
        } else {
            kind = .stateExited(stateType: String(type.dropLast("StateExited".count)), name: name, output: payload)
        }
        return ExecutionEvent(
            id: id, previousEventID: previous, timestamp: Date(timeIntervalSince1970: seconds.doubleValue), kind: kind)
    }
}
