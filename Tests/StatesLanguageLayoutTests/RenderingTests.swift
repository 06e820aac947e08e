import Foundation
import StatesLanguage
import StatesLanguageLayout
import StatesLanguageRendering
import StatesLanguageTesting
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("SVG, DOT, Mermaid, outline and HTML output")
struct RenderingTests {
    @Test("The SVG of every runbook parses as XML and names every state", arguments: Runbooks.names)
    func svg(name: String) throws {
        let machine = try Runbooks.machine(name)
        let document = try XMLDocument(data: Data(DiagramLayout(WorkflowDiagram(machine)).svg().utf8))
        let texts = Set(try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue))
        for state in WorkflowDiagram(machine).allNodes where state.type != nil {
            #expect(texts.contains(state.name), "no text for \(state.name)")
        }
    }

    /// Names and payloads that would be markup or script if they were not escaped.
    static let hostile = [
        "</script><script>alert(1)</script>", "<svg onload=\"alert(2)\">", "Tom & Jerry's \"quote\"",
        "]]><!--", "bell\u{7}char", "a\\\"b", "#quot;<br/>", "} subgraph x", "\"]; evil -> node [label=\"",
    ]

    static func hostileMachine() throws -> StateMachine {
        var states: [String] = []
        for (index, name) in hostile.enumerated() {
            let next = index + 1 < hostile.count ? #""Next": \#(jsonString(hostile[index + 1]))"# : #""End": true"#
            let body =
                index == 2
                ? #""Type": "Choice", "Choices": [{"Variable": "$.x", "StringEquals": \#(jsonString(name)), \#(next)}], "Default": \#(jsonString(hostile[0]))"#
                : index == 1
                    ? #""Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Catch": [{"ErrorEquals": [\#(jsonString(name))], \#(next)}], \#(next)"#
                    : #""Type": "Pass", "Result": \#(jsonString(name)), \#(next)"#
            states.append(jsonString(name) + ": {" + body + "}")
        }
        let text = #"{"StartAt": \#(jsonString(hostile[0])), "States": {\#(states.joined(separator: ", "))}}"#
        return try StateMachine(parsing: text, name: "</title><script>x</script>")
    }

    static func jsonString(_ text: String) -> String { JSONValue.string(text).jsonString() }

    @Test("Hostile state names stay text in the SVG: it parses, has no script and no event handler")
    func hostileSVG() throws {
        let machine = try Self.hostileMachine()
        let svg = DiagramLayout(WorkflowDiagram(machine)).svg()
        let document = try XMLDocument(data: Data(svg.utf8))
        #expect(try document.nodes(forXPath: "//*[local-name()='script']").isEmpty)
        let attributes = try document.nodes(forXPath: "//@*").compactMap(\.name)
        #expect(!attributes.contains { $0.lowercased().hasPrefix("on") })
        let names = Set(try document.nodes(forXPath: "//@data-state").compactMap(\.stringValue))
        for name in Self.hostile where name != "bell\u{7}char" { #expect(names.contains(name)) }
        #expect(names.contains("bell\u{FFFD}char"))
    }

    @Test("Hostile names stay inside their quotes in DOT and Mermaid")
    func hostileText() throws {
        let diagram = WorkflowDiagram(try Self.hostileMachine())
        let dot = diagram.dot()
        // Every quoted string closes on its own line: no name ends a label early.
        for line in dot.split(separator: "\n") {
            var quotes = 0
            var escaped = false
            for character in line {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { quotes += 1 }
            }
            #expect(quotes % 2 == 0, "unbalanced quotes in: \(line)")
        }
        let mermaid = diagram.mermaid()
        #expect(!mermaid.contains("<svg"))
        #expect(!mermaid.contains("<script"))
        #expect(mermaid.contains("#lt;/script#gt;"))
        for line in mermaid.split(separator: "\n") where line.contains("[\"") || line.contains("|\"") {
            #expect(line.filter { $0 == "\"" }.count % 2 == 0, "unbalanced quotes in: \(line)")
        }
    }

    @Test("The HTML report escapes names, outputs and causes everywhere and runs no script")
    func hostileReport() async throws {
        let machine = try Self.hostileMachine()
        let harness = WorkflowHarness(machine: machine)
        harness.mock(Self.hostile[1], throwing: StatesError(ErrorName(rawValue: Self.hostile[1]), cause: "</script><img src=x onerror=alert(3)>"))
        let result = await harness.run(input: ["x": "</pre><script>alert(4)</script>"])
        let html = ExecutionPage(machine: machine, trace: ExecutionTrace(events: result.history), title: "<b>run</b>").html()
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<svg onload"))
        #expect(!html.contains("<b>run"))
        #expect(html.contains("&lt;/script&gt;&lt;img src=x onerror=alert(3)&gt;"))
        #expect(html.contains("&lt;/pre&gt;&lt;script&gt;alert(4)&lt;/script&gt;"))
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
        // The page loads nothing: the only URLs are the SVG namespace.
        let urls = html.components(separatedBy: "http").dropFirst().map { $0.prefix(30) }
        #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg") })
    }
}
