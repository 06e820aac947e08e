import Foundation
import StatesLanguageLayout

extension ExecutionPage {
    /// The panel of one state: its status and every visit with input, output, error, cause and attempts.
    func panel(for node: DiagramNode) -> String {
        let visits = trace.visits(ofState: node.name)
        let status = node.status ?? .notReached
        var text = "<div class=\"panel\" id=\"state-\(node.id)\">\n"
        text += "<h2>\(Markup.escape(node.name)) <small>\(Markup.escape(node.typeLine))</small></h2>\n"
        text += "<p><span class=\"status status-\(status.rawValue)\">\(status.label)</span>"
        if let runs = node.runs { text += " · \(Markup.escape(runs))" }
        text += "</p>\n"
        for detail in node.details { text += "<p class=\"detail\">\(Markup.escape(detail))</p>\n" }
        if visits.isEmpty { text += "<p class=\"none\">No execution entered this state.</p>\n" }
        for visit in visits.prefix(visitLimit) { text += details(of: visit) }
        if visits.count > visitLimit {
            text += "<p class=\"none\">… and \(visits.count - visitLimit) more visits.</p>\n"
        }
        return text + "</div>\n"
    }

    private func details(of visit: ExecutionTrace.Visit) -> String {
        var text = "<div class=\"visit\">"
        if !visit.iteration.isEmpty {
            text += "<strong>Iteration \(visit.iteration.map(String.init).joined(separator: "."))</strong> · "
        }
        text += "<span class=\"status status-\(visit.status.rawValue)\">\(visit.status.label)</span>"
        text += " <span class=\"when\">\(Self.time(visit.entered))"
        if let exited = visit.exited { text += " · \(ElapsedTime.text(exited.timeIntervalSince(visit.entered)))" }
        text += "</span>\n"
        if let counts = visit.iterations {
            text += "<p>\(counts.length) items: \(counts.succeeded) succeeded, \(counts.failed) failed"
            if counts.aborted > 0 { text += ", \(counts.aborted) aborted" }
            text += "</p>\n"
        }
        if let error = visit.error {
            text += "<h3>Error</h3><pre>\(Markup.escape(error))</pre>\n"
            text += "<h3>Cause</h3>" + (visit.cause.map { "<pre>\(Markup.escape($0))</pre>\n" } ?? "<p class=\"none\">none</p>\n")
        }
        if !visit.attempts.isEmpty, visit.type == "Task" || visit.retries > 0 {
            text += "<h3>Attempts (\(visit.attempts.count), \(visit.retries) \(visit.retries == 1 ? "retry" : "retries"))</h3>\n"
            text += "<table><tr><th>#</th><th>started</th><th>took</th><th>outcome</th></tr>\n"
            for (index, attempt) in visit.attempts.enumerated() {
                let took = attempt.ended.map { ElapsedTime.text($0.timeIntervalSince(attempt.started)) } ?? "running"
                var outcome = attempt.ended == nil ? "" : "succeeded"
                if let error = attempt.error {
                    outcome = Markup.escape(error) + (attempt.cause.map { ": " + Markup.escape($0) } ?? "")
                }
                text += "<tr><td>\(index + 1)</td><td>\(Self.time(attempt.started))</td><td>\(took)</td><td>\(outcome)</td></tr>\n"
            }
            text += "</table>\n"
        }
        text += "<h3>Input</h3>" + block(visit.input)
        if visit.exited != nil { text += "<h3>Output</h3>" + block(visit.output) }
        return text + "</div>\n"
    }
}
