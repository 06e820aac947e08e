/// What happened to a state in an execution, as the Step Functions console colours it.
public enum StateStatus: String, Sendable, Hashable, CaseIterable {
    /// The state left normally.
    case succeeded
    /// The state failed and the failure ended its graph (no `Catch` matched), or it is a `Fail` state.
    case failed
    /// The state failed and left through a `Catch`.
    case caught
    /// The state was stopped because a sibling failed, or the execution was aborted.
    case cancelled
    /// The state was entered and has not left yet.
    case inProgress = "in-progress"
    /// No execution entered the state.
    case notReached = "not-reached"

    /// How the status is written for people: `in progress`, `not reached`.
    public var label: String {
        switch self {
        case .inProgress: return "in progress"
        case .notReached: return "not reached"
        default: return rawValue
        }
    }

    /// Which status a state shows when its visits (Map iterations, loops) ended differently:
    /// a failure outranks work in progress, which outranks a catch, a cancellation, a success.
    var precedence: Int {
        switch self {
        case .failed: return 5
        case .inProgress: return 4
        case .caught: return 3
        case .cancelled: return 2
        case .succeeded: return 1
        case .notReached: return 0
        }
    }
}
