import StatesLanguage

/// What an execution must produce for a test case to pass.
///
/// Every field is optional; an expectation with no fields only requires the
/// default status, `SUCCEEDED`. In a mock configuration it is written under
/// the top-level `Expectations` key (this package's extension; Step
/// Functions Local ignores it):
///
/// ```json
/// "Expectations": { "RollingRestart": { "NeverHealthy": {
///     "Status": "FAILED", "Error": "RollingRestartFailed",
///     "StatesEntered": ["ApplyDefaults", "…"], "StatesNotEntered": ["Done"] } } }
/// ```
public struct TestExpectation: Sendable, Hashable {
    /// The expected status (`SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`); `SUCCEEDED` when `nil`.
    public var status: String?
    /// The expected error name of a failed execution.
    public var error: String?
    /// The expected cause, exactly.
    public var cause: String?
    /// Text the cause must contain.
    public var causeContains: String?
    /// The expected output, exactly (object key order does not matter).
    public var output: JSONValue?
    /// A pattern the output must contain: objects may have more keys; arrays need the same length, each element
    /// containing the pattern's element; other values must be equal.
    public var outputContains: JSONValue?
    /// The exact sequence of states entered.
    public var statesEntered: [String]?
    /// States that must not be entered.
    public var statesNotEntered: [String]?

    /// Creates an expectation.
    public init(
        status: String? = nil, error: String? = nil, cause: String? = nil, causeContains: String? = nil,
        output: JSONValue? = nil, outputContains: JSONValue? = nil, statesEntered: [String]? = nil,
        statesNotEntered: [String]? = nil
    ) {
        self.status = status
        self.error = error
        self.cause = cause
        self.causeContains = causeContains
        self.output = output
        self.outputContains = outputContains
        self.statesEntered = statesEntered
        self.statesNotEntered = statesNotEntered
    }

    /// The field names accepted in a mock configuration's `Expectations` entries.
    static let fieldNames: [String] = [
        "Input", "Status", "Error", "Cause", "CauseContains", "Output", "OutputContains", "StatesEntered",
        "StatesNotEntered",
    ]

    /// Every way `result` differs from this expectation; empty when the test case passes.
    ///
    /// ```swift
    /// let problems = TestExpectation(status: "FAILED", error: "States.Timeout").mismatches(in: result)
    /// ```
    public func mismatches(in result: ExecutionResult) -> [String] {
        var problems: [String] = []
        let expectedStatus = status ?? "SUCCEEDED"
        if result.status.name != expectedStatus {
            var text = "expected status \(expectedStatus), got \(result.status.name)"
            if let error = result.error { text += " (\(error))" }
            problems.append(text)
        }
        let actualError = result.error?.name.rawValue
        if let error, actualError != error {
            problems.append("expected error \(error), got \(actualError ?? "none")")
        }
        let actualCause = result.error?.cause
        if let cause, actualCause != cause {
            problems.append("expected cause \(quoted(cause)), got \(actualCause.map(quoted) ?? "none")")
        }
        if let causeContains, !(actualCause ?? "").contains(causeContains) {
            problems.append("expected the cause to contain \(quoted(causeContains)), got \(actualCause.map(quoted) ?? "none")")
        }
        if let output, result.output != output {
            problems.append("expected output \(output.jsonString()), got \(result.output?.jsonString() ?? "none")")
        }
        if let outputContains {
            if let actual = result.output {
                if let difference = TestExpectation.difference(pattern: outputContains, value: actual, at: "$") {
                    problems.append("output does not contain the expected values: \(difference)")
                }
            } else {
                problems.append("expected an output containing \(outputContains.jsonString()), got none")
            }
        }
        let entered = result.statesEntered
        if let statesEntered, entered != statesEntered {
            problems.append(
                "expected states entered [\(statesEntered.joined(separator: ", "))], got [\(entered.joined(separator: ", "))]")
        }
        for name in statesNotEntered ?? [] where entered.contains(name) {
            problems.append("state \(name) was entered but must not be")
        }
        return problems
    }

    private func quoted(_ text: String) -> String { "\"\(text)\"" }

    /// Where `value` fails to contain `pattern`, or `nil` when it does.
    static func difference(pattern: JSONValue, value: JSONValue, at path: String) -> String? {
        if case .object(let expected) = pattern {
            guard case .object(let actual) = value else {
                return "\(path) is \(value.typeName), expected an object"
            }
            for (key, expectedValue) in expected {
                guard let actualValue = actual[key] else { return "\(path).\(key) is missing" }
                if let difference = difference(pattern: expectedValue, value: actualValue, at: "\(path).\(key)") {
                    return difference
                }
            }
            return nil
        }
        if case .array(let expected) = pattern, case .array(let actual) = value, expected.count == actual.count {
            for (index, (expectedItem, actualItem)) in zip(expected, actual).enumerated() {
                if let difference = difference(pattern: expectedItem, value: actualItem, at: "\(path)[\(index)]") {
                    return difference
                }
            }
            return nil
        }
        return pattern == value ? nil : "\(path) is \(value.jsonString()), expected \(pattern.jsonString())"
    }
}
