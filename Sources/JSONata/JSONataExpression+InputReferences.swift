extension JSONataExpression {
    /// A place where an expression reads its input document directly rather than through a variable.
    public struct InputReference: Sendable, Hashable, CustomStringConvertible {
        /// What is read.
        public enum Kind: Sendable, Hashable {
            /// A field name (`name`, `` `first name` ``).
            case field(String)
            /// `*` or `**`.
            case wildcard(String)
            /// `$`, the context item.
            case contextItem
            /// `$$`, the input document's root.
            case root
            /// `%`, the parent of the context item.
            case parent
        }

        /// What is read.
        public var kind: Kind
        /// The character offset in the expression.
        public var position: Int

        /// The reference as written: `name`, `*`, `$`, `$$`, `%`.
        public var description: String {
            switch kind {
            case .field(let name): return name
            case .wildcard(let text): return text
            case .contextItem: return "$"
            case .root: return "$$"
            case .parent: return "%"
            }
        }
    }

    /// The input-document reads made where the context item is the input itself — the top level:
    /// the start of a path, operands, function arguments, constructor members, block expressions
    /// and lambda bodies outside any path — plus every use of `$$`.
    ///
    /// A read inside a path step after the first, a predicate, a group-by or sort term, or a
    /// transform works on the items the path produced and is not listed:
    /// `$states.input.items[price > 5].name` reads nothing at the top level, `price > 5` does.
    ///
    /// Embedders that evaluate expressions without an input (Step Functions binds the input to a
    /// variable instead) use this to refuse expressions that can only produce nothing.
    public var topLevelInputReferences: [InputReference] {
        var found: [InputReference] = []
        Self.collect(ast, atTop: true, into: &found)
        return found
    }

    /// The names of the functions the expression calls by name, without `$` (`["eval", "sum"]`).
    public var calledFunctionNames: Set<String> {
        var names: Set<String> = []
        Self.visit(ast) { node in
            if node.kind == .function || node.kind == .partial, let procedure = node.procedure,
                procedure.kind == .variable
            {
                names.insert(procedure.text)
            }
        }
        return names
    }

    private static func collect(_ node: Node, atTop: Bool, into found: inout [InputReference]) {
        func here(_ child: Node?) { if let child { collect(child, atTop: atTop, into: &found) } }
        func nested(_ child: Node?) { if let child { collect(child, atTop: false, into: &found) } }

        switch node.kind {
        case .path:
            for (index, step) in node.steps.enumerated() {
                collect(step, atTop: atTop && index == 0, into: &found)
                for case .filter(let predicate, _) in step.stages ?? [] { nested(predicate) }
            }
            node.group?.pairs.forEach { nested($0.0); nested($0.1) }
        case .name:
            if atTop { found.append(InputReference(kind: .field(node.text), position: node.position)) }
        case .wildcard, .descendant:
            if atTop { found.append(InputReference(kind: .wildcard(node.kind == .wildcard ? "*" : "**"), position: node.position)) }
        case .parent:
            if atTop { found.append(InputReference(kind: .parent, position: node.position)) }
        case .variable:
            if node.text == "$" {
                found.append(InputReference(kind: .root, position: node.position))
            } else if node.text.isEmpty, atTop {
                found.append(InputReference(kind: .contextItem, position: node.position))
            }
        case .binary, .apply:
            here(node.lhs)
            here(node.rhs)
        case .unary:
            here(node.lhs)
            node.expressions.forEach(here)
            node.pairs.forEach { here($0.0); here($0.1) }
        case .function, .partial:
            node.arguments.forEach(here)
            here(node.procedure)
        case .lambda:
            // A lambda's body sees the context where it was defined.
            here(node.body)
        case .condition:
            here(node.condition)
            here(node.then)
            here(node.otherwise)
        case .block:
            node.expressions.forEach(here)
        case .bind:
            here(node.rhs)
        case .transform:
            nested(node.pattern)
            nested(node.update)
            nested(node.delete)
        case .sort:
            node.terms.forEach { nested($0.expression) }
        default:
            break
        }
        for case .filter(let predicate, _) in node.predicates ?? [] { nested(predicate) }
        if node.kind != .path { node.group?.pairs.forEach { nested($0.0); nested($0.1) } }
    }

    private static func visit(_ node: Node, _ body: (Node) -> Void) {
        body(node)
        var children: [Node] = [node.lhs, node.rhs, node.procedure, node.condition, node.then, node.otherwise,
                                node.body, node.pattern, node.update, node.delete].compactMap { $0 }
        children += node.steps + node.expressions + node.arguments + node.terms.map(\.expression)
        children += node.pairs.flatMap { [$0.0, $0.1] } + (node.group?.pairs.flatMap { [$0.0, $0.1] } ?? [])
        for stage in (node.stages ?? []) + (node.predicates ?? []) {
            if case .filter(let predicate, _) = stage { children.append(predicate) }
        }
        for child in children { visit(child, body) }
    }
}
