import Foundation

/// `$formatNumber`: XPath `format-number` with a decimal format given as an options object.
struct NumberPicture {
    struct Symbols {
        var decimalSeparator = "."
        var groupingSeparator = ","
        var exponentSeparator = "e"
        var minusSign = "-"
        var percent = "%"
        var perMille = "\u{2030}"
        var zeroDigit = "0"
        var digit = "#"
        var patternSeparator = ";"
    }

    struct Parts {
        var prefix = "", suffix = "", activePart = "", mantissaPart = "", integerPart = "", fractionalPart = ""
        var exponentPart: String? = nil
        var subpicture = ""
    }

    struct Analysis {
        var integerGroupingPositions: [Int] = []
        var regularGrouping = 0
        var minimumIntegerSize = 0
        var scalingFactor = 0
        var prefix = ""
        var fractionalGroupingPositions: [Int] = []
        var minimumFractionalSize = 0
        var maximumFractionalSize = 0
        var minimumExponentSize = 0
        var suffix = ""
        var picture = ""
    }

    let symbols: Symbols
    let digitFamily: [Character]
    let activeChars: Set<Character>

    init(symbols: Symbols) {
        self.symbols = symbols
        let zero = symbols.zeroDigit.unicodeScalars.first?.value ?? 0x30
        digitFamily = (0..<10).compactMap { Unicode.Scalar(zero + $0).map(Character.init) }
        var active = Set(digitFamily)
        for s in [symbols.decimalSeparator, symbols.exponentSeparator, symbols.groupingSeparator, symbols.digit,
                  symbols.patternSeparator] {
            if let c = s.first { active.insert(c) }
        }
        activeChars = active
    }

    private func isDigit(_ c: Character) -> Bool { digitFamily.contains(c) }
    private func char(_ s: String) -> Character { s.first ?? "\u{0}" }

    private func split(_ subpicture: String) -> Parts {
        let chars = Array(subpicture)
        let exponent = char(symbols.exponentSeparator)
        var prefixEnd = 0
        for (i, c) in chars.enumerated() where activeChars.contains(c) && c != exponent {
            prefixEnd = i
            break
        }
        var suffixStart = chars.count
        for i in stride(from: chars.count - 1, through: 0, by: -1) where activeChars.contains(chars[i]) && chars[i] != exponent {
            suffixStart = i + 1
            break
        }
        var parts = Parts()
        parts.subpicture = subpicture
        parts.prefix = String(chars[0..<prefixEnd])
        parts.suffix = String(chars[suffixStart...])
        parts.activePart = prefixEnd < suffixStart ? String(chars[prefixEnd..<suffixStart]) : ""
        let active = Array(parts.activePart)
        // the exponent separator is searched for in the whole sub-picture after the prefix
        var exponentPosition: Int? = nil
        for i in prefixEnd..<chars.count where chars[i] == exponent {
            exponentPosition = i
            break
        }
        if let position = exponentPosition, position <= chars.count - parts.suffix.count {
            let cut = Swift.min(position, active.count)
            parts.mantissaPart = String(active[0..<cut])
            parts.exponentPart = cut + 1 <= active.count ? String(active[(cut + 1)...]) : ""
        } else {
            parts.mantissaPart = parts.activePart
        }
        let mantissa = Array(parts.mantissaPart)
        if let decimal = mantissa.firstIndex(of: char(symbols.decimalSeparator)) {
            parts.integerPart = String(mantissa[..<decimal])
            parts.fractionalPart = String(mantissa[(decimal + 1)...])
        } else {
            parts.integerPart = parts.mantissaPart
            parts.fractionalPart = parts.suffix
        }
        return parts
    }

