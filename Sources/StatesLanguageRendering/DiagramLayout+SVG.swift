import StatesLanguageLayout

extension DiagramLayout {
    /// Options for ``svg(options:)``.
    public struct SVGOptions: Sendable {
        /// A prefix for the ids in the drawing, so several drawings can share one HTML page.
        public var idPrefix = "sfn-"
        /// Links each state's box to `#<prefix><node id>` (the HTML report's detail panels).
        public var linkPrefix: String?
        /// Whether to draw a legend of the status colours (drawn anyway when states have a status).
        public var showsLegend = false

        /// Default options: stand-alone drawing, no links.
        public init() {}
    }

    /// The layout as a stand-alone SVG document (with its own styles, no external resources).
    ///
    /// Every piece of text from the definition or the execution is escaped, so a state name
    /// such as `</svg><script>` is drawn as text and never becomes markup.
    ///
    /// - Parameter options: ids, links and legend.
    /// - Returns: the SVG document text.
    public func svg(options: SVGOptions = SVGOptions()) -> String {
        var writer = SVGWriter(prefix: options.idPrefix)
        let statuses = Set(boxes.compactMap(\.node.status))
        let legend = options.showsLegend || !statuses.isEmpty
        let height = size.height + (legend ? 28 : 0)
        let width = max(size.width, legend ? SVGWriter.legendWidth + 2 * DiagramLayout.margin : 0)
        let w = SVGWriter.number(width)
        let h = SVGWriter.number(height)
        writer.line(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" class=\"sfn-diagram\">"
        )
        writer.line("<style>\(Self.styleSheet)</style>")
        writer.line("<defs>")
        for (name, colour) in [("arrow", "#5f6b7a"), ("arrow-catch", "#b4532a"), ("arrow-dim", "#c4c8cc")] {
            writer.line(
                "<marker id=\"\(writer.id(name))\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(colour)\"/></marker>"
            )
        }
        writer.line("</defs>")
        writer.line("<rect class=\"sfn-background\" width=\"100%\" height=\"100%\"/>")
        for box in boxes where box.headerHeight < box.frame.height {
            writer.container(box)
        }
        for group in groups { writer.group(group) }
        // Taken edges last, so a bundle shared with edges not taken shows bold.
        let drawingOrder = routes.filter { $0.edge.isTaken == false } + routes.filter { $0.edge.isTaken != false }
        for route in drawingOrder { writer.edge(route) }
        for box in boxes {
            writer.node(box, link: options.linkPrefix, isContainer: box.headerHeight < box.frame.height)
        }
        for route in routes where route.labelFrame != nil { writer.edgeLabel(route) }
        if legend { writer.legend(at: size.height, statuses: StateStatus.allCases) }
        writer.line("</svg>")
        return writer.text
    }

