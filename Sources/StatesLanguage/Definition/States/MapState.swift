/// A Map state (inline mode): runs its item processor once per element of an array in the input.
public struct MapState: Sendable {
    /// A number given literally or read from the input.
    public enum Count: Sendable, Hashable {
        /// A fixed value.
        case literal(Double)
        /// A reference path into the input (`…Path` fields).
        case path(ReferencePath)
        /// A JSONata expression (JSONata states).
        case expression(QueryExpression)
    }

    /// The state's name.
    public var name: String
    /// `Comment`.
    public var comment: String?
    /// `ItemProcessor` (or the older `Iterator`).
    public var processor: StateGraph
    /// `ItemsPath` (default `$`).
    public var itemsPath: ReferencePath?
    /// `ItemSelector` (or the older `Parameters`).
    public var itemSelector: PayloadTemplate?
    /// `MaxConcurrency` or `MaxConcurrencyPath`; 0 or absent means no limit.
    public var maxConcurrency: Count?
    /// `ToleratedFailureCount` or `ToleratedFailureCountPath`.
    public var toleratedFailureCount: Count?
    /// `ToleratedFailurePercentage` or `ToleratedFailurePercentagePath`.
    public var toleratedFailurePercentage: Count?
    /// `InputPath`.
    public var inputPath: PayloadPath?
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
    /// `Items` (JSONata): the array to iterate, literal or computed (default: the state input).
    public var items: QueryTemplate?
    /// `ItemSelector` of a JSONata state: each iteration's input.
    public var itemSelectorQuery: QueryTemplate?
    /// Whether `ItemProcessor.ProcessorConfig.Mode` is `DISTRIBUTED`: each item (or batch) runs as a
    /// child execution of a Map Run.
    public var isDistributed = false
    /// `ProcessorConfig.ExecutionType` of a distributed Map (STANDARD or EXPRESS).
    public var executionType: StateMachineType = .standard
    /// `Label` (distributed Map): names the Map Run and its child executions.
    public var label: String?
    /// `ItemReader` (distributed Map).
    public var itemReader: ItemReader?
    /// `ItemBatcher` (distributed Map).
    public var itemBatcher: ItemBatcher?
    /// `ResultWriter` (distributed Map).
    public var resultWriter: ResultWriter?
    /// The item processor as a state machine definition of its own (without `ProcessorConfig`, with
    /// its query language): what a distributed Map's stored child executions record.
    public var processorDefinition: JSONValue = .null
}