    private func validate(_ parts: Parts) throws(JSONataError) {
        var code: String? = nil
        let sub = Array(parts.subpicture)
        func count(_ s: String) -> Int { sub.filter { $0 == char(s) }.count }
        let decimal = char(symbols.decimalSeparator), grouping = char(symbols.groupingSeparator)
        if count(symbols.decimalSeparator) > 1 { code = "D3081" }
        if count(symbols.percent) > 1 { code = "D3082" }
        if count(symbols.perMille) > 1 { code = "D3083" }
        if count(symbols.percent) > 0 && count(symbols.perMille) > 0 { code = "D3084" }
        if !parts.mantissaPart.contains(where: { isDigit($0) || $0 == char(symbols.digit) }) { code = "D3085" }
        if parts.activePart.contains(where: { !activeChars.contains($0) }) { code = "D3086" }
        if let position = sub.firstIndex(of: decimal) {
            if (position > 0 && sub[position - 1] == grouping) || (position + 1 < sub.count && sub[position + 1] == grouping) {
                code = "D3087"
            }
        } else if parts.integerPart.last == grouping {
            code = "D3088"
        }
        if parts.subpicture.contains(symbols.groupingSeparator + symbols.groupingSeparator) { code = "D3089" }
        let integer = Array(parts.integerPart)
        if let optional = integer.firstIndex(of: char(symbols.digit)), integer[..<optional].contains(where: isDigit) {
            code = "D3090"
        }
        let fraction = Array(parts.fractionalPart)
        if let optional = fraction.lastIndex(of: char(symbols.digit)), fraction[optional...].contains(where: isDigit) {
            code = "D3091"
        }
        if let exponent = parts.exponentPart {
            if !exponent.isEmpty && (count(symbols.percent) > 0 || count(symbols.perMille) > 0) { code = "D3092" }
            if exponent.isEmpty || exponent.contains(where: { !isDigit($0) }) { code = "D3093" }
        }
        if let code { throw JSONataError(code) }
    }

    private func analyse(_ parts: Parts) -> Analysis {
        let digitChar = char(symbols.digit), grouping = char(symbols.groupingSeparator)
        func groupingPositions(_ part: String, toLeft: Bool) -> [Int] {
            let chars = Array(part)
            let integer = Array(parts.integerPart)
            var positions: [Int] = []
            var position = chars.firstIndex(of: grouping)
            while let p = position {
                let side = toLeft ? chars[..<p] : chars[p...]
                positions.append(side.filter { isDigit($0) || $0 == digitChar }.count)
                // as in the reference, the next separator is searched for in the integer part
                position = p + 1 < integer.count ? integer[(p + 1)...].firstIndex(of: grouping) : nil
            }
            return positions
        }
        var a = Analysis()
        a.integerGroupingPositions = groupingPositions(parts.integerPart, toLeft: false)
        a.regularGrouping = IntegerPicture.regularInterval(a.integerGroupingPositions.map {
            IntegerPicture.Separator(position: $0, character: symbols.groupingSeparator)
        })
        a.fractionalGroupingPositions = groupingPositions(parts.fractionalPart, toLeft: true)
        a.minimumIntegerSize = parts.integerPart.filter(isDigit).count
        a.scalingFactor = a.minimumIntegerSize
        a.minimumFractionalSize = parts.fractionalPart.filter(isDigit).count
        a.maximumFractionalSize = parts.fractionalPart.filter { isDigit($0) || $0 == digitChar }.count
        let exponentPresent = parts.exponentPart != nil
        if a.minimumIntegerSize == 0 && a.maximumFractionalSize == 0 {
            if exponentPresent {
                a.minimumFractionalSize = 1
                a.maximumFractionalSize = 1
            } else {
                a.minimumIntegerSize = 1
            }
        }
        if exponentPresent && a.minimumIntegerSize == 0 && parts.integerPart.contains(digitChar) {
            a.minimumIntegerSize = 1
        }
        if a.minimumIntegerSize == 0 && a.minimumFractionalSize == 0 { a.minimumFractionalSize = 1 }
        if let exponent = parts.exponentPart { a.minimumExponentSize = exponent.filter(isDigit).count }
        a.prefix = parts.prefix
        a.suffix = parts.suffix
        a.picture = parts.subpicture
        return a
    }

