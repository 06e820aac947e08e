import StatesLanguage
import StatesLanguageAWS
import StatesLanguageTesting

/// `--field-validation`: how `test` and `start --mock-config` check mocked results against the
/// response shapes of the AWS APIs, as AWS's `TestState` does with `mock.fieldValidationMode`.
struct FieldValidation: Sendable {
    /// The option, shared by the commands that read mock files.
    static let option = OptionSpec.value(
        "field-validation", "<mode>", allowed: ["STRICT", "PRESENT", "NONE"],
        help: "Check mocked results against the AWS API's response shapes: STRICT (default), PRESENT or NONE.")

    /// The mode; STRICT unless the option says otherwise, as on AWS.
    var mode: StateTest.Mock.FieldValidationMode

    /// Reads the option.
    init(_ parsed: ParsedArguments) {
        mode = parsed.value("field-validation").flatMap(StateTest.Mock.FieldValidationMode.init(rawValue:)) ?? .strict
    }

    /// Checks the mocked results `testCases` give `machine`'s Task states: prints the notes as
    /// warnings on standard error and refuses the mock file when a result does not fit.
    ///
    /// - Parameter notesRequiredFields: whether to say, under STRICT, that some results' required
    ///   fields could not be checked (`test --verbose`).
    /// - Throws: ``CommandFailure`` (exit 2) listing every mismatch, compiler-style, in `file`.
    func check(
        _ testCases: [MockTestCase], of configuration: MockConfiguration, in machine: StateMachine, file: String,
        io: any TerminalIO, notesRequiredFields: Bool = false
    ) throws(CommandFailure) {
        guard mode != .none else { return }
        let shapes = AWSResultShapes()
        let diagnostics = configuration.resultDiagnostics(of: testCases, in: machine, checker: shapes, mode: mode)
        for warning in diagnostics where warning.severity == .warning { io.error(warning.formatted(file: file)) }
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw CommandFailure(
                errors.map { $0.formatted(file: file) }
                    + ["\(file): \(errors.count) mocked result\(errors.count == 1 ? " does" : "s do") not fit the API's response (--field-validation \(mode.rawValue); PRESENT skips required fields, NONE skips the check)"])
        }
        if notesRequiredFields, mode == .strict, requiredFieldsUnchecked(testCases, machine: machine, shapes: shapes) {
            io.error(
                "\(file): note: STRICT checked field types; required fields are checked only where Step Functions documents them, as the bundled AWS models do not record them")
        }
    }

    /// Whether some mocked Task state's result may lack required fields that were not checked.
    private func requiredFieldsUnchecked(_ testCases: [MockTestCase], machine: StateMachine, shapes: AWSResultShapes) -> Bool {
        let mocked = Set(testCases.flatMap { $0.mockedStates.keys })
        return machine.allStates.contains { state in
            guard case .task(let task) = state, mocked.contains(state.name) else { return false }
            return !shapes.checksRequiredFields(of: task.resource)
        }
    }
}
