/// The intrinsic functions of the Amazon States Language (JSONPath mode).
///
/// Each family lives in its own file (`IntrinsicFunction+Array.swift`, …) with
/// the argument rules Step Functions documents. Misuse throws an
/// ``IntrinsicFailure`` naming the offending argument; ``IntrinsicCall`` turns
/// it into `States.Runtime` with the cause
/// `The function 'States.X(…)' had the following error: …`, as AWS reports it.
enum IntrinsicFunction: String, Sendable, Hashable, CaseIterable {
    case format = "States.Format"
    case stringToJson = "States.StringToJson"
    case jsonToString = "States.JsonToString"
    case array = "States.Array"
    case arrayPartition = "States.ArrayPartition"
    case arrayContains = "States.ArrayContains"
    case arrayRange = "States.ArrayRange"
    case arrayGetItem = "States.ArrayGetItem"
    case arrayLength = "States.ArrayLength"
    case arrayUnique = "States.ArrayUnique"
    case base64Encode = "States.Base64Encode"
    case base64Decode = "States.Base64Decode"
    case hash = "States.Hash"
    case jsonMerge = "States.JsonMerge"
    case mathRandom = "States.MathRandom"
    case mathAdd = "States.MathAdd"
    case stringSplit = "States.StringSplit"
    case uuid = "States.UUID"

    /// Runs the function on evaluated argument values; `arguments` are the compiled forms (for `States.Format`).
    func apply(to values: [JSONValue], arguments: [IntrinsicArgument]) throws(IntrinsicFailure) -> JSONValue {
        switch self {
        case .format: return try applyFormat(values, arguments: arguments)
        case .stringToJson: return try applyStringToJson(values)
        case .jsonToString: return try applyJsonToString(values)
        case .array: return .array(values)
        case .arrayPartition: return try applyArrayPartition(values)
        case .arrayContains: return try applyArrayContains(values)
        case .arrayRange: return try applyArrayRange(values)
        case .arrayGetItem: return try applyArrayGetItem(values)
        case .arrayLength: return try applyArrayLength(values)
        case .arrayUnique: return try applyArrayUnique(values)
        case .base64Encode: return try applyBase64Encode(values)
        case .base64Decode: return try applyBase64Decode(values)
        case .hash: return try applyHash(values)
        case .jsonMerge: return try applyJsonMerge(values)
        case .mathRandom: return try applyMathRandom(values)
        case .mathAdd: return try applyMathAdd(values)
        case .stringSplit: return try applyStringSplit(values)
        case .uuid: return try applyUUID(values)
        }
    }
}

/// Why an intrinsic function rejected its arguments; the call reports it as `States.Runtime`.
struct IntrinsicFailure: Error, Sendable, Hashable {
    /// A sentence naming the argument and the problem.
    var message: String
}

// MARK: - Argument checks shared by the families

extension IntrinsicFunction {
    /// A failure with `message`, a sentence about the arguments.
    func failure(_ message: String) -> IntrinsicFailure {
        IntrinsicFailure(message: message.prefix(1).uppercased() + message.dropFirst())
    }

    /// Fails unless exactly `count` arguments were given.
    func expect(_ values: [JSONValue], count: Int) throws(IntrinsicFailure) {
        guard values.count == count else {
            throw failure("expected \(count) argument\(count == 1 ? "" : "s"), got \(values.count)")
        }
    }

    /// Fails unless between `range.lowerBound` and `range.upperBound` arguments were given.
    func expect(_ values: [JSONValue], count range: ClosedRange<Int>) throws(IntrinsicFailure) {
        guard range.contains(values.count) else {
            throw failure("expected \(range.lowerBound) to \(range.upperBound) arguments, got \(values.count)")
        }
    }

    func string(_ values: [JSONValue], _ index: Int, _ name: String) throws(IntrinsicFailure) -> String {
        guard case .string(let text) = values[index] else { throw wrongType(values, index, name, "a string") }
        return text
    }

    func array(_ values: [JSONValue], _ index: Int, _ name: String) throws(IntrinsicFailure) -> [JSONValue] {
        guard case .array(let elements) = values[index] else { throw wrongType(values, index, name, "an array") }
        return elements
    }

    func object(_ values: [JSONValue], _ index: Int, _ name: String) throws(IntrinsicFailure) -> JSONObject {
        guard case .object(let object) = values[index] else { throw wrongType(values, index, name, "an object") }
        return object
    }

    func boolean(_ values: [JSONValue], _ index: Int, _ name: String) throws(IntrinsicFailure) -> Bool {
        guard case .bool(let flag) = values[index] else { throw wrongType(values, index, name, "a boolean") }
        return flag
    }

    /// An integral number (`3` or `3.0`) that fits in 64 bits.
    func integer(_ values: [JSONValue], _ index: Int, _ name: String) throws(IntrinsicFailure) -> Int64 {
        guard case .number(let number) = values[index], let exact = number.int64Value else {
            throw wrongType(values, index, name, "an integer")
        }
        return exact
    }

    /// Any number rounded half up to an integer, as Java's `Math.round` does
    /// (`2.5` → `3`, `-2.5` → `-2`): Step Functions rounds non-integer
    /// arguments of `States.MathAdd` and `States.MathRandom`.
    func roundedInteger(_ values: [JSONValue], _ index: Int, _ name: String) throws(IntrinsicFailure) -> Int64 {
        guard case .number(let number) = values[index] else { throw wrongType(values, index, name, "a number") }
        if let exact = number.int64Value { return exact }
        let rounded = (number.doubleValue + 0.5).rounded(.down)
        guard rounded.isFinite, rounded >= -9.223372036854775808e18, rounded < 9.223372036854775808e18 else {
            throw failure("the \(ordinal(index)) argument (\(name)) is out of range: \(number)")
        }
        return Int64(rounded)
    }

    func wrongType(_ values: [JSONValue], _ index: Int, _ name: String, _ expected: String) -> IntrinsicFailure {
        failure("the \(ordinal(index)) argument (\(name)) must be \(expected), got \(values[index].typeName) \(abbreviated(values[index]))")
    }

    /// The value's JSON text, cut to 100 characters so causes stay readable.
    func abbreviated(_ value: JSONValue) -> String {
        let text = value.jsonString()
        return text.count <= 100 ? text : String(text.prefix(100)) + "…"
    }

    func ordinal(_ index: Int) -> String {
        ["first", "second", "third", "fourth"].indices.contains(index)
            ? ["first", "second", "third", "fourth"][index] : "argument \(index + 1)"
    }
}
