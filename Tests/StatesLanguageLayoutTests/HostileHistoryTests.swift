import Foundation
import StatesLanguageLayout
import StatesLanguageRendering
import Testing

@testable import StatesLanguage

@Suite("Histories that make no sense")
struct HostileHistoryTests {
    static let machine = try! StateMachine(
        parsing: """
            {"StartAt": "A", "States": {
              "A": {"Type": "Map", "Next": "B", "ItemProcessor": {"StartAt": "In", "States": {"In": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}},
              "B": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "C", "States": {"C": {"Type": "Fail"}}}]}}}
            """)

    static func randomKind(_ random: inout SplitMix64) -> ExecutionEvent.Kind {
        let names = ["A", "B", "C", "In", "Nowhere", ""]
        let name = names[Int(random.next() % UInt64(names.count))]
        let index = Int(random.next() % 5) - 1
        switch random.next() % 16 {
        case 0: return .executionStarted(input: [:], roleARN: "", stateMachineARN: "")
        case 1: return .stateEntered(stateType: ["Map", "Parallel", "Task", "Fail"].randomElement(using: &random)!, name: name, input: .null)
        case 2: return .stateExited(stateType: "Task", name: name, output: .null)
        case 3: return .taskScheduled(resourceType: "lambda", resource: "invoke", region: "", parameters: .null, timeoutInSeconds: nil, heartbeatInSeconds: nil)
        case 4: return .taskFailed(resourceType: "lambda", resource: "invoke", error: "E", cause: nil)
        case 5: return .taskSucceeded(resourceType: "lambda", resource: "invoke", output: .null)
        case 6: return .mapStateStarted(length: index)
        case 7: return .mapIterationStarted(name: name, index: index)
        case 8: return .mapIterationSucceeded(name: name, index: index)
        case 9: return .mapIterationFailed(name: name, index: index, error: nil, cause: nil)
        case 10: return .mapStateSucceeded
        case 11: return .mapStateFailed(error: nil, cause: nil)
        case 12: return .parallelStateStarted
        case 13: return .parallelStateFailed(error: "X", cause: "</script>")
        case 14: return .executionFailed(error: "E", cause: nil)
        default: return .executionSucceeded(output: .null)
        }
    }

    @Test("Random event sequences, dangling links and absurd timestamps neither trap nor hang")
    func random() throws {
        var generator = SplitMix64(seed: 13)
        let times: [Double] = [0, 1e9, -1e9, 1e300, -1e300, 1.7e9]
        for round in 0..<300 {
            var events: [ExecutionEvent] = []
            for id in 1...Int(1 + generator.next() % 60) {
                let previous = Int(generator.next() % UInt64(id + 3)) - 1
                let time = times[Int(generator.next() % UInt64(times.count))] + Double(id)
                events.append(
                    ExecutionEvent(
                        id: id, previousEventID: previous, timestamp: Date(timeIntervalSince1970: time),
                        kind: Self.randomKind(&generator)))
            }
            let trace = ExecutionTrace(events: events)
            let html = ExecutionPage(machine: Self.machine, trace: trace, title: "round \(round)").html()
            #expect(html.hasSuffix("</html>\n"))
            _ = DiagramLayout(WorkflowDiagram(Self.machine, trace: trace)).svg()
        }
    }
}
