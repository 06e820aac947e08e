import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageStore

@Suite("History lines")
struct HistoryLineTests {
    @Test("A state's event written directly reads back as its general JSON form does", arguments: [0, 7, 1_234_567_890])
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
}
