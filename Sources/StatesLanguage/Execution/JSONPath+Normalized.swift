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

    /// Why this path selects nothing in `root`, in the words of the Jayway JsonPath library AWS uses:
    /// a key missing before the last segment of a definite `$` path is
    /// `Missing property in path $['a']['b']` (the path up to the missing key); anything else is
    /// `No results for path: $['a']['b']['c']`.
    func noResultsMessage(in root: JSONValue) -> String {
        if isSimple, !isContextPath, variable == nil {
            var current = root
            var prefix = "$"
            for (position, segment) in segments.enumerated() {
                switch segment {
                case .name(let key):
                    prefix += "['\(key)']"
                    guard case .object(let object) = current else { break }
                    if let child = object[key] {
                        current = child
                        continue
                    }
                    if position < segments.count - 1 { return "Missing property in path \(prefix)" }
                case .index(let index):
                    prefix += "[\(index)]"
                    guard case .array(let array) = current else { break }
                    let resolved = index < 0 ? array.count + index : index
                    if array.indices.contains(resolved) {
                        current = array[resolved]
                        continue
                    }
                default: break
                }
                break
            }
        }
        return "No results for path: \(normalizedDescription)"
    }
}
