import StatesLanguage

extension AWSIntegrations {
    /// Checks a mocked task result against the response shape of the task's AWS operation, as
    /// TestState's `fieldValidationMode` asks, with ``AWSResultShapes``; this is the
    /// `StateTest.MockValidator` that `sfnrun test-state` and `sfnrun serve` use.
    ///
    /// ```swift
    /// let problems = AWSIntegrations.mockProblems(
    ///     resource: try ResourceARN("arn:aws:states:::aws-sdk:ec2:describeInstances"),
    ///     result: ["Reservations": "none"], mode: .present)
    /// // ["$.Reservations: must be an array (items: an object (Reservation)), got a string"]
    /// ```
    ///
    /// - Returns: the mismatches, as `$.path: what is wrong`; empty when the result conforms
    ///   (notes on what was not checked are left out).
    public static func mockProblems(resource: ResourceARN, result: JSONValue, mode: StateTest.Mock.FieldValidationMode)
        -> [String]
    {
        AWSResultShapes().problems(in: result, from: resource, mode: mode).filter { $0.kind == .mismatch }
            .map(\.description)
    }
}
