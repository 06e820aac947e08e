import Foundation
import StatesLanguageLayout

extension WorkflowDiagram {
    /// The diagram in Graphviz's DOT language, for `dot -Tsvg` or `-Tpng`.
    ///
    /// Parallel and Map states become clusters holding the state's own node and one cluster per
    /// branch or item processor, joined to it by dotted lines. Choice rules and Catch error names
    /// label their edges; Catch edges are dashed; with an execution, nodes are filled by status.
    ///
    /// - Returns: a `digraph` document.
    public func dot() -> String {
        var lines = ["digraph \(DOT.quoted(title ?? "StateMachine")) {"]
        lines.append("  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=11, nodesep=0.4, ranksep=0.45];")
        lines.append(
            "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#7d8998\", fontname=\"Helvetica\", fontsize=11];"
        )
        lines.append("  edge [color=\"#5f6b7a\", fontname=\"Helvetica\", fontsize=10];")
        var edges: [String] = []
        DOT.write(graph, indent: "  ", into: &lines, edges: &edges)
        lines += edges
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// DOT syntax: quoting and the pieces of ``WorkflowDiagram/dot()``.
enum DOT {
    /// `text` as a DOT quoted string: backslashes and quotes escaped, line breaks as spaces.
    static func quoted(_ text: String) -> String {
        Markup.quoted(text, escaping: ["\\": "\\\\", "\"": "\\\""])
    }

    static let fills: [StateStatus: String] = [
        .succeeded: "#e4f4e2", .failed: "#fde4e1", .caught: "#fff1d6", .cancelled: "#eef0f2",
        .inProgress: "#e0ecfb", .notReached: "#fafafa",
    ]

    static func nodeStatement(_ node: DiagramNode) -> String {
        var attributes: [String] = []
        let lines = DiagramLayout.lines(of: node).map(\.text)
        attributes.append("label=\"" + lines.map { String(quoted($0).dropFirst().dropLast()) }.joined(separator: "\\n") + "\"")
        if node.type == nil {
            attributes.append("shape=oval, fillcolor=\"#232f3e\", fontcolor=\"#ffffff\"")
        } else if node.type == "Choice" {
            attributes.append("fillcolor=\"#fbf7ea\"")
        }
        if let status = node.status, let fill = fills[status] {
            attributes.append("fillcolor=\"\(fill)\"")
            attributes.append("tooltip=" + quoted(status.label))
        }
        return "\(node.id) [\(attributes.joined(separator: ", "))];"
    }

    static func write(_ graph: DiagramGraph, indent: String, into lines: inout [String], edges: inout [String]) {
        for node in graph.nodes {
            guard !node.children.isEmpty else {
                lines.append(indent + nodeStatement(node))
                continue
            }
            lines.append(indent + "subgraph cluster_\(node.id) {")
            lines.append(indent + "  style=\"rounded\"; color=\"#7d8998\"; label=\"\";")
            lines.append(indent + "  " + nodeStatement(node))
            for (index, child) in node.children.enumerated() {
                lines.append(indent + "  subgraph cluster_\(node.id)_\(index) {")
                lines.append(
                    indent + "    style=\"dashed,rounded\"; color=\"#aab4be\"; label=" + quoted(child.title ?? "")
                        + ";")
                write(child, indent: indent + "    ", into: &lines, edges: &edges)
                lines.append(indent + "  }")
                if let first = child.nodes.first {
                    edges.append("  \(node.id) -> \(first.id) [style=dotted, arrowhead=none];")
                }
            }
            lines.append(indent + "}")
        }
        for edge in graph.edges {
            var attributes: [String] = []
            if let label = edge.label { attributes.append("label=" + quoted(label)) }
            switch edge.kind {
            case .catcher: attributes.append("style=dashed, color=\"#b4532a\", fontcolor=\"#b4532a\"")
            case .defaultChoice: attributes.append("fontname=\"Helvetica-Oblique\"")
            case .next, .choice: break
            }
            if edge.isTaken == true { attributes.append("penwidth=2.2") }
            if edge.isTaken == false { attributes.append("color=\"#c4c8cc\"") }
            let from = graph.nodes[edge.from].id
            let to = graph.nodes[edge.to].id
            edges.append("  \(from) -> \(to)" + (attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]") + ";")
        }
    }
}