    /// The style sheet embedded in every drawing.
    static let styleSheet = """
        .sfn-diagram{font-family:Arial,'Liberation Sans',Helvetica,sans-serif}\
        .sfn-background{fill:#ffffff}\
        .sfn-node rect{fill:#ffffff;stroke:#7d8998;stroke-width:1.2}\
        .sfn-node .sfn-name{font-size:13px;font-weight:bold;fill:#16191f}\
        .sfn-node .sfn-detail{font-size:11px;fill:#5f6b7a}\
        .sfn-terminal rect{fill:#232f3e;stroke:#232f3e}\
        .sfn-terminal .sfn-name{fill:#ffffff;font-size:12px}\
        .sfn-choice rect{fill:#fbf7ea}\
        .sfn-container-box{fill:#fbfbfc;stroke:#7d8998;stroke-width:1.2}\
        .sfn-group rect{fill:#f2f4f6;stroke:#aab4be;stroke-dasharray:4 3}\
        .sfn-group text{font-size:11px;fill:#5f6b7a;font-style:italic}\
        .sfn-edge{fill:none;stroke:#5f6b7a;stroke-width:1.3}\
        .sfn-edge.sfn-catch{stroke:#b4532a;stroke-dasharray:5 4}\
        .sfn-edge.sfn-dim{stroke:#c4c8cc}\
        .sfn-edge.sfn-taken{stroke-width:2.4}\
        .sfn-label rect{fill:#ffffff;fill-opacity:0.9}\
        .sfn-label text{font-size:11px;fill:#3b4654}\
        .sfn-label.sfn-catch text{fill:#b4532a}\
        .sfn-label.sfn-default text{font-style:italic}\
        .sfn-succeeded rect{fill:#e4f4e2;stroke:#2e8540}\
        .sfn-failed rect{fill:#fde4e1;stroke:#d13212;stroke-width:2}\
        .sfn-caught rect{fill:#fff1d6;stroke:#e07b00;stroke-width:2}\
        .sfn-cancelled rect{fill:#eef0f2;stroke:#8d99a8;stroke-dasharray:4 3}\
        .sfn-in-progress rect{fill:#e0ecfb;stroke:#0972d3;stroke-width:2}\
        .sfn-not-reached rect{fill:#fafafa;stroke:#c4c8cc}\
        .sfn-not-reached .sfn-name,.sfn-not-reached .sfn-detail{fill:#9ba7b6}\
        .sfn-legend text{font-size:11px;fill:#3b4654}\
        a .sfn-node:hover rect{stroke-width:3}
        """
}

/// Accumulates SVG text.
struct SVGWriter {
    let prefix: String
    var text = ""

    init(prefix: String) {
        self.prefix = Markup.escape(prefix)
    }

    mutating func line(_ line: String) {
        text += line
        text += "\n"
    }

    func id(_ name: String) -> String { prefix + name }

    /// A coordinate with at most one decimal.
    static func number(_ value: Double) -> String {
        // Absurd timestamps in a history file must not trap: keep coordinates finite and bounded.
        let value = value.isFinite ? min(max(value, -1e9), 1e9) : 0
        let tenths = (value * 10).rounded()
        let whole = Int(tenths / 10)
        let fraction = Int(abs(tenths.truncatingRemainder(dividingBy: 10)))
        if fraction == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(fraction)"
    }

    func rect(_ frame: Rect, radius: Double, attributes: String = "") -> String {
        "<rect x=\"\(Self.number(frame.x))\" y=\"\(Self.number(frame.y))\" width=\"\(Self.number(frame.width))\" height=\"\(Self.number(frame.height))\" rx=\"\(Self.number(radius))\"\(attributes)/>"
    }

    func text(_ content: String, x: Double, y: Double, className: String, anchor: String = "middle") -> String {
        "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" class=\"\(className)\" text-anchor=\"\(anchor)\">\(Markup.escape(content))</text>"
    }

    static func statusClass(_ node: DiagramNode) -> String {
        node.status.map { " sfn-\($0.rawValue)" } ?? ""
    }

    mutating func container(_ box: DiagramLayout.Box) {
        line(
            "<g class=\"sfn-container\(Self.statusClass(box.node))\">"
                + rect(box.frame, radius: 8, attributes: " class=\"sfn-container-box\"") + "</g>")
    }

    mutating func group(_ group: DiagramLayout.Group) {
        line(
            "<g class=\"sfn-group\">" + rect(group.frame, radius: 6)
                + text(group.title, x: group.frame.x + 8, y: group.frame.y + 13, className: "", anchor: "start")
                + "</g>")
    }

