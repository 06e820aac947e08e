extension Diagnostic {
    /// The code AWS's `ValidateStateMachineDefinition` gives a kind of problem.
    ///
    /// An open set, like ``ErrorName``: the statics are the codes AWS documents (plus the JSONata
    /// codes it returns) and the few this engine adds for problems AWS does not check.
    ///
    /// See <https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinitionDiagnostic.html>.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
        /// The code as AWS spells it.
        public var rawValue: String

        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Creates a code from a literal.
        public init(stringLiteral value: String) { rawValue = value }

        /// The code as AWS spells it.
        public var description: String { rawValue }

        // MARK: Errors AWS documents

        /// The text is not JSON.
        public static let invalidJSONDescription: Code = "INVALID_JSON_DESCRIPTION"
        /// The definition is empty.
        public static let missingDescription: Code = "MISSING_DESCRIPTION"
        /// A field is missing, of the wrong type or out of range: most problems.
        public static let schemaValidationFailed: Code = "SCHEMA_VALIDATION_FAILED"
        /// A Task state's `Resource` is not an ARN.
        public static let invalidResource: Code = "INVALID_RESOURCE"
        /// No state ends the workflow.
        public static let missingEndState: Code = "MISSING_END_STATE"
        /// Two states share a name.
        public static let duplicateStateName: Code = "DUPLICATE_STATE_NAME"
        /// A state name is empty or too long.
        public static let invalidStateName: Code = "INVALID_STATE_NAME"
        /// Two Map states share a `Label`.
        public static let duplicateLabelName: Code = "DUPLICATE_LABEL_NAME"
        /// A Map state's `Label` is empty, too long or has a forbidden character.
        public static let invalidLabelName: Code = "INVALID_LABEL_NAME"
        /// A `Next`, `Default` or `StartAt` names no state, or a state cannot be reached.
        public static let missingTransitionTarget: Code = "MISSING_TRANSITION_TARGET"
        /// States are nested too deeply.
        public static let tooDeeplyNested: Code = "TOO_DEEPLY_NESTED"

        // MARK: JSONata errors AWS returns

        /// A `{% %}` expression does not parse.
        public static let invalidJSONataExpression: Code = "INVALID_JSONATA_EXPRESSION"
        /// A `{% %}` expression parses but uses what Step Functions refuses (`$eval`, top-level
        /// field references, `$` or `$$` at the top level).
        public static let unsupportedJSONataExpression: Code = "UNSUPPORTED_JSONATA_EXPRESSION"

        // MARK: Warnings AWS documents

        /// A field without `.$` holds what looks like a path or an intrinsic call.
        public static let noDollar: Code = "NO_DOLLAR"
        /// A field whose name does not end in `Path` holds what looks like a path.
        public static let noPath: Code = "NO_PATH"
        /// A Pass state's `Result` uses `.$`, which `Result` never evaluates.
        public static let passResultIsStatic: Code = "PASS_RESULT_IS_STATIC"

        // MARK: This engine's own warnings (AWS does not check these)

        /// A variable is read where no state of this or an enclosing scope assigns it.
        public static let unassignedVariable: Code = "UNASSIGNED_VARIABLE"
        /// A Parallel branch or Map iteration assigns a name an enclosing scope also assigns; the
        /// inner value never reaches the outer scope.
        public static let shadowedVariable: Code = "SHADOWED_VARIABLE"
        /// An intrinsic call AWS accepts whose literal arguments fail every time it runs.
        public static let intrinsicFailsAtRunTime: Code = "INTRINSIC_FAILS_AT_RUN_TIME"
        /// A `${Name}` placeholder has no substitution value and stays in the definition as written.
        public static let unfilledPlaceholder: Code = "UNFILLED_PLACEHOLDER"
    }
}
