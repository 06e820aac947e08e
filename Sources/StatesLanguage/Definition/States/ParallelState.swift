/// A Parallel state: runs every branch on the same input at once; the output is the array of branch outputs.
public struct ParallelState: Sendable {
    /// The state's name.
    public var name: String
    /// `Comment`.
    public var comment: String?
    /// `Branches`.
    public var branches: [StateGraph]
    /// `InputPath`.
    public var inputPath: PayloadPath?
    /// `Parameters`.
    public var parameters: PayloadTemplate?
    /// `ResultSelector`.
    public var resultSelector: PayloadTemplate?
    /// `ResultPath`.
    public var resultPath: ResultPathSetting?
    /// `OutputPath`.
    public var outputPath: PayloadPath?
    /// `Retry`.
    public var retriers: [Retrier]
    /// `Catch`.
    public var catchers: [Catcher]
    /// `Next` or `End`.
    public var transition: Transition
    /// The state's query language (its own `QueryLanguage`, or its graph's).
    public var queryLanguage: QueryLanguage = .jsonPath
    /// `Assign`: the variables the state sets.
    public var assign: VariableAssignment?
    /// `Output` (JSONata): the state's output.
    public var output: QueryTemplate?
    /// `Arguments` (JSONata): the branches' input (default: the state input).
    public var arguments: QueryTemplate?
}

extension ParallelState {
    static func read(
        _ s: inout StateReading, reader: inout DefinitionReader, language: QueryLanguage, names: inout Set<String>
    ) -> ParallelState? {
        s.allow(
            ["Next", "End", "Branches", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Retry",
                "Catch", "Arguments", "Output", "Assign"], type: "Parallel", reader: &reader)
        var branches: [StateGraph] = []
        let branchesPath = s.path.appending("Branches")
        switch s.object["Branches"] {
        case nil:
            reader.missing("Branches", in: s.path)
        case .array(let items)?:
            if items.isEmpty { reader.error(branchesPath, "must contain at least one branch") }
            for (i, item) in items.enumerated() {
                let p = branchesPath.appending(index: i)
                guard let o = reader.object(item, at: p, what: "a branch") else { continue }
                reader.rejectUnknownFields(o, allowed: ["StartAt", "States", "Comment", "QueryLanguage"], at: p, what: "a branch")
                if let graph = StateGraph.read(o, at: p, reader: &reader, inherited: language, names: &names) {
                    branches.append(graph)
                }
            }
        case let other?:
            reader.error(branchesPath, "must be an array of branches, got \(other.typeName)")
        }
        var state = ParallelState(
            name: s.name, comment: reader.string(s.object, "Comment", at: s.path), branches: branches,
            inputPath: reader.payloadPath(s.object, "InputPath", at: s.path),
            parameters: reader.template(s.object, "Parameters", at: s.path),
            resultSelector: reader.template(s.object, "ResultSelector", at: s.path),
            resultPath: reader.resultPath(s.object, at: s.path),
            outputPath: reader.payloadPath(s.object, "OutputPath", at: s.path), retriers: s.retriers(reader: &reader),
            catchers: s.catchers(reader: &reader), transition: s.transition(reader: &reader) ?? .end)
        state.queryLanguage = s.language
        state.assign = s.assign(reader: &reader)
        state.output = s.output(reader: &reader)
        if s.isJSONata { state.arguments = reader.query(s.object, "Arguments", at: s.path) }
        return state
    }
}
