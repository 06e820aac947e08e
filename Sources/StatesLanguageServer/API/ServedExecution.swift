import Foundation
import StatesLanguage

/// An execution the server started: what `DescribeExecution` and `ListExecutions` report, the
/// running handle while it runs and the result once it ended.
struct ServedExecution: Sendable {
    var arn: String
    var name: String
    /// The unqualified state machine ARN.
    var stateMachineARN: String
    /// Set when the execution started from a version (directly or through an alias).
    var versionARN: String?
    /// Set when the execution started from an alias.
    var aliasARN: String?
    var input: JSONValue
    var startDate: Date
    /// The revision it runs (for DescribeStateMachineForExecution).
    var revision: ServedStateMachine.Revision
    /// The handle while it runs.
    var handle: Execution?
    /// The result once it ended.
    var result: ExecutionResult?
    /// Whether it runs on an Express state machine.
    var isExpress: Bool
    /// How many times it was redriven, and when last.
    var redriveCount = 0
    var redriveDate: Date?

    /// `RUNNING`, or how it ended.
    var status: String { result?.status.name ?? "RUNNING" }

    /// The events so far.
    var history: [ExecutionEvent] { result?.history ?? handle?.history ?? [] }
}

/// The server's executions, in start order: the one place that knows where they are kept.
///
/// The book is the server's index; with an ``ExecutionEnvironment/store`` the executions themselves
/// are kept there too (journal and history), and the book is filled from it again at restart.
struct ExecutionBook: Sendable {
    private var executions: [String: ServedExecution] = [:]
    private var order: [String] = []

    /// Adds a started execution.
    mutating func add(_ execution: ServedExecution) {
        executions[execution.arn] = execution
        order.append(execution.arn)
    }

    /// The execution with this ARN.
    subscript(arn: String) -> ServedExecution? { executions[arn] }

    /// Records how an execution ended (a late result of an earlier run is ignored).
    mutating func finish(_ arn: String, result: ExecutionResult, of handle: Execution) {
        guard let current = executions[arn]?.handle, current === handle else { return }
        executions[arn]?.result = result
        executions[arn]?.handle = nil
    }

    /// Records a new run of an ended execution (a redrive).
    mutating func continueRunning(_ arn: String, with handle: Execution, redrivenAt date: Date) {
        executions[arn]?.handle = handle
        executions[arn]?.result = nil
        executions[arn]?.redriveCount += 1
        executions[arn]?.redriveDate = date
    }

    /// The executions, newest first, that `include` keeps.
    func newestFirst(where include: (ServedExecution) -> Bool) -> [ServedExecution] {
        order.reversed().compactMap { executions[$0] }.filter(include)
    }

    /// The running executions' handles.
    var running: [Execution] { order.compactMap { executions[$0]?.handle } }
}
