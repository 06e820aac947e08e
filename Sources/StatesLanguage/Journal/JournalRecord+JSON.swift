import Foundation

extension JournalRecord {
    /// The record as one journal line's JSON object: `{"record": "value", "key": …, "value": …}`.
    ///
    /// Dates are seconds since 1970 as JSON numbers, so a replay reads back exactly the instant
    /// the first run saw.
    public var jsonValue: JSONValue {
        var object: JSONObject = ["record": .string(typeName)]
        switch self {
        case .started(let start):
            object["format"] = .integer(start.formatVersion)
            object["name"] = .string(start.name)
            object["executionArn"] = .string(start.executionARN)
            object["stateMachineName"] = .string(start.stateMachineName)
            object["stateMachineArn"] = .string(start.stateMachineARN)
            object["type"] = .string(start.type.rawValue)
            object["roleArn"] = .string(start.roleARN)
            object["startDate"] = Self.encode(start.startDate)
            object["input"] = start.input
            object["definition"] = .string(start.definition)
        case .value(let key, let value):
            object["key"] = .string(key)
            object["value"] = value
        case .taskStarted(let key):
            object["key"] = .string(key)
        case .taskSubmitted(let key, let response):
            object["key"] = .string(key)
            object["response"] = response
        case .taskSucceeded(let key, let output):
            object["key"] = .string(key)
            object["output"] = output
        case .taskFailed(let key, let error, let cause):
            object["key"] = .string(key)
            object["error"] = .string(error)
            if let cause { object["cause"] = .string(cause) }
        case .unhandled(let step):
            object["step"] = .string(step)
        case .closed(let closing):
            object["status"] = .string(closing.status)
            if let output = closing.output { object["output"] = output }
            if let error = closing.error { object["error"] = .string(error) }
            if let cause = closing.cause { object["cause"] = .string(cause) }
            object["date"] = Self.encode(closing.date)
        case .resumed(let date):
            object["date"] = Self.encode(date)
        case .redriven(let count, let date):
            object["redriveCount"] = .integer(count)
            object["date"] = Self.encode(date)
        }
        return .object(object)
    }

    /// The record's `record` field.
    public var typeName: String {
        switch self {
        case .started: return "started"
        case .value: return "value"
        case .taskStarted: return "taskStarted"
        case .taskSubmitted: return "taskSubmitted"
        case .taskSucceeded: return "taskSucceeded"
        case .taskFailed: return "taskFailed"
        case .unhandled: return "unhandled"
        case .closed: return "closed"
        case .resumed: return "resumed"
        case .redriven: return "redriven"
        }
    }

    /// Reads a record from one journal line's JSON object.
    ///
    /// - Throws: ``JournalLineError`` naming what is missing or wrong.
    public init(jsonValue value: JSONValue) throws(JournalLineError) {
        guard case .object = value, let type = value["record"]?.stringValue else {
            throw JournalLineError("not a journal record (no \"record\" field)")
        }
        func string(_ field: String) throws(JournalLineError) -> String {
            guard let text = value[field]?.stringValue else {
                throw JournalLineError("the \(type) record has no string field \"\(field)\"")
            }
            return text
        }
        func date(_ field: String) throws(JournalLineError) -> Date {
            guard case .number(let seconds)? = value[field] else {
                throw JournalLineError("the \(type) record has no numeric field \"\(field)\"")
            }
            return Date(timeIntervalSince1970: seconds.doubleValue)
        }
        switch type {
        case "started":
            guard let format = value["format"]?.intValue else { throw JournalLineError("the started record has no format version") }
            guard format <= JournalFormat.version else {
                throw JournalLineError(
                    "the journal has format version \(format); this sfnrun reads versions up to \(JournalFormat.version)")
            }
            guard let machineType = StateMachineType(rawValue: try string("type")) else {
                throw JournalLineError("the started record has an unknown state machine type")
            }
            self = .started(
                JournalStart(
                    formatVersion: format, name: try string("name"), executionARN: try string("executionArn"),
                    stateMachineName: try string("stateMachineName"), stateMachineARN: try string("stateMachineArn"),
                    type: machineType, definition: try string("definition"), input: value["input"] ?? .null,
                    startDate: try date("startDate"), roleARN: try string("roleArn")))
        case "value": self = .value(key: try string("key"), value: value["value"] ?? .null)
        case "taskStarted": self = .taskStarted(key: try string("key"))
        case "taskSubmitted": self = .taskSubmitted(key: try string("key"), response: value["response"] ?? .null)
        case "taskSucceeded": self = .taskSucceeded(key: try string("key"), output: value["output"] ?? .null)
        case "taskFailed":
            self = .taskFailed(key: try string("key"), error: try string("error"), cause: value["cause"]?.stringValue)
        case "unhandled": self = .unhandled(step: try string("step"))
        case "closed":
            self = .closed(
                JournalClosing(
                    status: try string("status"), output: value["output"], error: value["error"]?.stringValue,
                    cause: value["cause"]?.stringValue, date: try date("date")))
        case "resumed": self = .resumed(date: try date("date"))
        case "redriven":
            guard let count = value["redriveCount"]?.intValue else {
                throw JournalLineError("the redriven record has no redriveCount")
            }
            self = .redriven(count: count, date: try date("date"))
        default:
            throw JournalLineError("unknown record type '\(type)'")
        }
    }

    private static func encode(_ date: Date) -> JSONValue { .double(date.timeIntervalSince1970) }
}

/// Why one journal line could not be read.
public struct JournalLineError: Error, Sendable, Hashable {
    /// What is wrong with the line.
    public var message: String

    /// Creates the error.
    public init(_ message: String) { self.message = message }
}
