/// "Did you mean …?" for mistyped names: options and commands of `sfnrun`, fields of mocked results.
package enum Suggestion {
    /// The candidate closest to `text`, if it is close enough to be a likely typo.
    ///
    /// Close enough: at most a third of the word's length in edits (at least 1, at most 3),
    /// or `text` is an unambiguous prefix of the candidate.
    package static func closest(to text: String, among candidates: [String]) -> String? {
        let prefixed = candidates.filter { $0.hasPrefix(text) && !text.isEmpty }
        if prefixed.count == 1 { return prefixed[0] }
        let limit = min(3, max(1, text.count / 3))
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let distance = editDistance(text, candidate)
            if distance <= limit, best == nil || distance < best!.distance { best = (distance, candidate) }
        }
        return best?.candidate
    }

    /// The Damerau–Levenshtein distance (with adjacent transpositions) between two strings.
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { table[i][0] = i }
        for j in 0...y.count { table[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[x.count][y.count]
    }
}
