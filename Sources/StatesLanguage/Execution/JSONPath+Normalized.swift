extension JSONPath {
    /// The path in the bracket form AWS prints in errors: `$.a.b[0]` → `$['a']['b'][0]`.
    ///
    /// Paths with wildcards, filters or slices are printed as written.
    var normalizedDescription: String {
        let text = description
        guard text.hasPrefix("$"), !text.hasPrefix("$$") else { return text }
        var output = "$"
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == "." {
                let start = text.index(after: index)
                var end = start
                while end < text.endIndex, text[end] != ".", text[end] != "[" { end = text.index(after: end) }
                let name = text[start..<end]
                if name.isEmpty || name == "*" { return text }
                output += "['\(name)']"
                index = end
            } else if character == "[" {
                guard let close = text[index...].firstIndex(of: "]") else { return text }
                let inner = text[text.index(after: index)..<close]
                if let number = Int(inner) {
                    output += "[\(number)]"
                } else if inner.count >= 2, let quote = inner.first, quote == "'" || quote == "\"", inner.last == quote {
                    output += "['\(inner.dropFirst().dropLast())']"
                } else {
                    return text
                }
                index = text.index(after: close)
            } else {
                return text
            }
        }
        return output
    }
}
