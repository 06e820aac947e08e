import Foundation

/// One line of an execution's journal: what a replay of the run loop needs to reach the same
/// place again (task outcomes, clock readings, generated values), and the execution's milestones.
///
/// Records that belong to one step of the run carry a `key`: the step's lane and visit
/// (`/ProcessBatches@1[2]/Reboot@1`) and a sequence number within the step (`#3`). Map
/// iterations and Parallel branches have lanes of their own, so concurrent iterations never
/// compete for a key and a replay finds each record whatever order the lanes run in.
public enum JournalRecord: Sendable, Hashable {
    /// The execution started: its name, definition, input and start time. Always the first line.
    case started(JournalStart)
    /// A value the run generated or read from the clock (an entered time, a UUID, a random number,
    /// a task token, a deadline).
    case value(key: String, value: JSONValue)
    /// A task's handler is about to be called.
    case taskStarted(key: String)
    /// A `.waitForTaskToken` task was submitted; the response is what its handler returned.
    case taskSubmitted(key: String, response: JSONValue)
    /// A task's handler returned this result.
    case taskSucceeded(key: String, output: JSONValue)
    /// A task's handler (or its timeout) failed with this error.
    case taskFailed(key: String, error: String, cause: String?)
    /// An error left the step `step` without being caught there (what a redrive runs again).
    case unhandled(step: String)
    /// The execution ended.
    case closed(JournalClosing)
    /// The execution was resumed after its process ended without closing it.
    case resumed(date: Date)
    /// The execution was redriven (`RedriveExecution`): the `count`th time, at `date`.
    case redriven(count: Int, date: Date)
}

extension JournalRecord {
    /// The key of a record that belongs to one step of the run, such as `/Each@1~0[2]/Work@1#1`.
    var key: String? {
        switch self {
        case .value(let key, _), .taskStarted(let key), .taskSubmitted(let key, _), .taskSucceeded(let key, _),
            .taskFailed(let key, _, _):
            return key
        case .started, .unhandled, .closed, .resumed, .redriven: return nil
        }
    }
}

/// The first record of a journal: everything needed to run the execution again.
public struct JournalStart: Sendable, Hashable {
    /// The journal format version this record was written with.
    public var formatVersion: Int
    /// The execution name.
    public var name: String
    /// The execution ARN.
    public var executionARN: String
    /// The state machine's name.
    public var stateMachineName: String
    /// The state machine's ARN.
    public var stateMachineARN: String
    /// `STANDARD` or `EXPRESS`.
    public var type: StateMachineType
    /// The definition as it ran (JSON text).
    public var definition: String
    /// The execution input.
    public var input: JSONValue
    /// When the execution started.
    public var startDate: Date
    /// The role in the context object and history.
    public var roleARN: String

    /// Creates a start record.
    public init(
        formatVersion: Int = JournalFormat.version, name: String, executionARN: String, stateMachineName: String,
        stateMachineARN: String, type: StateMachineType, definition: String, input: JSONValue, startDate: Date,
        roleARN: String
    ) {
        self.formatVersion = formatVersion
        self.name = name
        self.executionARN = executionARN
        self.stateMachineName = stateMachineName
        self.stateMachineARN = stateMachineARN
        self.type = type
        self.definition = definition
        self.input = input
        self.startDate = startDate
        self.roleARN = roleARN
    }
}

/// How an execution ended, as its journal keeps it.
public struct JournalClosing: Sendable, Hashable {
    /// `SUCCEEDED`, `FAILED`, `TIMED_OUT` or `ABORTED`.
    public var status: String
    /// The output of a succeeded execution.
    public var output: JSONValue?
    /// The error of a failed, timed-out or aborted execution.
    public var error: String?
    /// The cause that goes with `error`.
    public var cause: String?
    /// When it ended.
    public var date: Date

    /// Creates a closing record.
    public init(status: String, output: JSONValue? = nil, error: String? = nil, cause: String? = nil, date: Date) {
        self.status = status
        self.output = output
        self.error = error
        self.cause = cause
        self.date = date
    }

    /// The closing record of an execution status.
    public init(_ status: ExecutionStatus, date: Date) {
        switch status {
        case .succeeded(let output): self.init(status: status.name, output: output, date: date)
        case .failed(let error), .timedOut(let error):
            self.init(status: status.name, error: error.name.rawValue, cause: error.cause, date: date)
        case .aborted(let error):
            self.init(status: status.name, error: error?.name.rawValue, cause: error?.cause, date: date)
        }
    }

    /// The execution status this record describes.
    public var executionStatus: ExecutionStatus {
        let error = StatesError(ErrorName(rawValue: self.error ?? ""), cause: cause)
        switch status {
        case "SUCCEEDED": return .succeeded(output ?? .null)
        case "TIMED_OUT": return .timedOut(error)
        case "ABORTED": return .aborted(self.error == nil && cause == nil ? nil : error)
        default: return .failed(error)
        }
    }
}

/// The journal's line format.
public enum JournalFormat {
    /// The version written in every `started` record; readers refuse journals of a newer version.
    ///
    /// Version 2 writes the entered and exited events of states flat in `history.jsonl`; readers take
    /// both forms, line by line, so a version 1 execution resumes and redrives as before.
    public static let version = 2
}
