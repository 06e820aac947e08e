/// Reads JavaScript regular expression syntax (without the `u` flag, with the web-compatibility
/// leniencies: a `{` or `]` that starts nothing is a literal, an unknown escape is the character).
struct RegexParser {
    private let units: [UInt16]
    private var index = 0
    /// Capture groups seen so far.
    private(set) var groupCount = 0
    private var nesting = 0
    /// Groups may nest at most this deep, so parsing and compiling never exhaust the stack.
    static let maximumNesting = 100

    struct Failure: Error {
        var message: String
    }

    init(_ pattern: String) {
        units = Array(pattern.utf16)
    }

    /// Parses the whole pattern; also returns the number of capture groups.
    static func parse(_ pattern: String) throws(Failure) -> (syntax: RegexSyntax, groups: Int) {
        var parser = RegexParser(pattern)
        // Group numbers are needed to tell a backreference from an escaped digit.
        parser.groupCount = parser.countGroups()
        let total = parser.groupCount
        parser.groupCount = 0
        let syntax = try parser.alternation(totalGroups: total)
        if parser.index < parser.units.count { throw Failure(message: "unmatched ')'") }
        return (syntax, parser.groupCount)
    }

    private func countGroups() -> Int {
        var count = 0
        var i = 0
        var inClass = false
        while i < units.count {
            let c = units[i]
            if c == 0x5C { i += 2; continue }  // backslash
            if inClass {
                if c == 0x5D { inClass = false }
            } else if c == 0x5B {
                inClass = true
            } else if c == 0x28 {  // (
                if i + 1 < units.count, units[i + 1] == 0x3F {  // ?
                    if i + 2 < units.count, units[i + 2] == 0x3C,  // <
                        i + 3 < units.count, units[i + 3] != 0x3D, units[i + 3] != 0x21
                    {
                        count += 1  // (?<name>
                    }
                } else {
                    count += 1
                }
            }
            i += 1
        }
        return count
    }

    private var current: UInt16? { index < units.count ? units[index] : nil }

    private mutating func take(_ unit: UInt16) -> Bool {
        if current == unit {
            index += 1
            return true
        }
        return false
    }

    private mutating func alternation(totalGroups: Int) throws(Failure) -> RegexSyntax {
        var branches = [try sequence(totalGroups: totalGroups)]
        while take(0x7C) { branches.append(try sequence(totalGroups: totalGroups)) }  // |
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence(totalGroups: Int) throws(Failure) -> RegexSyntax {
        var items: [RegexSyntax] = []
        while let c = current, c != 0x7C, c != 0x29 {  // | )
            let (atom, quantifiable) = try self.atom(totalGroups: totalGroups)
            if let quantified = try quantifier(on: atom, quantifiable: quantifiable) {
                items.append(quantified)
            } else {
                items.append(atom)
            }
        }
        return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .sequence(items))
    }

    /// Reads `{n}`, `{n,}` or `{n,m}` at the current index, or returns `nil` (leaving the index) when
    /// the brace does not start a quantifier.
    private mutating func braces() -> (Int, Int?)? {
        let start = index
        guard take(0x7B) else { return nil }
        func number(_ parser: inout RegexParser) -> Int? {
            var value: Int? = nil
            while let c = parser.current, c >= 0x30, c <= 0x39 {
                value = min((value ?? 0) * 10 + Int(c - 0x30), 1_000_000)
                parser.index += 1
            }
            return value
        }
        guard let minimum = number(&self) else { index = start; return nil }
        var maximum: Int? = minimum
        if take(0x2C) { maximum = number(&self) }  // ,
        guard take(0x7D) else { index = start; return nil }
        return (minimum, maximum)
    }

