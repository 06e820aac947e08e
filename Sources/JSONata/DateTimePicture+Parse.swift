import Foundation

extension DateTimePicture {
    private struct Matcher {
        var pattern: String
        var component: Character?
        var parse: (String) throws(JSONataError) -> Double?
    }

    private func matchers() throws(JSONataError) -> [Matcher] {
        var result: [Matcher] = []
        for (index, part) in parts.enumerated() {
            switch part {
            case .literal(let text):
                result.append(Matcher(pattern: NSRegularExpression.escapedPattern(for: text), component: nil) { _ in nil })
            case .marker(let marker):
                let component = marker.component
                if component == "Z" || component == "z" {
                    var separator: String? = nil
                    if let format = marker.integerFormat, format.isRegular { separator = format.separators.first?.character }
                    var pattern = component == "z" ? "GMT" : ""
                    pattern += "[-+][0-9]+"
                    if let separator { pattern += NSRegularExpression.escapedPattern(for: separator) + "[0-9]+" }
                    result.append(Matcher(pattern: pattern, component: component) { (text: String) throws(JSONataError) -> Double? in
                        var value = text
                        if component == "z" { value = String(value.dropFirst(3)) }
                        var hours = 0, minutes = 0
                        if let separator, let range = value.range(of: separator) {
                            hours = Int(value[..<range.lowerBound]) ?? 0
                            minutes = Int(value[range.upperBound...]) ?? 0
                        } else if value.count - 1 <= 2 {
                            hours = Int(value) ?? 0
                        } else {
                            hours = Int(value.prefix(3)) ?? 0
                            minutes = Int(value.dropFirst(3)) ?? 0
                        }
                        return Double(hours * 60 + minutes)
                    })
                } else if let format = marker.integerFormat {
                    var pattern = format.pattern
                    // adjacent numeric markers (`[Y0001][M01]`) can only be told apart by their widths
                    if format.primary == .decimal, format.mandatoryDigits > 0, index + 1 < parts.count,
                       case .marker = parts[index + 1] {
                        pattern = "[0-9]{\(format.mandatoryDigits)}"
                    }
                    result.append(Matcher(pattern: pattern, component: component) { (text: String) throws(JSONataError) -> Double? in
                        if component == "f" {
                            // fractional seconds: the digits are a decimal fraction of a second
                            return Double("0." + text).map { Foundation.floor($0 * 1000) }
                        }
                        return try format.parse(text)
                    })
                } else {
                    var lookup: [String: Double] = [:]
                    if component == "M" || component == "x" {
                        for (i, name) in DateTimePicture.monthNames.enumerated() {
                            lookup[marker.widthMax.map { String(name.prefix($0)) } ?? name] = Double(i + 1)
                        }
                    } else if component == "F" {
                        for (i, name) in DateTimePicture.dayNames.enumerated() where i > 0 {
                            lookup[marker.widthMax.map { String(name.prefix($0)) } ?? name] = Double(i)
                        }
                    } else if component == "P" {
                        lookup = ["am": 0, "AM": 0, "pm": 1, "PM": 1]
                    } else {
                        throw JSONataError("D3133", value: .string(String(component)))
                    }
                    result.append(Matcher(pattern: "[a-zA-Z]+", component: component) { text in lookup[text] })
                }
            }
        }
        return result
    }

    /// Parses `text` against the picture, filling unspecified components as the reference does.
    func parse(_ text: String, now: Double) throws(JSONataError) -> Double? {
        let parts = try matchers()
        let pattern = "^" + parts.map { "(" + $0.pattern + ")" }.joined() + "$"
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else {
            throw JSONataError("D3130", message: "Cannot build a parser for the picture string")
        }
        let ns = text as NSString
        guard let match = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else {
            return nil
        }
        var components: [Character: Double] = [:]
        for (i, part) in parts.enumerated() {
            guard let component = part.component else { continue }
            let range = match.range(at: i + 1)
            guard range.location != NSNotFound else { continue }
            if let value = try? part.parse(ns.substring(with: range)) { components[component] = value }
        }
        if components.isEmpty { return nil }

        func mask(_ order: String) -> Int {
            var result = 0
            for part in order {
                result <<= 1
                if let value = components[part], value != 0 || true { result += 1 }
            }
            return result
        }
        func isType(_ type: Int, _ mask: Int) -> Bool { (~type & mask) == 0 && (type & mask) != 0 }
        let dateMask = mask("YXMxWwdD")
        let dateA = isType(161, dateMask)
        let dateB = !dateA && isType(130, dateMask)
        let dateC = isType(84, dateMask)
        let dateD = !dateC && isType(72, dateMask)
        let timeMask = mask("PHhmsf")
        let timeA = isType(23, timeMask)
        let timeB = !timeA && isType(47, timeMask)

        let dateComponents = dateB ? "YD" : dateC ? "XxwF" : dateD ? "XWF" : "YMD"
        let timeComponents = timeB ? "Phmsf" : "Hmsf"
        let nowFields = CivilTime.fields(now)
        var startSpecified = false
        var endSpecified = false
        for part in dateComponents + timeComponents {
            if components[part] == nil {
                if startSpecified {
                    components[part] = "MDd".contains(part) ? 1 : 0
                    endSpecified = true
                } else if case .number(let value)? = DateTimePicture.fragment(nowFields, part) {
                    components[part] = value
                } else if part == "P" {
                    components[part] = nowFields.hour >= 12 ? 1 : 0
                }
            } else {
                startSpecified = true
                if endSpecified {
                    throw JSONataError("D3136", message: "The date/time picture string is missing specifiers required to parse the timestamp")
                }
            }
        }
        var month = Int(components["M"] ?? 0)
        month = month > 0 ? month - 1 : 0
        var day = Int(components["D"] ?? 1)
        if dateB {
            let derived = CivilTime.fields(CivilTime.utc(Int(components["Y"] ?? 1970), 0)
                + ((components["d"] ?? 1) - 1) * CivilTime.dayMillis)
            month = derived.month - 1
            day = derived.day
        }
        if dateC || dateD {
            throw JSONataError("D3136", message: "Parsing week-based dates is not supported")
        }
        var hour = Int(components["H"] ?? 0)
        if timeB {
            let h = Int(components["h"] ?? 0)
            hour = h == 12 ? 0 : h
            if components["P"] == 1 { hour += 12 }
        }
        var millis = CivilTime.utc(Int(components["Y"] ?? 1970), month, day, hour, Int(components["m"] ?? 0),
                                   Int(components["s"] ?? 0), Int(components["f"] ?? 0))
        if let offset = components["Z"] ?? components["z"], offset != 0 {
            millis -= offset * 60_000
        }
        return millis
    }
}
