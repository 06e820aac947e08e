/// The service quotas an execution enforces.
///
/// Defaults are AWS's: 25,000 history events and 256 KiB payloads. Lift
/// them to run long local loops or big payloads that AWS would reject.
///
/// ```swift
/// let executor = Executor(registry: registry, limits: .unlimited)
/// ```
public struct ExecutionLimits: Sendable, Hashable {
    /// The most history events an execution may have (`nil`: no limit). AWS: 25,000.
    public var maximumHistoryEvents: Int?
    /// The largest state input, output or task result in UTF-8 bytes (`nil`: no limit). AWS: 262,144.
    public var maximumPayloadBytes: Int?

    /// Creates limits.
    public init(maximumHistoryEvents: Int? = 25_000, maximumPayloadBytes: Int? = 262_144) {
        self.maximumHistoryEvents = maximumHistoryEvents
        self.maximumPayloadBytes = maximumPayloadBytes
    }

    /// AWS Step Functions' standard-workflow quotas.
    public static let aws = ExecutionLimits()
    /// No limits.
    public static let unlimited = ExecutionLimits(maximumHistoryEvents: nil, maximumPayloadBytes: nil)
}
