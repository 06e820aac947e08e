/// A Succeed state: ends its graph successfully with its (filtered) input as output.
public struct SucceedState: Sendable {
    /// The state's name.
    public var name: String
    /// `Comment`.
    public var comment: String?
    /// `InputPath`.
    public var inputPath: PayloadPath?
    /// `OutputPath`.
    public var outputPath: PayloadPath?
    /// The state's query language (its own `QueryLanguage`, or its graph's).
    public var queryLanguage: QueryLanguage = .jsonPath
    /// `Output` (JSONata): the state's output.
    public var output: QueryTemplate?
}

extension SucceedState {
    static func read(_ s: inout StateReading, reader: inout DefinitionReader) -> SucceedState? {
        s.allow(["InputPath", "OutputPath", "Output"], type: "Succeed", reader: &reader)
        var state = SucceedState(
            name: s.name, comment: reader.string(s.object, "Comment", at: s.path),
            inputPath: reader.payloadPath(s.object, "InputPath", at: s.path),
            outputPath: reader.payloadPath(s.object, "OutputPath", at: s.path))
        state.queryLanguage = s.language
        state.output = s.output(reader: &reader)
        return state
    }
}
