import Foundation

/// An XPath `format-integer` picture such as `#,##0`, `w`, `I` or `1;o`, as used by
/// `$formatInteger`, `$parseInteger` and date/time markers.
struct IntegerPicture {
    enum Primary { case decimal, letters, roman, words, sequence }
    enum Case { case upper, lower, title }

    struct Separator {
        var position: Int
        var character: String
    }

    var primary = Primary.decimal
    var letterCase = Case.lower
    var isOrdinal = false
    var zeroCode: UInt32 = 0x30
    var mandatoryDigits = 0
    var optionalDigits = 0
    var isRegular = false
    var separators: [Separator] = []
    var token = ""

    static let decimalGroups: [UInt32] = [
        0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
        0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
        0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    ]

    init(_ picture: String) throws(JSONataError) {
        var primaryFormat = picture
        if let semicolon = picture.lastIndex(of: ";") {
            primaryFormat = String(picture[..<semicolon])
            let modifier = picture[picture.index(after: semicolon)...]
            if modifier.first == "o" { isOrdinal = true }
        }
        switch primaryFormat {
        case "A": letterCase = .upper; primary = .letters
        case "a": primary = .letters
        case "I": letterCase = .upper; primary = .roman
        case "i": primary = .roman
        case "W": letterCase = .upper; primary = .words
        case "Ww": letterCase = .title; primary = .words
        case "w": primary = .words
        default:
            var zero: UInt32? = nil
            var position = 0
            var found: [Separator] = []
            for scalar in primaryFormat.unicodeScalars.reversed() {
                let code = scalar.value
                if let group = IntegerPicture.decimalGroups.first(where: { code >= $0 && code <= $0 + 9 }) {
                    mandatoryDigits += 1
                    position += 1
                    if zero == nil {
                        zero = group
                    } else if zero != group {
                        throw JSONataError("D3131")
                    }
                } else if scalar == "#" {
                    position += 1
                    optionalDigits += 1
                } else {
                    found.append(Separator(position: position, character: String(scalar)))
                }
            }
            if mandatoryDigits > 0 {
                primary = .decimal
                zeroCode = zero ?? 0x30
                let factor = IntegerPicture.regularInterval(found)
                if factor > 0 {
                    isRegular = true
                    separators = [Separator(position: factor, character: found[0].character)]
                } else {
                    separators = found
                }
            } else {
                primary = .sequence
                token = primaryFormat
            }
        }
    }

    /// The common spacing of grouping separators when they are all the same character and evenly spaced, else 0.
    static func regularInterval(_ separators: [Separator]) -> Int {
        guard let first = separators.first else { return 0 }
        guard separators.allSatisfy({ $0.character == first.character }) else { return 0 }
        let positions = separators.map(\.position)
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let factor = positions.dropFirst().reduce(positions[0], gcd)
        guard factor > 0 else { return 0 }
        for index in 1...positions.count where !positions.contains(index * factor) { return 0 }
        return factor
    }

    func format(_ number: Double) throws(JSONataError) -> String {
        let negative = number < 0
        let value = Swift.abs(number)
        var text: String
        switch primary {
        case .letters:
            text = IntegerPicture.letters(Int(value), upper: letterCase == .upper)
        case .roman:
            text = IntegerPicture.roman(Int(value))
            if letterCase == .upper { text = text.uppercased() }
        case .words:
            text = IntegerPicture.words(value, ordinal: isOrdinal)
            if letterCase == .upper { text = text.uppercased() } else if letterCase == .lower { text = text.lowercased() }
        case .decimal:
            text = Evaluator.jsNumberString(value)
            let pad = mandatoryDigits - text.count
            if pad > 0 { text = String(repeating: "0", count: pad) + text }
            if zeroCode != 0x30 {
                text = String(String.UnicodeScalarView(text.unicodeScalars.map {
                    ("0"..."9").contains($0) ? Unicode.Scalar($0.value + zeroCode - 0x30)! : $0
                }))
            }
            var scalars = Array(text.unicodeScalars).map { String($0) }
            if isRegular, let separator = separators.first {
                let groups = (scalars.count - 1) / separator.position
                if groups > 0 {
                    for i in stride(from: groups, to: 0, by: -1) {
                        scalars.insert(separator.character, at: scalars.count - i * separator.position)
                    }
                }
            } else {
                for separator in separators.reversed() {
                    let position = scalars.count - separator.position
                    if position >= 0 { scalars.insert(separator.character, at: position) }
                }
            }
            text = scalars.joined()
            if isOrdinal {
                let digits = Array(text)
                let last = digits.last
                var suffix = last == "1" ? "st" : last == "2" ? "nd" : last == "3" ? "rd" : "th"
                if digits.count > 1, digits[digits.count - 2] == "1" { suffix = "th" }
                text += suffix
            }
        case .sequence:
            throw JSONataError("D3130", value: .string(token),
                               message: "Formatting or parsing an integer as a sequence starting with \(token) is not supported")
        }
        return negative ? "-" + text : text
    }

    static func letters(_ number: Int, upper: Bool) -> String {
        var value = number
        var result: [Character] = []
        let a = upper ? 65 : 97
        while value > 0 {
            result.insert(Character(Unicode.Scalar(UInt8((value - 1) % 26 + a))), at: 0)
            value = (value - 1) / 26
        }
        return String(result)
    }

    private static let numerals: [(Int, String)] = [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
        (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ]

    static func roman(_ number: Int) -> String {
        var value = number
        var result = ""
        for (amount, text) in numerals {
            while value >= amount {
                result += text
                value -= amount
            }
        }
        return result
    }

    static let few = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven",
                      "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"]
    static let ordinals = ["Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth",
                           "Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth",
                           "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"]
    static let decades = ["Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"]
    static let magnitudes = ["Thousand", "Million", "Billion", "Trillion"]

