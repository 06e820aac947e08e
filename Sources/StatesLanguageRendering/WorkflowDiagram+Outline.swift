import StatesLanguageLayout

extension WorkflowDiagram {
    /// The diagram as an indented outline for a terminal: one line per state with its type and
    /// details, then its ways out (`→ Next`, a Choice rule, `default`, `catch Errors`), and its
    /// branches or item processor indented below it. With an execution, each state line starts
    /// with its status.
    ///
    /// ```
    /// Start → ApplyDefaults
    /// ApplyDefaults (Pass) → MergeDefaults
    /// IsHealthy (Choice)
    ///   $.status == "ok" → Register
    ///   default → MarkUnhealthy
    /// ```
    ///
    /// - Returns: the outline, one line per entry, ending with a newline.
    public func outline() -> String {
        var lines: [String] = []
        if let title { lines.append(title) }
        Outline.write(graph, indent: "", into: &lines, hasTrace: trace != nil)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The pieces of ``WorkflowDiagram/outline()``.
enum Outline {
    static let marks: [StateStatus: String] = [
        .succeeded: "✓", .failed: "✗", .caught: "↷", .cancelled: "–", .inProgress: "…", .notReached: "·",
    ]

    static func write(_ graph: DiagramGraph, indent: String, into lines: inout [String], hasTrace: Bool) {
        for (index, node) in graph.nodes.enumerated() {
            let out = graph.edges.filter { $0.from == index }
            if node.kind == .end { continue }
            var line = indent
            if hasTrace, node.type != nil { line += (node.status.flatMap { marks[$0] } ?? " ") + " " }
            line += node.name
            if let type = node.type {
                var facts = [type] + node.details
                if let runs = node.runs { facts.append(runs) }
                line += " (" + facts.joined(separator: "; ") + ")"
            }
            let plain = out.filter { $0.kind == .next }
            if plain.count == 1 { line += " → " + graph.nodes[plain[0].to].name }
            lines.append(line)
            let more = hasTrace && node.type != nil ? indent + "    " : indent + "  "
            for edge in out where !(edge.kind == .next && plain.count == 1) {
                let target = graph.nodes[edge.to].name
                switch edge.kind {
                case .next: lines.append(more + "→ " + target)
                case .choice: lines.append(more + (edge.label ?? "") + " → " + target)
                case .defaultChoice: lines.append(more + "default → " + target)
                case .catcher: lines.append(more + "catch " + (edge.label ?? "") + " → " + target)
                }
            }
            for child in node.children {
                lines.append(more + (child.title ?? "") + ":")
                write(child, indent: more + "  ", into: &lines, hasTrace: hasTrace)
            }
        }
    }
}
