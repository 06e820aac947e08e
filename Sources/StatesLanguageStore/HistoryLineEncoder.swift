import Foundation
import StatesLanguage

/// Encodes history events as `history.jsonl` lines (see ``ExecutionEvent/line``), many to one buffer.
///
/// Most lines of a run are the entered and exited events of a few states. Since journal format 2
/// they are written flat, without AWS's details object (`{"id":7,"previousEventId":6,"timestamp":…,
/// "type":"PassStateEntered","name":"Increment","input":{"i":3}}`, the payload as a JSON value even
/// when it is a string): they are most of what a run writes, and this is 40% fewer bytes. The bytes
/// between a state event's timestamp and its payload are kept from one line to the next, as is the
/// text of the last timestamp; what is left per line is two numbers and the payload.
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
    private static let partLimit = 32
    private var lastTimestamp = Double.nan
    private var lastTimestampBytes: [UInt8] = []

    /// Appends `event`'s line, newline included, to `bytes`.
    mutating func append(_ event: ExecutionEvent, to bytes: inout [UInt8]) {
        switch event.kind {
        case .stateEntered(let type, let name, let input):
            header(event, to: &bytes)
            bytes.append(contentsOf: statePart(type, name, isEntered: true))
            input.appendJSONBytes(to: &bytes)
            Self.literal("}\n", to: &bytes)
        case .stateExited(let type, let name, let output, nil):
            header(event, to: &bytes)
            bytes.append(contentsOf: statePart(type, name, isEntered: false))
            output.appendJSONBytes(to: &bytes)
            Self.literal("}\n", to: &bytes)
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
            lastTimestampBytes = Array(seconds.description.utf8)
        }
        bytes.append(contentsOf: lastTimestampBytes)
    }

    /// `,"type":"<type>StateEntered","name":"<name>","input":` (or the exited form), from the parts
    /// kept or made now.
    private mutating func statePart(_ type: String, _ name: String, isEntered: Bool) -> [UInt8] {
        for part in parts where part.isEntered == isEntered && part.name == name && part.type == type {
            return part.bytes
        }
        var bytes: [UInt8] = []
        Self.literal(",\"type\":\"", to: &bytes)
        bytes.append(contentsOf: type.utf8)
        Self.literal(isEntered ? "StateEntered\",\"name\":" : "StateExited\",\"name\":", to: &bytes)
        JSONValue.string(name).appendJSONBytes(to: &bytes)
        Self.literal(isEntered ? ",\"input\":" : ",\"output\":", to: &bytes)
        let part = StatePart(type: type, name: name, isEntered: isEntered, bytes: bytes)
        if parts.count < Self.partLimit {
            parts.append(part)
        } else {
            parts[nextReplaced] = part
            nextReplaced = (nextReplaced + 1) % Self.partLimit
        }
        return bytes
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
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
    }
}
