import Foundation
import StatesLanguage

/// One walk of a task result against an operation's output shape, collecting the problems
/// ``AWSResultShapes`` reports: types at every depth, required fields (`STRICT`), enum values and
/// the model's length and range limits.
struct ResultShapeWalk {
    let model: ServiceModel
    /// `STRICT`: every object must have the fields its shape marks required.
    let wantsRequiredFields: Bool
    let anyJSONFields: Set<String>
    var problems: [ResultShapeProblem] = []

    /// Reports the fields `shape` marks required that `object` lacks.
    mutating func checkRequired(of shape: ServiceModel.Shape, named name: String, in object: JSONObject, at path: FieldPath) {
        let required = shape.requiredMembers.map(ShapeFieldNames.fieldName(forMember:))
        for field in required where object[field] == nil {
            problems.append(
                ResultShapeProblem(
                    .mismatch, at: path.appending(field),
                    "the required field '\(field)' is missing (\(name) requires \(required.joined(separator: ", ")))"))
        }
    }

    mutating func check(_ value: JSONValue, against shape: ServiceModel.Shape, named name: String, at path: FieldPath, isTop: Bool = false) {
        switch shape.kind {
        case .structure:
            guard case .object(let object) = value else {
                mismatch(at: path, expected: "an object (\(name))", got: value)
                return
            }
            if wantsRequiredFields { checkRequired(of: shape, named: name, in: object, at: path) }
            for (key, field) in object {
                let fieldPath = path.appending(key)
                guard let member = shape.members.first(where: { ShapeFieldNames.fieldName(forMember: $0.name) == key }) else {
                    // Step Functions adds the HTTP metadata to the results of AWS SDK integrations.
                    if isTop, key == "SdkHttpMetadata" || key == "SdkResponseMetadata" { continue }
                    let names = shape.members.map { ShapeFieldNames.fieldName(forMember: $0.name) }
                    let guess = Suggestion.closest(to: key, among: names).map { "did you mean '\($0)'? " } ?? ""
                    problems.append(
                        ResultShapeProblem(
                            .note, at: fieldPath,
                            "accepted, as AWS accepts it, but \(name) has no field '\(key)' (\(guess)its fields: \(names.isEmpty ? "none" : names.joined(separator: ", ")))"
                        ))
                    continue
                }
                if isTop, anyJSONFields.contains(key) { continue }
                check(field, against: member.ref, at: fieldPath)
            }
        case .list:
            guard case .array(let items) = value else {
                mismatch(at: path, expected: "an array\(shape.member.map { " (items: \(describe($0)))" } ?? "")", got: value)
                return
            }
            guard let member = shape.member else { return }
            for (index, item) in items.enumerated() { check(item, against: member, at: path.appending(index: index)) }
        case .map:
            guard case .object(let object) = value else {
                mismatch(at: path, expected: "an object (a map\(shape.value.map { "; values: \(describe($0))" } ?? ""))", got: value)
                return
            }
            guard let member = shape.value else { return }
            for (key, item) in object { check(item, against: member, at: path.appending(key)) }
        }
    }

    mutating func check(_ value: JSONValue, against ref: ServiceModel.ShapeRef, at path: FieldPath) {
        if ref.isJSONValue { return }
        if let shapeName = ref.shapeName {
            guard let shape = model.shapes[shapeName] else { return }
            check(value, against: shape, named: shapeName, at: path)
            return
        }
        guard let scalar = ref.scalar else { return }
        let fits: Bool
        switch (scalar, value) {
        case (.string, .string), (.timestamp, .string), (.blob, .string), (.boolean, .bool): fits = true
        case (.integer, .number(let number)), (.long, .number(let number)), (.biginteger, .number(let number)):
            fits = number.isIntegral
        case (.double, .number), (.float, .number), (.bigdecimal, .number): fits = true
        default: fits = false
        }
        guard fits else {
            mismatch(at: path, expected: describe(ref), got: value)
            return
        }
        checkLimits(of: value, against: ref, scalar: scalar, at: path)
    }

