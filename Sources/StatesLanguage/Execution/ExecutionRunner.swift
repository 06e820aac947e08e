import Foundation
import JSONata
import Synchronization

/// What a state hands to the run loop: its output and where to go next.
struct StepOutcome {
    var output: JSONValue
    var transition: Transition
    /// The variables the state assigned, visible from the next state on.
    var assigned: JSONObject? = nil
}

/// What a state's work produced: its output and the variables it assigns.
struct StepResult {
    var output: JSONValue
    var assigned: JSONObject?
}

/// A state that has been entered: its name, the id of its `…StateEntered` event and when it happened.
struct EnteredState: Sendable {
    let name: String
    let id: Int
    /// The clock's time when the state was entered.
    let observedTime: Date
    /// The journal lane the state runs in, in a durable run; its step is this state's until the state
    /// is left.
    var lane: JournalLane? = nil
    /// When the state was entered, as `$$.State.EnteredTime` shows it: in a durable run, the first run's
    /// (journaled only once something reads it, so pure transitions write nothing).
    var time: Date { lane?.step?.enteredTime(observedTime) ?? observedTime }
    /// The `previousEventId` of the entered event.
    var previousID = 0
}

/// Runs one execution: the run loop over a ``StateGraph``, shared by the top
/// level, Parallel branches and Map iterations.
final class ExecutionRunner: Sendable {
    let executor: Executor
    let machine: StateMachine
    let recorder: HistoryRecorder
    let context: ContextObject
    let tokens = TaskTokenRegistry()
    let abortReason = Mutex<(error: String?, cause: String?)?>(nil)
    /// The Map Runs of this execution's distributed Maps, in start order.
    let mapRuns = Mutex<[MapRun]>([])
    let input: JSONValue
    /// JSONata settings: the execution's clock behind `$now()`, and Step Functions' extra functions.
    let baseQueryEnvironment: JSONataEnvironment

    /// The JSONata settings for an evaluation now: in a durable run, bound to the current step's journal.
    var queryEnvironment: JSONataEnvironment {
        guard journal != nil, let cursor = JournalCursor.current else { return baseQueryEnvironment }
        return baseQueryEnvironment.journaled(by: cursor, clock: clock)
    }

    /// The JSONata settings for a state written in `language`. A JSONPath state evaluates no JSONata,
    /// so it gets the plain settings, and its step's journal is not bound for nothing.
    func queryEnvironment(for language: QueryLanguage) -> JSONataEnvironment {
        language == .jsonata ? queryEnvironment : baseQueryEnvironment
    }

    var clock: any ExecutionClock { executor.clock }

    /// Whether this run starts a redrive, so it records `ExecutionRedriven`.
    let announcesRedrive: Bool
    /// The id of the last event of an earlier run (resume, redrive); 0 for a new execution.
    let earlierLastID: Int

    /// The durable execution's journal; `nil` when the executor has no store.
    var journal: ExecutionJournal? { recorder.journal }

    /// Creates the runner of a new execution, or of one continued from its journal.
    ///
    /// - Parameters:
    ///   - continuing: what the store kept of an execution being resumed or redriven: its start record,
    ///     its history so far and, for a redrive, the redrive count and time.
    init(
        executor: Executor, machine: StateMachine, input: JSONValue, name: String?, journal: ExecutionJournal? = nil,
        continuing: Continuation? = nil, announcesRedrive: Bool = false
    ) {
        self.executor = executor
        self.announcesRedrive = announcesRedrive
        earlierLastID = continuing?.history.map(\.id).max() ?? 0
        self.machine = machine
        self.input = continuing?.start.input ?? input
        baseQueryEnvironment = .stepFunctions(clock: executor.clock)
        let executionName = continuing?.start.name ?? name ?? UUID().uuidString.lowercased()
        let machineName = machine.name ?? "StateMachine"
        let prefix = "arn:aws:states:\(executor.region):\(executor.accountID)"
        // Express executions have no history quota (only a local safety net), and ARNs of their own:
        // arn:aws:states:REGION:ACCOUNT:express:MACHINE:NAME:ID.
        let isExpress = machine.type == .express
        let limits = executor.limits
        recorder = HistoryRecorder(
            clock: executor.clock,
            maximumEvents: isExpress ? limits.maximumExpressHistoryEvents : limits.maximumHistoryEvents,
            recordsEvents: executor.recordsHistory, journal: journal, history: continuing?.history ?? [])
        journal?.attach(recorder)
        let executionARN =
            continuing?.start.executionARN
            ?? (isExpress
                ? "\(prefix):express:\(machineName):\(executionName):\(UUID().uuidString.lowercased())"
                : "\(prefix):execution:\(machineName):\(executionName)")
        context = ContextObject(
            executionARN: executionARN, executionName: executionName,
            stateMachineARN: continuing?.start.stateMachineARN ?? "\(prefix):stateMachine:\(machineName)",
            stateMachineName: continuing?.start.stateMachineName ?? machineName,
            roleARN: continuing?.start.roleARN ?? executor.roleARN, input: self.input,
            startTime: continuing?.start.startDate ?? executor.clock.now, redrive: continuing?.redrive,
            overrides: executor.contextOverrides)
    }

