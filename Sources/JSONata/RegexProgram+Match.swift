/// The matcher: backtracking in priority order (so captures are JavaScript's), with an explicit
/// stack and a record of visited states (``RegexVisits``). A state whose first visit failed fails
/// again, so it is not explored twice; with no backreference every search of a text, and all the
/// searches of one text together, are then bounded by states × positions steps, whatever the
/// nesting of quantifiers (`/(a+)+$/` and `/(a*)*b/` included).
extension RegexProgram {
    /// Mutable state of one search.
    struct Search {
        let text: [UInt16]
        let visits: RegexVisits
        var steps = 0
        let interrupt: () throws(JSONataError) -> Void
    }

    /// The first match starting at `offset` or later: the capture slots (UTF-16 offsets, -1 when unset).
    ///
    /// `visits` must have been made for this program and text; it carries what failed from one search
    /// to the next. `interrupt` is called every 1,024 steps; it throws to stop the search (deadline,
    /// cancellation).
    func firstMatch(
        in text: [UInt16], from offset: Int, visits: RegexVisits, interrupt: @escaping () throws(JSONataError) -> Void
    ) throws(JSONataError) -> [Int]? {
        guard offset <= text.count else { return nil }
        visits.prepare(from: offset)
        var search = Search(text: text, visits: visits, interrupt: interrupt)
        var slots = [Int](repeating: -1, count: slotCount)
        for start in offset...text.count {
            if let end = try run(&search, from: 0, at: start, slots: &slots, requiredEnd: nil) {
                visits.succeeded(at: end)
                return slots
            }
            for i in slots.indices { slots[i] = -1 }
        }
        return nil
    }

    /// The number of instruction `pc`'s state at position `p`: besides the two, what decides whether
    /// the rest of the pattern can match is only which loops around `pc` would fail their
    /// empty-iteration check here. Those are the innermost ones (their iterations began later), so
    /// their count says which.
    @inline(__always)
    func memoKey(_ pc: Int, _ p: Int, _ slots: [Int]) -> Int {
        var level = 0
        var register = enclosingRegister[pc]
        while register >= 0, slots[register] == p {
            level += 1
            register = outerRegister[register]
        }
        return (p * instructions.count + pc) * memoLevels + level
    }

    private enum Job {
        case branch(Int, Int)
        case restore(Int, Int)
    }

    /// Runs from instruction `pc` at `position` to a `match`; returns the end position, leaving the
    /// captures in `slots`, or `nil` (with `slots` as they were).
    private func run(_ search: inout Search, from pc: Int, at position: Int, slots: inout [Int], requiredEnd: Int?)
        throws(JSONataError) -> Int?
    {
        let text = search.text
        let count = text.count
        let memo = search.visits.isEnabled
        var stack: [Job] = [.branch(pc, position)]
        while let job = stack.popLast() {
            var pc: Int, p: Int
            switch job {
            case .restore(let slot, let value):
                slots[slot] = value
                continue
            case .branch(let a, let b):
                pc = a
                p = b
            }
            thread: while true {
                search.steps &+= 1
                if search.steps & 1023 == 0 { try search.interrupt() }
                if memo, memoizable[pc], !search.visits.firstVisit(memoKey(pc, p, slots)) { break thread }
                switch instructions[pc] {
                case .unit(let unit):
                    guard p < count, equal(text[p], unit) else { break thread }
                    p += 1
                    pc += 1
                case .any:
                    guard p < count, !RegexProgram.isLineTerminator(text[p]) else { break thread }
                    p += 1
                    pc += 1
                case .set(let index):
                    guard p < count, contains(sets[index], text[p]) else { break thread }
                    p += 1
                    pc += 1
                case .split(let first, let second):
                    stack.append(.branch(second, p))
                    pc = first
                case .jump(let target):
                    pc = target
                case .save(let slot), .mark(let slot):
                    stack.append(.restore(slot, slots[slot]))
                    slots[slot] = p
                    pc += 1
                case .clear(let range):
                    for slot in range where slots[slot] != -1 {
                        stack.append(.restore(slot, slots[slot]))
                        slots[slot] = -1
                    }
                    pc += 1
                case .progress(let register):
                    guard slots[register] != p else { break thread }
                    pc += 1
                case .assert(let assertion):
                    guard holds(assertion, text, p) else { break thread }
                    pc += 1
                case .look(let ahead, let negated, let next):
                    var inner = slots
                    var found = false
                    if ahead {
                        found = try run(&search, from: pc + 1, at: p, slots: &inner, requiredEnd: nil) != nil
                    } else {
                        var start = p
                        while start >= 0, !found {
                            found = try run(&search, from: pc + 1, at: start, slots: &inner, requiredEnd: p) != nil
                            start -= 1
                        }
                    }
                    guard found != negated else { break thread }
                    if found {
                        // a positive lookaround keeps its captures
                        for slot in 0..<slotCount where inner[slot] != slots[slot] {
                            stack.append(.restore(slot, slots[slot]))
                            slots[slot] = inner[slot]
                        }
                    }
                    pc = next
                case .backreference(let group):
                    let start = slots[2 * group], end = slots[2 * group + 1]
                    if start >= 0, end >= start {
                        let length = end - start
                        guard p + length <= count else { break thread }
                        for i in 0..<length where !equal(text[p + i], text[start + i]) { break thread }
                        p += length
                    }
                    pc += 1
                case .match:
                    if let requiredEnd, p != requiredEnd { break thread }
                    // restore nothing: the captures stay as the successful path left them
                    return p
                }
            }
        }
        return nil
    }

