import Foundation

/// A light scan of a JSONata expression's text for the workflow variables it reads and the
/// `$states` members it uses, skipping string literals and comments.
///
/// Conservative by design: a `$name` that is called (`$name(`), bound inside the expression
/// (`$name :=`, a lambda parameter) or one of JSONata's or Step Functions' functions is not a
/// variable read.
struct JSONataScan {
    /// Workflow variables the expression reads.
    private(set) var variables: [String] = []
    /// Members of `$states` it reads (`input`, `result`, `errorOutput`, `context`).
    private(set) var statesMembers: Set<String> = []

    init(_ text: String) {
        let s = Array(text.unicodeScalars)
        var tokens: [(name: String, end: Int)] = []
        var bound: Set<String> = []
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "'" || c == "\"" || c == "`" {
                i += 1
                while i < s.count, s[i] != c { i += s[i] == "\\" ? 2 : 1 }
                i += 1
                continue
            }
            if c == "/", i + 1 < s.count, s[i + 1] == "*" {
                i += 2
                while i + 1 < s.count, !(s[i] == "*" && s[i + 1] == "/") { i += 1 }
                i += 2
                continue
            }
            if c == "$", i + 1 < s.count, s[i + 1] == "$" {
                // `$$` is the input's root, not a variable.
                i += 2
                continue
            }
            if c == "$", i + 1 < s.count, JSONataScan.isNameStart(s[i + 1]) {
                var j = i + 1
                while j < s.count, JSONataScan.isNamePart(s[j]) { j += 1 }
                tokens.append((String(String.UnicodeScalarView(s[(i + 1)..<j])), j))
                i = j
                continue
            }
            i += 1
        }
        func next(after end: Int) -> (Unicode.Scalar?, Int) {
            var k = end
            while k < s.count, s[k].properties.isWhitespace { k += 1 }
            return (k < s.count ? s[k] : nil, k)
        }
        // Names bound by `:=` or as lambda parameters are local to the expression.
        let hasLambda = text.contains("function") || text.contains("λ")
        for token in tokens {
            let (following, k) = next(after: token.end)
            if following == ":", k + 1 < s.count, s[k + 1] == "=" { bound.insert(token.name) }
        }
        if hasLambda {
            for token in tokens where JSONataScan.isLambdaParameter(token.name, in: text) { bound.insert(token.name) }
        }
        for token in tokens {
            let (following, k) = next(after: token.end)
            if token.name == "states" {
                if following == ".", case let (member?, _) = JSONataScan.memberName(s, from: k + 1) {
                    statesMembers.insert(member)
                }
                continue
            }
            if following == "(" || bound.contains(token.name) || JSONataScan.functionNames.contains(token.name) {
                continue
            }
            if !variables.contains(token.name) { variables.append(token.name) }
        }
    }

    private static func memberName(_ s: [Unicode.Scalar], from start: Int) -> (String?, Int) {
        var k = start
        while k < s.count, s[k].properties.isWhitespace { k += 1 }
        let begin = k
        while k < s.count, isNamePart(s[k]) { k += 1 }
        return (k > begin ? String(String.UnicodeScalarView(s[begin..<k])) : nil, k)
    }

    /// Whether `$name` appears in the parameter list of a `function(…)` or `λ(…)`.
    private static func isLambdaParameter(_ name: String, in text: String) -> Bool {
        for keyword in ["function", "λ"] {
            var rest = Substring(text)
            while let range = rest.range(of: keyword) {
                rest = rest[range.upperBound...]
                let trimmed = rest.drop { $0.isWhitespace }
                guard trimmed.first == "(", let close = trimmed.firstIndex(of: ")") else { continue }
                let parameters = trimmed[trimmed.startIndex..<close]
                if parameters.components(separatedBy: CharacterSet(charactersIn: "(), \t\n<>:"))
                    .contains("$" + name)
                {
                    return true
                }
            }
        }
        return false
    }

    static func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
    static func isNamePart(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || ("0"..."9").contains(c) }

    /// JSONata's functions and Step Functions' additions, which can be passed as values (`$map(a, $string)`).
    static let functionNames: Set<String> = [
        "sum", "count", "max", "min", "average", "string", "substring", "substringBefore", "substringAfter",
        "lowercase", "uppercase", "length", "trim", "pad", "contains", "split", "join", "match", "replace", "eval",
        "base64encode", "base64decode", "encodeUrlComponent", "encodeUrl", "decodeUrlComponent", "decodeUrl",
        "formatNumber", "formatBase", "formatInteger", "parseInteger", "number", "abs", "floor", "ceil", "round",
        "power", "sqrt", "random", "millis", "now", "toMillis", "fromMillis", "boolean", "not", "exists", "append",
        "reverse", "shuffle", "distinct", "sort", "zip", "keys", "lookup", "spread", "merge", "sift", "each", "error",
        "assert", "type", "map", "filter", "single", "reduce", "clone", "partition", "range", "hash", "uuid", "parse",
    ]
}
