/// A parsed JavaScript regular expression, before it is compiled to a ``RegexProgram``.
indirect enum RegexSyntax {
    case empty
    /// One UTF-16 code unit.
    case unit(UInt16)
    /// `.`: any code unit but a line terminator.
    case any
    case set(RegexCharacterSet)
    case assertion(RegexAssertion)
    /// A group; `capture` is the group number for a capturing group.
    case group(RegexSyntax, capture: Int?)
    case sequence([RegexSyntax])
    case alternation([RegexSyntax])
    case repetition(RegexSyntax, minimum: Int, maximum: Int?, greedy: Bool)
    /// `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`.
    case look(RegexSyntax, ahead: Bool, negated: Bool)
    case backreference(Int)

    /// Whether the expression can match without consuming input.
    var isNullable: Bool {
        switch self {
        case .empty, .assertion, .look, .backreference: return true
        case .unit, .any, .set: return false
        case .group(let inner, _): return inner.isNullable
        case .sequence(let items): return items.allSatisfy(\.isNullable)
        case .alternation(let items): return items.contains { $0.isNullable }
        case .repetition(let inner, let minimum, _, _): return minimum == 0 || inner.isNullable
        }
    }

    /// The capture groups inside, as a range of group numbers (empty when there are none).
    var captureRange: ClosedRange<Int>? {
        var low = Int.max, high = Int.min
        func visit(_ node: RegexSyntax) {
            switch node {
            case .group(let inner, let capture):
                if let capture { low = min(low, capture); high = max(high, capture) }
                visit(inner)
            case .sequence(let items), .alternation(let items): items.forEach(visit)
            case .repetition(let inner, _, _, _), .look(let inner, _, _): visit(inner)
            default: break
            }
        }
        visit(self)
        return low <= high ? low...high : nil
    }

    /// Whether a backreference occurs inside.
    var hasBackreference: Bool {
        switch self {
        case .backreference: return true
        case .group(let inner, _), .repetition(let inner, _, _, _), .look(let inner, _, _): return inner.hasBackreference
        case .sequence(let items), .alternation(let items): return items.contains { $0.hasBackreference }
        default: return false
        }
    }
}

/// A zero-width test at the current position.
enum RegexAssertion {
    case start, end, wordBoundary, notWordBoundary
}

/// A set of UTF-16 code units, from a class such as `[a-z\d]` or an escape such as `\w`.
struct RegexCharacterSet {
    /// Sorted, non-overlapping inclusive ranges.
    var ranges: [ClosedRange<UInt16>]
    var negated = false

    func contains(_ unit: UInt16) -> Bool {
        var low = 0, high = ranges.count - 1
        var found = false
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if unit < range.lowerBound {
                high = middle - 1
            } else if unit > range.upperBound {
                low = middle + 1
            } else {
                found = true
                break
            }
        }
        return found != negated
    }

    /// Sorts and merges ranges.
    static func normalized(_ ranges: [ClosedRange<UInt16>]) -> [ClosedRange<UInt16>] {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var result: [ClosedRange<UInt16>] = []
        for range in sorted {
            if let last = result.last, Int(range.lowerBound) <= Int(last.upperBound) + 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// The code units not in `ranges`.
    static func complement(_ ranges: [ClosedRange<UInt16>]) -> [ClosedRange<UInt16>] {
        var result: [ClosedRange<UInt16>] = []
        var next = 0
        for range in normalized(ranges) {
            if Int(range.lowerBound) > next { result.append(UInt16(next)...(range.lowerBound - 1)) }
            next = Int(range.upperBound) + 1
        }
        if next <= 0xFFFF { result.append(UInt16(next)...0xFFFF) }
        return result
    }

    static let digits: [ClosedRange<UInt16>] = [0x30...0x39]
    static let word: [ClosedRange<UInt16>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
    /// JavaScript's white space and line terminators.
    static let space: [ClosedRange<UInt16>] = [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
        0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ]
}
