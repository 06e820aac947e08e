import StatesLanguageAWS

extension CommandFailure {
    /// A Step Functions call that failed: `error: <what>: <Code>: <message>`, exit status 2.
    init(_ error: StepFunctionsError, while action: String) {
        self.init("error: \(action): \(error)")
    }
}
