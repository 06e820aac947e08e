/// Path navigation: steps, tuple streams, predicates, grouping and sorting.
extension Evaluator {
    func evaluatePath(_ expr: Node, _ input: JSONataValue?, _ env: Frame) throws(JSONataError) -> JSONataValue? {
        if expr.isSimpleName, !input.isArray {
            // a single field lookup: what the general algorithm computes, without its intermediate sequences
            if depth >= maximumDepth { throw depthExceeded() }
            guard case .object(let object)? = input, let value = object[expr.steps[0].text] else { return nil }
            if case .array(let array) = value, array.isSequence {
                return .array(ValueArray.sequence(array.items))
            }
            return value
        }
        var inputSequence: ValueArray
        var inputHasUndefined = false
        if case .array(let array)? = input, expr.steps[0].kind != .variable {
            inputSequence = array
        } else {
            inputSequence = ValueArray.sequence(of: input)
            inputHasUndefined = input == nil
        }
        var resultSequence: ValueArray? = nil
        var isTupleStream = false
        var tupleBindings: ValueArray? = nil
        let lastIndex = expr.steps.count - 1
        for (index, step) in expr.steps.enumerated() {
            if step.isTuple { isTupleStream = true }
            if index == 0 && step.isConsArray {
                let value = try evaluate(step, .array(inputSequence), env)
                switch value {
                case .array(let array)?: resultSequence = array
                case nil: resultSequence = ValueArray.sequence()
                case let other?: resultSequence = ValueArray.sequence(of: other)
                }
            } else if isTupleStream {
                tupleBindings = try evaluateTupleStep(step, inputSequence, undefinedInput: inputHasUndefined,
                                                      tupleBindings, env)
            } else {
                resultSequence = try evaluateStep(step, inputSequence, undefinedInput: inputHasUndefined, env,
                                                  isLast: index == lastIndex)
            }
            if !isTupleStream, resultSequence == nil || resultSequence!.isEmpty { break }
            if step.focus == nil, let next = resultSequence {
                inputSequence = next
                inputHasUndefined = false
            }
        }
        if isTupleStream {
            let tuples = tupleBindings ?? ValueArray.sequence()
            if expr.isTuple {
                resultSequence = tuples
            } else {
                var values = ValueArray.sequence()
                for case .object(let tuple) in tuples.items {
                    if let value = tuple["@"] { values.append(value) }
                }
                try allocate(values.count)
                resultSequence = values
            }
        }
        if expr.keepSingletonArray {
            var sequence = resultSequence ?? ValueArray.sequence()
            if sequence.isCons && !sequence.isSequence {
                sequence = ValueArray.sequence([.array(sequence)])
            }
            sequence.keepSingleton = true
            resultSequence = sequence
        }
        if let group = expr.group {
            let groupInput = isTupleStream ? tupleBindings : resultSequence
            return try evaluateGroup(group.pairs, position: group.position, groupInput.map { .array($0) }, env)
        }
        return resultSequence.map { .array($0) }
    }

    private func evaluateStep(_ expr: Node, _ input: ValueArray, undefinedInput: Bool, _ env: Frame,
                              isLast: Bool) throws(JSONataError) -> ValueArray {
        if expr.kind == .sort {
            var result = try evaluateSort(expr, input, env)
            if let stages = expr.stages { result = try evaluateStages(stages, result, env) }
            return result
        }
        // Results are flattened as they arrive; the first one is held back because a lone
        // array result of the last step is returned as it is rather than flattened.
        var first: JSONataValue? = nil
        var count = 0
        var flattened = ValueArray.sequence()
        func add(_ value: JSONataValue) throws(JSONataError) {
            if case .array(let array) = value, !array.isCons {
                try allocate(array.items.count)
                flattened.items.append(contentsOf: array.items)
            } else {
                try allocate(1)
                flattened.append(value)
            }
        }
        func run(_ item: JSONataValue?) throws(JSONataError) {
            var value = try evaluate(expr, item, env)
            if let stages = expr.stages {
                for case .filter(let predicate, _) in stages {
                    value = .array(try evaluateFilter(predicate, value, env))
                }
            }
            guard let value else { return }
            count += 1
            if count == 1 {
                first = value
            } else {
                if count == 2, let held = first { try add(held) }
                try add(value)
                if flattened.items.count > maximumSequenceLength { throw sequenceTooLong() }
            }
        }
        if undefinedInput {
            try run(nil)
        } else {
            for item in input.items { try run(item) }
        }
        if count == 1, let value = first {
            if isLast, case .array(let array) = value, !array.isSequence { return array }
            try add(value)
        }
        return flattened
    }

