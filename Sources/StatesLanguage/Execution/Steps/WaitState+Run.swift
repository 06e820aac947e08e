import Foundation

extension ExecutionRunner {
    func runWait(_ state: WaitState, input: JSONValue, previous: inout Int) async throws -> StepOutcome {
        let entered = try enter("Wait", state.name, input: input, previous: &previous)
        let effective = try processing(entered) { () throws(StatesError) -> JSONValue in
            try applyPath(state.inputPath, to: input, field: "InputPath", context: contextValue(entered))
        }
        let deadline: Date
        switch state.duration {
        case .seconds(let seconds):
            deadline = entered.time.addingTimeInterval(Double(seconds))
        case .timestamp(let date):
            deadline = date
        case .secondsPath(let path):
            // Causes follow AWS's wording for each failure.
            guard let value = path.value(in: effective) else {
                throw runtimeError("The SecondsPath parameter does not reference an input value: \(path)", in: entered)
            }
            guard case .number(let number) = value, let seconds = number.int64Value else {
                throw runtimeError(
                    "The SecondsPath parameter cannot be parsed as a long value: \(path) == \(value.jsonString())",
                    in: entered)
            }
            guard seconds >= 0 else {
                throw runtimeError(
                    "The SecondsPath parameter references a negative value: \(path) == \(seconds)", in: entered)
            }
            deadline = entered.time.addingTimeInterval(Double(seconds))
        case .timestampPath(let path):
            let value = path.value(in: effective)
            guard case .string(let text)? = value, let date = Timestamp.parse(text) else {
                let shown = value.map { $0.stringValue ?? $0.jsonString() } ?? "null"
                throw runtimeError(
                    "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: \(path) == \(shown)",
                    in: entered)
            }
            deadline = date
        }
        try await clock.sleep(until: deadline)
        let output = try processing(entered) { () throws(StatesError) -> JSONValue in
            try applyPath(state.outputPath, to: effective, field: "OutputPath", context: contextValue(entered))
        }
        try exit("Wait", state.name, output: output, previous: &previous)
        return StepOutcome(output: output, transition: state.transition)
    }
}
