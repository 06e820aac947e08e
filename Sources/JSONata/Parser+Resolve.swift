/// Turns the raw parse tree into the evaluated form: paths, stages, tuple
/// bindings and resolved parent references (the reference implementation's
/// `processAST`).
struct Resolver {
    private var ancestorLabel = 0
    private var ancestorIndex = 0
    private var ancestry: [Node] = []

    mutating func process(_ expr: Node) throws(JSONataError) -> Node {
        var result: Node
        switch expr.kind {
        case .binary:
            switch expr.text {
            case ".": result = try processPath(expr)
            case "~>":
                result = Node(.apply, position: expr.position, text: "~>")
                result.lhs = try process(expr.lhs!)
                result.rhs = try process(expr.rhs!)
                result.keepArray = result.lhs!.keepArray || result.rhs!.keepArray
            default:
                result = Node(.binary, position: expr.position, text: expr.text)
                guard let op = Node.BinaryOperator(rawValue: expr.text) else {
                    throw JSONataError("S0204", token: expr.text, position: expr.position)
                }
                result.binaryOperator = op
                result.lhs = try process(expr.lhs!)
                result.rhs = try process(expr.rhs!)
                pushAncestry(result, result.lhs!)
                pushAncestry(result, result.rhs!)
            }
        case .predicate:
            result = try process(expr.lhs!)
            var step = result
            var isStage = false
            if result.kind == .path {
                step = result.steps[result.steps.count - 1]
                isStage = true
            }
            if step.group != nil { throw JSONataError("S0209", position: expr.position) }
            let predicate = try process(expr.rhs!)
            if let slots = predicate.seekingParent {
                for slot in slots {
                    if slot.level == 1 {
                        _ = try seekParent(step, slot)
                    } else {
                        slot.level -= 1
                    }
                }
                pushAncestry(step, predicate)
            }
            let stage = Node.Stage.filter(predicate, position: expr.position)
            if isStage {
                step.stages = (step.stages ?? []) + [stage]
            } else {
                step.predicates = (step.predicates ?? []) + [stage]
            }
        case .group:
            result = try process(expr.lhs!)
            if result.group != nil { throw JSONataError("S0210", position: expr.position) }
            var pairs: [(Node, Node)] = []
            for (key, value) in expr.pairs { pairs.append((try process(key), try process(value))) }
            result.group = (pairs, expr.position)
        case .orderBy:
            result = try process(expr.lhs!)
            if result.kind != .path { result = wrapInPath(result) }
            let sortStep = Node(.sort, position: expr.position, text: "^")
            for term in expr.terms {
                let expression = try process(term.expression)
                pushAncestry(sortStep, expression)
                sortStep.terms.append((term.descending, expression))
            }
            result.steps.append(sortStep)
            try resolveAncestry(result)
        case .bind:
            result = Node(.bind, position: expr.position, text: ":=")
            result.lhs = try process(expr.lhs!)
            result.rhs = try process(expr.rhs!)
            pushAncestry(result, result.rhs!)
        case .focusBind:
            result = try process(expr.lhs!)
            var step = result
            if result.kind == .path { step = result.steps[result.steps.count - 1] }
            if step.stages != nil || step.predicates != nil {
                throw JSONataError("S0215", token: "@", position: expr.position)
            }
            if step.kind == .sort { throw JSONataError("S0216", token: "@", position: expr.position) }
            if expr.keepArray { step.keepArray = true }
            step.focus = expr.rhs!.text
            step.isTuple = true
        case .indexBind:
            result = try process(expr.lhs!)
            var step = result
            if result.kind == .path {
                step = result.steps[result.steps.count - 1]
            } else {
                result = wrapInPath(result)
                if step.predicates != nil {
                    step.stages = step.predicates
                    step.predicates = nil
                }
            }
            if step.stages == nil {
                step.indexVariable = expr.rhs!.text
            } else {
                step.stages!.append(.index(expr.rhs!.text))
            }
            step.isTuple = true
        case .arrayConstructor:
            result = Node(.unary, position: expr.position, text: "[")
            for item in expr.expressions {
                let value = try process(item)
                pushAncestry(result, value)
                result.expressions.append(value)
            }
        case .objectConstructor:
            result = Node(.unary, position: expr.position, text: "{")
            for (key, value) in expr.pairs {
                let k = try process(key)
                pushAncestry(result, k)
                let v = try process(value)
                pushAncestry(result, v)
                result.pairs.append((k, v))
            }
        case .unary:
            let operand = try process(expr.lhs!)
            if operand.kind == .number {
                operand.number = -operand.number
                result = operand
            } else {
                result = Node(.unary, position: expr.position, text: "-")
                result.lhs = operand
                pushAncestry(result, operand)
            }
        case .function, .partial:
            result = Node(expr.kind, position: expr.position, text: expr.text)
            for argument in expr.arguments {
                let processed = try process(argument)
                pushAncestry(result, processed)
                result.arguments.append(processed)
            }
            result.procedure = try process(expr.procedure!)
        case .lambda:
            result = Node(.lambda, position: expr.position, text: expr.text)
            result.parameters = expr.parameters
            result.signature = expr.signature
            result.body = tailCallOptimize(try process(expr.body!))
        case .condition:
            result = Node(.condition, position: expr.position, text: expr.text)
            // `?:` and `??` share their left side between condition and result
            let condition = try process(expr.condition!)
            result.condition = condition
            pushAncestry(result, condition)
            let then = expr.then === expr.condition ? condition
                : expr.text == "??" && expr.then === expr.condition!.arguments.first ? condition.arguments[0]
                : try process(expr.then!)
            result.then = then
            pushAncestry(result, then)
            if let otherwise = expr.otherwise {
                result.otherwise = try process(otherwise)
                pushAncestry(result, result.otherwise!)
            }
        case .transform:
            result = Node(.transform, position: expr.position, text: "|")
            result.pattern = try process(expr.pattern!)
            result.update = try process(expr.update!)
            if let delete = expr.delete { result.delete = try process(delete) }
        case .block:
            result = Node(.block, position: expr.position)
            for item in expr.expressions {
                let part = try process(item)
                pushAncestry(result, part)
                if part.isConsArray || (part.kind == .path && part.steps[0].isConsArray) {
                    result.isConsArray = true
                }
                result.expressions.append(part)
            }
        case .name:
            result = wrapInPath(expr)
            if expr.keepArray { result.keepSingletonArray = true }
        case .parent:
            result = Node(.parent, position: expr.position, text: "%")
            result.slot = Node.Slot(label: "!\(ancestorLabel)", level: 1, index: ancestorIndex)
            ancestorLabel += 1
            ancestorIndex += 1
            ancestry.append(result)
        default:
            result = expr
        }
        if expr.keepArray { result.keepArray = true }
        return result
    }

