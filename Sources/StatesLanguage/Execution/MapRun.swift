import Synchronization

/// A Distributed Map's run: its ARN and DescribeMapRun's counts of items and child executions.
public struct MapRun: Sendable, Hashable {
    /// DescribeMapRun's counters (`itemCounts`, `executionCounts`).
    public struct Counts: Sendable, Hashable {
        /// Not started yet.
        public var pending = 0
        /// Running.
        public var running = 0
        /// Succeeded.
        public var succeeded = 0
        /// Failed.
        public var failed = 0
        /// Timed out.
        public var timedOut = 0
        /// Aborted.
        public var aborted = 0
        /// Every item or execution counted.
        public var total: Int { pending + running + succeeded + failed + timedOut + aborted }

        /// As DescribeMapRun writes it.
        public var json: JSONValue {
            [
                "pending": .integer(pending), "running": .integer(running), "succeeded": .integer(succeeded),
                "failed": .integer(failed), "timedOut": .integer(timedOut), "aborted": .integer(aborted),
                "total": .integer(total), "resultsWritten": .integer(succeeded + failed + timedOut + aborted),
            ]
        }
    }

    /// The Map Run's ARN: `arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:ID`.
    public var arn: String
    /// The Map state's name.
    public var stateName: String
    /// `RUNNING`, `SUCCEEDED`, `FAILED` or `ABORTED`.
    public var status: String
    /// `MaxConcurrency` in force.
    public var maxConcurrency: Int
    /// `ToleratedFailurePercentage` in force.
    public var toleratedFailurePercentage: Double
    /// `ToleratedFailureCount` in force.
    public var toleratedFailureCount: Int
    /// The items' counts.
    public var itemCounts = Counts()
    /// The child executions' counts.
    public var executionCounts = Counts()
    /// The ARNs of the child executions, in the order they ended (the first ``keptChildARNs``).
    public var childExecutionARNs: [String] = []

    /// How many child ARNs a Map Run keeps, so that memory stays bounded for millions of unbatched items.
    public static let keptChildARNs = 100_000

    /// DescribeMapRun's document.
    public var describeJSON: JSONValue {
        [
            "mapRunArn": .string(arn), "status": .string(status), "maxConcurrency": .integer(maxConcurrency),
            "toleratedFailurePercentage": .number(JSONNumber(normalizing: toleratedFailurePercentage)),
            "toleratedFailureCount": .integer(toleratedFailureCount), "itemCounts": itemCounts.json,
            "executionCounts": executionCounts.json,
        ]
    }
}
