import JSONCore

/// Function calls, partial application, `~>` and the transform operator.
extension Evaluator {
    private static func procedureName(_ node: Node) -> String {
        node.kind == .path ? node.steps[0].text : node.text
    }

    func evaluateFunction(_ expr: Node, _ input: JSONataValue?, _ env: Frame, applyTo: JSONataValue??)
        throws(JSONataError) -> JSONataValue?
    {
        let procedure = expr.procedure!
        let proc = try evaluate(procedure, input, env)
        if proc == nil, procedure.kind == .path, lookupVariable(procedure.steps[0].text, env) != nil {
            throw JSONataError("T1005", token: procedure.steps[0].text, position: expr.position)
        }
        var args: [JSONataValue?] = []
        if let applyTo { args.append(applyTo) }
        for argument in expr.arguments { args.append(try evaluate(argument, input, env)) }
        let name = Evaluator.procedureName(procedure)
        do {
            return try apply(proc, args, input: input, env, token: name)
        } catch {
            var located = error
            if located.position == nil { located.position = expr.position }
            if located.token == nil { located.token = name }
            throw located
        }
    }

    func evaluatePartial(_ expr: Node, _ input: JSONataValue?, _ env: Frame) throws(JSONataError) -> JSONataValue? {
        var args: [JSONataValue?] = []
        var holes: [Int] = []
        for (i, argument) in expr.arguments.enumerated() {
            if argument.kind == .placeholder {
                holes.append(i)
                args.append(nil)
            } else {
                args.append(try evaluate(argument, input, env))
            }
        }
        let procedure = expr.procedure!
        let proc = try evaluate(procedure, input, env)
        if proc == nil, procedure.kind == .path, lookupVariable(procedure.steps[0].text, env) != nil {
            throw JSONataError("T1007", token: procedure.steps[0].text, position: expr.position)
        }
        guard case .function(let function)? = proc else {
            throw JSONataError("T1008", token: Evaluator.procedureName(procedure), position: expr.position)
        }
        try allocate(Evaluator.functionItems)
        if case .lambda(let lambda) = function.kind {
            // bind the supplied arguments now, keep the `?` parameters open
            let frame = Frame(parent: lambda.environment)
            var open: [String] = []
            for (i, parameter) in lambda.parameters.enumerated() {
                if holes.contains(i) || i >= args.count {
                    if holes.contains(i) { open.append(parameter) } else { frame.bind(parameter, nil) }
                } else {
                    frame.bind(parameter, args[i])
                }
            }
            return .function(FunctionValue(.lambda(.init(
                body: lambda.body, parameters: open, signature: lambda.signature, environment: frame,
                input: lambda.input, isThunk: lambda.isThunk))))
        }
        return .function(FunctionValue(.partial(function, arguments: args, holes: holes)))
    }

    func evaluateApply(_ expr: Node, _ input: JSONataValue?, _ env: Frame) throws(JSONataError) -> JSONataValue? {
        let lhs = try evaluate(expr.lhs!, input, env)
        let rhs = expr.rhs!
        if rhs.kind == .function {
            return try evaluateFunction(rhs, input, env, applyTo: .some(lhs))
        }
        let function = try evaluate(rhs, input, env)
        guard case .function(let g)? = function else {
            throw JSONataError("T2006", position: expr.position, value: function)
        }
        if case .function(let f)? = lhs {
            return .function(FunctionValue(.composition(f, g)))
        }
        return try apply(function, [lhs], input: nil, env, token: nil)
    }

    /// Calls a function value, running tail calls in a loop instead of recursing.
    func apply(_ proc: JSONataValue?, _ args: [JSONataValue?], input: JSONataValue?, _ env: Frame, token: String?)
        throws(JSONataError) -> JSONataValue?
    {
        var result = try applyInner(proc, args, input: input, env, token: token)
        while case .function(let function)? = result, case .lambda(let thunk) = function.kind, thunk.isThunk {
            let call = thunk.body
            let next = try evaluate(call.procedure!, thunk.input, thunk.environment)
            var nextArgs: [JSONataValue?] = []
            for argument in call.arguments { nextArgs.append(try evaluate(argument, thunk.input, thunk.environment)) }
            let name = Evaluator.procedureName(call.procedure!)
            do {
                result = try applyInner(next, nextArgs, input: input, env, token: name)
            } catch {
                var located = error
                if located.position == nil { located.position = call.position }
                if located.token == nil { located.token = name }
                throw located
            }
        }
        return result
    }