    /// The enum values and the length or range limits of a scalar that is of its type. AWS refuses
    /// a value outside them in `STRICT` and `PRESENT` alike.
    mutating func checkLimits(of value: JSONValue, against ref: ServiceModel.ShapeRef, scalar: ServiceModel.Scalar, at path: FieldPath) {
        switch (scalar, value) {
        case (.string, .string(let text)):
            if let allowed = ref.allowedValues, !allowed.contains(text) {
                let shown = allowed.prefix(Self.valuesShown).map { "'\($0)'" }.joined(separator: ", ")
                let more = allowed.count > Self.valuesShown ? ", … (\(allowed.count) values)" : ""
                let closest = allowed.first { $0.caseInsensitiveCompare(text) == .orderedSame }
                    ?? Suggestion.closest(to: text, among: allowed)
                let guess = closest.map { "; did you mean '\($0)'?" } ?? ""
                problems.append(
                    ResultShapeProblem(
                        .mismatch, at: path, "must be one of \(shown)\(more), got '\(text)'\(guess)"))
            }
            checkLength(text.unicodeScalars.count, of: "character", within: ref.limits, at: path)
        case (.blob, .string(let text)):
            // Blobs are base64 in results; a string that is not base64 counts as its UTF-8 bytes.
            let bytes = Data(base64Encoded: text)?.count ?? text.utf8.count
            checkLength(bytes, of: "byte", within: ref.limits, at: path)
        case (_, .number(let number)):
            guard let limits = ref.limits else { return }
            if let minimum = limits.minimum, number < minimum {
                problems.append(ResultShapeProblem(.mismatch, at: path, "must be at least \(minimum), got \(number)"))
            }
            if let maximum = limits.maximum, number > maximum {
                problems.append(ResultShapeProblem(.mismatch, at: path, "must be at most \(maximum), got \(number)"))
            }
        default:
            break
        }
    }

    /// How many enum values a message lists before it says how many there are.
    static let valuesShown = 8

    /// A length (`count` characters or bytes) against the model's minimum length. The bundled
    /// models keep no maximum lengths, which real responses exceed.
    mutating func checkLength(_ count: Int, of unit: String, within limits: ServiceModel.Limits?, at path: FieldPath) {
        guard let minimum = limits?.minimum, JSONNumber(integerLiteral: Int64(count)) < minimum else { return }
        problems.append(
            ResultShapeProblem(.mismatch, at: path, "must have at least \(minimum) \(unit)\(minimum == 1 ? "" : "s"), got \(count)"))
    }

    /// What a reference allows, in words: `a string (timestamp)`, `an object (Instance)`.
    func describe(_ ref: ServiceModel.ShapeRef) -> String {
        if ref.isJSONValue { return "any JSON value" }
        if let shapeName = ref.shapeName {
            switch model.shapes[shapeName]?.kind {
            case .structure?: return "an object (\(shapeName))"
            case .list?: return "an array"
            case .map?: return "an object (a map)"
            case nil: return shapeName
            }
        }
        switch ref.scalar {
        case .string?: return "a string"
        case .timestamp?: return "a string (timestamp)"
        case .blob?: return "a string (base64 data)"
        case .boolean?: return "a boolean"
        case .integer?, .long?, .biginteger?: return "an integer"
        case .double?, .float?, .bigdecimal?: return "a number"
        case nil: return "a value"
        }
    }

    mutating func mismatch(at path: FieldPath, expected: String, got value: JSONValue) {
        let got: String
        switch value {
        case .number(let number) where !number.isIntegral: got = "a fractional number"
        case .array: got = "an array"
        case .object: got = "an object"
        case .null: got = "null"
        default: got = "a \(value.typeName)"
        }
        problems.append(ResultShapeProblem(.mismatch, at: path, "must be \(expected), got \(got)"))
    }
}
