import Foundation
import StatesLanguage
import StatesLanguageRendering
import StatesLanguageLayout

/// Prints one line per state as an execution enters and leaves it (stderr, terminals only).
///
/// ```
///   → Reboot (Task)
///   [2] → RebootInstance (Task)
///   [2] ! CheckHealth (Task) InstanceNotYetStartedException
///   [2] ← CheckHealth (Task) 4m 0s, 2 retries
///   ← Publish (Task) 0ms, caught SNS.NotFoundException
/// ```
/// Events of concurrent Map iterations and Parallel branches interleave; an ``ExecutionTrace``
/// attributes each event to its state by following `previousEventId` links, and states inside a
/// Map iteration are labelled with the iteration's index (`[2]`, `[2.0]` in a nested Map).
struct ProgressReporter {
    let style: TerminalStyle
    let write: (String) -> Void
    private var trace = ExecutionTrace(keepsPayloads: false)

    init(style: TerminalStyle, write: @escaping (String) -> Void) {
        self.style = style
        self.write = write
    }

    /// Handles one history event.
    mutating func handle(_ event: ExecutionEvent) {
        guard let index = trace.record(event) else { return }
        let visit = trace.visits[index]
        let lead = "  " + (visit.iterationLabel.isEmpty ? "" : style.dim(visit.iterationLabel))
        let type = style.dim("(\(visit.type))")
        switch event.kind {
        case .stateEntered:
            write("\(lead)\(style.dim("→")) \(visit.name) \(type)\n")
        case .stateExited:
            var details = [ElapsedTime.text(event.timestamp.timeIntervalSince(visit.entered))]
            if visit.retries > 0 { details.append(style.warning(visit.retries == 1 ? "1 retry" : "\(visit.retries) retries")) }
            if visit.status == .caught, let error = visit.error { details.append(style.warning("caught \(error)")) }
            write("\(lead)\(style.success("←")) \(visit.name) \(type) \(details.joined(separator: ", "))\n")
        case .taskFailed(_, _, let error, _), .taskTimedOut(_, _, let error, _), .lambdaFunctionFailed(let error, _),
            .lambdaFunctionTimedOut(let error, _):
            write("\(lead)\(style.failure("!")) \(visit.name) \(type) \(error)\n")
        default:
            break
        }
    }
}
