import Foundation
import StatesLanguage

/// Translates between Step Functions' view of SDK shapes and the json / rest-json wire forms:
/// field names (PascalCase ↔ member or `locationName`), timestamps (ISO text ↔ epoch seconds)
/// and JSON-valued strings.
struct JSONShapeCoding {
    let model: ServiceModel
    var timestamps: AWSTimestamp.Rendering = .iso8601

    /// The wire JSON for a structure, list or map given as Step Functions parameters.
    ///
    /// - Parameters:
    ///   - value: the parameters.
    ///   - ref: the reference to the value's shape.
    ///   - path: where the value is, for error messages.
    ///   - bodyOnly: skip members bound to the URI, query string or headers (rest-json).
    func wireValue(
        _ value: JSONValue, ref: ServiceModel.ShapeRef, path: String, bodyOnly: Bool = false
    ) throws(AWSRequestError) -> JSONValue {
        if let scalar = ref.scalar { return try wireScalar(value, scalar: scalar, ref: ref, path: path) }
        guard let shape = model.shape(ref) else { return value }
        switch shape.kind {
        case .structure:
            guard case .object(let object) = value else {
                throw AWSRequestError("\(path) must be an object, got \(value.typeName)")
            }
            var out = JSONObject()
            for (name, memberRef, memberValue) in try ShapeFieldNames.members(of: object, in: shape, path: path) {
                if bodyOnly, memberRef.location != nil { continue }
                let wireName = memberRef.locationName ?? name
                out[wireName] = try wireValue(
                    memberValue, ref: memberRef, path: "\(path).\(ShapeFieldNames.fieldName(forMember: name))")
            }
            return .object(out)
        case .list:
            guard case .array(let items) = value else {
                throw AWSRequestError("\(path) must be an array, got \(value.typeName)")
            }
            guard let member = shape.member else { return value }
            var out: [JSONValue] = []
            for (index, item) in items.enumerated() {
                out.append(try wireValue(item, ref: member, path: "\(path)[\(index)]"))
            }
            return .array(out)
        case .map:
            guard case .object(let object) = value else {
                throw AWSRequestError("\(path) must be an object, got \(value.typeName)")
            }
            guard let valueRef = shape.value else { return value }
            var out = JSONObject()
            for (key, item) in object { out[key] = try wireValue(item, ref: valueRef, path: "\(path).\(key)") }
            return .object(out)
        }
    }

    private func wireScalar(
        _ value: JSONValue, scalar: ServiceModel.Scalar, ref: ServiceModel.ShapeRef, path: String
    ) throws(AWSRequestError) -> JSONValue {
        switch scalar {
        case .timestamp:
            guard let date = AWSTimestamp.date(from: value) else {
                throw AWSRequestError("\(path) must be a timestamp (ISO 8601 text or epoch seconds), got \(value)")
            }
            return ref.timestampFormat == "iso8601"
                ? .string(AWSTimestamp.iso8601(date)) : AWSTimestamp.epochSeconds(date)
        case .string:
            // Step Functions accepts JSON for string fields that carry JSON documents, and
            // numbers or Booleans where text is expected.
            switch value {
            case .string, .null: return value
            case .number(let number): return .string(number.description)
            case .bool(let flag): return .string(flag ? "true" : "false")
            case .object, .array: return .string(value.jsonString())
            }
        case .integer, .long, .biginteger:
            if case .string(let text) = value, let number = Int64(text) { return .number(.integer(number)) }
            return value
        case .double, .float, .bigdecimal:
            if case .string(let text) = value, let number = Double(text) {
                return .number(JSONNumber(normalizing: number))
            }
            return value
        case .boolean:
            if case .string(let text) = value, text == "true" || text == "false" { return .bool(text == "true") }
            return value
        case .blob:
            return value
        }
    }

    /// The Step Functions view of a wire JSON value: PascalCase field names, ISO timestamps.
    func userValue(_ value: JSONValue, ref: ServiceModel.ShapeRef) -> JSONValue {
        if let scalar = ref.scalar {
            if scalar == .timestamp, let date = AWSTimestamp.date(from: value) {
                return AWSTimestamp.render(date, timestamps)
            }
            return value
        }
        guard let shape = model.shape(ref) else { return value }
        switch (shape.kind, value) {
        case (.structure, .object(let object)):
            var out = JSONObject()
            for (name, memberRef) in shape.members {
                // A member sent as null is unset, as the SDKs read it, so it is left out like a missing one.
                guard let item = object[memberRef.locationName ?? name], item != .null else { continue }
                out[ShapeFieldNames.fieldName(forMember: name)] = userValue(item, ref: memberRef)
            }
            return .object(out)
        case (.list, .array(let items)):
            guard let member = shape.member else { return value }
            return .array(items.map { userValue($0, ref: member) })
        case (.map, .object(let object)):
            guard let valueRef = shape.value else { return value }
            var out = JSONObject()
            for (key, item) in object { out[key] = userValue(item, ref: valueRef) }
            return .object(out)
        default:
            return value
        }
    }
}
