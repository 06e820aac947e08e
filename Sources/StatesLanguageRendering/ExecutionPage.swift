import Foundation
import StatesLanguage
import StatesLanguageLayout

/// A self-contained HTML report of one execution: the coloured graph, a Gantt-like timeline,
/// and for each state, on click, its input, output, error, cause and retries.
///
/// The page loads nothing (no scripts, fonts, images or style sheets from anywhere) and runs no
/// script: clicking a state follows a `#state-…` link, and CSS `:target` shows its panel. Every
/// piece of text from the definition or the history is escaped, so no name or payload can
/// become markup.
///
/// ```swift
/// let trace = ExecutionTrace(events: result.history)
/// let html = ExecutionPage(machine: machine, trace: trace, title: "nightly run").html()
/// ```
public struct ExecutionPage: Sendable {
    /// The coloured diagram of the state machine.
    public var diagram: WorkflowDiagram
    /// What happened.
    public var trace: ExecutionTrace
    /// The page's heading: the execution's name or a test case's.
    public var title: String
    /// The most visits listed per state, and the most timeline rows.
    public var visitLimit = 200
    /// The most characters of one payload shown.
    public var payloadLimit = 20_000

    /// A report of `trace`, an execution of `machine`.
    ///
    /// - Parameters:
    ///   - machine: the state machine that ran.
    ///   - trace: what happened, from the execution's history.
    ///   - title: the heading (an execution or test case name).
    public init(machine: StateMachine, trace: ExecutionTrace, title: String) {
        diagram = WorkflowDiagram(machine, trace: trace)
        self.trace = trace
        self.title = title
    }

