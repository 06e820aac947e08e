import Foundation
import StatesLanguage

/// What happened to each state of one execution, rebuilt from its history events.
///
/// Every `StateEntered` event opens a ``Visit``; the events that follow are attributed to a
/// visit by walking their `previousEventId` links, so concurrent Map iterations and Parallel
/// branches, whose events interleave, stay apart. Each visit knows the Map iteration it ran in
/// (``Visit/iteration``), its task attempts (retries), the error that ended it, and its status.
///
/// ```swift
/// let trace = ExecutionTrace(events: result.history)
/// trace.status(ofState: "RebootInstance")   // .failed
/// ```
///
/// The trace can also be fed one event at a time (``record(_:)``), as a live progress display does.
public struct ExecutionTrace: Sendable {
    /// A Map iteration or Parallel branch: the visits inside it share one.
    private struct Scope: Sendable {
        var owner: Int?
        var iteration: [Int]
    }

    /// Where an event stands: in a scope, and inside a visit unless it sits between states.
    private struct Position: Sendable {
        var scope: Int
        var visit: Int?
    }

    /// Every move between states the execution made (inside Map iterations and branches too).
    public private(set) var steps: Set<Step> = []
    /// The first state entered at the top level.
    public private(set) var firstState: String?
    /// Every visit, in the order the states were entered.
    public private(set) var visits: [Visit] = []
    /// `RUNNING`, `SUCCEEDED`, `FAILED`, `TIMED_OUT` or `ABORTED`, as `describe-execution` says.
    public private(set) var executionStatus = "RUNNING"
    /// When the execution started.
    public private(set) var started: Date?
    /// When it ended.
    public private(set) var stopped: Date?
    /// The execution's input.
    public private(set) var input: JSONValue?
    /// The execution's output, when it succeeded.
    public private(set) var output: JSONValue?
    /// The error the execution failed with.
    public private(set) var error: String?
    /// The cause of that error.
    public private(set) var cause: String?
    /// When the last event happened.
    public private(set) var lastTimestamp: Date?

    /// Whether inputs and outputs are kept (a progress display needs none).
    public let keepsPayloads: Bool
    private var scopes = [Scope(owner: nil, iteration: [])]
    private var positions: [Int: Position] = [:]
    private var open: Set<Int> = []

    /// An empty trace, to be fed with ``record(_:)``.
    ///
    /// - Parameter keepsPayloads: whether to keep each visit's input and output.
    public init(keepsPayloads: Bool = true) {
        self.keepsPayloads = keepsPayloads
    }

    /// The trace of a whole history.
    ///
    /// - Parameters:
    ///   - events: the history, in event-id order (as `GetExecutionHistory` returns it).
    ///   - keepsPayloads: whether to keep each visit's input and output.
    public init(events: [ExecutionEvent], keepsPayloads: Bool = true) {
        self.init(keepsPayloads: keepsPayloads)
        for event in events { record(event) }
    }

    /// The status a state shows: its visits' most telling status, or ``StateStatus/notReached``.
    public func status(ofState name: String) -> StateStatus {
        var best = StateStatus.notReached
        for visit in visits(ofState: name) where visit.status.precedence > best.precedence { best = visit.status }
        return best
    }

    /// The visits of the state `name`, in order.
    public func visits(ofState name: String) -> [Visit] {
        (visitsByName[name] ?? []).map { visits[$0] }
    }

    private var visitsByName: [String: [Int]] = [:]