    mutating func node(_ box: DiagramLayout.Box, link: String?, isContainer: Bool) {
        let node = box.node
        var classes = "sfn-node"
        if node.type == nil { classes += " sfn-terminal" }
        if node.type == "Choice" { classes += " sfn-choice" }
        classes += Self.statusClass(node)
        var header = box.frame
        header.height = box.headerHeight
        var body = "<g class=\"\(classes)\" id=\"\(id(node.id))\" data-state=\"\(Markup.escape(node.name))\">"
        var tooltip = node.name
        if let type = node.type { tooltip += " (\(type))" }
        if let status = node.status { tooltip += ": \(status.label)" }
        body += "<title>\(Markup.escape(tooltip))</title>"
        if isContainer {
            // The container's outline is drawn behind its groups; only its header is a box here.
            body += rect(header, radius: 8, attributes: " fill-opacity=\"0.97\"")
        } else {
            body += rect(header, radius: node.type == nil ? header.height / 2 : 6)
        }
        var y = header.y + DiagramLayout.padding
        for (content, isName) in DiagramLayout.lines(of: node) {
            if node.type == nil {
                body += text(content, x: header.center.x, y: header.center.y + 4, className: "sfn-name")
                break
            }
            let lineHeight = isName ? DiagramLayout.nameLineHeight : DiagramLayout.detailLineHeight
            body += text(
                content, x: header.center.x, y: y + lineHeight - 4, className: isName ? "sfn-name" : "sfn-detail")
            y += lineHeight
        }
        body += "</g>"
        if let link, node.type != nil {
            body = "<a href=\"#\(Markup.escape(link + node.id))\">" + body + "</a>"
        }
        line(body)
    }

    private static func path(_ points: [Point]) -> String {
        guard let first = points.first else { return "" }
        var d = "M\(number(first.x)),\(number(first.y))"
        for (p, q) in zip(points, points.dropFirst()) {
            if p.x == q.x || p.y == q.y {
                d += " L\(number(q.x)),\(number(q.y))"
            } else {
                let middle = (p.y + q.y) / 2
                d += " C\(number(p.x)),\(number(middle)) \(number(q.x)),\(number(middle)) \(number(q.x)),\(number(q.y))"
            }
        }
        return d
    }

    mutating func edge(_ route: DiagramLayout.Route) {
        var classes = "sfn-edge"
        var marker = "arrow"
        if route.edge.kind == .catcher {
            classes += " sfn-catch"
            marker = "arrow-catch"
        }
        switch route.edge.isTaken {
        case true?: classes += " sfn-taken"
        case false?:
            classes += " sfn-dim"
            marker = "arrow-dim"
        case nil: break
        }
        line(
            "<path class=\"\(classes)\" d=\"\(Self.path(route.points))\" marker-end=\"url(#\(id(marker)))\" data-from=\"\(route.fromID)\" data-to=\"\(route.toID)\"/>"
        )
    }

    mutating func edgeLabel(_ route: DiagramLayout.Route) {
        guard let frame = route.labelFrame, let label = route.edge.label else { return }
        var classes = "sfn-label"
        if route.edge.kind == .catcher { classes += " sfn-catch" }
        if route.edge.kind == .defaultChoice { classes += " sfn-default" }
        line(
            "<g class=\"\(classes)\"><title>\(Markup.escape(route.edge.fullLabel ?? label))</title>" + rect(frame, radius: 3)
                + text(label, x: frame.x + 3, y: frame.y + frame.height - 4, className: "", anchor: "start") + "</g>")
    }

    /// The width of the legend of every status.
    static var legendWidth: Double {
        StateStatus.allCases.reduce(0) { $0 + 19 + TextMetrics.width(of: $1.label, fontSize: 11) + 16 }
    }

    mutating func legend(at y: Double, statuses: [StateStatus]) {
        var x = DiagramLayout.margin
        var body = "<g class=\"sfn-legend\">"
        for status in statuses {
            body += "<g class=\"sfn-node sfn-\(status.rawValue)\">"
                + rect(Rect(x: x, y: y + 4, width: 14, height: 14), radius: 3) + "</g>"
            body += text(status.label, x: x + 19, y: y + 15, className: "", anchor: "start")
            x += 19 + TextMetrics.width(of: status.label, fontSize: 11) + 16
        }
        line(body + "</g>")
    }
}