    /// The page.
    public func html() -> String {
        let ids = Dictionary(diagram.allNodes.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        var options = DiagramLayout.SVGOptions()
        options.idPrefix = "g-"
        options.linkPrefix = "state-"
        let graph = DiagramLayout(diagram).svg(options: options)
        let machine = diagram.title ?? "StateMachine"
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escape(title)) · \(Markup.escape(machine))</title>
            <style>\(Self.styleSheet)</style>
            </head>
            <body>

            """
        page += summary(machine: machine)
        page += "<main>\n<section class=\"graph\"><h2>Graph</h2>\n<div class=\"scroll\">\n\(graph)</div></section>\n"
        page += "<aside class=\"panels\"><p class=\"hint\">Click a state in the graph or the timeline to see its input, output, errors and retries.</p>\n"
        for node in diagram.allNodes where node.type != nil { page += panel(for: node) }
        page += "</aside>\n</main>\n"
        page += "<section class=\"timeline\"><h2>Timeline</h2>\n<div class=\"scroll\">\n"
        page += timeline(ids: ids)
        page += "</div></section>\n"
        page += payloads()
        page += "</body>\n</html>\n"
        return page
    }

    private func summary(machine: String) -> String {
        var lines = "<header><h1>\(Markup.escape(title))</h1>\n<p class=\"meta\">"
        let status = trace.executionStatus
        lines += "<span class=\"badge badge-\(status.lowercased())\">\(Markup.escape(status))</span> "
        lines += "state machine <strong>\(Markup.escape(machine))</strong>"
        if let started = trace.started { lines += " · started \(Self.time(started))" }
        if let started = trace.started, let end = trace.stopped ?? trace.lastTimestamp {
            lines += " · \(ElapsedTime.text(end.timeIntervalSince(started)))"
        }
        lines += " · \(trace.visits.count) state\(trace.visits.count == 1 ? "" : "s") entered</p>\n"
        if let error = trace.error {
            lines += "<p class=\"failure\"><strong>\(Markup.escape(error))</strong>"
            if let cause = trace.cause { lines += ": \(Markup.escape(cause))" }
            lines += "</p>\n"
        }
        return lines + "</header>\n"
    }

    private func payloads() -> String {
        var text = "<section class=\"io\"><h2>Execution input and output</h2>\n"
        text += "<h3>Input</h3>" + block(trace.input)
        if trace.executionStatus == "SUCCEEDED" { text += "<h3>Output</h3>" + block(trace.output) }
        return text + "</section>\n"
    }

    /// A payload as pretty JSON in a `<pre>`, cut at ``payloadLimit`` characters.
    func block(_ value: JSONValue?) -> String {
        guard let value else { return "<p class=\"none\">none recorded</p>\n" }
        var text = value.jsonString(options: .pretty)
        let count = text.count
        if count > payloadLimit { text = String(text.prefix(payloadLimit)) + "\n… (\(count - payloadLimit) more characters)" }
        return "<pre>\(Markup.escape(text))</pre>\n"
    }

    /// `2026-01-01T00:00:00.000Z`.
    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static let styleSheet = """
        body{font-family:Arial,'Liberation Sans',Helvetica,sans-serif;margin:0;padding:16px 24px;color:#16191f;background:#f4f5f7}\
        h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:0 0 8px}h3{font-size:13px;margin:12px 0 4px}\
        header{margin-bottom:12px}.meta{margin:0;color:#3b4654;font-size:13px}\
        .failure{margin:6px 0 0;color:#a4200b;font-size:13px;white-space:pre-wrap;overflow-wrap:anywhere}\
        .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:bold;color:#fff;background:#5f6b7a}\
        .badge-succeeded{background:#2e8540}.badge-failed,.badge-timed_out{background:#d13212}.badge-running{background:#0972d3}\
        main{display:flex;gap:16px;align-items:flex-start}\
        section,aside{background:#fff;border:1px solid #d5dbe1;border-radius:8px;padding:12px;margin-bottom:16px}\
        .graph{flex:1 1 auto;min-width:0}.scroll{overflow:auto}\
        .panels{flex:0 0 380px;position:sticky;top:12px;max-height:calc(100vh - 40px);overflow:auto}\
        .panel{display:none}.panel:target{display:block}.panels:has(.panel:target) .hint{display:none}\
        .hint{color:#5f6b7a;font-size:13px}\
        .panel h2 small{font-weight:normal;color:#5f6b7a}\
        .visit{border-top:1px solid #e3e7eb;padding-top:6px;margin-top:8px;font-size:12px}\
        .visit .when{color:#5f6b7a}.detail{font-size:12px;color:#5f6b7a;margin:2px 0}\
        .status{font-weight:bold}.status-succeeded{color:#2e8540}.status-failed{color:#d13212}.status-caught{color:#b35f00}\
        .status-cancelled,.status-not-reached{color:#5f6b7a}.status-in-progress{color:#0972d3}\
        table{border-collapse:collapse;font-size:12px;margin:4px 0}td,th{border:1px solid #e3e7eb;padding:2px 6px;text-align:left;vertical-align:top}\
        pre{background:#f7f8f9;border:1px solid #e3e7eb;border-radius:4px;padding:6px;font-size:11px;max-height:240px;overflow:auto;white-space:pre-wrap;overflow-wrap:anywhere;margin:2px 0}\
        .none{color:#9ba7b6;font-size:12px;margin:2px 0}\
        .timeline svg{font-family:Arial,'Liberation Sans',Helvetica,sans-serif}\
        .tl-label{font-size:11px;fill:#16191f}.tl-axis{font-size:10px;fill:#5f6b7a}.tl-grid{stroke:#e3e7eb}\
        .tl-bar{fill:#8d99a8}.tl-succeeded{fill:#2e8540}.tl-failed{fill:#d13212}.tl-caught{fill:#e07b00}\
        .tl-cancelled{fill:#aab4be}.tl-in-progress{fill:#0972d3}.tl-wait{fill:url(#tl-hatch)}\
        .tl-retry-wait{fill:url(#tl-hatch)}.tl-attempt{fill:#16191f;fill-opacity:0.25}.tl-attempt-failed{fill:#d13212;fill-opacity:0.55}\
        .tl-note{font-size:10px;fill:#5f6b7a}a:hover .tl-bar{stroke:#16191f;stroke-width:1}
        """
}
