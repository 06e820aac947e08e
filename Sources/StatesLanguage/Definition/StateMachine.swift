/// A compiled, validated state machine, ready to run any number of times.
///
/// ```swift
/// let machine = try StateMachine(parsing: String(contentsOfFile: "rolling-restart.json"))
/// let result = await Executor(registry: registry).run(machine, input: input)
/// ```
///
/// Compiling checks everything AWS's validator checks and reports every
/// problem at once (see ``DefinitionError``); paths, templates and intrinsic
/// calls are parsed here once, so running never parses a string.
public struct StateMachine: Sendable {
    /// The machine's name, used in ARNs and `$$.StateMachine.Name`.
    public var name: String?
    /// The top-level `Comment`.
    public var comment: String?
    /// The top-level `Version`.
    public var version: String?
    /// The top-level `TimeoutSeconds`: the execution times out after it.
    public var timeoutSeconds: Int?
    /// The top-level states.
    public var graph: StateGraph
    /// Problems that do not stop the machine from running (unreachable states, for example).
    public var warnings: [Diagnostic]
    /// The definition as given.
    public var definition: JSONValue
    /// Standard or Express: decides which integrations the definition may use, how long an
    /// execution may run and whether its history has a quota.
    public var type: StateMachineType

    /// Compiles a definition given as JSON.
    ///
    /// - Parameters:
    ///   - definition: the Amazon States Language document.
    ///   - name: the machine's name (default `StateMachine`).
    ///   - type: Standard (default) or Express; Express definitions may not use `.sync`,
    ///     `.waitForTaskToken` or activities.
    /// - Throws: ``DefinitionError`` with every problem found.
    public init(definition: JSONValue, name: String? = nil, type: StateMachineType = .standard) throws(DefinitionError) {
        try self.init(
            definition: definition, name: name, reader: DefinitionReader(sourceMap: nil, type: type),
            warnsOfPlaceholders: false)
    }

    /// Compiles a definition from its JSON or YAML text; diagnostics carry the text's line and column.
    ///
    /// ```swift
    /// let machine = try StateMachine(
    ///     parsing: String(contentsOfFile: "statemachine/orders.asl.yaml"), format: .yaml,
    ///     substitutions: DefinitionSubstitutions(["CheckFunctionArn": checkArn]))
    /// ```
    ///
    /// - Parameters:
    ///   - text: the Amazon States Language document.
    ///   - format: JSON (the default) or YAML; see ``DocumentFormat``.
    ///   - name: the machine's name (default `StateMachine`).
    ///   - type: Standard (default) or Express.
    ///   - substitutions: values for `${Name}` placeholders, filled in before parsing as CloudFormation's
    ///     `DefinitionSubstitutions` are. A placeholder left in a Task's `Resource` is an error; with
    ///     substitutions given, one left anywhere else is a warning and stays as written.
    /// - Throws: ``DefinitionError``, also for text that is not valid JSON or YAML.
    public init(
        parsing text: String, format: DocumentFormat = .json, name: String? = nil, type: StateMachineType = .standard,
        substitutions: DefinitionSubstitutions? = nil
    ) throws(DefinitionError) {
        // AWS: an empty definition is MISSING_DESCRIPTION; one of blanks only is
        // "Definition must be a valid JSON object" (recorded: validate-api EMPTY_STRING).
        if text.isEmpty {
            throw DefinitionError(diagnostics: [
                Diagnostic(.error, code: .missingDescription, at: FieldPath(), "the definition is empty")
            ])
        }
        if text.allSatisfy(\.isWhitespace) {
            throw DefinitionError(diagnostics: [
                Diagnostic(.error, code: .schemaValidationFailed, at: FieldPath(), "Definition must be a valid JSON object")
            ])
        }
        let source = try (substitutions ?? DefinitionSubstitutions()).substitutedText(text)
        let parsed: (JSONValue, JSONSourceMap)
        do {
            parsed = try format.parseWithSourceMap(source.text)
        } catch {
            let offset = source.originalOffset(of: error.offset)
            var message = error.message
            if let placeholder = source.unfilled.first(where: { $0.offset == offset }) {
                message += " (the placeholder ${\(placeholder.name)} has no substitution value)"
            }
            throw DefinitionError(diagnostics: [
                Diagnostic(
                    .error, code: .invalidJSONDescription, at: FieldPath(), message,
                    location: TextLocation(offset: offset, in: Array(text.utf8)))
            ])
        }
        let sourceMap = source.isUnchanged ? parsed.1 : parsed.1.remapped(to: Array(text.utf8), source.originalOffset(of:))
        var reader = DefinitionReader(sourceMap: sourceMap, type: type)
        reader.placeholders = source.unfilled
        try self.init(definition: parsed.0, name: name, reader: reader, warnsOfPlaceholders: substitutions != nil)
    }

    private init(
        definition: JSONValue, name: String?, reader: DefinitionReader, warnsOfPlaceholders: Bool
    ) throws(DefinitionError) {
        var reader = reader
        let type = reader.type
        reader.reportDuplicateKeys(in: definition)
        let root = FieldPath()
        guard let object = reader.object(definition, at: root, what: "a state machine definition") else {
            throw DefinitionError(diagnostics: reader.diagnostics)
        }
        reader.rejectUnknownFields(
            object, allowed: ["StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage"], at: root,
            what: "a state machine definition")
        let comment = reader.string(object, "Comment", at: root)
        let version = reader.string(object, "Version", at: root)
        let timeout = reader.integer(object, "TimeoutSeconds", at: root, in: 1...99_999_999)
        var names = Set<String>()
        let graph = StateGraph.read(object, at: root, reader: &reader, inherited: .jsonPath, names: &names)
        if !reader.hasErrors { VariableReferences.check(object, language: .jsonPath, reader: &reader) }
        if warnsOfPlaceholders { reader.warnOfUnfilledPlaceholders(in: definition) }
        guard let graph, !reader.hasErrors else { throw DefinitionError(diagnostics: reader.diagnostics) }
        self.name = name
        self.comment = comment
        self.version = version
        self.timeoutSeconds = timeout
        self.graph = graph
        self.warnings = reader.diagnostics
        self.definition = definition
        self.type = type
    }
}