    /// Adds one event and returns the index of the visit it belongs to, if any.
    @discardableResult
    public mutating func record(_ event: ExecutionEvent) -> Int? {
        let previous = positions[event.previousEventID] ?? Position(scope: 0, visit: nil)
        var here = previous
        lastTimestamp = event.timestamp
        switch event.kind {
        case .executionStarted(let input, _, _):
            started = event.timestamp
            if keepsPayloads { self.input = input }
            here = Position(scope: 0, visit: nil)
        case .executionSucceeded(let output):
            finish("SUCCEEDED", at: event.timestamp, error: nil, cause: nil)
            if keepsPayloads { self.output = output }
        case .executionFailed(let error, let cause):
            finish("FAILED", at: event.timestamp, error: error, cause: cause)
        case .executionTimedOut(let error, let cause):
            finish("TIMED_OUT", at: event.timestamp, error: error, cause: cause)
        case .executionAborted(let error, let cause):
            finish("ABORTED", at: event.timestamp, error: error, cause: cause)
        case .executionRedriven:
            // The execution runs again: it is open until its next closing event.
            executionStatus = "RUNNING"
            stopped = nil
            error = nil
            cause = nil
            here = Position(scope: 0, visit: nil)
        case .stateEntered(let type, let name, let input):
            var scope = previous.scope
            if let outer = previous.visit, open.contains(outer) {
                // Entering a state while another is open: the first state of a Parallel branch.
                scope = makeScope(owner: outer, iteration: visits[outer].iteration)
            }
            let index = visits.count
            visits.append(
                Visit(
                    eventID: event.id, name: name, type: type, iteration: scopes[scope].iteration,
                    parent: scopes[scope].owner, entered: event.timestamp, input: keepsPayloads ? input : nil,
                    scope: scope))
            visitsByName[name, default: []].append(index)
            if let from = previous.visit, !open.contains(from), visits[from].scope == scope {
                steps.insert(Step(from: visits[from].name, to: name, isCatch: visits[from].status == .caught))
            }
            if scope == 0, firstState == nil { firstState = name }
            open.insert(index)
            if type == "Fail" { visits[index].status = .failed }
            here = Position(scope: scope, visit: index)
        case .stateExited(_, let name, let output, _):
            guard let index = enclosing(previous, where: { $0.name == name }) ?? latestOpen(where: { $0.name == name })
            else { break }
            open.remove(index)
            visits[index].exited = event.timestamp
            if keepsPayloads { visits[index].output = output }
            visits[index].status = visits[index].error == nil ? .succeeded : .caught
            here = Position(scope: visits[index].scope, visit: index)
        case .taskScheduled, .lambdaFunctionScheduled, .mapStateStarted, .parallelStateStarted:
            guard let index = previous.visit else { break }
            visits[index].attempts.append(Attempt(started: event.timestamp))
            visits[index].error = nil
            visits[index].cause = nil
            if case .mapStateStarted(let length) = event.kind { visits[index].iterations = IterationCounts(length: length) }
        case .taskSucceeded, .lambdaFunctionSucceeded:
            guard let index = previous.visit else { break }
            endAttempt(of: index, at: event.timestamp, error: nil, cause: nil)
        case .taskFailed(_, _, let error, let cause), .taskTimedOut(_, _, let error, let cause),
            .lambdaFunctionFailed(let error, let cause), .lambdaFunctionTimedOut(let error, let cause):
            guard let index = previous.visit else { break }
            endAttempt(of: index, at: event.timestamp, error: error, cause: cause)
        case .evaluationFailed(let error, let cause, _, _):
            guard let index = previous.visit else { break }
            visits[index].error = error
            visits[index].cause = cause
        case .mapStateSucceeded, .parallelStateSucceeded, .mapStateFailed, .parallelStateFailed, .mapStateAborted,
            .parallelStateAborted:
            let type = event.kind.name.hasPrefix("Map") ? "Map" : "Parallel"
            let succeeded = event.kind == .mapStateSucceeded || event.kind == .parallelStateSucceeded
            guard let index = finishedContainer(type, from: previous, settled: succeeded) else { break }
            if !succeeded { closeOpen(within: index) }
            switch event.kind {
            case .mapStateFailed(let error, let cause), .parallelStateFailed(let error, let cause):
                endAttempt(of: index, at: event.timestamp, error: error ?? "States.TaskFailed", cause: cause)
            case .mapStateAborted, .parallelStateAborted:
                endAttempt(of: index, at: event.timestamp, error: "States.Aborted", cause: nil)
            default:
                endAttempt(of: index, at: event.timestamp, error: nil, cause: nil)
            }
            here = Position(scope: visits[index].scope, visit: index)
        case .mapIterationStarted(let name, let index):
            guard let map = enclosing(previous, where: { $0.name == name && $0.type == "Map" }) else { break }
            visits[map].iterations?.started += 1
            here = Position(scope: makeScope(owner: map, iteration: visits[map].iteration + [index]), visit: nil)
        case .mapIterationSucceeded(let name, _), .mapIterationFailed(let name, _, _, _),
            .mapIterationAborted(let name, _):
            guard let scope = iterationScope(of: name, from: previous), let map = scopes[scope].owner else { break }
            switch event.kind {
            case .mapIterationSucceeded: visits[map].iterations?.succeeded += 1
            case .mapIterationFailed: visits[map].iterations?.failed += 1
            default: visits[map].iterations?.aborted += 1
            }
            if case .mapIterationSucceeded = event.kind {} else { closeOpen(inside: scope) }
            here = Position(scope: scope, visit: nil)
        case .taskStarted, .taskSubmitted, .lambdaFunctionStarted, .mapRunStarted, .mapRunSucceeded, .mapRunFailed,
            .mapRunAborted, .mapRunRedriven:
            break
        }
        positions[event.id] = here
        return here.visit
    }