    private func evaluateStages(_ stages: [Node.Stage], _ input: ValueArray, _ env: Frame) throws(JSONataError)
        -> ValueArray
    {
        var result = input
        for stage in stages {
            switch stage {
            case .filter(let predicate, _):
                result = try evaluateFilter(predicate, .array(result), env)
            case .index(let name):
                for (i, item) in result.items.enumerated() {
                    if case .object(let tuple) = item { tuple[name] = .number(Double(i)) }
                }
            }
        }
        return result
    }

    private func evaluateTupleStep(_ expr: Node, _ input: ValueArray, undefinedInput: Bool,
                                   _ tupleBindings: ValueArray?, _ env: Frame) throws(JSONataError) -> ValueArray {
        if expr.kind == .sort {
            var result: ValueArray
            if let tupleBindings {
                result = try evaluateSort(expr, tupleBindings, env)
            } else {
                let sorted = try evaluateSort(expr, input, env)
                result = ValueArray.sequence()
                result.isTupleStream = true
                try allocate(sorted.count)
                try allocate(objects: sorted.count, members: sorted.count)
                for (i, item) in sorted.items.enumerated() {
                    let tuple = ValueObject()
                    tuple["@"] = item
                    if let name = expr.indexVariable { tuple[name] = .number(Double(i)) }
                    result.append(.object(tuple))
                }
            }
            if let stages = expr.stages { result = try evaluateStages(stages, result, env) }
            return result
        }
        var result = ValueArray.sequence()
        result.isTupleStream = true
        var bindings: [ValueObject] = []
        if let tupleBindings {
            for case .object(let tuple) in tupleBindings.items { bindings.append(tuple) }
        } else if undefinedInput {
            bindings.append(ValueObject())
        } else {
            try allocate(objects: input.count, members: input.count)
            for item in input.items {
                let tuple = ValueObject()
                tuple["@"] = item
                bindings.append(tuple)
            }
        }
        for binding in bindings {
            let stepEnv = Frame.from(tuple: binding, parent: env)
            guard let res = try evaluate(expr, binding["@"], stepEnv) else { continue }
            let items: [JSONataValue]
            var resIsTupleStream = false
            if case .array(let array) = res {
                items = array.items
                resIsTupleStream = array.isTupleStream
            } else {
                items = [res]
            }
            for (bb, item) in items.enumerated() {
                try allocate(1)
                try allocate(objects: 1, members: binding.count + 3)  // the copy, and at most three bindings more
                let tuple = binding.copy()
                if resIsTupleStream {
                    if case .object(let inner) = item {
                        for (key, value) in inner.entries { tuple[key] = value }
                    }
                } else {
                    if let focus = expr.focus {
                        tuple[focus] = item
                        tuple["@"] = binding["@"]
                    } else {
                        tuple["@"] = item
                    }
                    if let name = expr.indexVariable { tuple[name] = .number(Double(bb)) }
                    if let ancestor = expr.ancestor { tuple[ancestor.label] = binding["@"] }
                }
                result.append(.object(tuple))
            }
        }
        if let stages = expr.stages { result = try evaluateStages(stages, result, env) }
        return result
    }

    func evaluateFilter(_ predicate: Node, _ input: JSONataValue?, _ env: Frame) throws(JSONataError) -> ValueArray {
        var results = ValueArray.sequence()
        let items: ValueArray
        switch input {
        case .array(let array)?: items = array
        case nil: items = ValueArray.sequence()
        case let value?: items = ValueArray.sequence(of: value)
        }
        if items.isTupleStream { results.isTupleStream = true }
        if predicate.kind == .number {
            var index = Int(exactly: predicate.number.rounded(.down)) ?? Int.max
            if index < 0 { index += items.count }
            if index >= 0, index < items.count {
                let item = items.items[index]
                if case .array(let array) = item {
                    return array
                }
                results.append(item)
            }
            return results
        }
        for (index, item) in items.items.enumerated() {
            var context: JSONataValue? = item
            var frame = env
            if items.isTupleStream, case .object(let tuple) = item {
                context = tuple["@"]
                frame = Frame.from(tuple: tuple, parent: env)
            }
            let res = try evaluate(predicate, context, frame)
            var numbers: [Double]? = nil
            if case .number(let n)? = res {
                try Evaluator.checkFinite(n)
                numbers = [n]
            } else if case .array(let array)? = res {
                var all: [Double] = []
                for case .number(let n) in array.items { all.append(n) }
                if all.count == array.items.count { numbers = all }
            }
            if let numbers {
                for n in numbers {
                    var i = Int(exactly: n.rounded(.down)) ?? Int.max
                    if i < 0 { i += items.count }
                    if i == index {
                        try allocate(1)
                        results.append(item)
                    }
                }
            } else if Evaluator.boolean(res) == true {
                try allocate(1)
                results.append(item)
            }
        }
        return results
    }

