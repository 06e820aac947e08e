import Foundation

/// Operators, navigation primitives and the value rules they share.
extension Evaluator {
    func evaluateBinary(_ expr: Node, _ input: JSONataValue?, _ env: Frame) throws(JSONataError) -> JSONataValue? {
        let lhs = try evaluate(expr.lhs!, input, env)
        let op = expr.binaryOperator ?? .concatenate
        if op == .and || op == .or {
            let left = Evaluator.boolean(lhs) ?? false
            if op == .and {
                guard left else { return .bool(false) }
                return .bool(Evaluator.boolean(try evaluate(expr.rhs!, input, env)) ?? false)
            }
            if left { return .bool(true) }
            return .bool(Evaluator.boolean(try evaluate(expr.rhs!, input, env)) ?? false)
        }
        let rhs = try evaluate(expr.rhs!, input, env)
        do throws(JSONataError) {
            switch op {
            case .add, .subtract, .multiply, .divide, .modulo: return try Evaluator.arithmetic(op, lhs, rhs)
            case .equal: return .bool(lhs != nil && rhs != nil && Evaluator.deepEqual(lhs!, rhs!))
            case .notEqual: return .bool(lhs != nil && rhs != nil && !Evaluator.deepEqual(lhs!, rhs!))
            case .less, .lessOrEqual, .greater, .greaterOrEqual: return try Evaluator.compare(op, lhs, rhs)
            case .concatenate:
                let left = lhs == nil ? "" : try Evaluator.string(lhs!)
                let right = rhs == nil ? "" : try Evaluator.string(rhs!)
                return .string(left + right)
            case .range: return try Evaluator.range(lhs, rhs, allocate: allocate(_:))
            case .in: return .bool(Evaluator.includes(lhs, rhs))
            case .and, .or: return nil
            }
        } catch {
            var located = error
            if located.position == nil { located.position = expr.position }
            if located.token == nil { located.token = op.rawValue }
            if located.message.contains("?") {
                located.message = JSONataError.describe(code: located.code, token: op.rawValue, value: located.value)
            }
            throw located
        }
    }

    static func checkFinite(_ n: Double) throws(JSONataError) {
        if !n.isFinite { throw JSONataError("D1001", value: .number(0), message: "Number out of range: \(n)") }
    }

    static func arithmetic(_ op: Node.BinaryOperator, _ lhs: JSONataValue?, _ rhs: JSONataValue?) throws(JSONataError)
        -> JSONataValue?
    {
        var l: Double? = nil, r: Double? = nil
        if let lhs {
            guard case .number(let n) = lhs else { throw JSONataError("T2001", value: lhs) }
            try checkFinite(n)
            l = n
        }
        if let rhs {
            guard case .number(let n) = rhs else { throw JSONataError("T2002", value: rhs) }
            try checkFinite(n)
            r = n
        }
        guard let l, let r else { return nil }
        let result: Double
        switch op {
        case .add: result = l + r
        case .subtract: result = l - r
        case .multiply: result = l * r
        case .divide: result = l / r
        default: result = l.truncatingRemainder(dividingBy: r)
        }
        return .number(result)
    }

