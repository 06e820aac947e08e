import Foundation

extension JSONValue: Codable {
    /// Decodes any JSON value from a single-value container.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int64.self) {
            self = .number(.integer(i))
        } else if let d = try? container.decode(Double.self) {
            self = .number(.double(d))
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else if let o = try? container.decode([String: JSONValue].self) {
            self = .object(JSONObject(o.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    /// Encodes the value into a single-value container.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .number(.integer(let i)): try container.encode(i)
        case .number(.double(let d)): try container.encode(d)
        case .number(let n): try container.encode(n.doubleValue)
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o):
            var dictionary: [String: JSONValue] = [:]
            for (key, value) in o { dictionary[key] = value }
            try container.encode(dictionary)
        }
    }

    /// Converts an `Encodable` value of your own into a `JSONValue`.
    ///
    /// ```swift
    /// struct Input: Codable { var instanceIDs: [String] }
    /// let input = try JSONValue(encoding: Input(instanceIDs: ["i-1"]))
    /// ```
    /// - Throws: the encoder's error, or ``JSONSyntaxError`` (should not happen).
    public init<T: Encodable>(encoding value: T) throws {
        let data = try JSONEncoder().encode(value)
        self = try JSONValue(parsing: data)
    }

    /// Decodes this value into a `Decodable` type of your own.
    ///
    /// ```swift
    /// let report = try result.output.decode(PatchReport.self)
    /// ```
    /// - Throws: `DecodingError` when the shape does not match.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(jsonBytes()))
    }
}