    private mutating func quantifier(on atom: RegexSyntax, quantifiable: Bool) throws(Failure) -> RegexSyntax? {
        var bounds: (Int, Int?)
        switch current {
        case 0x2A: index += 1; bounds = (0, nil)  // *
        case 0x2B: index += 1; bounds = (1, nil)  // +
        case 0x3F: index += 1; bounds = (0, 1)  // ?
        case 0x7B:
            guard let braces = braces() else { return nil }
            bounds = braces
        default: return nil
        }
        guard quantifiable else { throw Failure(message: "nothing to repeat") }
        if let maximum = bounds.1, maximum < bounds.0 { throw Failure(message: "numbers out of order in {} quantifier") }
        let greedy = !take(0x3F)
        return .repetition(atom, minimum: bounds.0, maximum: bounds.1, greedy: greedy)
    }

    private mutating func atom(totalGroups: Int) throws(Failure) -> (RegexSyntax, Bool) {
        let c = current!
        index += 1
        switch c {
        case 0x5E: return (.assertion(.start), false)  // ^
        case 0x24: return (.assertion(.end), false)  // $
        case 0x2E: return (.any, true)  // .
        case 0x2A, 0x2B, 0x3F: throw Failure(message: "nothing to repeat")
        case 0x7B:
            index -= 1
            if braces() != nil { throw Failure(message: "nothing to repeat") }
            index += 1
            return (.unit(c), true)
        case 0x5B: return (.set(try characterClass()), true)  // [
        case 0x28: return try group(totalGroups: totalGroups)
        case 0x5C: return try escape(totalGroups: totalGroups)
        default: return (.unit(c), true)
        }
    }

    private mutating func group(totalGroups: Int) throws(Failure) -> (RegexSyntax, Bool) {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > RegexParser.maximumNesting { throw Failure(message: "groups nest too deeply") }
        var capture: Int? = nil
        var look: (ahead: Bool, negated: Bool)? = nil
        if take(0x3F) {  // ?
            if take(0x3A) {  // (?:
            } else if take(0x3D) {
                look = (true, false)
            } else if take(0x21) {
                look = (true, true)
            } else if take(0x3C) {  // <
                if take(0x3D) {
                    look = (false, false)
                } else if take(0x21) {
                    look = (false, true)
                } else {
                    while let n = current, n != 0x3E { index += 1 }  // skip the name
                    guard take(0x3E) else { throw Failure(message: "invalid capture group name") }
                    groupCount += 1
                    capture = groupCount
                }
            } else {
                throw Failure(message: "invalid group")
            }
        } else {
            groupCount += 1
            capture = groupCount
        }
        let inner = try alternation(totalGroups: totalGroups)
        guard take(0x29) else { throw Failure(message: "unterminated group") }
        if let look {
            // lookaheads may be quantified in web-compatible JavaScript; lookbehinds may not
            return (.look(inner, ahead: look.ahead, negated: look.negated), look.ahead)
        }
        return (.group(inner, capture: capture), true)
    }

    private mutating func hexDigits(_ count: Int) -> UInt16? {
        guard index + count <= units.count else { return nil }
        var value: UInt16 = 0
        for unit in units[index..<index + count] {
            guard let digit = RegexParser.hexValue(unit) else { return nil }
            value = value << 4 | digit
        }
        index += count
        return value
    }

    private static func hexValue(_ unit: UInt16) -> UInt16? {
        switch unit {
        case 0x30...0x39: return unit - 0x30
        case 0x41...0x46: return unit - 0x41 + 10
        case 0x61...0x66: return unit - 0x61 + 10
        default: return nil
        }
    }

    /// The code unit a character escape stands for (`\n`, `\x41`, `\u0041`, `\cJ`, `\0`, or the
    /// character itself), after the backslash and the letter `c` have been read.
    private mutating func characterEscape(_ c: UInt16) -> UInt16 {
        switch c {
        case 0x6E: return 0x0A  // n
        case 0x72: return 0x0D  // r
        case 0x74: return 0x09  // t
        case 0x76: return 0x0B  // v
        case 0x66: return 0x0C  // f
        case 0x30: return 0  // 0
        case 0x78: return hexDigits(2) ?? c  // x
        case 0x75: return hexDigits(4) ?? c  // u
        case 0x63:  // c
            if let letter = current, (0x41...0x5A).contains(letter) || (0x61...0x7A).contains(letter) {
                index += 1
                return letter % 32
            }
            index -= 1
            return 0x5C
        default: return c
        }
    }

