import Foundation
import JSONCore

/// Evaluates a resolved expression tree; one evaluator serves one top-level evaluation.
final class Evaluator {
    let environment: JSONataEnvironment
    let maximumDepth: Int
    let deadline: ContinuousClock.Instant?
    let maximumValueDepth: Int
    let maximumSequenceLength: Int
    let maximumStringBytes: Int
    let maximumTotalItems: Int
    let maximumTotalStringBytes: Int
    /// Bytes of the strings built so far by functions and `&`, against ``maximumTotalStringBytes``.
    @exclusivity(unchecked) private var totalStringBytes = 0
    /// Items placed in arrays and objects so far, against ``maximumTotalItems`` (see ``allocate(_:)``).
    @exclusivity(unchecked) private var totalItems = 0
    /// Whether the task that started the evaluation has been cancelled.
    let isCancelled: () -> Bool
    /// The instant `$now()` and `$millis()` report, fixed for the whole evaluation.
    private(set) lazy var timestamp: Date = environment.now()
    /// Evaluation stops with U1001 before the stack pointer goes below this address.
    let stackLimit: UInt
    // @exclusivity(unchecked): evaluators belong to a single evaluation on one thread and no
    // access overlaps another, so the run-time exclusivity checks only cost time.
    @exclusivity(unchecked) var depth = 0
    @exclusivity(unchecked) private var ticks = 0
    /// Seeded random generator for `$random` and `$shuffle`.
    var random = SystemRandomNumberGenerator()
    /// Frames that `:=` bound a variable in. A function bound there refers back to its frame, a
    /// cycle that reference counting never frees; ``releaseFrames()`` breaks them all at the end.
    @exclusivity(unchecked) private(set) var assignedFrames: [Frame] = []

    init(environment: JSONataEnvironment, stackLimit: UInt, isCancelled: @escaping () -> Bool = { false }) {
        self.environment = environment
        self.maximumDepth = environment.maximumDepth
        self.maximumValueDepth = environment.maximumValueDepth
        self.maximumSequenceLength = environment.maximumSequenceLength
        self.maximumStringBytes = environment.maximumStringBytes
        self.maximumTotalItems = environment.maximumTotalItems
        self.maximumTotalStringBytes = environment.maximumTotalStringBytes
        self.isCancelled = isCancelled
        self.deadline = environment.timeLimit.map { ContinuousClock.now + $0 }
        self.stackLimit = stackLimit
    }

    @inline(__always)
    private func enter() throws(JSONataError) {
        depth += 1
        if depth > maximumDepth { throw depthExceeded() }
        var marker: UInt8 = 0
        let address = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        if address < stackLimit {
            throw JSONataError("U1001", message: "Stack overflow error: the evaluation ran out of stack; check for non-terminating recursion or rewrite it as tail-recursive")
        }
        ticks &+= 1
        if ticks & 127 == 0 { try checkTime() }
    }

    func depthExceeded() -> JSONataError {
        JSONataError("U1001", message: "Stack overflow error: the expression nests deeper than \(maximumDepth) levels; check for non-terminating recursion or rewrite it as tail-recursive")
    }

    /// Stops the evaluation when its deadline has passed or its task was cancelled; long loops
    /// (built-ins, the regex matcher) call this every few hundred steps.
    func checkTime() throws(JSONataError) {
        if isCancelled() {
            throw JSONataError("U1003", message: "The evaluation was cancelled")
        }
        if let deadline, ContinuousClock.now > deadline {
            throw JSONataError("U1001", message: "Expression evaluation timeout: check for an infinite loop")
        }
    }

    /// Counts one step of a long loop, checking the deadline and cancellation every 1,024 steps.
    @inline(__always)
    func tick() throws(JSONataError) {
        ticks &+= 1
        if ticks & 1023 == 0 { try checkTime() }
    }

    func evaluate(_ expr: Node, _ input: JSONataValue?, _ env: Frame) throws(JSONataError) -> JSONataValue? {
        try enter()
        defer { depth -= 1 }
        var result: JSONataValue?
        switch expr.kind {
        case .path: result = try evaluatePath(expr, input, env)
        case .binary: result = try evaluateBinary(expr, input, env)
        case .unary: result = try evaluateUnary(expr, input, env)
        case .name: result = try lookup(input, expr.text)
        case .string: result = .string(expr.text)
        case .number: result = .number(expr.number)
        case .value: result = expr.literal
        case .wildcard: result = try wildcard(input)
        case .descendant: result = try descendants(input)
        case .parent: result = env.lookup(expr.slot!.label)
        case .condition:
            let condition = try evaluate(expr.condition!, input, env)
            if Evaluator.boolean(condition) == true {
                result = try evaluate(expr.then!, input, env)
            } else if let otherwise = expr.otherwise {
                result = try evaluate(otherwise, input, env)
            }
        case .block:
            let frame = Frame(parent: env)
            for expression in expr.expressions { result = try evaluate(expression, input, frame) }
        case .bind:
            result = try evaluate(expr.rhs!, input, env)
            env.bind(expr.lhs!.text, result)
            if assignedFrames.last !== env { assignedFrames.append(env) }
        case .regex: result = .function(FunctionValue(.regex(expr.regex!)))
        case .function: result = try evaluateFunction(expr, input, env, applyTo: nil)
        case .partial: result = try evaluatePartial(expr, input, env)
        case .variable:
            if expr.text.isEmpty {
                if case .array(let array)? = input, array.outerWrapper, let first = array.items.first {
                    result = first
                } else {
                    result = input
                }
            } else {
                result = lookupVariable(expr.text, env)
            }
        case .lambda:
            if !expr.isThunk { try allocate(Evaluator.functionItems) }
            result = .function(FunctionValue(.lambda(.init(
                body: expr.body!, parameters: expr.parameters, signature: expr.signature,
                environment: env, input: input, isThunk: expr.isThunk))))
        case .apply: result = try evaluateApply(expr, input, env)
        case .transform: result = .function(FunctionValue(.transform(expr, env)))
        case .sort, .placeholder, .predicate, .group, .focusBind, .indexBind, .orderBy, .objectConstructor,
            .arrayConstructor:
            throw JSONataError("S0206", token: "\(expr.kind)", position: expr.position)
        }
        if let predicates = expr.predicates {
            for case .filter(let predicate, _) in predicates {
                result = .array(try evaluateFilter(predicate, result, env))
            }
        }
        if expr.kind != .path, let group = expr.group {
            result = try evaluateGroup(group.pairs, position: group.position, result, env)
        }
        try checkSize(result)
        if case .string(let text)? = result, expr.kind == .function || expr.binaryOperator == .concatenate {
            try allocateString(text.utf8.count)
        }
        if case .array(var array)? = result, array.isSequence, !array.isTupleStream {
            if expr.keepArray { array.keepSingleton = true }
            if array.items.isEmpty {
                result = nil
            } else if array.items.count == 1 {
                result = array.keepSingleton ? .array(array) : array.items[0]
            } else {
                result = .array(array)
            }
        }
        return result
    }

