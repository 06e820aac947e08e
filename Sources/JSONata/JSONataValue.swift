import Foundation
import JSONCore

/// A value during JSONata evaluation.
///
/// JSONata works on more than JSON: functions and regular expressions are
/// values, and arrays carry flags that say whether they are sequences built by
/// path navigation (which collapse to their single item) or arrays the
/// expression constructed. "No result" (JavaScript's `undefined`) is `nil` in
/// an `Optional<JSONataValue>`.
enum JSONataValue {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array(ValueArray)
    case object(ValueObject)
    case function(FunctionValue)

    var isArray: Bool { if case .array = self { return true } else { return false } }
    var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    var numberValue: Double? { if case .number(let n) = self { return n } else { return nil } }
    var functionValue: FunctionValue? { if case .function(let f) = self { return f } else { return nil } }
    var isFunction: Bool { if case .function = self { return true } else { return false } }

    /// The one-letter type symbol used by function signatures.
    var signatureSymbol: Character {
        switch self {
        case .null: return "l"
        case .bool: return "b"
        case .number: return "n"
        case .string: return "s"
        case .array: return "a"
        case .object: return "o"
        case .function: return "f"
        }
    }
}

extension Optional where Wrapped == JSONataValue {
    var isArray: Bool { if case .array? = self { return true } else { return false } }
}