    func format(_ value: Double, picture: String) throws(JSONataError) -> String {
        let subPictures = picture.components(separatedBy: symbols.patternSeparator)
        if subPictures.count > 2 { throw JSONataError("D3080") }
        let parts = subPictures.map(split)
        for p in parts { try validate(p) }
        var variables = parts.map(analyse)
        if variables.count == 1 {
            var negative = variables[0]
            negative.prefix = symbols.minusSign + negative.prefix
            variables.append(negative)
        }
        let pic = value >= 0 ? variables[0] : variables[1]
        var adjusted = value
        if pic.picture.contains(symbols.percent) {
            adjusted = value * 100
        } else if pic.picture.contains(symbols.perMille) {
            adjusted = value * 1000
        }
        var mantissa = adjusted
        var exponent: Int? = nil
        if pic.minimumExponentSize != 0 {
            let maxMantissa = Foundation.pow(10, Double(pic.scalingFactor))
            let minMantissa = Foundation.pow(10, Double(pic.scalingFactor - 1))
            var e = 0
            let sign: Double = mantissa < 0 ? -1 : 1
            mantissa = Swift.abs(mantissa)
            if mantissa != 0 && mantissa.isFinite {
                while mantissa < minMantissa { mantissa *= 10; e -= 1 }
                while mantissa > maxMantissa { mantissa /= 10; e += 1 }
            }
            mantissa *= sign
            exponent = e
        }
        let rounded = Evaluator.round(mantissa, precision: Double(pic.maximumFractionalSize))
        let zero = char(symbols.zeroDigit)
        func makeString(_ v: Double, _ places: Int) -> String {
            let text = String(format: "%.\(places)f", Swift.abs(v))
            if symbols.zeroDigit == "0" { return text }
            return String(text.map { c -> Character in
                if let d = c.wholeNumberValue, c.isASCII { return digitFamily[d] }
                return c
            })
        }
        var chars = Array(makeString(rounded, pic.maximumFractionalSize))
        if let dot = chars.firstIndex(of: ".") {
            chars.replaceSubrange(dot...dot, with: Array(symbols.decimalSeparator))
        } else {
            chars += Array(symbols.decimalSeparator)
        }
        while chars.first == zero { chars.removeFirst() }
        while chars.last == zero { chars.removeLast() }
        let decimal = char(symbols.decimalSeparator)
        var decimalPos = chars.firstIndex(of: decimal) ?? chars.count
        let padLeft = pic.minimumIntegerSize - decimalPos
        let padRight = pic.minimumFractionalSize - (chars.count - decimalPos - 1)
        if padLeft > 0 { chars = Array(repeating: zero, count: padLeft) + chars }
        if padRight > 0 { chars += Array(repeating: zero, count: padRight) }
        decimalPos = chars.firstIndex(of: decimal) ?? chars.count
        let grouping = Array(symbols.groupingSeparator)
        if pic.regularGrouping > 0 {
            let groups = (decimalPos - 1) / pic.regularGrouping
            if groups >= 1 {
                for group in 1...groups {
                    let at = decimalPos - group * pic.regularGrouping
                    if at >= 0 { chars.insert(contentsOf: grouping, at: at) }
                }
            }
        } else {
            for position in pic.integerGroupingPositions {
                let at = decimalPos - position
                if at >= 0 && at <= chars.count {
                    chars.insert(contentsOf: grouping, at: at)
                    decimalPos += 1
                }
            }
        }
        decimalPos = chars.firstIndex(of: decimal) ?? chars.count
        for position in pic.fractionalGroupingPositions {
            let at = position + decimalPos + 1
            if at <= chars.count { chars.insert(contentsOf: grouping, at: at) }
        }
        decimalPos = chars.firstIndex(of: decimal) ?? chars.count
        if pic.minimumFractionalSize == 0 && decimalPos == chars.count - 1 { chars.removeLast() }
        var result = String(chars)
        if let exponent {
            var text = makeString(Double(exponent), 0)
            let pad = pic.minimumExponentSize - text.count
            if pad > 0 { text = String(repeating: symbols.zeroDigit, count: pad) + text }
            result += symbols.exponentSeparator + (exponent < 0 ? symbols.minusSign : "") + text
        }
        return pic.prefix + result + pic.suffix
    }
}
