import Foundation

/// Reads a definition's JSON into compiled states, collecting every problem instead of stopping at the first.
struct DefinitionReader {
    private(set) var diagnostics: [Diagnostic] = []
    let sourceMap: JSONSourceMap?
    /// The kind of state machine being read: Express machines refuse some integrations.
    let type: StateMachineType
    /// Every Map `Label` seen so far, to report duplicates.
    var labels: Set<String> = []

    /// The `${Name}` placeholders left in the definition's text without a substitution value.
    var placeholders: [SubstitutedText.Placeholder] = []
    /// The offsets of placeholders already reported.
    var reportedPlaceholders: Set<Int> = []

    init(sourceMap: JSONSourceMap?, type: StateMachineType = .standard) {
        self.sourceMap = sourceMap
        self.type = type
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Reports an error.
    ///
    /// - Parameters:
    ///   - code: AWS's code for the problem.
    ///   - reportedAt: where AWS reports it, when that is not `path` (the object lacking a
    ///     required field, the payload template holding a bad binding).
    mutating func error(
        _ path: FieldPath, _ message: String, code: Diagnostic.Code = .schemaValidationFailed,
        reportedAt: FieldPath? = nil
    ) {
        diagnostics.append(
            Diagnostic(
                .error, code: code, at: path, message, location: sourceMap?.nearestLocation(of: path.jsonPointer),
                reportedAt: reportedAt))
    }

    /// Reports a warning: the definition is valid, but probably not what was meant.
    mutating func warning(_ path: FieldPath, _ message: String, code: Diagnostic.Code) {
        diagnostics.append(
            Diagnostic(.warning, code: code, at: path, message, location: sourceMap?.nearestLocation(of: path.jsonPointer)))
    }

    /// Reports a required field that is missing, at the object that lacks it, as AWS does.
    mutating func missing(_ key: String, in path: FieldPath) {
        error(path.appending(key), "The field '\(key)' is required but was missing", reportedAt: path)
    }

    /// Adds a diagnostic whose location was found otherwise (a placeholder inside a field, say).
    mutating func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Reports keys that appear twice in one object: JSON readers keep the last value, which
    /// silently drops the first (two states with the same name, say).
    mutating func reportDuplicateKeys(in definition: JSONValue) {
        guard let sourceMap else { return }
        for pointer in sourceMap.duplicateKeys {
            let path = fieldPath(forPointer: pointer, in: definition)
            let name = path.components.last.map { component -> String in
                if case .key(let key) = component { return key }
                return ""
            } ?? ""
            // Two states with one name are a duplicate key of a `States` object.
            let isStateName = path.components.dropLast().last == .key("States")
            error(
                path, "'\(name)' appears more than once in its object; only the last one would be used",
                code: isStateName ? .duplicateStateName : .invalidJSONDescription)
        }
    }

    /// The field path of a JSON Pointer into `definition` (array indices print as `[0]`).
    func fieldPath(forPointer pointer: String, in definition: JSONValue) -> FieldPath {
        var path = FieldPath()
        var node: JSONValue? = definition
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if case .array? = node, let index = Int(key) {
                path = path.appending(index: index)
                node = node?[index]
            } else {
                path = path.appending(key)
                node = node?[key]
            }
        }
        return path
    }

    // MARK: Fields

    /// Reports every key of `object` that is not in `allowed`.
    mutating func rejectUnknownFields(_ object: JSONObject, allowed: Set<String>, at path: FieldPath, what: String) {
        for key in object.keys where !allowed.contains(key) {
            error(path.appending(key), "field '\(key)' is not supported in \(what)")
        }
    }

    /// Reports a pair of mutually exclusive fields that are both present.
    mutating func exclusive(_ object: JSONObject, _ a: String, _ b: String, at path: FieldPath) {
        if object[a] != nil && object[b] != nil {
            error(path.appending(b), "'\(a)' and '\(b)' cannot both be set")
        }
    }

