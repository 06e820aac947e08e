import Foundation
import StatesLanguage
import StatesLanguageLayout

/// Lays out large definitions shaped like runbooks: checks with retries, polling loops,
/// Choice fans, Map processors and Parallel branches, and Catches to one shared alert state.
enum LayoutBenchmark {
    /// A definition of exactly `states` states (nested ones included) built from blocks of ten.
    static func definition(states: Int) -> String {
        var parts: [String] = []
        var count = 0
        var block = 0
        func add(_ name: String, _ body: String) {
            parts.append("\"\(name)\": {\(body)}")
            count += 1
        }
        while count + 12 <= states - 2 {
            let b = "B\(block)"
            let next = "B\(block + 1)Check"
            add("\(b)Check", #""Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 3}], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Alert"}], "Next": "\#(b)Ready""#)
            add("\(b)Ready", #""Type": "Choice", "Choices": [{"Variable": "$.ready", "BooleanEquals": true, "Next": "\#(b)Fan"}, {"Variable": "$.skip", "IsPresent": true, "Next": "\#(next)"}], "Default": "\#(b)Wait""#)
            add("\(b)Wait", #""Type": "Wait", "Seconds": 30, "Next": "\#(b)Check""#)
            add("\(b)Fan", #""Type": "Map", "MaxConcurrency": 5, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Alert"}], "Next": "\#(b)Both", "ItemProcessor": {"StartAt": "\#(b)Step1", "States": {"\#(b)Step1": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "\#(b)Step2"}, "\#(b)Step2": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "\#(b)Step3"}], "Default": "\#(b)Step1"}, "\#(b)Step3": {"Type": "Pass", "End": true}}}"#)
            count += 3
            add("\(b)Both", #""Type": "Parallel", "Next": "\#(b)Record", "Branches": [{"StartAt": "\#(b)Left1", "States": {"\#(b)Left1": {"Type": "Pass", "Next": "\#(b)Left2"}, "\#(b)Left2": {"Type": "Pass", "End": true}}}, {"StartAt": "\#(b)Right1", "States": {"\#(b)Right1": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}]"#)
            count += 3
            add("\(b)Record", #""Type": "Pass", "Next": "\#(next)""#)
            block += 1
        }
        // The last block goes on to the tail (every state must be reachable), or to Done.
        let firstTail = count
        while count < states - 2 {
            add("Tail\(count)", #""Type": "Pass", "Next": "\#(count + 1 < states - 2 ? "Tail\(count + 1)" : "Done")""#)
        }
        let lastBlockTarget = "B\(block)Check"
        var text = parts.joined(separator: ", ")
        text = text.replacingOccurrences(
            of: "\"Next\": \"\(lastBlockTarget)\"", with: "\"Next\": \"\(firstTail < states - 2 ? "Tail\(firstTail)" : "Done")\"")
        let first = parts.isEmpty ? "Done" : "B0Check"
        return #"{"StartAt": "\#(first)", "States": {\#(text), "Alert": {"Type": "Fail", "Error": "Alerted"}, "Done": {"Type": "Succeed"}}}"#
    }

    static func run() {
        let shapes = [
            ("runbook-shaped", 100, definition(states: 100)), ("runbook-shaped", 1_000, definition(states: 1_000)),
            ("linear", 1_000, linearDefinition(states: 1_000)),
        ]
        for (shape, states, text) in shapes {
            let machine = try! StateMachine(parsing: text)
            var rounds: [Duration] = []
            var boxes = 0
            for _ in 0..<5 {
                let start = clock.now
                let layout = DiagramLayout(WorkflowDiagram(machine))
                rounds.append(clock.now - start)
                boxes = layout.boxes.count
            }
            rounds.sort()
            guard boxes == states + 2 else { fatalError("expected \(states + 2) boxes, got \(boxes)") }
            print(
                String(
                    format: "%-58@ %10.1f ms median, %.1f ms best (%d boxes, peak RSS %.0f MiB)",
                    "Layout, \(states)-state \(shape) definition" as NSString, seconds(rounds[2]) * 1000,
                    seconds(rounds[0]) * 1000, boxes, peakMemoryMiB()))
        }
    }
}
