/// Definition-time checks of workflow variables and `$states`, over the definition's JSON:
///
/// - a variable read anywhere should be assigned somewhere visible (the same graph or an
///   enclosing one; sibling Parallel branches do not see each other's) — a warning, since AWS
///   accepts the definition and fails the read when it runs;
/// - a Parallel branch or Map item processor that assigns a name an enclosing graph assigns gets a
///   warning: the inner value stays inside the branch or iteration. AWS accepts such definitions
///   (recorded: `parallel_catch_error_variable_sampling`, where a branch and the Parallel state's
///   catcher both assign `inputVar`, ran on AWS);
/// - `$states.result` only in a Task, Map or Parallel state's `Output` and `Assign`, and
///   `$states.errorOutput` only in a catcher's `Output` and `Assign`.
///
/// Reads are found conservatively: in JSONata only `$name` tokens that are not calls, not bound
/// inside the expression (`:=`, lambda parameters) and not JSONata's own functions, so a valid
/// definition is never rejected for an expression this scan does not understand.
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>.
struct VariableReferences {
    /// Checks the whole machine.
    static func check(_ root: JSONObject, language: QueryLanguage, reader: inout DefinitionReader) {
        checkGraph(root, at: FieldPath(), language: language, outer: [], reader: &reader)
    }

    private static func checkGraph(
        _ graph: JSONObject, at path: FieldPath, language inherited: QueryLanguage, outer: Set<String>,
        reader: inout DefinitionReader
    ) {
        var language = inherited
        if let text = graph["QueryLanguage"]?.stringValue, let parsed = QueryLanguage(rawValue: text) {
            language = parsed
        }
        guard let states = graph["States"]?.objectValue else { return }
        let statesPath = path.appending("States")
        // Names assigned in this graph, with where.
        var local: [(name: String, at: FieldPath)] = []
        for (name, value) in states {
            guard let state = value.objectValue else { continue }
            let statePath = statesPath.appending(name)
            let stateLanguage = stateLanguage(state, graph: language)
            local += assignedNames(state["Assign"], at: statePath.appending("Assign"), language: stateLanguage)
            for list in ["Choices", "Catch"] {
                guard case .array(let entries)? = state[list] else { continue }
                for (i, entry) in entries.enumerated() {
                    local += assignedNames(
                        entry["Assign"], at: statePath.appending(list).appending(index: i).appending("Assign"),
                        language: stateLanguage)
                }
            }
        }
        for (name, at) in local where outer.contains(name) {
            reader.warning(
                at,
                "the variable '\(name)' is also assigned in an enclosing scope; this value stays inside the Parallel branch or Map iteration",
                code: .shadowedVariable)
        }
        let visible = outer.union(local.map(\.name))
        for (name, value) in states {
            guard let state = value.objectValue else { continue }
            let statePath = statesPath.appending(name)
            let stateLanguage = stateLanguage(state, graph: language)
            var reads: [(name: String, at: FieldPath)] = []
            collectReads(
                in: .object(state), at: statePath, language: stateLanguage, context: .state(type: state["Type"]?.stringValue),
                topLevel: true, pathFields: true, reads: &reads, reader: &reader)
            // A warning, not an error: AWS accepts such definitions and fails the read at run time
            // (recorded: `$doesNotExist` in an Output ends in States.QueryEvaluationError).
            for (variable, at) in reads where !visible.contains(variable) {
                reader.warning(
                    at, "the variable '\(variable)' is read here but never assigned in this scope or an enclosing one",
                    code: .unassignedVariable)
            }
            if case .array(let branches)? = state["Branches"] {
                for (i, branch) in branches.enumerated() {
                    guard let object = branch.objectValue else { continue }
                    checkGraph(
                        object, at: statePath.appending("Branches").appending(index: i), language: language,
                        outer: visible, reader: &reader)
                }
            }
            for field in ["ItemProcessor", "Iterator"] {
                guard let object = state[field]?.objectValue else { continue }
                checkGraph(object, at: statePath.appending(field), language: language, outer: visible, reader: &reader)
            }
        }
    }

    private static func stateLanguage(_ state: JSONObject, graph: QueryLanguage) -> QueryLanguage {
        state["QueryLanguage"]?.stringValue.flatMap(QueryLanguage.init(rawValue:)) ?? graph
    }