    private mutating func escape(totalGroups: Int) throws(Failure) -> (RegexSyntax, Bool) {
        guard let c = current else { throw Failure(message: "\\ at end of pattern") }
        index += 1
        switch c {
        case 0x62: return (.assertion(.wordBoundary), false)  // b
        case 0x42: return (.assertion(.notWordBoundary), false)  // B
        case 0x64, 0x44, 0x77, 0x57, 0x73, 0x53:
            return (.set(RegexCharacterSet(ranges: RegexParser.classEscape(c)!)), true)
        case 0x31...0x39:
            var number = Int(c - 0x30)
            let start = index
            while let d = current, d >= 0x30, d <= 0x39, number < 100_000 {
                number = number * 10 + Int(d - 0x30)
                index += 1
            }
            if number <= totalGroups { return (.backreference(number), true) }
            index = start
            return (.unit(c), true)  // not a group: the digit itself
        case 0x6B:  // k<name>: named backreferences are read as the letter k
            return (.unit(c), true)
        default:
            return (.unit(characterEscape(c)), true)
        }
    }

    private static func classEscape(_ c: UInt16) -> [ClosedRange<UInt16>]? {
        switch c {
        case 0x64: return RegexCharacterSet.digits
        case 0x44: return RegexCharacterSet.complement(RegexCharacterSet.digits)
        case 0x77: return RegexCharacterSet.word
        case 0x57: return RegexCharacterSet.complement(RegexCharacterSet.word)
        case 0x73: return RegexCharacterSet.space
        case 0x53: return RegexCharacterSet.complement(RegexCharacterSet.space)
        default: return nil
        }
    }

    /// Reads a class after its `[`.
    private mutating func characterClass() throws(Failure) -> RegexCharacterSet {
        let negated = take(0x5E)
        var ranges: [ClosedRange<UInt16>] = []
        /// One class atom: a single unit, or a class escape's ranges.
        enum Item {
            case unit(UInt16)
            case ranges([ClosedRange<UInt16>])
        }
        func item(_ parser: inout RegexParser) throws(Failure) -> Item {
            guard let c = parser.current else { throw Failure(message: "unterminated character class") }
            parser.index += 1
            guard c == 0x5C else { return .unit(c) }
            guard let e = parser.current else { throw Failure(message: "\\ at end of pattern") }
            parser.index += 1
            if let escaped = RegexParser.classEscape(e) { return .ranges(escaped) }
            if e == 0x62 { return .unit(0x08) }  // \b is a backspace in a class
            if e == 0x2D { return .unit(0x2D) }
            return .unit(parser.characterEscape(e))
        }
        while true {
            guard let c = current else { throw Failure(message: "unterminated character class") }
            if c == 0x5D {  // ]
                index += 1
                break
            }
            let first = try item(&self)
            if current == 0x2D, index + 1 < units.count, units[index + 1] != 0x5D {  // a range a-b
                index += 1
                let second = try item(&self)
                switch (first, second) {
                case (.unit(let low), .unit(let high)):
                    guard low <= high else { throw Failure(message: "range out of order in character class") }
                    ranges.append(low...high)
                case (.unit(let u), .ranges(let r)), (.ranges(let r), .unit(let u)):
                    ranges.append(u...u)
                    ranges.append(0x2D...0x2D)
                    ranges += r
                case (.ranges(let a), .ranges(let b)):
                    ranges += a + b + [0x2D...0x2D]
                }
                continue
            }
            switch first {
            case .unit(let u): ranges.append(u...u)
            case .ranges(let r): ranges += r
            }
        }
        return RegexCharacterSet(ranges: RegexCharacterSet.normalized(ranges), negated: negated)
    }
}
