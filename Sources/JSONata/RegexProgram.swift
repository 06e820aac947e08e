/// A compiled regular expression, run by a backtracking matcher that never explores the same state
/// twice when that is safe, which makes a search linear in the text for a fixed pattern (see
/// `RegexProgram+Match.swift` and ``RegexVisits``).
///
/// Patterns are JavaScript's, as jsonata-js passes them to its engine: UTF-16 code units, the `i`
/// and `m` flags, lookaround and backreferences.
struct RegexProgram: Sendable {
    enum Instruction: Sendable {
        case unit(UInt16)
        case any
        case set(Int)
        /// Try the first target, then the second.
        case split(Int, Int)
        case jump(Int)
        /// Store the position in a capture slot.
        case save(Int)
        /// Unset the capture slots in a range (at the start of each iteration of a quantified group).
        case clear(Range<Int>)
        case assert(RegexAssertion)
        /// A lookaround whose body starts at the next instruction and ends with `match`; `next` follows it.
        case look(ahead: Bool, negated: Bool, next: Int)
        case backreference(Int)
        /// Store the position in a loop register (the start of an iteration of a body that can be empty).
        case mark(Int)
        /// Fail when the iteration begun at the register's position consumed nothing.
        case progress(Int)
        case match
    }

    var instructions: [Instruction] = []
    var sets: [RegexCharacterSet] = []
    /// Instructions whose outcome depends only on the state (``memoKey(_:_:_:)``), so a failed visit
    /// can be remembered: all but the bodies of lookarounds.
    var memoizable: [Bool] = []
    /// For each instruction, the loop register of the innermost loop with a body that can match
    /// nothing around it, or -1.
    var enclosingRegister: [Int] = []
    /// For each loop register (indexed by slot), the register of the loop around that loop, or -1.
    var outerRegister: [Int] = []
    /// One more than the deepest nesting of loops with registers: the states per instruction and position.
    var memoLevels = 1
    /// While compiling: the register of the innermost loop being compiled, and its nesting.
    private var currentRegister = -1
    private var registerDepth = 0
    var groupCount = 0
    /// Capture slots (two per group, group 0 included), then loop registers.
    var slotCount = 0
    var ignoreCase = false
    var multiline = false
    /// Whether memoizing is safe at all (a backreference makes outcomes depend on captures).
    var canMemoize = true

    /// The most instructions a pattern may compile to (counted repetitions are expanded).
    static let maximumSize = 20_000

    struct Failure: Error {
        var message: String
    }

    /// Compiles `pattern` with `flags` (`i`, `m`).
    init(pattern: String, flags: String) throws(Failure) {
        let parsed: (syntax: RegexSyntax, groups: Int)
        do {
            parsed = try RegexParser.parse(pattern)
        } catch {
            throw Failure(message: error.message)
        }
        ignoreCase = flags.contains("i")
        multiline = flags.contains("m")
        groupCount = parsed.groups
        slotCount = 2 * (groupCount + 1)
        canMemoize = !parsed.syntax.hasBackreference
        emit(.save(0), memo: true)
        try compile(parsed.syntax, memo: true)
        emit(.save(1), memo: true)
        emit(.match, memo: true)
    }

    private mutating func emit(_ instruction: Instruction, memo: Bool) {
        instructions.append(instruction)
        memoizable.append(memo)
        enclosingRegister.append(currentRegister)
    }

    private mutating func patch(_ at: Int, _ instruction: Instruction) {
        instructions[at] = instruction
    }

    private mutating func compile(_ node: RegexSyntax, memo: Bool) throws(Failure) {
        if instructions.count > RegexProgram.maximumSize {
            throw Failure(message: "the pattern is too large once its repetitions are expanded")
        }
        switch node {
        case .empty: break
        case .unit(let unit): emit(.unit(unit), memo: memo)
        case .any: emit(.any, memo: memo)
        case .set(let set):
            sets.append(set)
            emit(.set(sets.count - 1), memo: memo)
        case .assertion(let assertion): emit(.assert(assertion), memo: memo)
        case .backreference(let group): emit(.backreference(group), memo: memo)
        case .group(let inner, let capture):
            if let capture { emit(.save(2 * capture), memo: memo) }
            try compile(inner, memo: memo)
            if let capture { emit(.save(2 * capture + 1), memo: memo) }
        case .sequence(let items):
            for item in items { try compile(item, memo: memo) }
        case .alternation(let branches):
            // split L1, next; L1: a; jump end; next: split L2, next2; ...
            var jumps: [Int] = []
            for (i, branch) in branches.enumerated() {
                if i < branches.count - 1 {
                    let split = instructions.count
                    emit(.split(0, 0), memo: memo)
                    try compile(branch, memo: memo)
                    jumps.append(instructions.count)
                    emit(.jump(0), memo: memo)
                    patch(split, .split(split + 1, instructions.count))
                } else {
                    try compile(branch, memo: memo)
                }
            }
            for jump in jumps { patch(jump, .jump(instructions.count)) }
        case .look(let inner, let ahead, let negated):
            let start = instructions.count
            emit(.look(ahead: ahead, negated: negated, next: 0), memo: memo)
            // a lookaround body's outcome is cut short at its first match, so it is never memoized
            try compile(inner, memo: false)
            emit(.match, memo: false)
            patch(start, .look(ahead: ahead, negated: negated, next: instructions.count))
        case .repetition(let inner, let minimum, let maximum, let greedy):
            try compileRepetition(inner, minimum: minimum, maximum: maximum, greedy: greedy, memo: memo)
        }
    }

    private mutating func compileRepetition(
        _ inner: RegexSyntax, minimum: Int, maximum: Int?, greedy: Bool, memo: Bool
    ) throws(Failure) {
        let captures = inner.captureRange.map { 2 * $0.lowerBound..<(2 * $0.upperBound + 2) }
        func body(_ program: inout RegexProgram, memo: Bool) throws(Failure) {
            if let captures { program.emit(.clear(captures), memo: memo) }
            try program.compile(inner, memo: memo)
        }
        for _ in 0..<minimum { try body(&self, memo: memo) }
        if maximum == minimum { return }
        let nullable = inner.isNullable
        if let maximum {
            // optional copies: split body, end — nested so that each copy needs the one before
            var splits: [Int] = []
            for _ in minimum..<maximum {
                if instructions.count > RegexProgram.maximumSize {
                    throw Failure(message: "the pattern is too large once its repetitions are expanded")
                }
                splits.append(instructions.count)
                emit(.split(0, 0), memo: memo)
                try body(&self, memo: memo)
            }
            let end = instructions.count
            for split in splits { patch(split, greedy ? .split(split + 1, end) : .split(end, split + 1)) }
            return
        }
        // star: L: split body, end; body; (progress); jump L
        let loop = instructions.count
        emit(.split(0, 0), memo: memo)
        var register: Int? = nil
        let outer = currentRegister
        if nullable {
            // an iteration that matches nothing ends the loop, as in JavaScript
            register = slotCount
            slotCount += 1
            emit(.mark(register!), memo: memo)
            outerRegister.append(contentsOf: repeatElement(-1, count: slotCount - outerRegister.count))
            outerRegister[register!] = outer
            currentRegister = register!
            registerDepth += 1
            memoLevels = Swift.max(memoLevels, registerDepth + 1)
        }
        try body(&self, memo: memo)
        if let register {
            emit(.progress(register), memo: memo)
            currentRegister = outer
            registerDepth -= 1
        }
        emit(.jump(loop), memo: memo)
        let end = instructions.count
        patch(loop, greedy ? .split(loop + 1, end) : .split(end, loop + 1))
    }
}
