/// Runs a regular expression over one string the way the reference implementation's matcher closures do.
struct RegexMatcher {
    let regex: RegexLiteral
    let text: String
    private let units: [UInt16]
    /// What the searches of this text have found to fail, shared by all of them.
    private let visits: RegexVisits
    /// Called every 1,024 matcher steps; throws to stop (the evaluation's deadline and cancellation).
    let interrupt: () throws(JSONataError) -> Void

    init(regex: RegexLiteral, text: String, interrupt: @escaping () throws(JSONataError) -> Void) {
        self.regex = regex
        self.text = text
        self.units = Array(text.utf16)
        self.visits = RegexVisits(program: regex.program, textLength: units.count)
        self.interrupt = interrupt
    }

    var length: Int { units.count }

    func match(from offset: Int) throws(JSONataError) -> RegexMatch? {
        guard let slots = try regex.program.firstMatch(in: units, from: offset, visits: visits, interrupt: interrupt) else { return nil }
        func substring(_ start: Int, _ end: Int) -> String {
            String(decoding: units[start..<end], as: UTF16.self)
        }
        var groups: [String] = []
        for group in 0..<regex.program.groupCount {
            let start = slots[2 * group + 2], end = slots[2 * group + 3]
            groups.append(start >= 0 && end >= start ? substring(start, end) : "")
        }
        return RegexMatch(match: substring(slots[0], slots[1]), start: slots[0], end: slots[1], groups: groups)
    }

    /// Every match in order; an empty match after the first raises D1004.
    func allMatches(limit: Int?) throws(JSONataError) -> [RegexMatch] {
        var results: [RegexMatch] = []
        guard var current = try match(from: 0) else { return [] }
        while limit.map({ results.count < $0 }) ?? true {
            results.append(current)
            guard current.end < length, let next = try match(from: current.end) else { break }
            if next.match.isEmpty {
                throw JSONataError("D1004", value: .string(regex.source))
            }
            current = next
        }
        return results
    }
}