    /// Raises `U1002` when a string or array is over the memory budget.
    @inline(__always)
    func checkSize(_ value: JSONataValue?) throws(JSONataError) {
        switch value {
        case .string(let s)?:
            if s.utf8.count > maximumStringBytes { throw stringTooLong() }
        case .array(let array)?:
            if array.items.count > maximumSequenceLength { throw sequenceTooLong() }
        default:
            break
        }
    }

    /// Counts `count` items placed in new storage against the evaluation's item budget: the one
    /// place that budget is kept.
    ///
    /// Every array the evaluation builds is charged for the items written into it (an array that
    /// shares another's buffer costs nothing), every object and member placed in one as
    /// ``allocate(objects:members:)`` says, and every function made at run time ``functionItems``:
    /// about what each takes in memory, an array item (24 bytes) being one. Temporary values count
    /// as well as kept ones, so the budget bounds the work of building as well as the memory.
    /// Callers charge before or while they build, in bulk where they can, so an expression that
    /// would grow without end stops at the budget rather than at the deadline.
    @inline(__always)
    func allocate(_ count: Int) throws(JSONataError) {
        totalItems &+= count
        if totalItems > maximumTotalItems { throw itemBudgetExceeded() }
    }

    /// Counts `objects` new objects and `members` members placed in objects.
    @inline(__always)
    func allocate(objects: Int = 0, members: Int) throws(JSONataError) {
        try allocate(objects &* Evaluator.objectItems &+ members &* Evaluator.memberItems)
    }

    /// What an object counts before its members: its instance, table and key list (about 190 bytes).
    static let objectItems = 8
    /// What a member of an object counts: its key in the list and its entry in the table (about 70 bytes).
    static let memberItems = 3
    /// What a function value made at run time (a lambda or a partial application) counts (about 100 bytes).
    static let functionItems = 4

    private func itemBudgetExceeded() -> JSONataError {
        JSONataError("U1002", message: "The evaluation would build arrays and objects holding more than \(maximumTotalItems) items in all")
    }

    /// Counts the bytes of a string a function or `&` built against the evaluation's string budget.
    @inline(__always)
    func allocateString(_ bytes: Int) throws(JSONataError) {
        totalStringBytes &+= bytes
        if totalStringBytes > maximumTotalStringBytes {
            throw JSONataError("U1002", message: "The evaluation would build strings of more than \(maximumTotalStringBytes) bytes in all")
        }
    }

    func stringTooLong() -> JSONataError {
        JSONataError("U1002", message: "A string would be longer than \(maximumStringBytes) bytes, the limit for one value")
    }

    func sequenceTooLong() -> JSONataError {
        JSONataError("U1002", message: "An array would hold more than \(maximumSequenceLength) items, the limit for one value")
    }

    func valueTooDeep() -> JSONataError {
        JSONataError("U1002", message: "A value would nest deeper than \(maximumValueDepth) levels, the limit for one value")
    }

    /// Raises `U1002` when `value` nests deeper than ``maximumValueDepth`` levels.
    func checkValueDepth(_ value: JSONataValue) throws(JSONataError) {
        if value.nestingDepth(cappedAt: maximumValueDepth + 1) > maximumValueDepth { throw valueTooDeep() }
    }

    func lookupVariable(_ name: String, _ env: Frame) -> JSONataValue? {
        if let value = env.lookup(name) { return value }
        if let native = environment.functions[name] {
            return .function(FunctionValue(.native(name: name, native)))
        }
        if let builtin = Builtin.named[name] { return .function(builtin) }
        return nil
    }

    /// Empties every frame a variable was bound in, freeing the functions (and their frames) that
    /// referred to each other; call it once the evaluation's result no longer needs them.
    func releaseFrames() {
        for frame in assignedFrames { frame.removeAll() }
        assignedFrames = []
    }

    func evaluateRoot(_ ast: Node, _ input: JSONataValue?, bindings: [String: JSONataValue?]) throws(JSONataError)
        -> JSONataValue?
    {
        var variables = bindings
        variables.updateValue(input, forKey: "$")
        let frame = Frame(parent: nil, variables: variables)
        var context = input
        if case .array(let array)? = input, !array.isSequence {
            var wrapper = ValueArray.sequence([input!])
            wrapper.outerWrapper = true
            context = .array(wrapper)
        }
        let result = try evaluate(ast, context, frame)
        try checkTime()
        return result
    }
}
