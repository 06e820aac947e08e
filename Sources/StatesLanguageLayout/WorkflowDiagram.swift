import StatesLanguage

/// A state machine as boxes and arrows, before any geometry: what every picture of it shows.
///
/// The top level has a `Start` and an `End` node; each state is a node with its name, its
/// type and details (resource, Retry, MaxConcurrency); Parallel branches and Map item
/// processors are nested ``DiagramGraph``s of their node. Edges carry their kind: `Next`,
/// a Choice rule (labelled with a short form of the rule), the Choice `Default`, or a Catch
/// (labelled with its error names). With an ``ExecutionTrace``, nodes carry a
/// ``StateStatus`` and edges whether the execution took them.
///
/// ```swift
/// let diagram = WorkflowDiagram(machine, trace: ExecutionTrace(events: result.history))
/// let layout = DiagramLayout(diagram)
/// ```
public struct WorkflowDiagram: Sendable {
    /// The top-level graph, with its `Start` and `End` nodes.
    public var graph: DiagramGraph
    /// The state machine's name, if it has one.
    public var title: String?
    /// The top-level `Comment`.
    public var comment: String?
    /// The execution the diagram is coloured by, if any.
    public var trace: ExecutionTrace?

    /// Builds the diagram of `machine`, coloured by `trace` when one is given.
    ///
    /// - Parameters:
    ///   - machine: the compiled state machine.
    ///   - trace: what happened in one of its executions.
    public init(_ machine: StateMachine, trace: ExecutionTrace? = nil) {
        var builder = Builder(trace: trace)
        graph = builder.graph(machine.graph, title: nil, isTopLevel: true)
        title = machine.name
        comment = machine.comment
        self.trace = trace
    }

    /// Every node, nested ones included, depth first in definition order.
    public var allNodes: [DiagramNode] {
        var result: [DiagramNode] = []
        func visit(_ graph: DiagramGraph) {
            for node in graph.nodes {
                result.append(node)
                node.children.forEach(visit)
            }
        }
        visit(graph)
        return result
    }
}

extension WorkflowDiagram {
    /// Turns state graphs into diagram graphs, numbering nodes across the whole machine.
    private struct Builder {
        let trace: ExecutionTrace?
        var nextID = 0

        mutating func makeID() -> String {
            defer { nextID += 1 }
            return "n\(nextID)"
        }

        mutating func graph(_ states: StateGraph, title: String?, isTopLevel: Bool) -> DiagramGraph {
            var nodes: [DiagramNode] = []
            var edges: [DiagramEdge] = []
            let offset = isTopLevel ? 1 : 0
            if isTopLevel { nodes.append(DiagramNode(id: "start", kind: .start, name: "Start")) }
            for state in states.states { nodes.append(node(for: state)) }
            let end = nodes.count
            if isTopLevel {
                nodes.append(DiagramNode(id: "end", kind: .end, name: "End"))
                edges.append(
                    DiagramEdge(
                        from: 0, to: states.startIndex + offset, kind: .next,
                        isTaken: trace.map { $0.firstState == states.states[states.startIndex].name }))
            }
            for (index, state) in states.states.enumerated() {
                let from = index + offset
                func taken(_ target: Int, viaCatch: Bool) -> Bool? {
                    trace.map {
                        $0.steps.contains(
                            ExecutionTrace.Step(from: state.name, to: states.states[target].name, isCatch: viaCatch))
                    }
                }
                func next(_ transition: Transition) {
                    switch transition {
                    case .next(let target):
                        edges.append(
                            DiagramEdge(
                                from: from, to: target + offset, kind: .next, isTaken: taken(target, viaCatch: false)))
                    case .end:
                        if isTopLevel { edges.append(endEdge(from: from, to: end, state: state.name)) }
                    }
                }
                func catchers(_ catchers: [Catcher]) {
                    for catcher in catchers {
                        edges.append(
                            DiagramEdge(
                                from: from, to: catcher.next + offset, kind: .catcher,
                                label: catcher.errorEquals.map(\.rawValue).joined(separator: ", "),
                                isTaken: taken(catcher.next, viaCatch: true)))
                    }
                }
                switch state {
                case .pass(let s): next(s.transition)
                case .wait(let s): next(s.transition)
                case .task(let s):
                    next(s.transition)
                    catchers(s.catchers)
                case .parallel(let s):
                    next(s.transition)
                    catchers(s.catchers)
                case .map(let s):
                    next(s.transition)
                    catchers(s.catchers)
                case .choice(let s):
                    for choice in s.choices {
                        var edge = DiagramEdge(
                            from: from, to: choice.next + offset, kind: .choice, label: choice.condition.summary,
                            isTaken: taken(choice.next, viaCatch: false))
                        let text = choice.condition.text
                        if text != edge.label { edge.fullLabel = text }
                        edges.append(edge)
                    }
                    if let target = s.defaultNext {
                        edges.append(
                            DiagramEdge(
                                from: from, to: target + offset, kind: .defaultChoice, label: "Default",
                                isTaken: taken(target, viaCatch: false)))
                    }
                case .succeed, .fail:
                    if isTopLevel { edges.append(endEdge(from: from, to: end, state: state.name)) }
                }
            }
            return DiagramGraph(title: title, nodes: nodes, edges: edges)
        }