extension MapState {
    static func read(
        _ s: inout StateReading, reader: inout DefinitionReader, language: QueryLanguage, names: inout Set<String>
    ) -> MapState? {
        s.allow(
            ["Next", "End", "ItemProcessor", "Iterator", "ItemsPath", "ItemSelector", "Parameters", "MaxConcurrency",
                "MaxConcurrencyPath", "ToleratedFailureCount", "ToleratedFailureCountPath", "ToleratedFailurePercentage",
                "ToleratedFailurePercentagePath", "InputPath", "OutputPath", "ResultPath", "ResultSelector", "Retry",
                "Catch", "ItemReader", "ItemBatcher", "ResultWriter", "Label", "Items", "Output", "Assign"], type: "Map",
            reader: &reader)
        let label = reader.string(s.object, "Label", at: s.path)
        if let label { checkLabel(label, at: s.path.appending("Label"), reader: &reader) }
        reader.exclusive(s.object, "ItemProcessor", "Iterator", at: s.path)
        reader.exclusive(s.object, "ItemSelector", "Parameters", at: s.path)
        var processor: StateGraph?
        var isDistributed = false
        var executionType = StateMachineType.standard
        let field = s.object["ItemProcessor"] != nil ? "ItemProcessor" : "Iterator"
        if let value = s.object[field] {
            let p = s.path.appending(field)
            if let o = reader.object(value, at: p, what: "'\(field)'") {
                reader.rejectUnknownFields(
                    o, allowed: ["StartAt", "States", "Comment", "ProcessorConfig", "QueryLanguage"], at: p, what: "'\(field)'")
                if let config = o["ProcessorConfig"], let c = reader.object(config, at: p.appending("ProcessorConfig"), what: "'ProcessorConfig'") {
                    let cp = p.appending("ProcessorConfig")
                    reader.rejectUnknownFields(c, allowed: ["Mode", "ExecutionType"], at: cp, what: "'ProcessorConfig'")
                    if let mode = reader.string(c, "Mode", at: cp) {
                        if mode != "INLINE", mode != "DISTRIBUTED" {
                            reader.error(cp.appending("Mode"), "must be \"INLINE\" or \"DISTRIBUTED\", got \"\(mode)\"")
                        }
                        isDistributed = mode == "DISTRIBUTED"
                    }
                    if let type = reader.string(c, "ExecutionType", at: cp) {
                        if type == "EXPRESS" { executionType = .express } else if type != "STANDARD" {
                            reader.error(cp.appending("ExecutionType"), "must be \"STANDARD\" or \"EXPRESS\", got \"\(type)\"")
                        }
                    }
                }
                processor = StateGraph.read(o, at: p, reader: &reader, inherited: language, names: &names)
            }
        } else {
            reader.error(s.path, "must have 'ItemProcessor' (or the older 'Iterator')")
        }
        func count(_ name: String, range: ClosedRange<Int>?) -> Count? {
            if s.isJSONata, case .string? = s.object[name] {
                return s.expression(name, reader: &reader).map(Count.expression)
            }
            reader.exclusive(s.object, name, name + "Path", at: s.path)
            if let range, let value = reader.integer(s.object, name, at: s.path, in: range) { return .literal(Double(value)) }
            if range == nil, let value = reader.number(s.object, name, at: s.path) {
                if (0...100).contains(value) { return .literal(value) }
                reader.error(s.path.appending(name), "must be between 0 and 100, got \(value)")
            }
            if let text = reader.string(s.object, name + "Path", at: s.path) {
                return reader.referencePath(text, at: s.path.appending(name + "Path")).map(Count.path)
            }
            return nil
        }
        let itemsPath = reader.string(s.object, "ItemsPath", at: s.path).flatMap {
            reader.referencePath($0, at: s.path.appending("ItemsPath"))
        }
        let selectorField = s.object["ItemSelector"] != nil ? "ItemSelector" : "Parameters"
        var state = MapState(
            name: s.name, comment: reader.string(s.object, "Comment", at: s.path),
            processor: processor ?? StateGraph(states: [], startIndex: 0, queryLanguage: language), itemsPath: itemsPath,
            itemSelector: s.isJSONata ? nil : reader.template(s.object, selectorField, at: s.path),
            maxConcurrency: count("MaxConcurrency", range: 0...Int(Int32.max)),
            toleratedFailureCount: count("ToleratedFailureCount", range: 0...Int(Int32.max)),
            toleratedFailurePercentage: count("ToleratedFailurePercentage", range: nil),
            inputPath: reader.payloadPath(s.object, "InputPath", at: s.path),
            resultSelector: reader.template(s.object, "ResultSelector", at: s.path),
            resultPath: reader.resultPath(s.object, at: s.path),
            outputPath: reader.payloadPath(s.object, "OutputPath", at: s.path), retriers: s.retriers(reader: &reader),
            catchers: s.catchers(reader: &reader), transition: s.transition(reader: &reader) ?? .end)
        state.queryLanguage = s.language
        state.isDistributed = isDistributed
        state.executionType = executionType
        if isDistributed, case .object(var definition)? = s.object[field] {
            definition["ProcessorConfig"] = nil
            definition["QueryLanguage"] = .string(state.processor.queryLanguage.rawValue)
            state.processorDefinition = .object(definition)
        }
        state.label = label
        state.itemReader = s.object["ItemReader"].flatMap {
            ItemReader.read($0, at: s.path.appending("ItemReader"), language: s.language, reader: &reader)
        }
        state.itemBatcher = s.object["ItemBatcher"].flatMap {
            ItemBatcher.read($0, at: s.path.appending("ItemBatcher"), language: s.language, reader: &reader)
        }
        state.resultWriter = s.object["ResultWriter"].flatMap {
            ResultWriter.read($0, at: s.path.appending("ResultWriter"), language: s.language, reader: &reader)
        }
        if !isDistributed {
            for field in ["ItemReader", "ItemBatcher", "ResultWriter"] where s.object[field] != nil {
                reader.error(
                    s.path.appending(field), "is only allowed in a distributed Map (ProcessorConfig Mode DISTRIBUTED)")
            }
        }
        state.assign = s.assign(reader: &reader)
        state.output = s.output(reader: &reader)
        if s.isJSONata {
            state.itemSelectorQuery = reader.query(s.object, "ItemSelector", at: s.path)
            if let value = s.object["Items"] {
                let isExpression = value.stringValue.map(QueryExpression.isExpression) ?? false
                if value.arrayValue != nil || isExpression {
                    state.items = reader.query(value, field: "Items", at: s.path.appending("Items"))
                } else {
                    reader.error(
                        s.path.appending("Items"), "must be an array or a JSONata expression '{% … %}', got \(value.typeName)")
                }
            }
        }
        return processor == nil ? nil : state
    }

    /// The characters a Map `Label` may not contain besides whitespace and control characters.
    static let forbiddenLabelCharacters: Set<Unicode.Scalar> = [
        "?", "*", "<", ">", "{", "}", "[", "]", ":", ";", ",", "\\", "|", "^", "~", "$", "#", "%", "&", "`", "\"",
    ]

    /// AWS's rules for a Map state's `Label`: 1 to 40 characters, unique in the state machine,
    /// without whitespace, `? *`, brackets, `: ; , \ | ^ ~ $ # % & ` "` or control characters
    /// (U+0000–U+001F, U+007F–U+009F). Recorded: `Label contains invalid character: '#'`,
    /// `Label cannot be empty` (LocalStack's AWS-validated snapshots, test_sfn_api_map_run.py).
    ///
    /// See <https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html>.
    static func checkLabel(_ label: String, at path: FieldPath, reader: inout DefinitionReader) {
        guard !label.isEmpty else {
            reader.error(path, "Label cannot be empty", code: .invalidLabelName)
            return
        }
        if label.count > 40 {
            reader.error(path, "Label is \(label.count) characters long; the limit is 40", code: .invalidLabelName)
        }
        if let bad = label.unicodeScalars.first(where: { scalar in
            scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || forbiddenLabelCharacters.contains(scalar)
        }) {
            let shown = bad.value < 0x20 || (0x7F...0xA0).contains(bad.value) || bad.properties.isWhitespace
                ? String(format: "U+%04X", bad.value) : String(bad)
            reader.error(path, "Label contains invalid character: '\(shown)'", code: .invalidLabelName)
        }
        if !reader.labels.insert(label).inserted {
            reader.error(path, "Label \"\(label)\" is used by another Map state", code: .duplicateLabelName)
        }
    }
}
