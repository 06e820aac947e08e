/// A JSON number that keeps integers exact.
///
/// JSON text does not distinguish integers from floating-point numbers, but
/// workflows do: an instance count of `9007199254740993` must come back with
/// the same digits, which a `Double` cannot hold. Integers that fit in 64 bits
/// are therefore stored as `Int64`, longer integers as their digits (AWS keeps
/// every digit: `9223372036854775808` passes through a workflow unchanged), and
/// everything else as a `Double`.
///
/// Two numbers compare equal when they denote the same value, so
/// `JSONNumber.integer(3) == JSONNumber.double(3.0)`.
public enum JSONNumber: Sendable {
    /// An integer that fits in 64 bits.
    case integer(Int64)
    /// Any other number.
    case double(Double)
    /// An integer too long for 64 bits, as its decimal digits (with a leading `-` when negative).
    /// Arithmetic sees it as the nearest `Double`; it is written back with every digit.
    case bigInteger(String)

    /// The number as a `Double` (integers above 2^53 lose precision).
    @inlinable
    public var doubleValue: Double {
        switch self {
        case .integer(let value): return Double(value)
        case .double(let value): return value
        case .bigInteger(let digits): return Double(digits) ?? .nan
        }
    }

    /// The number as an `Int64` when it is integral and in range, otherwise `nil`.
    @inlinable
    public var int64Value: Int64? {
        switch self {
        case .integer(let value): return value
        case .double(let value):
            guard value.isFinite, value.rounded(.towardZero) == value,
                value >= -9.223372036854775808e18, value < 9.223372036854775808e18
            else { return nil }
            return Int64(value)
        case .bigInteger: return nil
        }
    }

    /// The number as an `Int` when it is integral and in range, otherwise `nil`.
    @inlinable
    public var intValue: Int? {
        int64Value.map { Int($0) }
    }

    /// Whether the number has no fractional part.
    public var isIntegral: Bool {
        switch self {
        case .integer, .bigInteger: return true
        case .double(let value): return value.isFinite && value.rounded(.towardZero) == value
        }
    }

    /// Creates a number from a `Double`, storing it as an integer when it is
    /// integral and exactly representable as one.
    ///
    /// Use this for arithmetic results, so that `1 + 2` stays the integer `3`.
    public init(normalizing value: Double) {
        if value.isFinite, value.rounded(.towardZero) == value, abs(value) < 9.007199254740992e15 {
            self = .integer(Int64(value))
        } else {
            self = .double(value)
        }
    }
}

extension JSONNumber: Equatable, Hashable, Comparable {
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.integer(let a), .double(let b)), (.double(let b), .integer(let a)):
            guard let exact = JSONNumber.double(b).int64Value else { return false }
            return a == exact
        case (.bigInteger(let a), .bigInteger(let b)): return a == b
        case (.bigInteger, .integer), (.integer, .bigInteger): return false
        case (.bigInteger, .double), (.double, .bigInteger): return lhs.doubleValue == rhs.doubleValue
        }
    }

    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): return a < b
        case (.bigInteger(let a), .bigInteger(let b)) where lhs.doubleValue == rhs.doubleValue:
            // Same magnitude as doubles: more digits is further from zero, then digit by digit.
            let negative = a.hasPrefix("-")
            let (x, y) = negative ? (b, a) : (a, b)
            return x.count != y.count ? x.count < y.count : x < y
        case (.integer, .bigInteger(let b)) where lhs.doubleValue == rhs.doubleValue: return !b.hasPrefix("-")
        case (.bigInteger(let a), .integer) where lhs.doubleValue == rhs.doubleValue: return a.hasPrefix("-")
        default:
            let a = lhs.doubleValue, b = rhs.doubleValue
            if a == b, case .integer(let x) = lhs, case .double = rhs, let y = rhs.int64Value { return x < y }
            if a == b, case .double = lhs, case .integer(let y) = rhs, let x = lhs.int64Value { return x < y }
            return a < b
        }
    }

    public func hash(into hasher: inout Hasher) {
        if let exact = int64Value {
            hasher.combine(exact)
        } else {
            hasher.combine(doubleValue)
        }
    }
}

extension JSONNumber: CustomStringConvertible {
    /// The number as JSON text: integers without a fraction, doubles in their
    /// shortest round-tripping form (`1.5`, `1.0E-7` is written `1e-07`).
    public var description: String {
        switch self {
        case .integer(let value): return String(value)
        case .double(let value): return JSONNumber.format(value)
        case .bigInteger(let digits): return digits
        }
    }

    static func format(_ value: Double) -> String {
        if !value.isFinite { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        if value.rounded(.towardZero) == value, abs(value) < 1e16 {
            // Integral doubles keep a fractional part so they read back as doubles.
            return (value.sign == .minus ? "-" : "") + String(Int64(value).magnitude) + ".0"
        }
        return value.description
    }
}

extension JSONNumber: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
}