        private func endEdge(from: Int, to end: Int, state: String) -> DiagramEdge {
            DiagramEdge(
                from: from, to: end, kind: .next,
                isTaken: trace.map { trace in
                    guard let last = trace.visits.last(where: { $0.scope == 0 }), last.name == state else { return false }
                    return trace.executionStatus == "SUCCEEDED" || last.type == "Fail"
                })
        }

        private mutating func node(for state: State) -> DiagramNode {
            var node = DiagramNode(id: makeID(), kind: .state(type: state.typeName), name: state.name)
            switch state {
            case .task(let s):
                node.details = [s.resource.shortName]
                node.details += s.retriers.map(\.summary)
            case .wait(let s):
                node.details = [s.duration.summary]
            case .fail(let s):
                if case .literal(let error)? = s.error { node.details = [error] }
            case .parallel(let s):
                node.details = s.retriers.map(\.summary)
                for (index, branch) in s.branches.enumerated() {
                    node.children.append(graph(branch, title: "Branch \(index + 1)", isTopLevel: false))
                }
            case .map(let s):
                var line = s.maxConcurrency.map { "max concurrency " + $0.summary } ?? "max concurrency unlimited"
                if s.isDistributed { line = "Distributed · " + line }
                node.details = [line] + s.retriers.map(\.summary)
                node.children = [graph(s.processor, title: "Item processor", isTopLevel: false)]
            case .pass, .choice, .succeed:
                break
            }
            if let trace {
                let visits = trace.visits(ofState: state.name)
                node.status = trace.status(ofState: state.name)
                node.runs = runsSummary(visits, isMap: state.typeName == "Map")
            }
            return node
        }

        private func runsSummary(_ visits: [ExecutionTrace.Visit], isMap: Bool) -> String? {
            if isMap {
                let counts = visits.compactMap(\.iterations)
                guard !counts.isEmpty else { return nil }
                let total = counts.reduce(0) { $0 + $1.length }
                var parts: [String] = []
                let succeeded = counts.reduce(0) { $0 + $1.succeeded }
                let failed = counts.reduce(0) { $0 + $1.failed }
                let aborted = counts.reduce(0) { $0 + $1.aborted }
                let running = counts.reduce(0) { $0 + $1.started - $1.finished }
                let waiting = counts.reduce(0) { $0 + max(0, $1.length - $1.started) }
                if succeeded > 0 { parts.append("\(succeeded) succeeded") }
                if failed > 0 { parts.append("\(failed) failed") }
                if aborted > 0 { parts.append("\(aborted) aborted") }
                if running > 0 { parts.append("\(running) running") }
                if waiting > 0 { parts.append("\(waiting) not started") }
                let noun = total == 1 ? "item" : "items"
                return "\(total) \(noun)" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
            }
            let retries = visits.reduce(0) { $0 + $1.retries }
            var parts: [String] = []
            if visits.count > 1 { parts.append("\(visits.count) runs") }
            if retries > 0 { parts.append(retries == 1 ? "1 retry" : "\(retries) retries") }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        }
    }
}
