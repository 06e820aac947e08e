import Foundation

/// String functions.
extension Evaluator {
    func stringFunction(_ builtin: Builtin, _ args: [JSONataValue?]) throws(JSONataError) -> JSONataValue? {
        func arg(_ i: Int) -> JSONataValue? { i < args.count ? args[i] : nil }
        if builtin == .join {
            guard case .array(let array)? = arg(0) else { return nil }
            let separator = arg(1)?.stringValue ?? ""
            return .string(array.items.compactMap { $0.stringValue }.joined(separator: separator))
        }
        guard case .string(let str)? = arg(0) else { return nil }
        switch builtin {
        case .substring:
            let start = arg(1)?.numberValue ?? 0
            return .string(Evaluator.substring(str, start: start, length: arg(2)?.numberValue))
        case .substringBefore:
            let chars = arg(1)?.stringValue ?? ""
            if chars.isEmpty { return .string("") }
            guard let range = str.range(of: chars, options: .literal) else { return .string(str) }
            return .string(String(str[..<range.lowerBound]))
        case .substringAfter:
            let chars = arg(1)?.stringValue ?? ""
            if chars.isEmpty { return .string(str) }
            guard let range = str.range(of: chars, options: .literal) else { return .string(str) }
            return .string(String(str[range.upperBound...]))
        case .lowercase: return .string(str.lowercased())
        case .uppercase: return .string(str.uppercased())
        case .length: return .number(Double(str.unicodeScalars.count))
        case .trim:
            var result = ""
            var pendingSpace = false
            for scalar in str.unicodeScalars {
                if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                    pendingSpace = true
                } else {
                    if pendingSpace && !result.isEmpty { result += " " }
                    pendingSpace = false
                    result.unicodeScalars.append(scalar)
                }
            }
            return .string(result)
        case .pad:
            guard let width = arg(1)?.numberValue else { return .string(str) }
            var padChar = arg(2)?.stringValue ?? " "
            if padChar.isEmpty { padChar = " " }
            let padLength = Int(Swift.abs(width)) - str.unicodeScalars.count
            guard padLength > 0 else { return .string(str) }
            var padding = String(repeating: padChar, count: padLength)
            padding = String(String.UnicodeScalarView(padding.unicodeScalars.prefix(padLength)))
            return .string(width > 0 ? str + padding : padding + str)
        case .base64encode:
            return .string(Data(str.utf8).base64EncodedString())
        case .base64decode:
            guard let data = Data(base64Encoded: Evaluator.paddedBase64(str)) else { return .string("") }
            return .string(String(decoding: data, as: UTF8.self))
        case .encodeUrlComponent, .encodeUrl:
            return .string(try URLCoding.encode(str, keepingReserved: builtin == .encodeUrl))
        case .decodeUrlComponent, .decodeUrl:
            guard let decoded = URLCoding.decode(str, keepingReserved: builtin == .decodeUrl) else {
                let name = builtin == .decodeUrl ? "$decodeUrl" : "$decodeUrlComponent"
                throw JSONataError("D3140", value: .string(str),
                                   message: "Malformed URL passed to \(name)(): \"\(str)\"")
            }
            return .string(decoded)
        default:
            return nil
        }
    }

    static func paddedBase64(_ text: String) -> String {
        let trimmed = text.filter { !$0.isWhitespace }
        let remainder = trimmed.count % 4
        return remainder == 0 ? trimmed : trimmed + String(repeating: "=", count: 4 - remainder)
    }

    /// `$substring` over Unicode code points, with JavaScript `slice` rules for negative positions.
    static func substring(_ str: String, start startValue: Double, length: Double?) -> String {
        let scalars = Array(str.unicodeScalars)
        let count = scalars.count
        var start = startValue.isFinite ? Int(startValue.rounded(.towardZero)) : (startValue < 0 ? -count : count)
        if count + start < 0 { start = 0 }
        func clamp(_ i: Int) -> Int { i < 0 ? Swift.max(count + i, 0) : Swift.min(i, count) }
        var end = count
        if let length {
            if length <= 0 { return "" }
            let len = length.isFinite ? Int(length.rounded(.towardZero)) : count
            end = start >= 0 ? start + len : count + start + len
        }
        let from = clamp(start), to = clamp(end)
        guard from < to else { return "" }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[from..<to])
        return String(result)
    }
}