    private func equal(_ a: UInt16, _ b: UInt16) -> Bool {
        a == b || (ignoreCase && RegexProgram.canonical(a) == RegexProgram.canonical(b))
    }

    private func contains(_ set: RegexCharacterSet, _ unit: UInt16) -> Bool {
        if set.contains(unit) { return true }
        guard ignoreCase else { return false }
        let upper = RegexProgram.canonical(unit)
        if upper != unit, set.contains(upper) { return true }
        let lower = RegexProgram.lowercase(unit)
        return lower != unit && set.contains(lower)
    }

    private func holds(_ assertion: RegexAssertion, _ text: [UInt16], _ p: Int) -> Bool {
        switch assertion {
        case .start:
            return p == 0 || (multiline && RegexProgram.isLineTerminator(text[p - 1]))
        case .end:
            return p == text.count || (multiline && RegexProgram.isLineTerminator(text[p]))
        case .wordBoundary, .notWordBoundary:
            let before = p > 0 && RegexProgram.isWord(text[p - 1])
            let after = p < text.count && RegexProgram.isWord(text[p])
            return (before != after) == (assertion == .wordBoundary)
        }
    }

    static func isLineTerminator(_ unit: UInt16) -> Bool {
        unit == 0x0A || unit == 0x0D || unit == 0x2028 || unit == 0x2029
    }

    static func isWord(_ unit: UInt16) -> Bool {
        (0x30...0x39).contains(unit) || (0x41...0x5A).contains(unit) || (0x61...0x7A).contains(unit) || unit == 0x5F
    }

    /// JavaScript's case canonicalization without the `u` flag: the upper case of a code unit when
    /// that is a single code unit and does not turn a non-ASCII unit into an ASCII one.
    static func canonical(_ unit: UInt16) -> UInt16 {
        if unit < 0x80 { return (0x61...0x7A).contains(unit) ? unit - 0x20 : unit }
        guard let scalar = Unicode.Scalar(unit) else { return unit }
        let upper = scalar.properties.uppercaseMapping.utf16
        guard upper.count == 1, let mapped = upper.first, mapped >= 0x80 else { return unit }
        return mapped
    }

    static func lowercase(_ unit: UInt16) -> UInt16 {
        if unit < 0x80 { return (0x41...0x5A).contains(unit) ? unit + 0x20 : unit }
        guard let scalar = Unicode.Scalar(unit) else { return unit }
        let lower = scalar.properties.lowercaseMapping.utf16
        guard lower.count == 1, let mapped = lower.first else { return unit }
        return mapped
    }
}