    private func wrapInPath(_ step: Node) -> Node {
        let path = Node(.path, position: step.position)
        path.steps = [step]
        return path
    }

    private mutating func processPath(_ expr: Node) throws(JSONataError) -> Node {
        let lstep = try process(expr.lhs!)
        let result = lstep.kind == .path ? lstep : wrapInPath(lstep)
        if lstep.kind == .parent { result.seekingParent = [lstep.slot!] }
        let rest = try process(expr.rhs!)
        if rest.kind == .path {
            result.steps.append(contentsOf: rest.steps)
        } else {
            if rest.predicates != nil {
                rest.stages = rest.predicates
                rest.predicates = nil
            }
            result.steps.append(rest)
        }
        for step in result.steps {
            if step.kind == .number || step.kind == .value {
                throw JSONataError("S0213", token: step.text, position: step.position)
            }
            if step.kind == .string { step.kind = .name }
        }
        if result.steps.contains(where: { $0.keepArray }) { result.keepSingletonArray = true }
        let first = result.steps[0]
        if first.kind == .unary, first.text == "[" { first.isConsArray = true }
        let last = result.steps[result.steps.count - 1]
        if last.kind == .unary, last.text == "[" { last.isConsArray = true }
        try resolveAncestry(result)
        return result
    }

    private func tailCallOptimize(_ expr: Node) -> Node {
        if expr.kind == .function, expr.predicates == nil {
            let thunk = Node(.lambda, position: expr.position)
            thunk.isThunk = true
            thunk.body = expr
            return thunk
        }
        if expr.kind == .condition {
            // `?:` and `??` reuse their condition as the result: leave them alone
            if let then = expr.then, then !== expr.condition, expr.text != "??" {
                expr.then = tailCallOptimize(then)
            }
            if let otherwise = expr.otherwise { expr.otherwise = tailCallOptimize(otherwise) }
            return expr
        }
        if expr.kind == .block, let last = expr.expressions.last {
            expr.expressions[expr.expressions.count - 1] = tailCallOptimize(last)
        }
        return expr
    }

    private func seekParent(_ node: Node, _ slotIn: Node.Slot) throws(JSONataError) -> Node.Slot {
        var slot = slotIn
        switch node.kind {
        case .name, .wildcard:
            slot.level -= 1
            if slot.level == 0 {
                if let existing = node.ancestor {
                    ancestry[slot.index].slot!.label = existing.label
                    node.ancestor = slot
                } else {
                    node.ancestor = slot
                }
                node.isTuple = true
            }
        case .parent:
            slot.level += 1
        case .block:
            if let last = node.expressions.last {
                node.isTuple = true
                slot = try seekParent(last, slot)
            }
        case .path:
            node.isTuple = true
            var index = node.steps.count - 1
            slot = try seekParent(node.steps[index], slot)
            index -= 1
            while slot.level > 0 && index >= 0 {
                slot = try seekParent(node.steps[index], slot)
                index -= 1
            }
        default:
            throw JSONataError("S0217", token: "\(node.kind)", position: node.position)
        }
        return slot
    }

    private func pushAncestry(_ result: Node, _ value: Node) {
        guard value.seekingParent != nil || value.kind == .parent else { return }
        var slots = value.seekingParent ?? []
        if value.kind == .parent { slots.append(value.slot!) }
        result.seekingParent = (result.seekingParent ?? []) + slots
    }

    private func resolveAncestry(_ path: Node) throws(JSONataError) {
        let last = path.steps[path.steps.count - 1]
        var slots = last.seekingParent ?? []
        if last.kind == .parent { slots.append(last.slot!) }
        for var slot in slots {
            var index = path.steps.count - 2
            while slot.level > 0 {
                if index < 0 {
                    path.seekingParent = (path.seekingParent ?? []) + [slot]
                    break
                }
                var step = path.steps[index]
                index -= 1
                while index >= 0, step.focus != nil, path.steps[index].focus != nil {
                    step = path.steps[index]
                    index -= 1
                }
                slot = try seekParent(step, slot)
            }
        }
    }
}