    /// What a resumed or redriven execution continues from.
    struct Continuation: Sendable {
        /// The execution's start record.
        var start: JournalStart
        /// Its history so far.
        var history: [ExecutionEvent]
        /// For a redrive: the redrive count and when it happened.
        var redrive: (count: Int, date: Date)?
    }

    /// The record a new durable execution starts its journal with.
    var startRecord: JournalStart {
        JournalStart(
            name: context.executionName, executionARN: context.executionARN,
            stateMachineName: context.stateMachineName, stateMachineARN: context.stateMachineARN, type: machine.type,
            definition: machine.definition.jsonString(), input: input, startDate: context.startTime, roleARN: context.roleARN)
    }

    // MARK: - The execution

    enum Ending: Error {
        /// The state machine's `TimeoutSeconds` passed.
        case timedOut
        /// A wait or retry would run past the longest a workflow of its type may run.
        case reachedMaximumDuration
    }

    /// Sleeps for a Wait state or a retry interval; one that would end after the longest duration of the
    /// machine's type (a year, or five minutes for Express) ends the execution there instead, as AWS
    /// times workflows out.
    ///
    /// (Checked here rather than by a year-long timer racing the whole run, which on a virtual clock
    /// would fire whenever the run is busy computing.)
    func sleepWithinMaximumDuration(until deadline: Date) async throws {
        let limit = context.startTime.addingTimeInterval(machine.type.maximumDurationSeconds)
        if deadline > limit {
            try await clock.sleep(until: limit)
            throw Ending.reachedMaximumDuration
        }
        try await clock.sleep(until: deadline)
    }

    func run() async -> ExecutionResult {
        var previous = 0
        let status: ExecutionStatus
        do {
            previous = try recorder.record(
                .executionStarted(input: input, roleARN: context.roleARN, stateMachineARN: context.stateMachineARN),
                after: 0)
            if announcesRedrive, let redrive = context.redrive {
                try recorder.record(.executionRedriven(redriveCount: redrive.count), after: earlierLastID)
            }
            try checkPayload(input, source: "execution input")
            // AWS links the first state's entered event to event 0, not to ExecutionStarted.
            let output = try await runWithMachineTimeout(previous: 0)
            status = .succeeded(output)
        } catch let error as StatesError where !Task.isCancelled {
            status = .failed(error)
        } catch Ending.reachedMaximumDuration {
            status = .timedOut(StatesError(.timeout, cause: machine.type.maximumDurationCause))
        } catch Ending.timedOut {
            status = .timedOut(
                StatesError(.timeout, cause: "The execution ran longer than the state machine's TimeoutSeconds."))
        } catch {
            let reason = abortReason.withLock { $0 }
            status = .aborted(reason.map { StatesError(ErrorName(rawValue: $0.error ?? ""), cause: $0.cause) })
        }
        let last = max(recorder.lastID, previous)
        switch status {
        case .succeeded(let output): recorder.recordClosing(.executionSucceeded(output: output), after: last)
        case .failed(let error):
            recorder.recordClosing(.executionFailed(error: error.name.rawValue, cause: error.cause), after: last)
        case .timedOut(let error):
            recorder.recordClosing(.executionTimedOut(error: error.name.rawValue, cause: error.cause), after: last)
        case .aborted(let error):
            recorder.recordClosing(.executionAborted(error: error?.name.rawValue, cause: error?.cause), after: last)
        }
        if let journal {
            try? journal.appendDurably(.closed(JournalClosing(status, date: clock.now)))
            journal.close()
        }
        return ExecutionResult(
            status: status, history: recorder.events, executionARN: context.executionARN, name: context.executionName,
            input: input, startDate: context.startTime, stopDate: clock.now,
            mapRuns: mapRuns.withLock { $0 })
    }

