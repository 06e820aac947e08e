import Foundation
import StatesLanguage

/// Prints one line per state as an execution enters and leaves it (stderr, terminals only).
///
/// ```
///   → Reboot (Task)
///   ! CheckHealth (Task) InstanceNotYetStartedException
///   ← CheckHealth (Task) 4m 0s, 2 retries
///   ← Publish (Task) 0ms, caught SNS.NotFoundException
/// ```
/// Events of concurrent Map iterations and Parallel branches interleave; each
/// event is attributed to its state by following `previousEventId` links.
struct ProgressReporter {
    private struct OpenState {
        var name: String
        var type: String
        var entered: Date
        var attempts = 0
        var lastError: String?
    }

    let style: TerminalStyle
    let write: (String) -> Void
    private var owner: [Int: Int] = [:]
    private var open: [Int: OpenState] = [:]

    init(style: TerminalStyle, write: @escaping (String) -> Void) {
        self.style = style
        self.write = write
    }

    /// Handles one history event.
    mutating func handle(_ event: ExecutionEvent) {
        let lane = owner[event.previousEventID]
        switch event.kind {
        case .stateEntered(let type, let name, _):
            owner[event.id] = event.id
            open[event.id] = OpenState(name: name, type: type, entered: event.timestamp)
            write("  \(style.dim("→")) \(name) \(style.dim("(\(type))"))\n")
        case .stateExited(_, let name, _):
            let key = lane.flatMap { open[$0]?.name == name ? $0 : nil }
                ?? open.filter { $0.value.name == name }.min { $0.key < $1.key }?.key
            guard let key, let state = open.removeValue(forKey: key) else { return }
            var details = [Duration.text(event.timestamp.timeIntervalSince(state.entered))]
            let retries = state.attempts - 1
            if retries > 0 { details.append(style.warning(retries == 1 ? "1 retry" : "\(retries) retries")) }
            // A state that leaves after a failed attempt left through a Catch.
            if let error = state.lastError { details.append(style.warning("caught \(error)")) }
            write("  \(style.success("←")) \(name) \(style.dim("(\(state.type))")) \(details.joined(separator: ", "))\n")
        case .taskScheduled, .lambdaFunctionScheduled:
            if let lane { open[lane]?.attempts += 1 }
        case .taskSucceeded, .lambdaFunctionSucceeded:
            if let lane { open[lane]?.lastError = nil }
        case .taskFailed(_, _, let error, _), .taskTimedOut(_, _, let error, _), .lambdaFunctionFailed(let error, _),
            .lambdaFunctionTimedOut(let error, _):
            if let lane, let state = open[lane] {
                open[lane]?.lastError = error
                write("  \(style.failure("!")) \(state.name) \(style.dim("(\(state.type))")) \(error)\n")
            }
        default:
            break
        }
        if let lane, owner[event.id] == nil { owner[event.id] = lane }
    }
}
