import Foundation

/// An XPath date/time picture string such as `[Y0001]-[M01]-[D01]`, used by
/// `$fromMillis`, `$toMillis` and `$now`.
struct DateTimePicture {
    struct Marker {
        var component: Character
        var presentation1 = ""
        var presentation2: Character? = nil
        var names: IntegerPicture.Case? = nil
        var integerFormat: IntegerPicture? = nil
        var widthMin: Int? = nil
        var widthMax: Int? = nil
        var yearDigits = -1
    }

    enum Part {
        case literal(String)
        case marker(Marker)
    }

    var parts: [Part] = []

    static let defaultPresentation: [Character: String] = [
        "Y": "1", "M": "1", "D": "1", "d": "1", "F": "n", "W": "1", "w": "1", "X": "1", "x": "1", "H": "1",
        "h": "1", "P": "n", "m": "01", "s": "01", "f": "1", "Z": "01:01", "z": "01:01", "C": "n", "E": "n",
    ]
    static let iso8601 = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

    init(_ picture: String) throws(JSONataError) {
        let chars = Array(picture)
        var start = 0
        var pos = 0
        func addLiteral(_ from: Int, _ to: Int) {
            guard to > from else { return }
            parts.append(.literal(String(chars[from..<to]).replacingOccurrences(of: "]]", with: "]")))
        }
        while pos < chars.count {
            if chars[pos] == "[" {
                if pos + 1 < chars.count, chars[pos + 1] == "[" {
                    addLiteral(start, pos)
                    parts.append(.literal("["))
                    pos += 2
                    start = pos
                    continue
                }
                addLiteral(start, pos)
                start = pos
                guard let close = chars[start...].firstIndex(of: "]") else {
                    throw JSONataError("D3135", message: "No matching closing bracket ']' in date/time picture string")
                }
                pos = close
                let marker = String(chars[(start + 1)..<pos].filter { !$0.isWhitespace })
                parts.append(.marker(try DateTimePicture.analyse(marker)))
                start = pos + 1
            }
            pos += 1
        }
        addLiteral(start, pos)
    }

    /// The widest a picture component may ask to be (`[Y,1000]`); more raises `U1002`.
    static let maximumWidth = 1_000

    private static func analyse(_ marker: String) throws(JSONataError) -> Marker {
        guard let component = marker.first else { throw JSONataError("D3132", value: .string("")) }
        var def = Marker(component: component)
        var presentation: String
        if let comma = marker.lastIndex(of: ",") {
            let width = String(marker[marker.index(after: comma)...])
            func parseWidth(_ text: String?) throws(JSONataError) -> Int? {
                guard let text, text != "*" else { return nil }
                let digits = text.prefix { $0.isASCII && $0.isNumber }
                guard !digits.isEmpty else { return nil }
                // Widths pad the output: a huge one would take gigabytes.
                guard digits.count <= 5, let value = Int(digits), value <= DateTimePicture.maximumWidth else {
                    throw JSONataError(
                        "U1002", message: "A width of \(digits) in a date/time picture is over the limit of \(DateTimePicture.maximumWidth)")
                }
                return value
            }
            if let dash = width.firstIndex(of: "-") {
                def.widthMin = try parseWidth(String(width[..<dash]))
                def.widthMax = try parseWidth(String(width[width.index(after: dash)...]))
            } else {
                def.widthMin = try parseWidth(width)
            }
            // the component letter comes first; a marker that starts with the comma (`[,2]`) has none after it
            let afterComponent = marker.index(after: marker.startIndex)
            presentation = afterComponent < comma ? String(marker[afterComponent..<comma]) : ""
        } else {
            presentation = String(marker.dropFirst())
        }
        if presentation.count == 1 {
            def.presentation1 = presentation
        } else if presentation.count > 1 {
            let last = presentation.last!
            if "atco".contains(last) {
                def.presentation2 = last
                def.presentation1 = String(presentation.dropLast())
            } else {
                def.presentation1 = presentation
            }
        } else if let fallback = defaultPresentation[component] {
            def.presentation1 = fallback
        } else {
            throw JSONataError("D3132", value: .string(String(component)),
                               message: "Unknown component specifier \(component) in date/time picture string")
        }
        if def.presentation1.first == "n" {
            def.names = .lower
        } else if def.presentation1.first == "N" {
            def.names = def.presentation1.dropFirst().first == "n" ? .title : .upper
        } else if "YMDdFWwXxHhmsf".contains(component) {
            var integerPattern = def.presentation1
            if let p2 = def.presentation2 { integerPattern += ";" + String(p2) }
            var format = try IntegerPicture(integerPattern)
            if let minimum = def.widthMin, format.mandatoryDigits < minimum { format.mandatoryDigits = minimum }
            if component == "Y" {
                if let maximum = def.widthMax {
                    def.yearDigits = maximum
                    format.mandatoryDigits = maximum
                } else {
                    let width = format.mandatoryDigits + format.optionalDigits
                    if width >= 2 { def.yearDigits = width }
                }
            }
            def.integerFormat = format
        }
        if component == "Z" || component == "z" {
            def.integerFormat = try IntegerPicture(def.presentation1)
        }
        return def
    }
}
