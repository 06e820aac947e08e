import Foundation
import JSONCore
import StatesLanguage

/// Encodes history events as `history.jsonl` lines (see ``ExecutionEvent/line``), many to one buffer.
///
/// Most lines of a run are the entered and exited events of a few states. Since journal format 2
/// they are written flat, without AWS's details object (`{"id":7,"previousEventId":6,"timestamp":…,
/// "type":"PassStateEntered","name":"Increment","input":{"i":3}}`, the payload as a JSON value even
/// when it is a string): they are most of what a run writes, and this is 40% fewer bytes. A state's
/// input is the previous state's output, and many states pass their input on: a payload that is
/// the very value of the previous state line is written as a reference to that line's id
/// (`"inputFromEvent":6` or `"outputFromEvent":6`) instead of again. The bytes between a state
/// event's timestamp and its payload are kept from one line to the next, as is the text of the last
/// timestamp; what is left per line is two numbers and the payload or its reference.
struct HistoryLineEncoder {
    /// The bytes of a state event between its timestamp and its payload.
    private struct StatePart {
        var type: String
        var name: String
        var isEntered: Bool
        var bytes: [UInt8]
    }

    private var parts: [StatePart] = []
    /// Where the next part replaces an old one once `parts` is full.
    private var nextReplaced = 0
    /// The part the last state line used.
    private var lastPart = -1
    private static let partLimit = 32
    private var lastTimestamp = Double.nan
    private var lastTimestampBytes: [UInt8] = []
    /// The id of the last state line (0 before the first) and its payload.
    private var lastStateID = 0
    private var lastPayload = JSONValue.null

    /// Appends `event`'s line, newline included, to `bytes`.
    mutating func append(_ event: ExecutionEvent, to bytes: inout [UInt8]) {
        switch event.kind {
        case .stateEntered(let type, let name, let input):
            header(event, to: &bytes)
            appendStatePart(type, name, isEntered: true, to: &bytes)
            payload(input, of: event.id, to: &bytes)
        case .stateExited(let type, let name, let output, nil):
            header(event, to: &bytes)
            appendStatePart(type, name, isEntered: false, to: &bytes)
            payload(output, of: event.id, to: &bytes)
        default:
            event.jsonValue(forStore: true).appendJSONBytes(to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    /// `{"id":…,"previousEventId":…,"timestamp":…`
    private mutating func header(_ event: ExecutionEvent, to bytes: inout [UInt8]) {
        Self.literal("{\"id\":", to: &bytes)
        Self.integer(event.id, to: &bytes)
        Self.literal(",\"previousEventId\":", to: &bytes)
        Self.integer(event.previousEventID, to: &bytes)
        Self.literal(",\"timestamp\":", to: &bytes)
        let seconds = event.timestamp.timeIntervalSince1970
        if seconds != lastTimestamp {
            // The shortest text that reads back as the same Double.
            lastTimestamp = seconds
            lastTimestampBytes.removeAll(keepingCapacity: true)
            lastTimestampBytes.append(contentsOf: seconds.description.utf8)
        }
        bytes.append(contentsOf: lastTimestampBytes)
    }

    /// The rest of a state line: `{"i":3}}` after `"input":`, or `FromEvent":6}` after `"input`
    /// when the payload is that of the previous state line.
    private mutating func payload(_ value: JSONValue, of id: Int, to bytes: inout [UInt8]) {
        if lastStateID > 0, value.isIdentical(to: lastPayload) {
            Self.literal("FromEvent\":", to: &bytes)
            Self.integer(lastStateID, to: &bytes)
        } else {
            Self.literal("\":", to: &bytes)
            value.appendJSONBytes(to: &bytes)
            lastPayload = value
        }
        lastStateID = id
        Self.literal("}\n", to: &bytes)
    }

    /// Appends `,"type":"<type>StateEntered","name":"<name>","input` (or the exited form), from the
    /// parts kept or made now.
    ///
    /// The states of a loop come round in the same order, so the part after the last one used is
    /// tried first; parts are compared in place, not copied out (each copy costs retains).
    private mutating func appendStatePart(_ type: String, _ name: String, isEntered: Bool, to bytes: inout [UInt8]) {
        let count = parts.count
        var index = lastPart + 1 < count ? lastPart + 1 : 0
        for _ in 0..<count {
            if parts[index].isEntered == isEntered, parts[index].name == name, parts[index].type == type {
                lastPart = index
                bytes.append(contentsOf: parts[index].bytes)
                return
            }
            index = index + 1 < count ? index + 1 : 0
        }
        var part: [UInt8] = []
        Self.literal(",\"type\":\"", to: &part)
        part.append(contentsOf: type.utf8)
        Self.literal(isEntered ? "StateEntered\",\"name\":" : "StateExited\",\"name\":", to: &part)
        JSONValue.string(name).appendJSONBytes(to: &part)
        Self.literal(isEntered ? ",\"input" : ",\"output", to: &part)
        bytes.append(contentsOf: part)
        if parts.count < Self.partLimit {
            parts.append(StatePart(type: type, name: name, isEntered: isEntered, bytes: part))
            lastPart = parts.count - 1
        } else {
            parts[nextReplaced] = StatePart(type: type, name: name, isEntered: isEntered, bytes: part)
            lastPart = nextReplaced
            nextReplaced = (nextReplaced + 1) % Self.partLimit
        }
    }

    private static func literal(_ text: StaticString, to bytes: inout [UInt8]) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Decimal digits straight into the buffer: a String per number costs more than the rest of a line.
    private static func integer(_ value: Int, to bytes: inout [UInt8]) {
        guard value >= 0 else { return bytes.append(contentsOf: String(value).utf8) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var rest = value
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            // As typed bytes, so the append is one copy rather than a loop over a raw buffer.
            let digits = buffer.bindMemory(to: UInt8.self)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
