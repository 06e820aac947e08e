/// One compiled state of a state machine: a closed set of the eight ASL state types.
///
/// The cases are `indirect`: each state's fields live in one shared box, so the run loop's
/// `switch` over the current state costs a single retain instead of one per field (this doubled
/// the Pass→Choice loop benchmark's throughput).
public indirect enum State: Sendable {
    /// `"Type": "Pass"`.
    case pass(PassState)
    /// `"Type": "Task"`.
    case task(TaskState)
    /// `"Type": "Choice"`.
    case choice(ChoiceState)
    /// `"Type": "Wait"`.
    case wait(WaitState)
    /// `"Type": "Succeed"`.
    case succeed(SucceedState)
    /// `"Type": "Fail"`.
    case fail(FailState)
    /// `"Type": "Parallel"`.
    case parallel(ParallelState)
    /// `"Type": "Map"`.
    case map(MapState)

    /// The state's name (its key under `States`).
    public var name: String {
        switch self {
        case .pass(let s): return s.name
        case .task(let s): return s.name
        case .choice(let s): return s.name
        case .wait(let s): return s.name
        case .succeed(let s): return s.name
        case .fail(let s): return s.name
        case .parallel(let s): return s.name
        case .map(let s): return s.name
        }
    }

    /// The `Type` as written in definitions and used in history event names (`Pass`, `Task`, …).
    public var typeName: String {
        switch self {
        case .pass: return "Pass"
        case .task: return "Task"
        case .choice: return "Choice"
        case .wait: return "Wait"
        case .succeed: return "Succeed"
        case .fail: return "Fail"
        case .parallel: return "Parallel"
        case .map: return "Map"
        }
    }

    /// Whether the state can end its graph (`Succeed`, `Fail`, or `"End": true`).
    var isTerminal: Bool {
        switch self {
        case .pass(let s): return s.transition == .end
        case .task(let s): return s.transition == .end
        case .wait(let s): return s.transition == .end
        case .parallel(let s): return s.transition == .end
        case .map(let s): return s.transition == .end
        case .succeed, .fail: return true
        case .choice: return false
        }
    }

    /// The states this one can move to, for reachability checks.
    var successors: [Int] {
        func target(_ t: Transition) -> [Int] { if case .next(let i) = t { return [i] } else { return [] } }
        switch self {
        case .pass(let s): return target(s.transition)
        case .task(let s): return target(s.transition) + s.catchers.map(\.next)
        case .choice(let s): return s.choices.map(\.next) + (s.defaultNext.map { [$0] } ?? [])
        case .wait(let s): return target(s.transition)
        case .succeed, .fail: return []
        case .parallel(let s): return target(s.transition) + s.catchers.map(\.next)
        case .map(let s): return target(s.transition) + s.catchers.map(\.next)
        }
    }
}