    func evaluateGroup(_ pairs: [(Node, Node)], position: Int, _ input: JSONataValue?, _ env: Frame)
        throws(JSONataError) -> JSONataValue?
    {
        try allocate(objects: 1, members: 0)
        let result = ValueObject()
        var groups: [(key: String, data: GatheredValues, exprIndex: Int)] = []
        var groupIndex: [String: Int] = [:]
        var reduce = false
        // Over several items, a group also holds an entry of its own until its member is made.
        var groupItems = 1
        func place(_ item: JSONataValue?) throws(JSONataError) {
            var context = item
            var frame = env
            if reduce, case .object(let tuple)? = item {
                context = tuple["@"]
                frame = Frame.from(tuple: tuple, parent: env)
            }
            for (pairIndex, pair) in pairs.enumerated() {
                let key = try evaluate(pair.0, context, frame)
                guard let key else { continue }
                guard case .string(let name) = key else {
                    throw JSONataError("T1003", position: position, value: key)
                }
                if let existing = groupIndex[name] {
                    if groups[existing].exprIndex != pairIndex {
                        throw JSONataError("D1009", position: position, value: key)
                    }
                    try allocate(groups[existing].data.add(item))
                } else {
                    try allocate(members: groupItems)
                    groupIndex[name] = groups.count
                    groups.append((name, GatheredValues(item), pairIndex))
                }
            }
        }
        switch input {
        case .array(let array)?:
            reduce = array.isTupleStream
            if array.count > 1 { groupItems = 2 }
            if array.isEmpty { try place(nil) }
            for item in array.items { try place(item) }  // the items themselves: no copy of the array
        default:
            try place(input)
        }
        for group in groups {
            var context = group.data.value
            var frame = env
            if reduce {
                let tuple = try reduceTupleStream(context)
                context = tuple["@"]
                tuple["@"] = nil
                frame = Frame.from(tuple: tuple, parent: env)
            }
            if let value = try evaluate(pairs[group.exprIndex].1, context, frame) {
                result[group.key] = value
            }
        }
        return .object(result)
    }

    private func reduceTupleStream(_ stream: JSONataValue?) throws(JSONataError) -> ValueObject {
        guard case .array(let array)? = stream else {
            if case .object(let tuple)? = stream {
                try allocate(objects: 1, members: tuple.count)
                return tuple.copy()
            }
            return ValueObject()
        }
        try allocate(objects: 1, members: 0)
        let result = ValueObject()
        guard case .object? = array.items.first else { return result }
        var keys: [String] = []
        var gathered: [String: GatheredValues] = [:]
        for case .object(let tuple) in array.items {
            for (key, value) in tuple.entries {
                if gathered[key] == nil {
                    keys.append(key)
                    gathered[key] = GatheredValues()
                }
                try allocate(gathered[key]!.add(value))
            }
        }
        try allocate(members: keys.count)
        for key in keys { result[key] = gathered[key]!.value }
        return result
    }

    func evaluateSort(_ expr: Node, _ input: ValueArray, _ env: Frame) throws(JSONataError) -> ValueArray {
        let isTupleSort = input.isTupleStream
        var keys: [[JSONataValue?]] = []
        for item in input.items {
            var context: JSONataValue? = item
            var frame = env
            if isTupleSort, case .object(let tuple) = item {
                context = tuple["@"]
                frame = Frame.from(tuple: tuple, parent: env)
            }
            var row: [JSONataValue?] = []
            for term in expr.terms { row.append(try evaluate(term.expression, context, frame)) }
            keys.append(row)
        }
        var order = Array(input.items.indices)
        try Evaluator.mergeSort(&order) { (a: Int, b: Int) throws(JSONataError) -> Bool in
            var comparison = 0
            for (t, term) in expr.terms.enumerated() where comparison == 0 {
                let aa = keys[a][t], bb = keys[b][t]
                guard let aa else {
                    comparison = bb == nil ? 0 : 1
                    continue
                }
                guard let bb else {
                    comparison = -1
                    continue
                }
                switch (aa, bb) {
                case (.number(let x), .number(let y)):
                    comparison = x == y ? 0 : (x < y ? -1 : 1)
                case (.string(let x), .string(let y)):
                    comparison = x == y ? 0 : (Evaluator.jsLess(x, y) ? -1 : 1)
                case (.number, .string), (.string, .number):
                    throw JSONataError("T2007", position: expr.position, value: aa)
                default:
                    let bad: JSONataValue
                    if case .number = aa { bad = bb } else if case .string = aa { bad = bb } else { bad = aa }
                    throw JSONataError("T2008", position: expr.position, value: bad)
                }
                if term.descending { comparison = -comparison }
            }
            return comparison == 1
        }
        var result = input
        try allocate(order.count)
        result.items = order.map { input.items[$0] }
        return result
    }
}
