/// The service quotas an execution enforces.
///
/// Defaults are AWS's: 25,000 history events (Standard workflows) and 256 KiB payloads. Lift
/// them to run long local loops or big payloads that AWS would reject.
///
/// ```swift
/// let executor = Executor(registry: registry, limits: .unlimited)
/// ```
public struct ExecutionLimits: Sendable, Hashable {
    /// The most history events a Standard execution may have (`nil`: no limit). AWS: 25,000.
    public var maximumHistoryEvents: Int?
    /// The most history events an Express execution may record (`nil`: no limit).
    ///
    /// AWS has no such quota: an Express execution ends at five minutes instead. On a
    /// ``VirtualClock`` a loop of Pass and Choice states takes no simulated time, so this local
    /// safety net (1,000,000 by default, far more than five minutes allow) ends it instead of
    /// letting it run forever.
    public var maximumExpressHistoryEvents: Int?
    /// The largest state input, output or task result in UTF-8 bytes (`nil`: no limit). AWS: 262,144.
    public var maximumPayloadBytes: Int?
    /// The largest value of one workflow variable in UTF-8 bytes (`nil`: no limit). AWS: 262,144.
    public var maximumVariableBytes: Int?
    /// The largest combined size of the variables one `Assign` sets (`nil`: no limit). AWS: 262,144.
    public var maximumAssignBytes: Int?
    /// The largest combined size of all variables of an execution (`nil`: no limit). AWS: 10 MiB.
    public var maximumTotalVariableBytes: Int?

    /// Creates limits.
    public init(
        maximumHistoryEvents: Int? = 25_000, maximumPayloadBytes: Int? = 262_144,
        maximumVariableBytes: Int? = 262_144, maximumAssignBytes: Int? = 262_144,
        maximumTotalVariableBytes: Int? = 10_485_760, maximumExpressHistoryEvents: Int? = 1_000_000
    ) {
        self.maximumExpressHistoryEvents = maximumExpressHistoryEvents
        self.maximumHistoryEvents = maximumHistoryEvents
        self.maximumPayloadBytes = maximumPayloadBytes
        self.maximumVariableBytes = maximumVariableBytes
        self.maximumAssignBytes = maximumAssignBytes
        self.maximumTotalVariableBytes = maximumTotalVariableBytes
    }

    /// AWS Step Functions' standard-workflow quotas.
    public static let aws = ExecutionLimits()
    /// No limits.
    public static let unlimited = ExecutionLimits(
        maximumHistoryEvents: nil, maximumPayloadBytes: nil, maximumVariableBytes: nil, maximumAssignBytes: nil,
        maximumTotalVariableBytes: nil, maximumExpressHistoryEvents: nil)
}
