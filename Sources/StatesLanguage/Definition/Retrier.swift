import Foundation

/// One entry of a state's `Retry` array.
public struct Retrier: Sendable, Hashable {
    /// How the retry interval is randomised.
    public enum JitterStrategy: String, Sendable, Hashable {
        /// Each interval is drawn uniformly between 0 and the computed interval.
        case full = "FULL"
        /// Intervals are exactly as computed.
        case none = "NONE"
    }

    /// `ErrorEquals`: the error names this retrier handles.
    public var errorEquals: [ErrorName]
    /// `IntervalSeconds`: seconds before the first retry (default 1).
    public var intervalSeconds: Int = 1
    /// `MaxAttempts`: how many retries at most (default 3; 0 never retries).
    public var maxAttempts: Int = 3
    /// `BackoffRate`: the factor applied to the interval after each retry (default 2.0).
    public var backoffRate: Double = 2.0
    /// `MaxDelaySeconds`: an upper bound on any interval.
    public var maxDelaySeconds: Int?
    /// `JitterStrategy` (default `NONE`).
    public var jitterStrategy: JitterStrategy = .none

    /// Creates a retrier.
    public init(
        errorEquals: [ErrorName], intervalSeconds: Int = 1, maxAttempts: Int = 3, backoffRate: Double = 2.0,
        maxDelaySeconds: Int? = nil, jitterStrategy: JitterStrategy = .none
    ) {
        self.errorEquals = errorEquals
        self.intervalSeconds = intervalSeconds
        self.maxAttempts = maxAttempts
        self.backoffRate = backoffRate
        self.maxDelaySeconds = maxDelaySeconds
        self.jitterStrategy = jitterStrategy
    }

    /// The delay before retry number `attempt` (0-based), before jitter:
    /// `IntervalSeconds × BackoffRate^attempt`, capped by `MaxDelaySeconds`.
    /// Never more than a year, the longest a standard workflow runs, so huge back-off rates stay finite.
    public func delay(beforeRetry attempt: Int) -> Double {
        let raw = min(Double(intervalSeconds) * pow(backoffRate, Double(attempt)), Retrier.longestDelay)
        if let maxDelaySeconds { return min(raw, Double(maxDelaySeconds)) }
        return raw
    }

    /// One year in seconds: AWS's maximum duration of a standard workflow execution.
    static let longestDelay: Double = 31_536_000
}

/// One entry of a state's `Catch` array.
public struct Catcher: Sendable, Hashable {
    /// `ErrorEquals`: the error names this catcher handles.
    public var errorEquals: [ErrorName]
    /// `Next`: the index of the state to go to.
    public var next: Int
    /// `ResultPath`: where the `{"Error", "Cause"}` object goes (default `$`; JSONPath states).
    public var resultPath: ResultPathSetting?
    /// `Output` (JSONata states): the state's output when this catcher fires (default `$states.errorOutput`).
    public var output: QueryTemplate?
    /// `Assign`: variables set when this catcher fires, instead of the state's own `Assign`.
    public var assign: VariableAssignment?
}