    mutating func string(_ object: JSONObject, _ key: String, at path: FieldPath, required: Bool = false) -> String? {
        guard let value = object[key] else {
            if required { missing(key, in: path) }
            return nil
        }
        guard case .string(let s) = value else {
            error(path.appending(key), "must be a string, got \(value.typeName)")
            return nil
        }
        return s
    }

    mutating func bool(_ object: JSONObject, _ key: String, at path: FieldPath) -> Bool? {
        guard let value = object[key] else { return nil }
        guard case .bool(let b) = value else {
            error(path.appending(key), "must be a boolean, got \(value.typeName)")
            return nil
        }
        return b
    }

    /// An integer field within `range`.
    mutating func integer(_ object: JSONObject, _ key: String, at path: FieldPath, in range: ClosedRange<Int>) -> Int? {
        guard let value = object[key] else { return nil }
        guard case .number(let n) = value, let i = n.intValue else {
            error(path.appending(key), "must be an integer, got \(value.description)")
            return nil
        }
        guard range.contains(i) else {
            error(path.appending(key), "must be between \(range.lowerBound) and \(range.upperBound), got \(i)")
            return nil
        }
        return i
    }

    mutating func number(_ object: JSONObject, _ key: String, at path: FieldPath) -> Double? {
        guard let value = object[key] else { return nil }
        guard case .number(let n) = value else {
            error(path.appending(key), "must be a number, got \(value.typeName)")
            return nil
        }
        return n.doubleValue
    }

    mutating func object(_ value: JSONValue, at path: FieldPath, what: String) -> JSONObject? {
        guard case .object(let o) = value else {
            error(path, "\(what) must be an object, got \(value.typeName)")
            return nil
        }
        return o
    }

    // MARK: Paths and templates

    /// `InputPath` / `OutputPath`: a path, or `null`.
    mutating func payloadPath(_ object: JSONObject, _ key: String, at path: FieldPath) -> PayloadPath? {
        guard let value = object[key] else { return nil }
        switch value {
        case .null: return .empty
        case .string(let text):
            do { return .path(try JSONPath(text)) } catch {
                self.error(path.appending(key), "invalid JSONPath '\(text)': \(error.description)")
                return nil
            }
        default:
            error(path.appending(key), "must be a JSONPath string or null, got \(value.typeName)")
            return nil
        }
    }

    /// `ResultPath`: a reference path, or `null`.
    mutating func resultPath(_ object: JSONObject, _ key: String = "ResultPath", at path: FieldPath) -> ResultPathSetting? {
        guard let value = object[key] else { return nil }
        switch value {
        case .null: return .discard
        case .string(let text):
            guard let reference = referencePath(text, at: path.appending(key)) else { return nil }
            if reference.isContextPath || reference.variable != nil {
                error(
                    path.appending(key),
                    "must refer to the state's input ('$...'), not the context object or a variable")
                return nil
            }
            return .path(reference)
        default:
            error(path.appending(key), "must be a reference path string or null, got \(value.typeName)")
            return nil
        }
    }

    mutating func referencePath(_ text: String, at path: FieldPath) -> ReferencePath? {
        do { return try ReferencePath(text) } catch {
            self.error(path, "invalid reference path '\(text)': \(error.description)")
            return nil
        }
    }

    mutating func jsonPath(_ text: String, at path: FieldPath) -> JSONPath? {
        do { return try JSONPath(text) } catch {
            self.error(path, "invalid JSONPath '\(text)': \(error.description)")
            return nil
        }
    }

    /// `Parameters`, `ResultSelector`, `ItemSelector`: a compiled payload template.
    mutating func template(_ object: JSONObject, _ key: String, at path: FieldPath) -> PayloadTemplate? {
        guard let value = object[key] else { return nil }
        return templateValue(value, field: key, at: path.appending(key))
    }

