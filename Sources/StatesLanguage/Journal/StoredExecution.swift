import Foundation

/// An execution as the store keeps it: its journal records and its history, with what they say
/// about its status (the shape of `DescribeExecution`).
public struct StoredExecution: Sendable {
    /// The journal, in order; the first record is ``JournalRecord/started(_:)``.
    public var records: [JournalRecord]
    /// The history events written so far, in id order.
    public var history: [ExecutionEvent]
    /// Whether a process holds the execution's lock (is running it) now.
    public var isActive: Bool
    /// The start record.
    public let start: JournalStart

    /// Creates a stored execution from its records.
    ///
    /// - Throws: ``ExecutionStoreError/damaged(file:line:reason:)`` at line 1 when the first record
    ///   is not a start record.
    public init(records: [JournalRecord], history: [ExecutionEvent], isActive: Bool, file: String = "journal")
        throws(ExecutionStoreError)
    {
        guard case .started(let start)? = records.first else {
            throw .damaged(file: file, line: 1, reason: "the first record is not a 'started' record")
        }
        self.records = records
        self.history = history
        self.isActive = isActive
        self.start = start
    }

    /// The name.
    public var name: String { start.name }

    /// How the latest run of the execution ended; `nil` while it runs (or its process died).
    public var closing: JournalClosing? {
        for record in records.reversed() {
            switch record {
            case .closed(let closing): return closing
            case .redriven, .resumed: return nil
            default: continue
            }
        }
        return nil
    }

    /// `RUNNING`, `SUCCEEDED`, `FAILED`, `TIMED_OUT` or `ABORTED`.
    public var status: String { closing?.status ?? "RUNNING" }

    /// Whether the execution is marked RUNNING but no process runs it: it can be resumed.
    public var isOrphaned: Bool { closing == nil && !isActive }

    /// How many times the execution was redriven.
    public var redriveCount: Int {
        records.reduce(0) { count, record in
            if case .redriven(let n, _) = record { return max(count, n) }
            return count
        }
    }

    /// When it was last redriven.
    public var redriveDate: Date? {
        records.reversed().lazy.compactMap { record -> Date? in
            if case .redriven(_, let date) = record { return date }
            return nil
        }.first
    }

    /// AWS's `redriveStatus`: `REDRIVABLE` or `NOT_REDRIVABLE`.
    public var redriveStatus: String { redriveRefusal(at: closing?.date ?? start.startDate) == nil ? "REDRIVABLE" : "NOT_REDRIVABLE" }

    /// Why a redrive at `date` would be refused, in AWS's words (`redriveStatusReason`); `nil` when it
    /// would be accepted.
    public func redriveRefusal(at date: Date) -> String? {
        guard let closing else { return "Execution is RUNNING and cannot be redriven" }
        if start.type == .express { return "This API action is not supported by EXPRESS state machines." }
        if closing.status == "SUCCEEDED" { return "Execution is SUCCEEDED and cannot be redriven" }
        if history.count >= 24_999 { return "Execution history event limit exceeded" }
        if date.timeIntervalSince(start.startDate) > StateMachineType.standard.maximumDurationSeconds {
            return "Execution has exceeded the max execution time"
        }
        if date.timeIntervalSince(closing.date) > 14 * 24 * 3600 { return "Execution redrivable period exceeded" }
        return nil
    }

    /// The execution's result so far: its status (RUNNING executions show as aborted with no
    /// error; check ``closing`` first), history and dates.
    public var result: ExecutionResult {
        let status = closing?.executionStatus ?? .aborted(nil)
        return ExecutionResult(
            status: status, history: history, executionARN: start.executionARN, name: start.name, input: start.input,
            startDate: start.startDate, stopDate: closing?.date ?? history.last?.timestamp ?? start.startDate)
    }

    /// The `describe-execution` document: ARNs, name, status, dates, input, output or error, and
    /// redriveCount, redriveStatus (and redriveStatusReason, redriveDate when they apply).
    public func describeJSON(now: Date) -> JSONValue {
        var object: JSONObject = [
            "executionArn": .string(start.executionARN), "stateMachineArn": .string(start.stateMachineARN),
            "name": .string(start.name), "status": .string(status),
            "startDate": .string(Timestamp.format(start.startDate)),
        ]
        if let closing {
            object["stopDate"] = .string(Timestamp.format(closing.date))
        }
        object["input"] = .string(start.input.jsonString())
        object["inputDetails"] = ["included": true]
        if let closing {
            if let output = closing.output {
                object["output"] = .string(output.jsonString())
                object["outputDetails"] = ["included": true]
            }
            if let error = closing.error, !error.isEmpty { object["error"] = .string(error) }
            if let cause = closing.cause { object["cause"] = .string(cause) }
        }
        object["redriveCount"] = .integer(redriveCount)
        if let redriveDate { object["redriveDate"] = .string(Timestamp.format(redriveDate)) }
        let refusal = redriveRefusal(at: now)
        object["redriveStatus"] = .string(refusal == nil ? "REDRIVABLE" : "NOT_REDRIVABLE")
        if let refusal { object["redriveStatusReason"] = .string(refusal) }
        return .object(object)
    }

    /// The sequence number, in a Map Run's journal lane, of the value holding its DescribeMapRun data.
    static let mapRunValueIndex = 2

    /// The Map Runs of the execution's distributed Maps as their journal keeps them (the latest data of
    /// each): DescribeMapRun's fields (`mapRunArn`, `status`, `itemCounts`, `executionCounts`…) plus
    /// `stateName` and the children's `executionArns`.
    public var mapRuns: [JSONValue] {
        var order: [String] = []
        var latest: [String: JSONValue] = [:]
        for case .value(let key, let value) in records where key.hasSuffix("{run}#\(Self.mapRunValueIndex)") {
            if latest[key] == nil { order.append(key) }
            latest[key] = value
        }
        return order.compactMap { latest[$0] }
    }

    /// The `list-executions` entry: ARNs, name, status, dates and redrive details.
    public var listJSON: JSONValue {
        var object: JSONObject = [
            "executionArn": .string(start.executionARN), "stateMachineArn": .string(start.stateMachineARN),
            "name": .string(start.name), "status": .string(status),
            "startDate": .string(Timestamp.format(start.startDate)),
        ]
        if let closing { object["stopDate"] = .string(Timestamp.format(closing.date)) }
        if redriveCount > 0 {
            object["redriveCount"] = .integer(redriveCount)
            if let redriveDate { object["redriveDate"] = .string(Timestamp.format(redriveDate)) }
        }
        return .object(object)
    }
}