    private func runWithMachineTimeout(previous: Int) async throws -> JSONValue {
        var limits: [(seconds: Double, ending: Ending)] = machine.timeoutSeconds.map { [(Double($0), .timedOut)] } ?? []
        // An Express execution stops at five minutes whatever it is doing. On a virtual clock only the
        // sleeps of Wait states and retries check it (sleepWithinMaximumDuration): a timer racing the
        // whole run there would fire whenever the run is busy computing.
        if machine.type == .express, !clock.isSimulated {
            limits.append((machine.type.maximumDurationSeconds, .reachedMaximumDuration))
        }
        guard let (timeout, ending) = limits.min(by: { $0.seconds < $1.seconds }) else {
            var lane = previous
            return try await runGraph(machine.graph, input: input, previous: &lane)
        }
        // A redriven execution gets its whole TimeoutSeconds again from the redrive.
        let deadline = (context.redrive?.date ?? context.startTime).addingTimeInterval(timeout)
        return try await withThrowingTaskGroup(of: JSONValue?.self) { group in
            group.addTask {
                var lane = previous
                return try await self.runGraph(self.machine.graph, input: self.input, previous: &lane)
            }
            group.addTask {
                try await self.clock.sleep(until: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let output = first else { throw ending }
            return output
        }
    }

    // MARK: - The run loop

    /// Runs a graph from its start state to an end, returning the final output.
    ///
    /// - Parameter variables: the variables visible when the graph starts (the enclosing graph's, for a
    ///   Parallel branch or Map iteration); assignments made inside stay inside.
    func runGraph(
        _ graph: StateGraph, input: JSONValue, previous: inout Int, variables initial: VariableScope = VariableScope()
    ) async throws -> JSONValue {
        guard let journal else {
            return try await runLoop(graph, input: input, previous: &previous, variables: initial, journaling: nil)
        }
        // A durable run gives each step a journal cursor keyed by its lane and visit, in a lane of its own.
        let prefix = JournalCursor.current?.prefix ?? ""
        let lane = JournalLane(journal: journal, lane: prefix, states: graph.states)
        return try await JournalLane.$current.withValue(lane) {
            try await runLoop(graph, input: input, previous: &previous, variables: initial, journaling: lane)
        }
    }

    /// The run loop of ``runGraph(_:input:previous:variables:)``.
    private func runLoop(
        _ graph: StateGraph, input: JSONValue, previous: inout Int, variables initial: VariableScope,
        journaling lane: JournalLane?
    ) async throws -> JSONValue {
        var index = graph.startIndex
        var value = input
        var variables = initial
        while true {
            if Task.isCancelled { throw CancellationError() }
            let outcome: StepOutcome
            if let lane {
                lane.enter(index)
                do {
                    outcome = try await runStep(graph.states[index], input: value, variables: variables, previous: &previous)
                } catch let error as StatesError {
                    journal?.append(.unhandled(step: lane.stepPrefix))
                    throw error
                }
            } else {
                outcome = try await runStep(graph.states[index], input: value, variables: variables, previous: &previous)
            }
            value = outcome.output
            variables.apply(outcome.assigned)
            switch outcome.transition {
            case .end: return value
            case .next(let next): index = next
            }
        }
    }

    /// Runs one state.
    private func runStep(_ state: State, input value: JSONValue, variables v: VariableScope, previous: inout Int)
        async throws -> StepOutcome
    {
        let outcome: StepOutcome
        switch state {
        case .pass(let state): outcome = try runPass(state, input: value, variables: v, previous: &previous)
        case .task(let state): outcome = try await runTask(state, input: value, variables: v, previous: &previous)
        case .choice(let state): outcome = try runChoice(state, input: value, variables: v, previous: &previous)
        case .wait(let state): outcome = try await runWait(state, input: value, variables: v, previous: &previous)
        case .succeed(let state):
            outcome = try runSucceed(state, input: value, variables: v, previous: &previous)
        case .fail(let state): try runFail(state, input: value, variables: v, previous: &previous)
        case .parallel(let state):
            outcome = try await runParallel(state, input: value, variables: v, previous: &previous)
        case .map(let state): outcome = try await runMap(state, input: value, variables: v, previous: &previous)
        }
        return outcome
    }

    // MARK: - Shared steps of every state

    /// Records `<Type>StateEntered`.
    func enter(_ type: String, _ name: String, input: JSONValue, previous: inout Int) throws(StatesError)
        -> EnteredState
    {
        let time = clock.now
        let lane = journal == nil ? nil : JournalLane.current
        let before = previous
        previous = try recorder.record(.stateEntered(stateType: type, name: name, input: input), after: previous, at: time)
        return EnteredState(name: name, id: previous, observedTime: time, lane: lane, previousID: before)
    }

    /// Checks the output against the payload limit and records `<Type>StateExited`, with the
    /// variables the state assigned.
    func exit(_ type: String, _ name: String, output: JSONValue, assigned: JSONObject? = nil, previous: inout Int)
        throws(StatesError)
    {
        try checkPayload(output, source: name)
        previous = try recorder.record(
            .stateExited(stateType: type, name: name, output: output, assignedVariables: assigned), after: previous)
    }

    /// Fails with `States.DataLimitExceeded` when `value` is over the payload quota.
    ///
    /// - Parameter source: the state name, or the task's resource, as AWS names it in the cause.
    func checkPayload(_ value: JSONValue, source: String) throws(StatesError) {
        // Payloads are bounded in depth as the parser bounds input, so nothing recursing through them
        // later (writers, comparisons) can exhaust the stack.
        guard let size = value.compactByteCount(maximumDepth: 512) else {
            throw StatesError(
                .dataLimitExceeded,
                cause: "The state/task '\(source)' returned a result nested deeper than 512 levels.")
        }
        guard let maximum = executor.limits.maximumPayloadBytes, size > maximum else { return }
        // The cause is AWS's sentence word for word (recorded); the figures go in the detail.
        var error = StatesError(
            .dataLimitExceeded,
            cause: "The state/task '\(source)' returned a result with a size exceeding the maximum number of bytes service limit.")
        error.detail = "the result is \(size) bytes of UTF-8 JSON; the limit is \(maximum) bytes"
        throw error
    }

    /// A `States.Runtime` error whose cause names the state, as AWS words it.
    func runtimeError(_ detail: String, in state: EnteredState) -> StatesError {
        StatesError(
            .runtime,
            cause: "An error occurred while executing the state '\(state.name)' (entered at the event id #\(state.id)). \(detail)")
    }

    /// Runs a data-processing step, prefixing `States.Runtime` causes with the state's name.
    func processing<T>(_ state: EnteredState, _ body: () throws(StatesError) -> T) throws(StatesError) -> T {
        do {
            return try body()
        } catch where error.name == .runtime {
            throw runtimeError(error.cause ?? "", in: state)
        }
    }

    func contextValue(
        _ state: EnteredState, retryCount: Int? = nil, taskToken: String? = nil,
        mapItem: (index: Int, value: JSONValue)? = nil
    ) -> JSONValue {
        // In a redriven execution, what the replay serves sees the redrive count and time of the run that
        // recorded it: the current step's, or in a Map iteration's ItemSelector, the iteration's lane.
        var earlierRun: (count: Int, date: Date)?? = nil
        if let journal, !journal.replay.runs.isEmpty, let prefix = JournalCursor.current?.prefix {
            earlierRun = journal.replay.earlierRun(of: prefix, current: context.redrive?.count ?? 0)
        }
        return context.value(
            stateName: state.name, enteredTime: state.time, retryCount: retryCount, taskToken: taskToken,
            mapItem: mapItem, earlierRun: earlierRun)
    }

    func environment(
        _ input: JSONValue, _ state: EnteredState, retryCount: Int? = nil, variables: VariableScope
    ) -> PathEnvironment {
        var environment = PathEnvironment(input: input) { [self] in contextValue(state, retryCount: retryCount) }
        environment.variables = variables.values
        return environment
    }

    /// Applies `InputPath` or `OutputPath`.
    func applyPath(
        _ path: PayloadPath?, to value: JSONValue, field: String, context: @autoclosure () -> JSONValue,
        variables: VariableScope
    ) throws(StatesError) -> JSONValue {
        guard let path else { return value }
        if case .path(let p) = path, !p.isContextPath, p.variable == nil, p.description == "$" { return value }
        guard let selected = try path.apply(to: value, context: context(), variables: variables.values) else {
            if case .path(let p) = path { throw StatesError.runtime(noResultsCause(p, in: value)) }
            return .object(JSONObject())
        }
        return selected
    }

    /// AWS's cause for a path (`InputPath`, `OutputPath`, `TimeoutSecondsPath`, `ToleratedFailureCountPath`…)
    /// that selects nothing in `root`, in the words of the Jayway JsonPath library it uses.
    func noResultsCause(_ path: JSONPath, in root: JSONValue) -> String {
        "Invalid path '\(path)' : \(path.noResultsMessage(in: root))"
    }

    /// Applies `ResultPath`: where the result goes in the state's raw input.
    func applyResultPath(_ setting: ResultPathSetting?, result: JSONValue, input: JSONValue) throws(StatesError)
        -> JSONValue
    {
        switch setting {
        case nil: return result
        case .discard: return input
        case .path(let path): return try path.setting(result, in: input)
        }
    }
}