    static func compare(_ op: Node.BinaryOperator, _ lhs: JSONataValue?, _ rhs: JSONataValue?) throws(JSONataError) -> JSONataValue? {
        func comparable(_ v: JSONataValue?) -> Bool {
            switch v {
            case nil, .string?, .number?: return true
            default: return false
            }
        }
        if !comparable(lhs) || !comparable(rhs) {
            let bad = comparable(lhs) && lhs != nil ? rhs : (comparable(lhs) ? rhs : lhs)
            throw JSONataError("T2010", value: bad)
        }
        guard let lhs, let rhs else { return nil }
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            switch op {
            case .less: return .bool(a < b)
            case .lessOrEqual: return .bool(a <= b)
            case .greater: return .bool(a > b)
            default: return .bool(a >= b)
            }
        case (.string(let a), .string(let b)):
            switch op {
            case .less: return .bool(jsLess(a, b))
            case .lessOrEqual: return .bool(a == b || jsLess(a, b))
            case .greater: return .bool(jsLess(b, a))
            default: return .bool(a == b || jsLess(b, a))
            }
        default:
            throw JSONataError("T2009", value: lhs)
        }
    }

    /// JavaScript string ordering: by UTF-16 code units.
    static func jsLess(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    /// `lhs..rhs`; `allocate` is told the size before the items are made, so a range over budget
    /// never takes its memory.
    static func range(
        _ lhs: JSONataValue?, _ rhs: JSONataValue?, allocate: (Int) throws(JSONataError) -> Void = { _ in }
    ) throws(JSONataError) -> JSONataValue? {
        var low: Double? = nil, high: Double? = nil
        if let lhs {
            guard case .number(let n) = lhs, n.rounded() == n, n.isFinite else { throw JSONataError("T2003", value: lhs) }
            low = n
        }
        if let rhs {
            guard case .number(let n) = rhs, n.rounded() == n, n.isFinite else { throw JSONataError("T2004", value: rhs) }
            high = n
        }
        guard let low, let high, low <= high else { return nil }
        let size = high - low + 1
        if size > 1e7 { throw JSONataError("D2014", value: .number(size)) }
        try allocate(Int(size))
        var items: [JSONataValue] = []
        items.reserveCapacity(Int(size))
        var n = low
        while n <= high {
            items.append(.number(n))
            n += 1
        }
        return .array(ValueArray.sequence(items))
    }

    static func includes(_ lhs: JSONataValue?, _ rhs: JSONataValue?) -> Bool {
        guard let lhs, let rhs else { return false }
        let candidates: [JSONataValue]
        if case .array(let array) = rhs { candidates = array.items } else { candidates = [rhs] }
        for candidate in candidates where strictEqual(lhs, candidate) { return true }
        return false
    }

    /// JavaScript `===`: values for primitives, identity for objects and functions.
    static func strictEqual(_ a: JSONataValue, _ b: JSONataValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.object(let x), .object(let y)): return x === y
        case (.function(let x), .function(let y)): return x === y
        default: return false
        }
    }

    static func deepEqual(_ a: JSONataValue, _ b: JSONataValue) -> Bool {
        switch (a, b) {
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return false }
            for i in x.items.indices where !deepEqual(x.items[i], y.items[i]) { return false }
            return true
        case (.object(let x), .object(let y)):
            if x === y { return true }
            guard x.count == y.count else { return false }
            for key in x.keys {
                guard let u = x[key], let v = y[key], deepEqual(u, v) else { return false }
            }
            return true
        default:
            return strictEqual(a, b)
        }
    }

    func evaluateUnary(_ expr: Node, _ input: JSONataValue?, _ env: Frame) throws(JSONataError) -> JSONataValue? {
        switch expr.text {
        case "-":
            let value = try evaluate(expr.lhs!, input, env)
            switch value {
            case nil: return nil
            case .number(let n)?:
                try Evaluator.checkFinite(n)
                return .number(-n)
            default:
                throw JSONataError("D1002", token: "-", position: expr.position, value: value)
            }
        case "[":
            try allocate(1)  // the array's own storage
            var result = ValueArray()
            for item in expr.expressions {
                guard let value = try evaluate(item, input, env) else { continue }
                if case .array(let array) = value, item.kind != .unary || item.text != "[" {
                    if result.items.isEmpty, expr.expressions.count == 1 {
                        result.items = array.items  // shares the buffer: no copy, nothing new to count
                    } else {
                        if result.items.count + array.items.count > maximumSequenceLength { throw sequenceTooLong() }
                        try allocate(array.items.count)
                        result.items.append(contentsOf: array.items)
                    }
                } else {
                    try allocate(1)
                    result.append(value)
                }
            }
            if expr.isConsArray { result.isCons = true }
            if result.items.count > maximumSequenceLength { throw sequenceTooLong() }
            try checkValueDepth(.array(result))
            return .array(result)
        default:
            let object = try evaluateGroup(expr.pairs, position: expr.position, input, env)
            if let object { try checkValueDepth(object) }
            return object
        }
    }

    /// The effective boolean value; `nil` for undefined.
    static func boolean(_ value: JSONataValue?) -> Bool? {
        guard let value else { return nil }
        switch value {
        case .null: return false
        case .bool(let b): return b
        case .number(let n): return n != 0 && !n.isNaN
        case .string(let s): return !s.isEmpty
        case .object(let o): return !o.isEmpty
        case .function: return false
        case .array(let array):
            if array.count == 1 { return boolean(array.items[0]) ?? false }
            return array.items.contains { boolean($0) == true }
        }
    }

    /// Concatenates values into a plain array, as `$append` does.
    func append(_ a: JSONataValue?, _ b: JSONataValue?) throws(JSONataError) -> JSONataValue? {
        guard let a else { return b }
        guard let b else { return a }
        var gathered = GatheredValues(a)
        try allocate(gathered.add(b))
        return gathered.value
    }

    /// A stable merge sort driven by a "should swap" predicate, as the reference implementation's `$sort`.
    static func mergeSort<T>(_ items: inout [T], _ swap: (T, T) throws(JSONataError) -> Bool) throws(JSONataError) {
        guard items.count > 1 else { return }
        let middle = items.count / 2
        var left = Array(items[..<middle])
        var right = Array(items[middle...])
        try mergeSort(&left, swap)
        try mergeSort(&right, swap)
        var merged: [T] = []
        merged.reserveCapacity(items.count)
        var i = 0, j = 0
        while i < left.count && j < right.count {
            if try swap(left[i], right[j]) {
                merged.append(right[j])
                j += 1
            } else {
                merged.append(left[i])
                i += 1
            }
        }
        merged.append(contentsOf: left[i...])
        merged.append(contentsOf: right[j...])
        items = merged
    }

    func lookup(_ input: JSONataValue?, _ key: String) throws(JSONataError) -> JSONataValue? {
        switch input {
        case .object(let object)?: return object[key]
        case .array(let array)?:
            var result = ValueArray.sequence()
            for item in array.items {
                guard let value = try lookup(item, key) else { continue }
                if case .array(let inner) = value {
                    try allocate(inner.items.count)
                    result.items.append(contentsOf: inner.items)
                } else {
                    try allocate(1)
                    result.append(value)
                }
            }
            return .array(result)
        default: return nil
        }
    }

    func wildcard(_ input: JSONataValue?) throws(JSONataError) -> JSONataValue? {
        var results = ValueArray.sequence()
        var value = input
        if case .array(let array)? = input, array.outerWrapper, let first = array.items.first { value = first }
        func flatten(_ v: JSONataValue, into out: inout [JSONataValue]) {
            if case .array(let array) = v {
                for item in array.items { flatten(item, into: &out) }
            } else {
                out.append(v)
            }
        }
        switch value {
        case .object(let object)?:
            for (_, v) in object.entries {
                if case .array = v {
                    flatten(v, into: &results.items)
                } else {
                    results.append(v)
                }
            }
        case .array(let array)?:
            for v in array.items {
                if case .array = v { flatten(v, into: &results.items) } else { results.append(v) }
            }
        default: break
        }
        try allocate(results.count)
        return .array(results)
    }

    func descendants(_ input: JSONataValue?) throws(JSONataError) -> JSONataValue? {
        guard let input else { return nil }
        var results = ValueArray.sequence()
        func recurse(_ v: JSONataValue) {
            switch v {
            case .array(let array): for item in array.items { recurse(item) }
            case .object(let object):
                results.append(v)
                for (_, child) in object.entries { recurse(child) }
            default: results.append(v)
            }
        }
        recurse(input)
        try allocate(results.count)
        if results.count == 1 { return results.items[0] }
        return .array(results)
    }
}