    /// Calls a function value from a built-in (higher-order functions, sort comparators).
    func call(_ function: FunctionValue, _ args: [JSONataValue?]) throws(JSONataError) -> JSONataValue? {
        try apply(.function(function), args, input: nil, Frame(parent: nil), token: nil)
    }

    private func applyInner(_ proc: JSONataValue?, _ args: [JSONataValue?], input: JSONataValue?, _ env: Frame,
                            token: String?) throws(JSONataError) -> JSONataValue?
    {
        guard case .function(let function)? = proc else {
            throw JSONataError("T1006", token: token, value: proc)
        }
        var validated = args
        if let signature = function.signature {
            validated = try signature.validate(args, context: input, token: token)
        }
        switch function.kind {
        case .lambda(let lambda):
            let frame = Frame(parent: lambda.environment)
            for (i, parameter) in lambda.parameters.enumerated() {
                frame.bind(parameter, i < validated.count ? validated[i] : nil)
            }
            return try evaluate(lambda.body, lambda.input, frame)
        case .builtin(let builtin):
            return try callBuiltin(builtin, validated, input: input, env)
        case .native(let name, let native):
            let converted = validated.map { $0?.jsonValue }
            do {
                guard let result = try native.body(converted) else { return nil }
                try allocate(Evaluator.items(in: result))
                return JSONataValue(result)
            } catch {
                var located = error
                if located.token == nil { located.token = name }
                throw located
            }
        case .regex(let regex):
            guard case .string(let text)? = validated.first else { return nil }
            let matcher = RegexMatcher(regex: regex, text: text) { [unowned self] () throws(JSONataError) in
                try self.checkTime()
            }
            guard let match = try matcher.match(from: 0) else { return nil }
            try allocate(match.items)
            return match.value(matcher: matcher)
        case .partial(let base, let fixed, let holes):
            var full = fixed
            for (i, hole) in holes.enumerated() { full[hole] = i < validated.count ? validated[i] : nil }
            return try apply(.function(base), full, input: input, env, token: token)
        case .composition(let f, let g):
            let inner = try apply(.function(f), validated, input: input, env, token: token)
            return try apply(.function(g), [inner], input: input, env, token: token)
        case .transform(let node, let frame):
            return try transform(node, validated.first ?? nil, frame)
        case .closure(_, let body):
            return try body(self, validated)
        }
    }

    /// What a native function's result counts against the item budget once converted (see ``allocate(_:)``).
    private static func items(in json: JSONValue) -> Int {
        switch json {
        case .array(let items):
            return items.reduce(items.count) { $0 + Evaluator.items(in: $1) }
        case .object(let object):
            let own = Evaluator.objectItems + object.count * Evaluator.memberItems
            return object.values.reduce(own) { $0 + Evaluator.items(in: $1) }
        default:
            return 0
        }
    }

    private func transform(_ expr: Node, _ value: JSONataValue?, _ env: Frame) throws(JSONataError) -> JSONataValue? {
        guard let value else { return nil }
        let result = try copy(value)
        guard var matches = try evaluate(expr.pattern!, result, env) else { return result }
        if case .array(let array) = matches { matches = .array(array) } else { matches = .array(ValueArray([matches])) }
        guard case .array(let list) = matches else { return result }
        for match in list.items {
            let update = try evaluate(expr.update!, match, env)
            if let update {
                guard case .object(let changes) = update else {
                    throw JSONataError("T2011", position: expr.update!.position, value: update)
                }
                if case .object(let target) = match {
                    for (key, v) in changes.entries { target[key] = v }
                }
            }
            if let deleteNode = expr.delete, let deletions = try evaluate(deleteNode, match, env) {
                var names: [String] = []
                let items: [JSONataValue]
                if case .array(let array) = deletions { items = array.items } else { items = [deletions] }
                for item in items {
                    guard case .string(let name) = item else {
                        throw JSONataError("T2012", position: deleteNode.position, value: deletions)
                    }
                    names.append(name)
                }
                if case .object(let target) = match {
                    for name in names { target[name] = nil }
                }
            }
        }
        return result
    }
}