    private static func assignedNames(_ value: JSONValue?, at path: FieldPath, language: QueryLanguage)
        -> [(name: String, at: FieldPath)]
    {
        guard case .object(let object)? = value else { return [] }
        return object.keys.map { key in
            (language == .jsonPath && key.hasSuffix(".$") ? String(key.dropLast(2)) : key, path.appending(key))
        }
    }

    /// Where a JSONata expression sits, which decides the `$states` members it may read.
    private enum Context {
        case state(type: String?)
        case stateResultField
        case catchers
        case catcherField
        case other
    }

    private static let nestedGraphFields: Set<String> = ["Branches", "ItemProcessor", "Iterator"]
    private static let staticFields: Set<String> = ["Type", "Comment", "Result", "Next", "End", "Default", "Resource"]

    private static func collectReads(
        in value: JSONValue, at path: FieldPath, language: QueryLanguage, context: Context, topLevel: Bool,
        pathFields: Bool,
        reads: inout [(name: String, at: FieldPath)], reader: inout DefinitionReader
    ) {
        switch value {
        case .object(let object):
            for (key, member) in object {
                if topLevel && (nestedGraphFields.contains(key) || staticFields.contains(key)) { continue }
                var inner = Context.other
                switch context {
                case .state(let type):
                    if key == "Catch" {
                        inner = .catchers
                    } else if key == "Output" || key == "Assign", type == "Task" || type == "Map" || type == "Parallel" {
                        inner = .stateResultField
                    }
                case .catchers: inner = key == "Output" || key == "Assign" ? .catcherField : .other
                case .catcherField, .stateResultField, .other: inner = context
                }
                // `…Path` fields and `Variable` hold paths only on the state itself and in Choice rules;
                // inside Parameters such a key is plain data.
                let isPathField = pathFields && (key.hasSuffix("Path") && key != "ResultPath" || key == "Variable")
                if language == .jsonPath, case .string(let text) = member, key.hasSuffix(".$") || isPathField {
                    for name in jsonPathReads(text) { reads.append((name, path.appending(key))) }
                    continue
                }
                collectReads(
                    in: member, at: path.appending(key), language: language, context: inner, topLevel: false,
                    pathFields: pathFields && (topLevel ? key == "Choices" : key != "Assign"),
                    reads: &reads, reader: &reader)
            }
        case .array(let elements):
            for (i, element) in elements.enumerated() {
                collectReads(
                    in: element, at: path.appending(index: i), language: language, context: context, topLevel: false,
                    pathFields: pathFields,
                    reads: &reads, reader: &reader)
            }
        case .string(let text) where language == .jsonata && QueryExpression.isExpression(text):
            let scan = JSONataScan(String(text.dropFirst(2).dropLast(2)))
            for name in scan.variables { reads.append((name, path)) }
            let allowsResult: Bool
            let allowsError: Bool
            switch context {
            case .stateResultField: (allowsResult, allowsError) = (true, false)
            case .catcherField: (allowsResult, allowsError) = (false, true)
            default: (allowsResult, allowsError) = (false, false)
            }
            if scan.statesMembers.contains("result"), !allowsResult {
                reader.error(
                    path, "$states.result is not available here; it is only available in the Output and Assign of a Task, Map or Parallel state")
            }
            if scan.statesMembers.contains("errorOutput"), !allowsError {
                reader.error(path, "$states.errorOutput is not available here; it is only available in a catcher's Output and Assign")
            }
        default:
            break
        }
    }

    /// Variables read by a JSONPath path or intrinsic call: `$name` outside quotes.
    static func jsonPathReads(_ text: String) -> [String] {
        var names: [String] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var inQuote = false
        while i < scalars.count {
            let c = scalars[i]
            if c == "\\" { i += 2; continue }
            if c == "'" { inQuote.toggle() }
            if !inQuote, c == "$", i == 0 || scalars[i - 1] != "$", i + 1 < scalars.count,
                JSONataScan.isNameStart(scalars[i + 1])
            {
                var j = i + 1
                while j < scalars.count, JSONataScan.isNamePart(scalars[j]) { j += 1 }
                names.append(String(String.UnicodeScalarView(scalars[(i + 1)..<j])))
                i = j
                continue
            }
            i += 1
        }
        return names
    }
}
