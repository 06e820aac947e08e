/// A node of a parsed JSONata expression.
///
/// The parser builds a raw tree, then a post-processing pass (as in the
/// reference implementation) folds `.` chains into paths, attaches predicates,
/// focus and index bindings to steps and resolves parent (`%`) references.
/// After that pass a tree is never changed again.
final class Node: @unchecked Sendable {
    // @unchecked: nodes are mutated only while the expression is being parsed;
    // a finished tree is immutable and shared read-only between evaluations.

    enum Kind {
        case path, binary, unary, name, string, number, value, wildcard, descendant, parent
        case condition, block, bind, regex, function, partial, variable, lambda, apply, transform
        case sort, placeholder
        // raw forms replaced during post-processing
        case predicate, group, focusBind, indexBind, orderBy, objectConstructor, arrayConstructor
    }

    /// A filter or index stage attached to a step.
    enum Stage {
        case filter(Node, position: Int)
        case index(String)
    }

    /// An ancestor reference created by `%`, resolved to a label bound in the tuple stream.
    final class Slot {
        var label: String
        var level: Int
        let index: Int
        init(label: String, level: Int, index: Int) {
            self.label = label
            self.level = level
            self.index = index
        }
    }

    /// The operators of `binary` nodes.
    enum BinaryOperator: String {
        case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
        case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case concatenate = "&", range = "..", and, or, `in`
    }

    var kind: Kind
    var position: Int
    /// For `binary` nodes, the operator `text` names.
    var binaryOperator: BinaryOperator? = nil
    /// Operator, name, variable name or string contents.
    var text: String = ""
    var number: Double = 0
    var literal: JSONataValue? = nil
    var regex: RegexLiteral? = nil

    var lhs: Node? = nil
    var rhs: Node? = nil
    var steps: [Node] = []
    var expressions: [Node] = []
    var pairs: [(Node, Node)] = []
    var arguments: [Node] = []
    var procedure: Node? = nil
    var condition: Node? = nil
    var then: Node? = nil
    var otherwise: Node? = nil
    var body: Node? = nil
    var parameters: [String] = []
    var signature: Signature? = nil
    var terms: [(descending: Bool, expression: Node)] = []
    var pattern: Node? = nil
    var update: Node? = nil
    var delete: Node? = nil

    var predicates: [Stage]? = nil
    var stages: [Stage]? = nil
    var group: (pairs: [(Node, Node)], position: Int)? = nil
    var focus: String? = nil
    var indexVariable: String? = nil
    var isTuple = false
    var ancestor: Slot? = nil
    var slot: Slot? = nil
    var seekingParent: [Slot]? = nil
    var keepArray = false
    var keepSingletonArray = false
    var isConsArray = false
    var isThunk = false
    /// The longest chain of nodes from this one down to a leaf, set by the parser; operator chains
    /// such as `a.b.c` or `1+1+1` count one level per link.
    var height = 1

    /// Sets ``height`` from the children's heights.
    func measureHeight() {
        var tallest = 0
        func visit(_ child: Node?) { if let child, child.height > tallest { tallest = child.height } }
        visit(lhs); visit(rhs); visit(procedure); visit(condition); visit(then); visit(otherwise)
        visit(body); visit(pattern); visit(update); visit(delete)
        for child in expressions { visit(child) }
        for child in arguments { visit(child) }
        for (key, value) in pairs { visit(key); visit(value) }
        for term in terms { visit(term.expression) }
        height = tallest + 1
    }

    /// A one-step path naming a field, with nothing attached: evaluated by a direct lookup.
    var isSimpleName: Bool {
        guard kind == .path, steps.count == 1, group == nil, !keepSingletonArray, !keepArray, !isTuple,
              predicates == nil else { return false }
        let step = steps[0]
        return step.kind == .name && step.stages == nil && step.predicates == nil && step.group == nil
            && !step.isTuple && !step.keepArray && step.focus == nil && step.indexVariable == nil
    }

    init(_ kind: Kind, position: Int, text: String = "") {
        self.kind = kind
        self.position = position
        self.text = text
    }
}
