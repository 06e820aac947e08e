import StatesLanguage
/// The JSON body of an API request, with the checks the API makes on its fields.
///
/// A missing required field or one of the wrong type is a `ValidationException` worded as AWS
/// words them ("1 validation error detected: Value null at 'name' failed to satisfy constraint:
/// Member must not be null").
struct APIRequest: Sendable {
    /// The action, such as `StartExecution`.
    var action: String
    /// The body.
    var fields: JSONObject

    /// A string field; `nil` when absent (or JSON null).
    func string(_ name: String, maximumLength: Int? = nil) throws(APIError) -> String? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard case .string(let text) = value else {
            throw .validation("Value at '\(name)' failed to satisfy constraint: Member must be a string")
        }
        if let maximumLength, text.utf8.count > maximumLength {
            throw .validation(
                "1 validation error detected: Value at '\(name)' failed to satisfy constraint: Member must have length less than or equal to \(maximumLength)"
            )
        }
        return text
    }

    /// A string field that must be present.
    func required(_ name: String, maximumLength: Int? = nil) throws(APIError) -> String {
        guard let text = try string(name, maximumLength: maximumLength) else {
            throw .validation(
                "1 validation error detected: Value null at '\(name)' failed to satisfy constraint: Member must not be null")
        }
        return text
    }

    /// An integer field.
    func integer(_ name: String, in range: ClosedRange<Int>? = nil) throws(APIError) -> Int? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let number = value.intValue else {
            throw .validation("Value at '\(name)' failed to satisfy constraint: Member must be an integer")
        }
        if let range, !range.contains(number) {
            throw .validation(
                "1 validation error detected: Value '\(number)' at '\(name)' failed to satisfy constraint: Member must have value between \(range.lowerBound) and \(range.upperBound)"
            )
        }
        return number
    }

    /// A Boolean field.
    func bool(_ name: String) throws(APIError) -> Bool? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let flag = value.boolValue else {
            throw .validation("Value at '\(name)' failed to satisfy constraint: Member must be a boolean")
        }
        return flag
    }

    /// A field with one of a closed set of values.
    func choice(_ name: String, _ allowed: [String]) throws(APIError) -> String? {
        guard let text = try string(name) else { return nil }
        guard allowed.contains(text) else {
            throw .validation(
                "1 validation error detected: Value '\(text)' at '\(name)' failed to satisfy constraint: Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]"
            )
        }
        return text
    }

    /// An object field.
    func object(_ name: String) throws(APIError) -> JSONObject? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let object = value.objectValue else {
            throw .validation("Value at '\(name)' failed to satisfy constraint: Member must be a structure")
        }
        return object
    }

    /// An array field.
    func array(_ name: String) throws(APIError) -> [JSONValue]? {
        guard let value = fields[name], !value.isNull else { return nil }
        guard let array = value.arrayValue else {
            throw .validation("Value at '\(name)' failed to satisfy constraint: Member must be a list")
        }
        return array
    }

    /// A JSON document given as text (`input`, `output`), parsed; `error` is the API's error type
    /// for text that is not JSON (`InvalidExecutionInput`, `InvalidOutput`).
    func json(_ name: String, maximumLength: Int, error: String) throws(APIError) -> JSONValue? {
        guard let text = try string(name, maximumLength: maximumLength) else { return nil }
        do {
            return try JSONValue(parsing: text)
        } catch let syntax {
            throw APIError(error, "Invalid \(name) JSON: \(syntax)")
        }
    }
}
