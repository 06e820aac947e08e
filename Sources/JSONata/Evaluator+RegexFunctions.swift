import Foundation

/// `$match`, `$contains`, `$replace` and `$split`.
extension Evaluator {
    private func matches(_ matcher: FunctionValue, _ text: String, limit: Int?) throws(JSONataError) -> [RegexMatch] {
        if case .regex(let regex) = matcher.kind {
            let matcher = RegexMatcher(regex: regex, text: text) { [unowned self] () throws(JSONataError) in
                try self.checkTime()
            }
            return try matcher.allMatches(limit: limit)
        }
        // a custom matcher function returning {match, start, end, groups, next}
        var results: [RegexMatch] = []
        var current = try call(matcher, [.string(text)])
        while let value = current, limit.map({ results.count < $0 }) ?? true {
            results.append(try Evaluator.decodeMatch(value))
            guard case .object(let object) = value, case .function(let next)? = object["next"] else { break }
            current = try call(next, [])
        }
        return results
    }

    private static func decodeMatch(_ value: JSONataValue) throws(JSONataError) -> RegexMatch {
        guard case .object(let object) = value, case .string(let match)? = object["match"],
              case .number(let start)? = object["start"], case .number(let end)? = object["end"],
              case .array(let groups)? = object["groups"]
        else { throw JSONataError("T1010") }
        return RegexMatch(match: match, start: start.saturatingInt, end: end.saturatingInt, groups: groups.items.compactMap(\.stringValue))
    }

    private static func limitArgument(_ value: JSONataValue?, code: String) throws(JSONataError) -> Int? {
        guard case .number(let n)? = value else { return nil }
        if n < 0 { throw JSONataError(code, value: value) }
        return n.saturatingInt
    }

    func regexFunction(_ builtin: Builtin, _ args: [JSONataValue?]) throws(JSONataError) -> JSONataValue? {
        func arg(_ i: Int) -> JSONataValue? { i < args.count ? args[i] : nil }
        guard case .string(let str)? = arg(0) else { return nil }
        let nsString = str as NSString
        switch builtin {
        case .contains:
            switch arg(1) {
            case .string(let token)?: return .bool(token.isEmpty || str.range(of: token, options: .literal) != nil)
            case .function(let matcher)?: return .bool(!(try matches(matcher, str, limit: 1)).isEmpty)
            default: return nil
            }
        case .match:
            let limit = try Evaluator.limitArgument(arg(2), code: "D3040")
            guard let matcher = arg(1)?.functionValue else { return nil }
            if limit == 0 { return .array(ValueArray.sequence()) }
            var result = ValueArray.sequence()
            for m in try matches(matcher, str, limit: limit) {
                try allocate(1 + m.groups.count)
                try allocate(objects: 1, members: 3)
                let object = ValueObject()
                object["match"] = .string(m.match)
                object["index"] = .number(Double(m.start))
                object["groups"] = .array(ValueArray(m.groups.map { .string($0) }))
                result.append(.object(object))
            }
            return .array(result)
        case .split:
            let limit = try Evaluator.limitArgument(arg(2), code: "D3020")
            var parts: [String] = []
            if limit == 0 { return .array(ValueArray()) }
            switch arg(1) {
            case .string(let separator)?:
                if separator.isEmpty {
                    for unit in str.utf16 { parts.append(String(decoding: [unit], as: UTF16.self)) }
                } else {
                    parts = str.components(separatedBy: separator)
                }
                if let limit, parts.count > limit { parts = Array(parts.prefix(limit)) }
            case .function(let matcher)?:
                let found = try matches(matcher, str, limit: limit)
                var start = 0
                for m in found {
                    parts.append(nsString.substring(with: NSRange(location: start, length: Swift.max(m.start - start, 0))))
                    start = m.end
                }
                if limit.map({ found.count < $0 }) ?? true {
                    parts.append(nsString.substring(from: Swift.min(start, nsString.length)))
                }
            default: return nil
            }
            try allocate(parts.count)
            return .array(ValueArray(parts.map { .string($0) }))
        case .replace:
            guard let pattern = arg(1) else { return nil }
            if case .string(let p) = pattern, p.isEmpty {
                throw JSONataError("D3010", value: pattern)
            }
            let limit = try Evaluator.limitArgument(arg(3), code: "D3011")
            if limit == 0 { return .string(str) }
            let replacement = arg(2)
            if case .string(let p) = pattern {
                let text = replacement?.stringValue ?? ""
                var result = ""
                var count = 0
                var rest = Substring(str)
                while limit.map({ count < $0 }) ?? true, let range = rest.range(of: p, options: .literal) {
                    result += rest[..<range.lowerBound] + text
                    rest = rest[range.upperBound...]
                    count += 1
                }
                return .string(result + rest)
            }
            guard case .function(let matcher) = pattern else { return nil }
            let found = try matches(matcher, str, limit: limit)
            if found.isEmpty { return .string(str) }
            var result = ""
            var position = 0
            for m in found {
                result += nsString.substring(with: NSRange(location: position, length: Swift.max(m.start - position, 0)))
                switch replacement {
                case .string(let template)?:
                    result += Evaluator.substitute(template, m)
                case .function(let function)?:
                    let value = try call(function, [m.value(matcher: nil)])
                    guard case .string(let text)? = value else { throw JSONataError("D3012", value: value) }
                    result += text
                default:
                    break
                }
                position = m.start + (m.match as NSString).length
            }
            result += nsString.substring(from: Swift.min(position, nsString.length))
            return .string(result)
        default:
            return nil
        }
    }

    /// Expands `$0`, `$n` and `$$` in a replacement string.
    static func substitute(_ template: String, _ m: RegexMatch) -> String {
        let chars = Array(template.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c == "$", i + 1 < chars.count else {
                out.append(c)
                i += 1
                continue
            }
            let next = chars[i + 1]
            if next == "$" {
                out.append("$")
                i += 2
            } else if next == "0" {
                out.append(contentsOf: m.match.unicodeScalars)
                i += 2
            } else {
                let maxDigits = m.groups.isEmpty ? 1 : Int(Foundation.log10(Double(m.groups.count))) + 1
                func parse(_ count: Int) -> Int? {
                    var digits = ""
                    var j = i + 1
                    while j < chars.count, digits.count < count, ("0"..."9").contains(chars[j]) {
                        digits.unicodeScalars.append(chars[j])
                        j += 1
                    }
                    return Int(digits)
                }
                var index = parse(maxDigits)
                if maxDigits > 1, let n = index, n > m.groups.count { index = parse(maxDigits - 1) }
                if let index {
                    if !m.groups.isEmpty, index >= 1, index <= m.groups.count {
                        out.append(contentsOf: m.groups[index - 1].unicodeScalars)
                    }
                    i += 1 + String(index).count
                } else {
                    out.append("$")
                    i += 1
                }
            }
        }
        return String(out)
    }
}
