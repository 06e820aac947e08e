import StatesLanguage
import StatesLanguageRendering

/// How a finished execution is printed: the `describe-execution` document or text.
struct ExecutionReport {
    let result: ExecutionResult
    let machineName: String
    /// The history as `get-execution-history` prints it.
    let events: [JSONValue]

    /// A report of `result`; `events` default to the result's history (a remote run passes AWS's,
    /// which may hold event types the engine does not model).
    init(result: ExecutionResult, machineName: String, events: [JSONValue]? = nil) {
        self.result = result
        self.machineName = machineName
        self.events = events ?? result.history.map(\.jsonValue)
    }

    /// Which API response the JSON document mirrors.
    enum Shape {
        /// `DescribeExecution` (Standard workflows).
        case describe
        /// `StartSyncExecution` (Express workflows).
        case startSync
    }

    /// The `describe-execution` (or `start-sync-execution`) document, with `events` as in
    /// `get-execution-history` when `history` is set.
    func json(history: Bool, shape: Shape = .describe) -> JSONValue {
        var document = shape == .startSync ? result.startSyncExecutionJSON : result.describeExecutionJSON
        if history, case .object(var object) = document {
            object["events"] = .array(events)
            document = .object(object)
        }
        return document
    }

    /// `SUCCEEDED  patch-report (4 states, 1.2s)`.
    func statusLine(style: TerminalStyle) -> String {
        let name = result.status.name
        let styled = result.succeeded ? style.success(name) : style.failure(name)
        let states = result.statesEntered.count
        let elapsed = ElapsedTime.text(result.stopDate.timeIntervalSince(result.startDate))
        return "\(styled)  \(machineName) (\(states) state\(states == 1 ? "" : "s") entered, \(elapsed))"
    }

    /// `error: …` and `cause: …` lines of an execution that did not succeed.
    var errorLines: [String] {
        guard !result.succeeded, let error = result.error else { return [] }
        var lines: [String] = []
        if !error.name.rawValue.isEmpty { lines.append("error: \(error.name.rawValue)") }
        if let cause = error.cause { lines.append("cause: \(cause)") }
        if let detail = error.detail { lines.append("note: \(detail)") }
        return lines
    }

    /// One line per history event: id, type, timestamp and the state's name (or the error) when there is one.
    var historyLines: [String] {
        events.map { event in
            let id = event["id"]?.intValue.map(String.init) ?? "?"
            let type = event["type"]?.stringValue ?? "?"
            var line = String(repeating: " ", count: max(0, 5 - id.count)) + id + "  " + type
            line += String(repeating: " ", count: max(1, 30 - type.count))
            line += event["timestamp"]?.stringValue ?? ""
            let detail: JSONValue?
            if type.hasSuffix("StateEntered") {
                detail = event["stateEnteredEventDetails"]?["name"]
            } else if type.hasSuffix("StateExited") {
                detail = event["stateExitedEventDetails"]?["name"]
            } else if type == "ExecutionFailed" || type == "TaskFailed" {
                detail = event[type.prefix(1).lowercased() + type.dropFirst() + "EventDetails"]?["error"]
            } else {
                detail = nil
            }
            if let text = detail?.stringValue { line += "  " + text }
            return line
        }
    }
}
