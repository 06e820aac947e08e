/// What a ``TaskHandler`` receives for one attempt of a Task state.
public struct TaskRequest: Sendable {
    /// The state's `Resource`, parsed.
    public var resource: ResourceARN
    /// The effective input: the state's input after `InputPath` and `Parameters`.
    public var input: JSONValue
    /// The Task state's name.
    public var stateName: String
    /// How many times this state has been retried so far (0 on the first attempt), as `$$.State.RetryCount`.
    public var retryCount: Int
    /// The task token, when the state uses `.waitForTaskToken`, `.sync` or `.sync:2` (also in `$$.Task.Token`).
    public var taskToken: String?
    /// The effective `TimeoutSeconds`, if any.
    public var timeoutSeconds: Int?
    /// The effective `HeartbeatSeconds`, if any.
    public var heartbeatSeconds: Int?
    /// The state's `Credentials` field, if any.
    public var credentials: JSONValue?
    /// The context object (`$$`) as the state sees it.
    public var context: JSONValue
    /// The execution's clock: sleep on it (not on `Task.sleep`) so virtual time works.
    public var clock: any ExecutionClock
    /// Tells the engine the task is still alive, resetting the `HeartbeatSeconds` timer.
    public var sendHeartbeat: @Sendable () -> Void

    /// Creates a request (the engine does this; tests of your own handlers may too).
    public init(
        resource: ResourceARN, input: JSONValue, stateName: String, retryCount: Int = 0, taskToken: String? = nil,
        timeoutSeconds: Int? = nil, heartbeatSeconds: Int? = nil, credentials: JSONValue? = nil,
        context: JSONValue = .object(JSONObject()), clock: any ExecutionClock = SystemClock(),
        sendHeartbeat: @escaping @Sendable () -> Void = {}
    ) {
        self.resource = resource
        self.input = input
        self.stateName = stateName
        self.retryCount = retryCount
        self.taskToken = taskToken
        self.timeoutSeconds = timeoutSeconds
        self.heartbeatSeconds = heartbeatSeconds
        self.credentials = credentials
        self.context = context
        self.clock = clock
        self.sendHeartbeat = sendHeartbeat
    }
}
