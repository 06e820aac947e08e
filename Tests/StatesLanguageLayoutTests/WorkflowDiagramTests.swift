import StatesLanguage
import StatesLanguageLayout
import Testing

@Suite("What the diagram shows")
struct WorkflowDiagramTests {
    @Test("Choice rules in short, the Default marked, Catch error names, Retry and Map details")
    func labels() throws {
        let machine = try StateMachine(
            parsing: """
                {"StartAt": "Fan", "States": {
                  "Fan": {"Type": "Map", "MaxConcurrency": 5, "Next": "Route",
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 4, "BackoffRate": 1.5}],
                        "End": true}}},
                    "Catch": [{"ErrorEquals": ["States.TaskFailed", "Custom"], "Next": "Oops"}]},
                  "Route": {"Type": "Choice", "Choices": [
                    {"And": [{"Variable": "$.n", "NumericGreaterThanEquals": 3}, {"Variable": "$.s", "StringEquals": "ok"}], "Next": "Done"},
                    {"Not": {"Variable": "$.x", "IsPresent": true}, "Next": "Oops"},
                    {"Not": {"Variable": "$.s", "StringEquals": "off"}, "Next": "Done"},
                    {"Or": [{"Variable": "$.a", "IsNull": false}, {"Variable": "$.t", "TimestampLessThanEquals": "2026-01-01T00:00:00Z"}], "Next": "Done"}],
                  "Default": "Done"},
                  "Oops": {"Type": "Fail", "Error": "Broken"},
                  "Done": {"Type": "Succeed"}}}
                """)
        let diagram = WorkflowDiagram(machine)
        let labels = diagram.graph.edges.compactMap(\.label)
        #expect(labels.contains(#"$.n >= 3 and $.s == "ok""#))
        #expect(labels.contains("not ($.x is present)"))
        #expect(labels.contains(#"$.s != "off""#))
        #expect(labels.contains(#"$.a is not null or $.t <= "2026-01-01T00:00:00Z""#))
        #expect(labels.contains("Default"))
        #expect(labels.contains("States.TaskFailed, Custom"))
        #expect(diagram.graph.edges.contains { $0.kind == .defaultChoice && $0.label == "Default" })
        #expect(diagram.graph.edges.contains { $0.kind == .catcher })
        let fan = try #require(diagram.graph.nodes.first { $0.name == "Fan" })
        #expect(fan.details.first == "Distributed · max concurrency 5")
        #expect(fan.children.count == 1)
        let work = try #require(fan.children.first?.nodes.first)
        #expect(work.details.contains("retry States.Timeout: max 4 retries, 2s ×1.5"))
        #expect(diagram.graph.nodes.first?.kind == .start)
        #expect(diagram.graph.nodes.last?.kind == .end)
        let end = diagram.graph.nodes.count - 1
        #expect(Set(diagram.graph.edges.filter { $0.to == end }.map { diagram.graph.nodes[$0.from].name }) == ["Oops", "Done"])
    }

    @Test("Parallel branches are nested graphs titled Branch 1, Branch 2")
    func parallel() throws {
        let machine = try Runbooks.machine("alarm-remediation")
        let diagram = WorkflowDiagram(machine)
        let parallels = diagram.allNodes.filter { $0.type == "Parallel" }
        for node in parallels {
            #expect(node.children.map(\.title) == node.children.indices.map { "Branch \($0 + 1)" })
        }
    }
}

@Suite("Long labels")
struct LongLabelTests {
    @Test("A long Choice rule is shortened on the edge and kept whole for the tooltip")
    func tooltip() throws {
        let long = String(repeating: "x", count: 80)
        let machine = try StateMachine(
            parsing: """
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
                  {"Variable": "$.v", "StringEquals": "\(long)", "Next": "D"}], "Default": "D"},
                  "D": {"Type": "Succeed"}}}
                """)
        let edge = try #require(WorkflowDiagram(machine).graph.edges.first { $0.kind == .choice })
        #expect(edge.label?.count == Summary.limit)
        #expect(edge.label?.hasSuffix("…") == true)
        #expect(edge.fullLabel == #"$.v == ""# + long + #"""#)
    }
}
