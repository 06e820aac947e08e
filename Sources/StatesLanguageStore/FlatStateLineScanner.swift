import Foundation
import StatesLanguage

/// Reads the flat state lines of `history.jsonl` (journal format 2) straight from their bytes.
///
/// They are most of a history, and always written in one shape by ``HistoryLineEncoder``:
/// `{"id":…,"previousEventId":…,"timestamp":…,"type":"…","name":"…","input":…}` (or `"output"`, or
/// `"inputFromEvent":…`). Matching that shape byte by byte, and parsing only the payload as JSON,
/// is several times cheaper than building an object per line; anything else (another event, a name
/// with escapes, a line written by hand) is left to the general reader by returning `nil`.
struct FlatStateLineScanner {
    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ line: ArraySlice<UInt8>) {
        bytes = line
        position = line.startIndex
    }

    /// The event of the line, or `nil` when the line is not a flat state line in the writer's shape
    /// (or refers to a payload other than `previousState`'s, which the general reader reports).
    mutating func event(previousState: inout (id: Int, payload: JSONValue)?) -> ExecutionEvent? {
        guard expect("{\"id\":"), let id = integer(), expect(",\"previousEventId\":"), let previous = integer(),
            expect(",\"timestamp\":"), let seconds = number(), expect(",\"type\":"), let type = plainString(),
            expect(",\"name\":"), let name = plainString()
        else { return nil }
        let isEntered = type.hasSuffix("StateEntered")
        guard isEntered || type.hasSuffix("StateExited"), expect(isEntered ? ",\"input" : ",\"output") else { return nil }
        let payload: JSONValue
        if expect("FromEvent\":") {
            guard let reference = integer(), expect("}"), position == bytes.endIndex, let earlier = previousState,
                earlier.id == reference
            else { return nil }
            payload = earlier.payload
        } else {
            guard expect("\":"), let last = bytes.last, last == UInt8(ascii: "}"),
                let value = try? JSONValue(parsing: bytes[position..<(bytes.endIndex - 1)])
            else { return nil }
            payload = value
        }
        previousState = (id, payload)
        let stateType = String(type.dropLast(isEntered ? "StateEntered".count : "StateExited".count))
        let kind: ExecutionEvent.Kind =
            isEntered
            ? .stateEntered(stateType: stateType, name: name, input: payload)
            : .stateExited(stateType: stateType, name: name, output: payload)
        return ExecutionEvent(
            id: id, previousEventID: previous, timestamp: Date(timeIntervalSince1970: seconds), kind: kind)
    }

    private mutating func expect(_ text: StaticString) -> Bool {
        text.withUTF8Buffer { expected in
            guard bytes.endIndex - position >= expected.count else { return false }
            for (offset, byte) in expected.enumerated() where bytes[position + offset] != byte { return false }
            position += expected.count
            return true
        }
    }

    private mutating func integer() -> Int? {
        var value = 0
        let start = position
        while position < bytes.endIndex, case let byte = bytes[position], byte >= UInt8(ascii: "0"),
            byte <= UInt8(ascii: "9")
        {
            guard value < Int.max / 10 - 9 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            position += 1
        }
        return position > start ? value : nil
    }

    private mutating func number() -> Double? {
        let start = position
        while position < bytes.endIndex, bytes[position] != UInt8(ascii: ",") { position += 1 }
        return Double(String(decoding: bytes[start..<position], as: UTF8.self))
    }

    /// A string without escapes or control characters (a state's name, an event type).
    private mutating func plainString() -> String? {
        guard position < bytes.endIndex, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        var end = start
        while end < bytes.endIndex, bytes[end] != UInt8(ascii: "\"") {
            if bytes[end] == UInt8(ascii: "\\") || bytes[end] < 0x20 { return nil }
            end += 1
        }
        guard end < bytes.endIndex, let text = String(validating: bytes[start..<end], as: UTF8.self) else { return nil }
        position = end + 1
        return text
    }
}