    static func words(_ value: Double, ordinal: Bool) -> String {
        func lookup(_ num: Double, _ previous: Bool, _ ordinal: Bool) -> String {
            var words = ""
            if num <= 19 {
                words = (previous ? " and " : "") + (ordinal ? ordinals[Int(num)] : few[Int(num)])
            } else if num < 100 {
                let tens = Int(num / 10)
                let remainder = num.truncatingRemainder(dividingBy: 10)
                words = (previous ? " and " : "") + decades[tens - 2]
                if remainder > 0 {
                    words += "-" + lookup(remainder, false, ordinal)
                } else if ordinal {
                    words = String(words.dropLast()) + "ieth"
                }
            } else if num < 1000 {
                let hundreds = Int(num / 100)
                let remainder = num.truncatingRemainder(dividingBy: 100)
                words = (previous ? ", " : "") + few[hundreds] + " Hundred"
                if remainder > 0 {
                    words += lookup(remainder, true, ordinal)
                } else if ordinal {
                    words += "th"
                }
            } else {
                var magnitude = Int(Foundation.floor(Foundation.log10(num) / 3))
                if magnitude > magnitudes.count { magnitude = magnitudes.count }
                let factor = Foundation.pow(10, Double(magnitude * 3))
                let mantissa = Foundation.floor(num / factor)
                let remainder = num - mantissa * factor
                words = (previous ? ", " : "") + lookup(mantissa, false, false) + " " + magnitudes[magnitude - 1]
                if remainder > 0 {
                    words += lookup(remainder, true, ordinal)
                } else if ordinal {
                    words += "th"
                }
            }
            return words
        }
        return lookup(value, false, ordinal)
    }

    static let wordValues: [String: Double] = {
        var table: [String: Double] = [:]
        for (i, word) in few.enumerated() { table[word.lowercased()] = Double(i) }
        for (i, word) in ordinals.enumerated() { table[word.lowercased()] = Double(i) }
        for (i, word) in decades.enumerated() {
            let lower = word.lowercased()
            table[lower] = Double((i + 2) * 10)
            table[String(lower.dropLast()) + "ieth"] = Double((i + 2) * 10)
        }
        table["hundredth"] = 100
        for (i, word) in magnitudes.enumerated() {
            let lower = word.lowercased()
            let value = Foundation.pow(10, Double((i + 1) * 3))
            table[lower] = value
            table[lower + "th"] = value
        }
        return table
    }()

    /// The regular expression text matching this picture's output, for date parsing.
    var pattern: String {
        switch primary {
        case .letters: return letterCase == .upper ? "[A-Z]+" : "[a-z]+"
        case .roman: return letterCase == .upper ? "[MDCLXVI]+" : "[mdclxvi]+"
        case .words:
            let words = IntegerPicture.wordValues.keys.sorted { $0.count > $1.count }
            return "(?:" + (words + ["and", "[\\-, ]"]).joined(separator: "|") + ")+"
        case .decimal, .sequence:
            return "[0-9]+" + (isOrdinal ? "(?:th|st|nd|rd)" : "")
        }
    }

    func parse(_ text: String) throws(JSONataError) -> Double? {
        switch primary {
        case .letters:
            let a: UInt32 = letterCase == .upper ? 65 : 97
            var result = 0.0
            for (i, scalar) in text.unicodeScalars.reversed().enumerated() {
                result += Double(Int(scalar.value) - Int(a) + 1) * Foundation.pow(26, Double(i))
            }
            return result
        case .roman:
            let values: [Character: Double] = ["M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1]
            var result = 0.0
            var maximum = 1.0
            for c in text.uppercased().reversed() {
                guard let value = values[c] else { return nil }
                if value < maximum {
                    result -= value
                } else {
                    maximum = value
                    result += value
                }
            }
            return result
        case .words:
            return IntegerPicture.wordsToNumber(text.lowercased())
        case .decimal:
            var digits = text
            if isOrdinal { digits = String(digits.dropLast(2)) }
            if isRegular {
                digits = digits.replacingOccurrences(of: ",", with: "")
            } else {
                for separator in separators { digits = digits.replacingOccurrences(of: separator.character, with: "") }
            }
            if zeroCode != 0x30 {
                digits = String(String.UnicodeScalarView(digits.unicodeScalars.map {
                    Unicode.Scalar($0.value - zeroCode + 0x30) ?? $0
                }))
            }
            let leading = digits.prefix { $0.isASCII && $0.isNumber }
            return Double(leading)
        case .sequence:
            throw JSONataError("D3130", value: .string(token))
        }
    }

    static func wordsToNumber(_ text: String) -> Double? {
        let regex = try? NSRegularExpression(pattern: ",\\s|\\sand\\s|[\\s\\\\-]")
        let ns = text as NSString
        var parts: [String] = []
        var start = 0
        for match in regex?.matches(in: text, range: NSRange(location: 0, length: ns.length)) ?? [] {
            parts.append(ns.substring(with: NSRange(location: start, length: match.range.location - start)))
            start = match.range.location + match.range.length
        }
        parts.append(ns.substring(from: start))
        var segments: [Double] = [0]
        for part in parts {
            guard let value = wordValues[part] else { return nil }
            if value < 100 {
                var top = segments.removeLast()
                if top >= 1000 {
                    segments.append(top)
                    top = 0
                }
                segments.append(top + value)
            } else {
                segments.append(segments.removeLast() * value)
            }
        }
        return segments.reduce(0, +)
    }
}