    /// A payload template given as a value, reported at `path`.
    ///
    /// AWS reports a bad `"key.$"` binding at the template's field (`/States/X/Parameters`).
    mutating func templateValue(_ value: JSONValue, field: String, at path: FieldPath) -> PayloadTemplate? {
        do {
            let template = try PayloadTemplate(value, field: field)
            checkTemplate(value, at: path, template: path)
            return template
        } catch {
            for problem in error.problems {
                self.error(path.appending(pointer: problem.pointer), problem.message, reportedAt: path)
            }
            return nil
        }
    }

    /// Checks the intrinsic calls of a compiled template, and warns about values that look like
    /// paths or calls under a key without `.$` (AWS's `NO_DOLLAR`).
    private mutating func checkTemplate(_ value: JSONValue, at path: FieldPath, template: FieldPath) {
        switch value {
        case .object(let object):
            for (key, member) in object {
                let memberPath = path.appending(key)
                guard case .string(let text) = member else {
                    checkTemplate(member, at: memberPath, template: template)
                    continue
                }
                if key.hasSuffix(".$") {
                    if IntrinsicCall.isCall(text), let call = try? IntrinsicCall(parsing: text) {
                        checkIntrinsic(call, field: key, at: memberPath, reportedAt: template)
                    }
                } else if DefinitionReader.looksLikePathOrCall(text) {
                    warning(
                        memberPath,
                        "'\(text)' looks like a path or an intrinsic call, but '\(key)' does not end in '.$', so it is passed as a plain string",
                        code: .noDollar)
                }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                checkTemplate(element, at: path.appending(index: index), template: template)
            }
        default:
            break
        }
    }

    /// Reports what is wrong with an intrinsic call found in the field `field` (`"id.$"`, `ErrorPath`).
    mutating func checkIntrinsic(_ call: IntrinsicCall, field: String, at path: FieldPath, reportedAt: FieldPath? = nil) {
        for check in call.definitionChecks {
            if check.isError {
                error(
                    path,
                    "The value for the field '\(field)' must be a valid JSONPath or a valid intrinsic function call: \(check.message)",
                    reportedAt: reportedAt)
            } else {
                warning(path, check.message, code: .intrinsicFailsAtRunTime)
            }
        }
    }

    /// `$.x`, `$$.Execution.Id`, `$[0]`, `States.Format(…)`: text a `.$` key would evaluate.
    static func looksLikePathOrCall(_ text: String) -> Bool {
        if text.hasPrefix("$.") || text.hasPrefix("$$.") || text.hasPrefix("$[") { return true }
        return IntrinsicCall.isCall(text) && text.hasSuffix(")") && text.contains("(")
    }

    // MARK: JSONata

    /// A JSONata state's field (`Output`, `Arguments`, …), compiled; syntax errors are reported at the string.
    mutating func query(_ object: JSONObject, _ key: String, at path: FieldPath) -> QueryTemplate? {
        guard let value = object[key] else { return nil }
        return query(value, field: key, at: path.appending(key))
    }

    /// A JSONata field given as a value, reported at `path`; `field` names it in run-time errors.
    mutating func query(_ value: JSONValue, field: String, at path: FieldPath) -> QueryTemplate? {
        do { return try QueryTemplate(value, field: field) } catch {
            for problem in error.problems {
                self.error(path.appending(pointer: problem.pointer), problem.message, code: problem.code)
            }
            return nil
        }
    }

    /// Reports a field of the other query language, in AWS's words.
    mutating func wrongLanguage(_ field: String, in language: QueryLanguage, at path: FieldPath) {
        let other: QueryLanguage = language == .jsonata ? .jsonPath : .jsonata
        error(
            path,
            "The QueryLanguage is set to '\(language.rawValue)', but field '\(field)' is only supported for the '\(other.rawValue)' QueryLanguage")
    }

    /// Parses an RFC 3339 timestamp as Step Functions accepts it (`2026-01-31T12:00:00Z`, offsets, fractions).
    static func timestamp(_ text: String) -> Date? { Timestamp.parse(text) }
}
