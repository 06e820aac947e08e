/// A compiled `Assign` field: the workflow variables a state (or Choice rule, or catcher) sets.
///
/// In JSONPath states, keys ending in `.$` take a path or intrinsic function, as in
/// `Parameters`; in JSONata states, values may hold `{% … %}` expressions. Every value is
/// evaluated with the variables as they were when the state was entered; the new values
/// become visible from the next state on.
///
/// ```json
/// "Assign": { "attempts": 0, "orderId.$": "$.order.id" }
/// "Assign": { "total": "{% $sum($states.result.items.price) %}" }
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html>.
public enum VariableAssignment: Sendable, Hashable {
    /// A JSONPath state's `Assign`, compiled as a payload template.
    case jsonPath(PayloadTemplate)
    /// A JSONata state's `Assign`.
    case jsonata(QueryTemplate)

    /// The names assigned, in definition order.
    public var names: [String] {
        let template: JSONValue
        switch self {
        case .jsonPath(let t): template = t.template
        case .jsonata(let t): template = t.template
        }
        return template.objectValue?.keys.map { $0.hasSuffix(".$") ? String($0.dropLast(2)) : $0 } ?? []
    }
}

extension VariableAssignment {
    /// Whether `name` can be a variable name: starts with a letter or `_`, then letters, digits
    /// or `_`, at most 80 characters, and not the reserved `states`.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 80, name != "states" else { return false }
        func isLetter(_ s: Unicode.Scalar) -> Bool { s == "_" || s.properties.isAlphabetic }
        return isLetter(first) && name.unicodeScalars.dropFirst().allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
    }

    /// Reads `Assign` at `path`, in the state's query language.
    ///
    /// - Parameter field: the field's name relative to the state, for run-time errors (`Catch[0]/Assign`).
    static func read(
        _ value: JSONValue, at path: FieldPath, field: String, language: QueryLanguage, reader: inout DefinitionReader
    ) -> VariableAssignment? {
        guard case .object(let object) = value else {
            reader.error(path, "must be an object mapping variable names to values, got \(value.typeName)")
            return nil
        }
        var valid = true
        for key in object.keys {
            let name = language == .jsonPath && key.hasSuffix(".$") ? String(key.dropLast(2)) : key
            if name == "states" {
                reader.error(path.appending(key), "'states' is reserved and cannot be assigned")
                valid = false
            } else if !isValidName(name) {
                reader.error(
                    path.appending(key),
                    "'\(name)' is not a valid variable name: use a letter or '_' followed by letters, digits or '_' (at most 80 characters)")
                valid = false
            }
        }
        guard valid else { return nil }
        switch language {
        case .jsonPath:
            return reader.templateValue(value, field: "Assign", at: path).map(VariableAssignment.jsonPath)
        case .jsonata:
            return reader.query(value, field: field, at: path).map(VariableAssignment.jsonata)
        }
    }
}
