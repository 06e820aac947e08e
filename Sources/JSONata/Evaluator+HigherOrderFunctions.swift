/// Higher-order functions, `$sort` and `$eval`.
extension Evaluator {
    /// Arguments for a callback: the value, then index and container as far as the callback declares parameters.
    private func callbackArguments(_ function: FunctionValue, _ value: JSONataValue?, _ second: JSONataValue?,
                                   _ third: JSONataValue?) -> [JSONataValue?] {
        let arity = function.arity
        var args: [JSONataValue?] = [value]
        if arity >= 2 { args.append(second) }
        if arity >= 3 { args.append(third) }
        return args
    }

    func higherOrderFunction(_ builtin: Builtin, _ args: [JSONataValue?]) throws(JSONataError) -> JSONataValue? {
        func arg(_ i: Int) -> JSONataValue? { i < args.count ? args[i] : nil }
        let function = arg(1)?.functionValue
        switch builtin {
        case .map, .filter:
            guard case .array(let array)? = arg(0), let function else { return nil }
            var result = ValueArray.sequence()
            for (i, item) in array.items.enumerated() {
                let value = try call(function, callbackArguments(function, item, .number(Double(i)), arg(0)))
                if builtin == .map {
                    guard let value else { continue }
                    try allocate(1)
                    result.append(value)
                } else if Evaluator.boolean(value) == true {
                    try allocate(1)
                    result.append(item)
                }
            }
            return .array(result)
        case .single:
            guard case .array(let array)? = arg(0) else { return nil }
            var found: JSONataValue? = nil
            var hasMatch = false
            for (i, item) in array.items.enumerated() {
                var positive = true
                if let function {
                    let value = try call(function, callbackArguments(function, item, .number(Double(i)), arg(0)))
                    positive = Evaluator.boolean(value) == true
                }
                if positive {
                    if hasMatch { throw JSONataError("D3138", value: item) }
                    found = item
                    hasMatch = true
                }
            }
            if !hasMatch { throw JSONataError("D3139") }
            return found
        case .reduce:
            guard case .array(let array)? = arg(0), let function else { return nil }
            let arity = function.arity
            if arity < 2 { throw JSONataError("D3050", value: nil) }
            var result: JSONataValue?
            var index: Int
            if arg(2) == nil, !array.items.isEmpty {
                result = array.items[0]
                index = 1
            } else {
                result = arg(2)
                index = 0
            }
            while index < array.count {
                var callArgs: [JSONataValue?] = [result, array.items[index]]
                if arity >= 3 { callArgs.append(.number(Double(index))) }
                if arity >= 4 { callArgs.append(arg(0)) }
                result = try call(function, callArgs)
                index += 1
            }
            return result
        case .sift, .each:
            guard case .object(let object)? = arg(0), let function else { return nil }
            try allocate(objects: 1, members: 0)
            let filtered = ValueObject()
            var results = ValueArray.sequence()
            for (key, value) in object.entries {
                let res = try call(function, callbackArguments(function, value, .string(key), arg(0)))
                if builtin == .each {
                    guard let res else { continue }
                    try allocate(1)
                    results.append(res)
                } else if Evaluator.boolean(res) == true {
                    try allocate(members: 1)
                    filtered[key] = value
                }
            }
            if builtin == .each { return .array(results) }
            return filtered.isEmpty ? nil : .object(filtered)
        case .zip:
            var arrays: [[JSONataValue]] = []
            for value in args {
                if case .array(let array)? = value { arrays.append(array.items) } else { arrays.append([]) }
            }
            let length = arrays.map(\.count).min() ?? 0
            try allocate(length * (1 + arrays.count))
            var result = ValueArray()
            for i in 0..<length { result.append(.array(ValueArray(arrays.map { $0[i] }))) }
            return .array(result)
        case .sort:
            guard let value = arg(0) else { return nil }
            guard case .array(let array) = value, array.count > 1 else { return value }
            try allocate(array.count)
            var items = array.items
            if let function {
                try Evaluator.mergeSort(&items) { (a: JSONataValue, b: JSONataValue) throws(JSONataError) -> Bool in
                    Evaluator.jsTruthy(try self.call(function, [a, b]))
                }
            } else {
                let allNumbers = items.allSatisfy { if case .number = $0 { return true } else { return false } }
                let allStrings = items.allSatisfy { if case .string = $0 { return true } else { return false } }
                guard allNumbers || allStrings else { throw JSONataError("D3070") }
                try Evaluator.mergeSort(&items) { (a: JSONataValue, b: JSONataValue) throws(JSONataError) -> Bool in
                    switch (a, b) {
                    case (.number(let x), .number(let y)): return x > y
                    case (.string(let x), .string(let y)): return Evaluator.jsLess(y, x)
                    default: return false
                    }
                }
            }
            return .array(ValueArray(items))
        default:
            return nil
        }
    }

    /// JavaScript truthiness, used where the reference tests a callback result with `if`.
    static func jsTruthy(_ value: JSONataValue?) -> Bool {
        switch value {
        case nil, .null?: return false
        case .bool(let b)?: return b
        case .number(let n)?: return n != 0 && !n.isNaN
        case .string(let s)?: return !s.isEmpty
        default: return true
        }
    }

    func evalFunction(_ args: [JSONataValue?], input: JSONataValue?, _ env: Frame) throws(JSONataError)
        -> JSONataValue?
    {
        guard case .string(let source)? = args.first ?? nil else { return nil }
        var context = input
        if args.count > 1, let focus = args[1] {
            context = focus
            if case .array(let array) = focus, !array.isSequence {
                var wrapper = ValueArray.sequence([focus])
                wrapper.outerWrapper = true
                context = .array(wrapper)
            }
        }
        let ast: Node
        do {
            ast = try Parser.parse(source)
        } catch {
            throw JSONataError("D3120", value: .string(error.message), message: "Syntax error in expression passed to $eval: \(error.message)")
        }
        do {
            return try evaluate(ast, context, env)
        } catch {
            if error.code == "U1001" { throw error }
            throw JSONataError("D3121", value: .string(error.message), message: "Dynamic error evaluating the expression passed to $eval: \(error.message)")
        }
    }
}
