/// Checks a task result, such as a mocked one, against the response shape of the API its Task
/// state calls, as AWS's `TestState` does with `mock.fieldValidationMode`.
///
/// The engine knows no API models; `StatesLanguageAWS` provides a checker built on its service
/// models (`AWSResultShapes`). Mock configurations (`StatesLanguageTesting`) and ``StateTest``
/// ask a checker before they hand a mocked result to a state.
///
/// ```swift
/// struct OnlyObjects: TaskResultChecker {
///     func problems(in result: JSONValue, from resource: ResourceARN, mode: StateTest.Mock.FieldValidationMode)
///         -> [ResultShapeProblem]
///     {
///         result.objectValue == nil ? [ResultShapeProblem(.mismatch, "must be an object")] : []
///     }
/// }
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/apireference/API_MockInput.html>.
public protocol TaskResultChecker: Sendable {
    /// The ways `result` does not fit the response of `resource`'s API under `mode`.
    ///
    /// - Parameters:
    ///   - result: the task's result, as a mock gives it (before `ResultSelector` and `ResultPath`).
    ///   - resource: the Task state's resource.
    ///   - mode: `STRICT` (required fields present and every known field of its type), `PRESENT`
    ///     (every known field of its type) or `NONE` (nothing).
    /// - Returns: mismatches, and notes for what could not be checked or was accepted only because
    ///   AWS accepts it; empty when the result fits.
    func problems(in result: JSONValue, from resource: ResourceARN, mode: StateTest.Mock.FieldValidationMode)
        -> [ResultShapeProblem]
}
