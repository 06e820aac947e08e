import StatesLanguage
import StatesLanguageLayout
import Testing

@Suite("Layered layout geometry")
struct DiagramLayoutTests {
    @Test("Runbooks: no overlapping boxes, no label on a node, no edge through a node", arguments: Runbooks.names)
    func runbook(name: String) throws {
        let layout = DiagramLayout(WorkflowDiagram(try Runbooks.machine(name)))
        let problems = GeometryCheck.problems(in: layout)
        #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
    }

    @Test(
        "Generated definitions of 1 to 1,000 states lay out soundly",
        arguments: [1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 400, 700, 1000])
    func generated(states: Int) throws {
        let seeds: [UInt64] = states <= 100 ? [1, 2, 3, 4, 5] : [7]
        for seed in seeds {
            var generator = RandomDefinition(seed: seed &* 1_000_003 &+ UInt64(states))
            let text = generator.make(states: states)
            let machine = try StateMachine(parsing: text)
            let diagram = WorkflowDiagram(machine)
            let stateNodes = diagram.allNodes.filter { $0.type != nil }
            #expect(stateNodes.count == states)
            let layout = DiagramLayout(diagram)
            #expect(layout.boxes.count == stateNodes.count + 2)
            let problems = GeometryCheck.problems(in: layout)
            #expect(problems.isEmpty, "seed \(seed): \(problems.prefix(10).joined(separator: "\n"))")
        }
    }

    @Test("The checker catches overlapping boxes and labels on nodes")
    func checkerCanFail() throws {
        var layout = DiagramLayout(WorkflowDiagram(try Runbooks.machine("rolling-restart")))
        #expect(GeometryCheck.problems(in: layout).isEmpty)
        let first = layout.boxes.firstIndex { $0.node.name == "ApplyDefaults" }!
        let second = layout.boxes.firstIndex { $0.node.name == "MergeDefaults" }!
        layout.boxes[second].frame = layout.boxes[first].frame.offset(5, 5)
        #expect(GeometryCheck.problems(in: layout).contains { $0.contains("overlap") })
        var labelled = DiagramLayout(WorkflowDiagram(try Runbooks.machine("rolling-restart")))
        let route = labelled.routes.firstIndex { $0.labelFrame != nil }!
        let target = labelled.boxes.first { $0.node.name == "PublishAlert" }!
        labelled.routes[route].labelFrame = target.frame.offset(2, 2)
        #expect(GeometryCheck.problems(in: labelled).contains { $0.contains("sits on node") })
    }

    @Test("Start comes first and End last; every edge runs from its source to its target")
    func ends() throws {
        let layout = DiagramLayout(WorkflowDiagram(try Runbooks.machine("patch-report")))
        let start = try #require(layout.boxes.first { $0.node.kind == .start })
        let end = try #require(layout.boxes.first { $0.node.kind == .end })
        for box in layout.boxes where box.depth == 0 && box.node.kind != .start {
            #expect(box.frame.y > start.frame.y)
        }
        for box in layout.boxes where box.node.kind != .end { #expect(box.frame.y < end.frame.y) }
        let frames = Dictionary(layout.boxes.map { ($0.node.id, $0.frame) }, uniquingKeysWith: { a, _ in a })
        for route in layout.routes {
            let from = try #require(frames[route.fromID])
            let to = try #require(frames[route.toID])
            let first = try #require(route.points.first)
            let last = try #require(route.points.last)
            #expect(abs(first.y - from.maxY) < 0.01 || abs(first.y - from.y) < 0.01 || first.x == from.maxX)
            #expect(abs(last.y - to.y) < 0.01 || abs(last.y - to.maxY) < 0.01 || last.x == to.maxX)
        }
    }

    @Test("A loop is drawn going up, and a state's self-loop to its right")
    func loops() throws {
        let machine = try StateMachine(
            parsing: """
                {"StartAt": "Check", "States": {
                  "Check": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Ready?"},
                  "Ready?": {"Type": "Choice", "Choices": [
                    {"Variable": "$.ready", "BooleanEquals": true, "Next": "Done"},
                    {"Variable": "$.again", "BooleanEquals": true, "Next": "Ready?"}], "Default": "Wait"},
                  "Wait": {"Type": "Wait", "Seconds": 5, "Next": "Check"},
                  "Done": {"Type": "Succeed"}}}
                """)
        let layout = DiagramLayout(WorkflowDiagram(machine))
        #expect(GeometryCheck.problems(in: layout).isEmpty)
        let ids = Dictionary(layout.boxes.map { ($0.node.name, $0.node.id) }, uniquingKeysWith: { a, _ in a })
        let back = try #require(layout.routes.first { $0.fromID == ids["Wait"] && $0.toID == ids["Check"] })
        #expect(back.points.first!.y > back.points.last!.y)
        let selfLoop = try #require(layout.routes.first { $0.fromID == ids["Ready?"] && $0.toID == ids["Ready?"] })
        let box = try #require(layout.boxes.first { $0.node.name == "Ready?" })
        #expect(selfLoop.points.allSatisfy { $0.x >= box.frame.maxX })
        #expect(selfLoop.labelFrame!.x > box.frame.maxX)
    }
}
