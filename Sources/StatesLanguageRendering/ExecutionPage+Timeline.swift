import Foundation
import StatesLanguageLayout

extension ExecutionPage {
    private static let labelWidth = 240.0
    private static let chartWidth = 720.0
    private static let noteWidth = 150.0
    private static let rowHeight = 18.0
    private static let axisHeight = 22.0

    /// A Gantt-like SVG: one row per state visit (Map iterations indented under their Map), the
    /// bar coloured by status; task attempts are darker, the waits between them (retries) and
    /// Wait states hatched.
    func timeline(ids: [String: String]) -> String {
        let visits = Array(trace.visits.prefix(visitLimit))
        guard let origin = trace.started ?? visits.first?.entered else {
            return "<p class=\"none\">The history has no events.</p>\n"
        }
        let end = trace.stopped ?? trace.lastTimestamp ?? origin
        let span = max(end.timeIntervalSince(origin), 0.001)
        let width = Self.labelWidth + Self.chartWidth + Self.noteWidth
        let height = Self.axisHeight + Double(visits.count) * Self.rowHeight + 4
        func x(_ date: Date) -> Double { Self.labelWidth + date.timeIntervalSince(origin) / span * Self.chartWidth }
        let n = SVGWriter.number
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\">\n"
        svg +=
            "<defs><pattern id=\"tl-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#c4c8cc\"/><rect width=\"3\" height=\"6\" fill=\"#ffffff\"/></pattern></defs>\n"
        for tick in 0...4 {
            let fraction = Double(tick) / 4
            let tx = Self.labelWidth + fraction * Self.chartWidth
            svg += "<line class=\"tl-grid\" x1=\"\(n(tx))\" y1=\"\(n(Self.axisHeight - 4))\" x2=\"\(n(tx))\" y2=\"\(n(height))\"/>"
            svg +=
                "<text class=\"tl-axis\" x=\"\(n(tx))\" y=\"12\" text-anchor=\"\(tick == 4 ? "end" : tick == 0 ? "start" : "middle")\">\(ElapsedTime.text(span * fraction))</text>\n"
        }
        var depths: [Int] = []
        for visit in trace.visits.prefix(visitLimit) {
            depths.append(visit.parent.map { $0 < depths.count ? depths[$0] + 1 : 1 } ?? 0)
        }
        for (row, visit) in visits.enumerated() {
            let top = Self.axisHeight + Double(row) * Self.rowHeight
            let barTop = top + 3
            let barHeight = Self.rowHeight - 6
            let start = x(visit.entered)
            let stop = max(x(visit.exited ?? end), start + 2)
            var label = visit.iterationLabel + visit.name
            let indent = Double(depths[row]) * 12
            let room = Int((Self.labelWidth - 8 - indent) / 6)
            if label.count > room { label = String(label.prefix(max(room - 1, 1))) + "…" }
            var body =
                "<text class=\"tl-label\" x=\"\(n(4 + indent))\" y=\"\(n(top + 13))\">\(Markup.escape(label))</text>"
            body +=
                "<rect class=\"tl-bar tl-\(visit.status.rawValue)\" x=\"\(n(start))\" y=\"\(n(barTop))\" width=\"\(n(stop - start))\" height=\"\(n(barHeight))\" rx=\"2\"/>"
            if visit.type == "Wait" {
                body +=
                    "<rect class=\"tl-wait\" x=\"\(n(start))\" y=\"\(n(barTop + 3))\" width=\"\(n(stop - start))\" height=\"\(n(barHeight - 6))\"/>"
            }
            for (index, attempt) in visit.attempts.enumerated() where visit.type == "Task" {
                let a = x(attempt.started)
                let b = max(x(attempt.ended ?? end), a + 1)
                let kind = attempt.error == nil ? "tl-attempt" : "tl-attempt-failed"
                body +=
                    "<rect class=\"\(kind)\" x=\"\(n(a))\" y=\"\(n(barTop))\" width=\"\(n(b - a))\" height=\"\(n(barHeight))\"/>"
                if index + 1 < visit.attempts.count, let ended = attempt.ended {
                    let next = x(visit.attempts[index + 1].started)
                    if next > b {
                        body +=
                            "<rect class=\"tl-retry-wait\" x=\"\(n(b))\" y=\"\(n(barTop + 3))\" width=\"\(n(next - x(ended)))\" height=\"\(n(barHeight - 6))\"/>"
                    }
                }
            }
            var notes: [String] = []
            if let exited = visit.exited { notes.append(ElapsedTime.text(exited.timeIntervalSince(visit.entered))) }
            if visit.retries > 0 { notes.append(visit.retries == 1 ? "1 retry" : "\(visit.retries) retries") }
            if let counts = visit.iterations { notes.append("\(counts.length) items") }
            if visit.status != .succeeded { notes.append(visit.status.label) }
            body +=
                "<text class=\"tl-note\" x=\"\(n(stop + 4))\" y=\"\(n(top + 13))\">\(Markup.escape(notes.joined(separator: " · ")))</text>"
            body += "<title>\(Markup.escape(visit.iterationLabel + visit.name + ": " + visit.status.label))</title>"
            if let id = ids[visit.name] {
                svg += "<a href=\"#state-\(id)\"><g>\(body)</g></a>\n"
            } else {
                svg += "<g>\(body)</g>\n"
            }
        }
        svg += "</svg>\n"
        if trace.visits.count > visitLimit {
            svg += "<p class=\"none\">Showing the first \(visitLimit) of \(trace.visits.count) state visits.</p>\n"
        }
        return svg
    }
}
