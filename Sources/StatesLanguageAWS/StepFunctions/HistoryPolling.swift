/// How often ``StepFunctionsClient/follow(executionARN:clock:polling:onEvents:)`` reads an
/// execution's history.
///
/// The first poll is at once. After a poll that brought events the next comes ``initialInterval``
/// seconds later; each poll that brings nothing multiplies the wait by ``backoffRate``, up to
/// ``maximumInterval``. A throttled or failed poll (`ThrottlingException`, HTTP 5xx, no response)
/// waits ``maximumInterval`` and tries again; ``maximumFailedPolls`` failures in a row end the
/// following.
///
/// Step Functions throttles `GetExecutionHistory` per account and region with a token bucket
/// (the "API action throttling" quotas), shared by every caller; the back-off keeps a long-running
/// execution from spending it.
public struct HistoryPolling: Sendable, Hashable {
    /// Seconds after a poll that brought events.
    public var initialInterval: Double
    /// The longest wait between polls, in seconds.
    public var maximumInterval: Double
    /// The factor applied to the wait after a poll that brought nothing.
    public var backoffRate: Double
    /// How many failed polls in a row end the following with the last error.
    public var maximumFailedPolls: Int
    /// Events per `GetExecutionHistory` page (the API allows up to 1000).
    public var pageSize: Int

    /// Creates a schedule; the defaults are 1 s, doubling up to 10 s, 5 failures, 100 events a page.
    public init(
        initialInterval: Double = 1, maximumInterval: Double = 10, backoffRate: Double = 2, maximumFailedPolls: Int = 5,
        pageSize: Int = 100
    ) {
        self.initialInterval = initialInterval
        self.maximumInterval = maximumInterval
        self.backoffRate = backoffRate
        self.maximumFailedPolls = maximumFailedPolls
        self.pageSize = pageSize
    }

    /// The wait after a poll that brought nothing, given the wait before it.
    func interval(after previous: Double) -> Double {
        min(maximumInterval, max(initialInterval, previous * backoffRate))
    }
}
