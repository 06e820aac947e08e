/// A Pass state: passes its input to its output, optionally injecting `Result` or reshaping with `Parameters`.
public struct PassState: Sendable {
    /// The state's name.
    public var name: String
    /// `Comment`.
    public var comment: String?
    /// `InputPath`.
    public var inputPath: PayloadPath?
    /// `Parameters`.
    public var parameters: PayloadTemplate?
    /// `Result`: a fixed value used as the state's result.
    public var result: JSONValue?
    /// `ResultPath`.
    public var resultPath: ResultPathSetting?
    /// `OutputPath`.
    public var outputPath: PayloadPath?
    /// `Next` or `End`.
    public var transition: Transition
    /// The state's query language (its own `QueryLanguage`, or its graph's).
    public var queryLanguage: QueryLanguage = .jsonPath
    /// `Assign`: the variables the state sets.
    public var assign: VariableAssignment?
    /// `Output` (JSONata): the state's output.
    public var output: QueryTemplate?
}

extension PassState {
    static func read(_ s: inout StateReading, reader: inout DefinitionReader) -> PassState? {
        s.allow(
            ["Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "Result", "Output", "Assign"],
            type: "Pass", reader: &reader)
        var state = PassState(
            name: s.name, comment: reader.string(s.object, "Comment", at: s.path),
            inputPath: reader.payloadPath(s.object, "InputPath", at: s.path),
            parameters: reader.template(s.object, "Parameters", at: s.path), result: s.object["Result"],
            resultPath: reader.resultPath(s.object, at: s.path),
            outputPath: reader.payloadPath(s.object, "OutputPath", at: s.path),
            transition: s.transition(reader: &reader) ?? .end)
        state.queryLanguage = s.language
        state.assign = s.assign(reader: &reader)
        state.output = s.output(reader: &reader)
        if let result = s.object["Result"], let key = firstBindingKey(in: result) {
            reader.warning(
                s.path.appending("Result"),
                "'\(key)' ends in '.$', but Result is never evaluated: the key and its value are kept as written",
                code: .passResultIsStatic)
        }
        return state
    }

    /// The first key ending in `.$` at any depth of `value`.
    private static func firstBindingKey(in value: JSONValue) -> String? {
        switch value {
        case .object(let object):
            for (key, member) in object {
                if key.hasSuffix(".$") { return key }
                if let found = firstBindingKey(in: member) { return found }
            }
            return nil
        case .array(let elements):
            return elements.lazy.compactMap(firstBindingKey).first
        default:
            return nil
        }
    }
}
