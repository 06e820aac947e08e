import Foundation
import StatesLanguageLayout

extension WorkflowDiagram {
    /// The diagram as a Mermaid flowchart, for Markdown pages that render Mermaid.
    ///
    /// Parallel and Map states become subgraphs holding the state's own node and one subgraph
    /// per branch or item processor. Text is written with Mermaid's entity codes (`#quot;`,
    /// `#lt;`…), so names cannot break out of their labels.
    ///
    /// - Returns: a `flowchart TD` document.
    public func mermaid() -> String {
        var lines = ["flowchart TD"]
        var edges: [String] = []
        var classes: [StateStatus: [String]] = [:]
        Mermaid.write(graph, indent: "  ", into: &lines, edges: &edges, classes: &classes)
        lines += edges
        for status in StateStatus.allCases {
            guard let ids = classes[status] else { continue }
            let (fill, stroke) = Mermaid.colours[status] ?? ("#ffffff", "#7d8998")
            let name = status.rawValue.replacingOccurrences(of: "-", with: "")
            lines.append("  classDef \(name) fill:\(fill),stroke:\(stroke)")
            lines.append("  class \(ids.joined(separator: ",")) \(name)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Mermaid syntax: escaping and the pieces of ``WorkflowDiagram/mermaid()``.
enum Mermaid {
    /// `text` inside double quotes, with Mermaid's entity codes for the characters that matter.
    static func quoted(_ text: String) -> String {
        Markup.quoted(text, escaping: ["\"": "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;"])
    }

    static let colours: [StateStatus: (String, String)] = [
        .succeeded: ("#e4f4e2", "#2e8540"), .failed: ("#fde4e1", "#d13212"), .caught: ("#fff1d6", "#e07b00"),
        .cancelled: ("#eef0f2", "#8d99a8"), .inProgress: ("#e0ecfb", "#0972d3"), .notReached: ("#fafafa", "#c4c8cc"),
    ]

    static func nodeStatement(_ node: DiagramNode) -> String {
        let lines = DiagramLayout.lines(of: node).map { quotedLine($0.text) }
        let label = "\"" + lines.joined(separator: "<br/>") + "\""
        switch node.type {
        case nil: return "\(node.id)([\(label)])"
        case "Choice": return "\(node.id){{\(label)}}"
        default: return "\(node.id)[\(label)]"
        }
    }

    private static func quotedLine(_ text: String) -> String { String(quoted(text).dropFirst().dropLast()) }

    static func write(
        _ graph: DiagramGraph, indent: String, into lines: inout [String], edges: inout [String],
        classes: inout [StateStatus: [String]]
    ) {
        for node in graph.nodes {
            if let status = node.status { classes[status, default: []].append(node.id) }
            guard !node.children.isEmpty else {
                lines.append(indent + nodeStatement(node))
                continue
            }
            lines.append(indent + "subgraph c_\(node.id) [\" \"]")
            lines.append(indent + "  " + nodeStatement(node))
            for (index, child) in node.children.enumerated() {
                lines.append(indent + "  subgraph c_\(node.id)_\(index) [\(quoted(child.title ?? ""))]")
                write(child, indent: indent + "    ", into: &lines, edges: &edges, classes: &classes)
                lines.append(indent + "  end")
                if let first = child.nodes.first { edges.append("  \(node.id) -.- \(first.id)") }
            }
            lines.append(indent + "end")
        }
        for edge in graph.edges {
            let arrow = edge.kind == .catcher ? "-.->" : edge.isTaken == true ? "==>" : "-->"
            let label = edge.label.map { "|\(quoted($0))|" } ?? ""
            edges.append("  \(graph.nodes[edge.from].id) \(arrow)\(label) \(graph.nodes[edge.to].id)")
        }
    }
}
