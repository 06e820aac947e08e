import Foundation

/// Runs state machines: the task handlers, clock and limits executions use.
///
/// ```swift
/// var registry = TaskRegistry()
/// registry.register(for: "arn:aws:states:::aws-sdk:ec2:rebootInstances") { _ in [:] }
/// let executor = Executor(registry: registry, clock: VirtualClock())
/// let result = await executor.run(machine, input: ["InstanceIds": ["i-1"]])
/// print(result.status.name, result.output ?? "")
/// ```
public struct Executor: Sendable {
    /// The handlers for Task resources.
    public var registry: TaskRegistry
    /// The clock for waits, retries, timeouts and timestamps.
    public var clock: any ExecutionClock
    /// Service quotas to enforce.
    public var limits: ExecutionLimits
    /// The AWS region used in ARNs and history (`us-east-1` by default).
    public var region: String
    /// The AWS account id used in ARNs (`123456789012` by default).
    public var accountID: String
    /// The role reported in the context object and history.
    public var roleARN: String
    /// Whether history events are kept (live observers get them either way); turn off for benchmarks.
    public var recordsHistory: Bool
    /// Durations, in seconds, that replace those of the named Wait states, wherever they are (top level,
    /// Parallel branches, Map iterations); empty by default.
    ///
    /// Use it to run a runbook whose waits are long (draining, booting) quickly against local task
    /// handlers, as `sfnrun start --wait-seconds WaitForBoot=1` does; aws-local-stepfunctions' `-w`
    /// does the same. The state's own `Seconds`, `Timestamp`, `SecondsPath` or `TimestampPath` is
    /// still evaluated, so a bad path still fails the state as it would on AWS; only the time waited
    /// changes, and the history's timestamps show the shortened wait.
    ///
    /// ```swift
    /// executor.waitOverrides = ["WaitForDraining": 0, "WaitForBoot": 0.5]
    /// ```
    public var waitOverrides: [String: Double]
    /// Fields merged into every context object (`$$`) the execution builds: TestState's `context`
    /// and retry-count injection. `nil` for ordinary runs.
    package var contextOverrides: JSONObject? = nil
    /// Where executions are kept so they survive their process: `nil` (the default) keeps nothing.
    ///
    /// With a store, ``start(_:input:name:)`` journals the execution, and ``resume(_:)``,
    /// ``redrive(_:)``, ``storedExecutions()`` and ``stop(_:error:cause:)`` work on what it keeps.
    /// ``run(_:input:name:)`` never stores.
    public var store: (any ExecutionStore)?
    /// Where Distributed Map `ItemReader`s read and `ResultWriter`s write (a local folder, memory);
    /// `nil` (the default) makes their S3 calls through ``registry`` (the AWS integrations, or mocks).
    public var objectStorage: (any ObjectStorage)?
    /// How long, in seconds, the export of a Distributed Map Run that a stop aborted may still take
    /// (10 by default); 0 gives it none.
    ///
    /// A stop cancels everything the execution is doing, including the S3 calls a `ResultWriter`
    /// makes through the task handlers. The export of an aborted Map Run (the results kept so far,
    /// the running children as `ABORTED` in `FAILED_n.json`, the children never started in
    /// `PENDING_n.json`, then `manifest.json`) is therefore given this long after the stop, during
    /// which its object storage calls are still served; then the execution ends `ABORTED`. An
    /// export that fails, or does not finish in time, is recorded in the Map Run's `MapRunAborted`
    /// event as `States.ResultWriterFailed` with a cause naming the object, so a prefix is never
    /// left without a manifest unnoticed. The grace is measured on ``clock``: on a ``VirtualClock``
    /// simulated time stands still while the export works, and runs only while a task handler
    /// serving its S3 calls waits on its request's clock.
    ///
    /// ```swift
    /// executor.resultWriterGraceSeconds = 30  // a slow bucket, many pending items
    /// ```
    public var resultWriterGraceSeconds: Double

    /// Creates an executor.
    ///
    /// - Parameters:
    ///   - registry: the task handlers.
    ///   - clock: ``SystemClock`` (default) or ``VirtualClock`` for instant tests.
    ///   - limits: AWS's quotas by default.
    public init(registry: TaskRegistry = TaskRegistry(), clock: any ExecutionClock = SystemClock(), limits: ExecutionLimits = .aws) {
        self.registry = registry
        self.clock = clock
        self.limits = limits
        region = "us-east-1"
        accountID = "123456789012"
        roleARN = "arn:aws:iam::123456789012:role/StepFunctions-Local"
        recordsHistory = true
        waitOverrides = [:]
        store = nil
        resultWriterGraceSeconds = 10
    }

    /// Runs an execution to its end.
    ///
    /// - Parameters:
    ///   - machine: the compiled state machine.
    ///   - input: the execution input (`{}` by default).
    ///   - name: the execution name; a UUID when `nil`.
    /// - Returns: the result; a failed execution is a result with status `.failed`, not a thrown error.
    public func run(_ machine: StateMachine, input: JSONValue = .object(JSONObject()), name: String? = nil) async
        -> ExecutionResult
    {
        let runner = ExecutionRunner(executor: self, machine: machine, input: input, name: name)
        return await runner.run()
    }

    /// Starts an execution and returns a handle to observe, stop or call back into it.
    ///
    /// ```swift
    /// let execution = try await executor.start(machine, input: input)
    /// for await event in execution.events { print(event.kind.name) }
    /// let result = await execution.result
    /// ```
    /// - Throws: ``StatesError`` when the name is invalid (AWS: 1–80 characters, no whitespace or wildcards).
    public func start(_ machine: StateMachine, input: JSONValue = .object(JSONObject()), name: String? = nil)
        async throws(StatesError) -> Execution
    {
        if let name { try Executor.validateExecutionName(name) }
        guard let store else {
            return Execution(runner: ExecutionRunner(executor: self, machine: machine, input: input, name: name))
        }
        let start = ExecutionRunner(executor: self, machine: machine, input: input, name: name).startRecord
        let writer: any ExecutionJournalWriter
        do {
            writer = try store.create(start)
        } catch {
            throw StatesError(ErrorName(rawValue: error.errorName), cause: error.message)
        }
        let journal = ExecutionJournal(writer: writer)
        let runner = ExecutionRunner(
            executor: self, machine: machine, input: input, name: name, journal: journal,
            continuing: .init(start: start, history: [], redrive: nil))
        return Execution(runner: runner)
    }

    /// Checks an execution name against AWS's rules.
    static func validateExecutionName(_ name: String) throws(StatesError) {
        let forbidden = Set(" \t\n<>{}[]?*\"#%\\^|~`$&,;:/")
        guard (1...80).contains(name.count), !name.contains(where: { forbidden.contains($0) }),
            !name.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        else {
            throw StatesError(
                "InvalidName",
                cause: "Execution name '\(name)' must be 1 to 80 characters with no whitespace, brackets, wildcards or control characters.")
        }
    }
}
