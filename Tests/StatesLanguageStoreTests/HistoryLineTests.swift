import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageStore

@Suite("History lines")
struct HistoryLineTests {
    @Test("A state's event written as a line reads back as the same event", arguments: [0, 7, 1_234_567_890])
    func directLines(id: Int) throws {
        let timestamp = Date(timeIntervalSince1970: 1_796_461_391.8238525)
        let kinds: [ExecutionEvent.Kind] = [
            .stateEntered(stateType: "Pass", name: "Count \"quoted\"", input: ["i": 12, "s": "x\ny"]),
            .stateExited(stateType: "Choice", name: "Check", output: .string("plain")),
            .stateEntered(stateType: "Map", name: "Each", input: [1, 2.5, nil]),
        ]
        for kind in kinds {
            let event = ExecutionEvent(id: id, previousEventID: max(0, id - 1), timestamp: timestamp, kind: kind)
            let line = event.line
            #expect(line.last == UInt8(ascii: "\n"))
            #expect(try ExecutionEvent.parseLine(JSONValue(parsing: Data(line.dropLast()))) == event)
        }
    }

    @Test("Format 1 lines (state events in get-execution-history's form) read back as before")
    func formatOneLines() throws {
        let entered = #"{"id":2,"previousEventId":0,"timestamp":1767225600.5,"type":"PassStateEntered","stateEnteredEventDetails":{"name":"Count","input":"\"text\"","inputDetails":{"truncated":false}}}"#
        let exited = #"{"id":3,"previousEventId":2,"timestamp":1767225600.5,"type":"PassStateExited","stateExitedEventDetails":{"name":"Count","output":{"i":1},"outputDetails":{"truncated":false}}}"#
        let time = Date(timeIntervalSince1970: 1_767_225_600.5)
        #expect(
            try ExecutionEvent.parseLine(JSONValue(parsing: entered))
                == ExecutionEvent(
                    id: 2, previousEventID: 0, timestamp: time,
                    kind: .stateEntered(stateType: "Pass", name: "Count", input: .string("text"))))
        #expect(
            try ExecutionEvent.parseLine(JSONValue(parsing: exited))
                == ExecutionEvent(
                    id: 3, previousEventID: 2, timestamp: time,
                    kind: .stateExited(stateType: "Pass", name: "Count", output: ["i": 1])))
    }

    @Test("State events are written flat, payloads as JSON values; a string stays a string")
    func flatLines() throws {
        let event = ExecutionEvent(
            id: 5, previousEventID: 4, timestamp: Date(timeIntervalSince1970: 1_767_225_600),
            kind: .stateExited(stateType: "Choice", name: "Check", output: .string("done")))
        let text = String(decoding: event.line, as: UTF8.self)
        #expect(
            text
                == #"{"id":5,"previousEventId":4,"timestamp":1767225600.0,"type":"ChoiceStateExited","name":"Check","output":"done"}"#
                + "\n")
    }

    @Test("A payload that is the previous state line's very value is written as a reference to it, and read back")
    func references() throws {
        let time = Date(timeIntervalSince1970: 1_767_225_600)
        let output: JSONValue = ["i": 1, "list": [1, 2]]
        let equalButSeparate: JSONValue = ["i": 1, "list": [1, 2]]
        let events = [
            ExecutionEvent(id: 2, previousEventID: 0, timestamp: time, kind: .stateEntered(stateType: "Pass", name: "A", input: [:])),
            ExecutionEvent(id: 3, previousEventID: 2, timestamp: time, kind: .stateExited(stateType: "Pass", name: "A", output: output)),
            ExecutionEvent(id: 4, previousEventID: 3, timestamp: time, kind: .stateEntered(stateType: "Choice", name: "B", input: output)),
            ExecutionEvent(id: 5, previousEventID: 4, timestamp: time, kind: .stateExited(stateType: "Choice", name: "B", output: output)),
            ExecutionEvent(id: 6, previousEventID: 5, timestamp: time, kind: .stateEntered(stateType: "Pass", name: "C", input: equalButSeparate)),
        ]
        var encoder = HistoryLineEncoder()
        var bytes: [UInt8] = []
        for event in events { encoder.append(event, to: &bytes) }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines[2].hasSuffix(#""name":"B","inputFromEvent":3}"#))
        #expect(lines[3].hasSuffix(#""name":"B","outputFromEvent":4}"#))
        // Equal is not enough: only the same value is referred to (1 and 1.0 are equal, not the same text).
        #expect(lines[4].contains(#""input":{"#))
        var previous: (id: Int, payload: JSONValue)?
        let read = try lines.map { line throws(JournalLineError) in
            try ExecutionEvent.parseLine(try! JSONValue(parsing: line), previousState: &previous)
        }
        #expect(read == events)
        // A reference to anything but the state line just before is damage.
        var none: (id: Int, payload: JSONValue)?
        #expect(throws: JournalLineError.self) {
            try ExecutionEvent.parseLine(try JSONValue(parsing: lines[2]), previousState: &none)
        }
    }

    @Test("The byte scanner reads the writer's state lines as the general reader does, and leaves it the rest")
    func scanner() throws {
        let time = Date(timeIntervalSince1970: 1_796_461_391.8238525)
        let events = [
            ExecutionEvent(id: 2, previousEventID: 0, timestamp: time, kind: .stateEntered(stateType: "Pass", name: "A", input: ["s": "x\ny", "n": [1, 2.5]])),
            ExecutionEvent(id: 3, previousEventID: 2, timestamp: time, kind: .stateExited(stateType: "Pass", name: "A", output: "plain")),
            ExecutionEvent(id: 4, previousEventID: 3, timestamp: time, kind: .stateEntered(stateType: "Task", name: "Quoted \"B\"", input: "plain")),
            ExecutionEvent(id: 5, previousEventID: 4, timestamp: time, kind: .taskStarted(resourceType: "lambda", resource: "invoke")),
        ]
        var encoder = HistoryLineEncoder()
        var bytes: [UInt8] = []
        for event in events { encoder.append(event, to: &bytes) }
        let lines = bytes.split(separator: UInt8(ascii: "\n"))
        var scanned: (id: Int, payload: JSONValue)?
        var parsed: (id: Int, payload: JSONValue)?
        var scannedEvents: [ExecutionEvent?] = []
        for line in lines {
            var scanner = FlatStateLineScanner(line)
            scannedEvents.append(scanner.event(previousState: &scanned))
            let event = try ExecutionEvent.parseLine(JSONValue(parsing: line), previousState: &parsed)
            if scannedEvents.last! == nil {
                // Left to the general reader, which keeps its own view of the previous state line.
                scanned = parsed
            }
            #expect(event == events[scannedEvents.count - 1])
        }
        #expect(scannedEvents.map { $0 != nil } == [true, true, false, false])
        #expect(scannedEvents[0] == events[0])
        #expect(scannedEvents[1] == events[1])
    }
}