    private mutating func makeScope(owner: Int, iteration: [Int]) -> Int {
        scopes.append(Scope(owner: owner, iteration: iteration))
        return scopes.count - 1
    }

    private mutating func endAttempt(of index: Int, at time: Date, error: String?, cause: String?) {
        if visits[index].attempts.isEmpty || visits[index].attempts[visits[index].attempts.count - 1].ended != nil {
            // A failure before anything was scheduled (a bad path in Parameters, say).
            visits[index].attempts.append(Attempt(started: time))
        }
        let last = visits[index].attempts.count - 1
        visits[index].attempts[last].ended = time
        visits[index].attempts[last].error = error
        visits[index].attempts[last].cause = cause
        visits[index].error = error
        visits[index].cause = cause
    }

    /// The visit at `position`, or the nearest enclosing one, that satisfies `predicate`.
    private func enclosing(_ position: Position, where predicate: (Visit) -> Bool) -> Int? {
        if let visit = position.visit, open.contains(visit), predicate(visits[visit]) { return visit }
        var scope = position.scope
        while let owner = scopes[scope].owner {
            if open.contains(owner), predicate(visits[owner]) { return owner }
            scope = visits[owner].scope
        }
        return nil
    }

    private func latestOpen(where predicate: (Visit) -> Bool) -> Int? {
        open.filter { predicate(visits[$0]) }.max()
    }

    /// Whether `scope` is `ancestor` or lies inside it.
    private func scope(_ scope: Int, isWithin ancestor: Int) -> Bool {
        var current = scope
        while true {
            if current == ancestor { return true }
            guard let owner = scopes[current].owner else { return false }
            current = visits[owner].scope
        }
    }

    private func hasOpenDescendants(_ container: Int) -> Bool {
        open.contains { $0 != container && isInside(visits[$0].scope, container) }
    }

    private func isInside(_ scope: Int, _ container: Int) -> Bool {
        var current = scope
        while let owner = scopes[current].owner {
            if owner == container { return true }
            current = visits[owner].scope
        }
        return false
    }

    /// The Map or Parallel visit a `…StateSucceeded`/`Failed`/`Aborted` event closes.
    ///
    /// The engine links such an event to the last event recorded, which may belong to another
    /// lane; so a candidate must be open and of the right type, and one that succeeded must have
    /// no state still open inside it.
    private func finishedContainer(_ type: String, from position: Position, settled: Bool) -> Int? {
        let fits: (Int) -> Bool = { index in
            self.visits[index].type == type && self.open.contains(index)
                && (!settled || !self.hasOpenDescendants(index))
        }
        if let visit = position.visit, fits(visit) { return visit }
        var scope = position.scope
        while let owner = scopes[scope].owner {
            if fits(owner) { return owner }
            scope = visits[owner].scope
        }
        return open.filter(fits).max()
    }

    /// The iteration scope of the Map `name` that a `MapIteration…` event at `position` ends.
    private func iterationScope(of name: String, from position: Position) -> Int? {
        var scope = position.scope
        while let owner = scopes[scope].owner {
            if visits[owner].name == name, visits[owner].type == "Map" { return scope }
            scope = visits[owner].scope
        }
        return nil
    }

    /// Ends the visits still open inside `scope`: a failed state stays failed, the rest were cancelled.
    private mutating func closeOpen(inside scope: Int) {
        for index in open where self.scope(visits[index].scope, isWithin: scope) { settle(index) }
    }

    /// Ends the visits still open inside the Map or Parallel visit `container`.
    private mutating func closeOpen(within container: Int) {
        for index in open where index != container && isInside(visits[index].scope, container) { settle(index) }
    }

    /// Ends an open visit that will not leave: a failed state stays failed, the rest were cancelled.
    private mutating func settle(_ index: Int) {
        open.remove(index)
        visits[index].status = visits[index].error != nil || visits[index].type == "Fail" ? .failed : .cancelled
    }

    private mutating func finish(_ status: String, at time: Date, error: String?, cause: String?) {
        executionStatus = status
        stopped = time
        self.error = error
        self.cause = cause
        for index in open.sorted() {
            let visit = visits[index]
            if visit.type == "Fail", visit.error == nil, visit.scope == 0 {
                visits[index].error = error
                visits[index].cause = cause
            }
            let failedHere = visits[index].error != nil || visit.type == "Fail" || status == "TIMED_OUT"
            visits[index].status = failedHere ? .failed : .cancelled
            if status == "TIMED_OUT", visits[index].error == nil {
                visits[index].error = error
                visits[index].cause = cause
            }
        }
        open.removeAll()
    }
}
