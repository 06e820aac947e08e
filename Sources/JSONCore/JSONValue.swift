/// A JSON document or fragment.
///
/// `JSONValue` is the payload type of the whole project: state inputs and
/// outputs, task parameters, history event details and definitions themselves
/// are all `JSONValue`s. It is a plain value type: copies are cheap (arrays and
/// objects are copy-on-write) and it crosses concurrency domains freely.
///
/// ```swift
/// let input: JSONValue = ["instances": ["i-1", "i-2"], "batch": 2]
/// input["batch"]          // .number(2)
/// input["instances"]?[1]  // .string("i-2")
/// ```
public enum JSONValue: Sendable, Hashable {
    /// JSON `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number; integers stay exact.
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object with keys in insertion order.
    case object(JSONObject)
}

extension JSONValue {
    /// The name of this value's JSON type: `null`, `boolean`, `number`, `string`, `array` or `object`.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Whether the value is `null`.
    @inlinable public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The Boolean, if this is one.
    @inlinable public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }

    /// The number, if this is one.
    @inlinable public var numberValue: JSONNumber? { if case .number(let n) = self { return n } else { return nil } }

    /// The number as a `Double`, if this is a number.
    @inlinable public var doubleValue: Double? { numberValue?.doubleValue }

    /// The number as an `Int`, if this is an integral number in range.
    @inlinable public var intValue: Int? { numberValue?.intValue }

    /// The string, if this is one.
    @inlinable public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }

    /// The elements, if this is an array.
    @inlinable public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }

    /// The object, if this is one.
    @inlinable public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }

    /// The value for `key` when this is an object; `nil` otherwise or when the key is absent.
    @inlinable
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The element at `index` when this is an array and the index is in range; `nil` otherwise.
    @inlinable
    public subscript(index: Int) -> JSONValue? {
        if case .array(let array) = self, array.indices.contains(index) { return array[index] }
        return nil
    }

    /// Creates a number value from an integer.
    @inlinable public static func integer(_ value: Int) -> JSONValue { .number(.integer(Int64(value))) }

    /// Creates a number value from a double, kept as a double.
    @inlinable public static func double(_ value: Double) -> JSONValue { .number(.double(value)) }
}
