import StatesLanguage

/// How a finished execution is printed: the `describe-execution` document or text.
struct ExecutionReport {
    let result: ExecutionResult
    let machineName: String

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
            object["events"] = .array(result.history.map(\.jsonValue))
            document = .object(object)
        }
        return document
    }

    /// `SUCCEEDED  patch-report (4 states, 1.2s)`.
    func statusLine(style: TerminalStyle) -> String {
        let name = result.status.name
        let styled = result.succeeded ? style.success(name) : style.failure(name)
        let states = result.statesEntered.count
        let elapsed = Duration.text(result.stopDate.timeIntervalSince(result.startDate))
        return "\(styled)  \(machineName) (\(states) state\(states == 1 ? "" : "s") entered, \(elapsed))"
    }

    /// `error: …` and `cause: …` lines of an execution that did not succeed.
    var errorLines: [String] {
        guard !result.succeeded, let error = result.error else { return [] }
        var lines: [String] = []
        if !error.name.rawValue.isEmpty { lines.append("error: \(error.name.rawValue)") }
        if let cause = error.cause { lines.append("cause: \(cause)") }
        return lines
    }

    /// One line per history event: id, type, timestamp and the state's name when there is one.
    var historyLines: [String] {
        result.history.map { event in
            let id = String(event.id)
            let type = event.kind.name
            var line = String(repeating: " ", count: max(0, 5 - id.count)) + id + "  " + type
            line += String(repeating: " ", count: max(1, 30 - type.count))
            line += event.jsonValue["timestamp"]?.stringValue ?? ""
            switch event.kind {
            case .stateEntered(_, let name, _), .stateExited(_, let name, _, _): line += "  " + name
            case .executionFailed(let error, _), .taskFailed(_, _, let error, _): line += "  " + error
            default: break
            }
            return line
        }
    }
}
