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

    /// `RUNNING`, or how it ended.
    var status: String { result?.status.name ?? "RUNNING" }

    /// The events so far.
    var history: [ExecutionEvent] { result?.history ?? handle?.history ?? [] }
}

/// The server's executions, in start order: the one place that knows where they are kept.
///
/// Executions are kept in memory for the life of the server.
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

    /// Records how an execution ended.
    mutating func finish(_ arn: String, result: ExecutionResult) {
        executions[arn]?.result = result
        executions[arn]?.handle = nil
    }

    /// The executions, newest first, that `include` keeps.
    func newestFirst(where include: (ServedExecution) -> Bool) -> [ServedExecution] {
        order.reversed().compactMap { executions[$0] }.filter(include)
    }

    /// The running executions' handles.
    var running: [Execution] { order.compactMap { executions[$0]?.handle } }
}
