/// A top-down operator-precedence parser for JSONata, producing the raw tree
/// that `Parser+Resolve` turns into the evaluated form.
struct Parser {
    var lexer: Lexer
    var node: Token

    init(_ source: String) throws(JSONataError) {
        lexer = Lexer(source)
        node = Token(kind: .end, text: "", position: 0)
        node = try lexer.next(infix: false)
    }

    /// Parses a complete expression and resolves it, on a helper thread with a big enough stack
    /// when the calling thread's stack is small.
    static func parse(_ source: String) throws(JSONataError) -> Node {
        // A tree is never taller than the text is long, so short expressions need little stack.
        let needed = StackBounds.requiredBytes(forDepth: 2 * min(maximumHeight, source.utf8.count))
        if StackBounds.limitIfAvailable(bytes: needed) != nil { return try parseHere(source) }
        return try StackBounds.runOnLargeStack(bytes: needed) { _ throws(JSONataError) -> Node in
            try parseHere(source)
        }
    }

    private static func parseHere(_ source: String) throws(JSONataError) -> Node {
        var parser = try Parser(source)
        let raw = try parser.expression(0)
        if parser.node.kind != .end {
            throw JSONataError("S0201", token: parser.node.text, position: parser.node.position)
        }
        var resolver = Resolver()
        let ast = try resolver.process(raw)
        if ast.kind == .parent || ast.seekingParent != nil {
            throw JSONataError("S0217", token: ast.kind == .parent ? "%" : nil, position: ast.position)
        }
        return ast
    }

    private mutating func advance(_ id: String? = nil, infix: Bool = false) throws(JSONataError) {
        if let id, node.id != id {
            let code = node.kind == .end ? "S0203" : "S0202"
            throw JSONataError(code, token: node.text, position: node.position, value: .string(id),
                               message: "Expected \"\(id)\", got \"\(node.text)\"")
        }
        node = try lexer.next(infix: infix)
    }

    private func bindingPower(_ token: Token) -> Int {
        guard token.kind == .op else { return 0 }
        switch token.text {
        case ";", ":", ",", ")", "]", "}", "..", "|", "**", "!", "~": return 0
        default: return Lexer.operators[token.text] ?? 0
        }
    }

    /// Nesting deeper than this is refused, so parsing never exhausts the stack.
    static let maximumNesting = 400
    /// A parse tree taller than this is refused, so that resolving, evaluating and releasing it
    /// never exhausts the stack. Every link of an operator chain (`.a.a.a`, `1+1+1`, `x[true][true]`)
    /// adds a level, as does every bracket.
    static let maximumHeight = 500
    private var nesting = 0

    mutating func expression(_ rbp: Int) throws(JSONataError) -> Node {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Parser.maximumNesting {
            throw JSONataError("U1001", position: node.position,
                               message: "The expression nests more than \(Parser.maximumNesting) levels deep")
        }
        var token = node
        try advance(nil, infix: true)
        var left = try prefix(token)
        try checkHeight(left, at: token.position)
        while rbp < bindingPower(node) {
            token = node
            try advance()
            left = try infix(token, left)
            try checkHeight(left, at: token.position)
        }
        return left
    }

    private func checkHeight(_ node: Node, at position: Int) throws(JSONataError) {
        node.measureHeight()
        if node.height > Parser.maximumHeight {
            throw JSONataError(
                "U1001", position: position,
                message: "The expression is more than \(Parser.maximumHeight) levels deep (each link of an operator or path chain counts as a level); split it into smaller expressions")
        }
    }

    private mutating func prefix(_ t: Token) throws(JSONataError) -> Node {
        switch t.kind {
        case .name: return Node(.name, position: t.position, text: t.text)
        case .variable: return Node(.variable, position: t.position, text: t.text)
        case .string: return Node(.string, position: t.position, text: t.text)
        case .number:
            let n = Node(.number, position: t.position, text: t.text)
            n.number = t.number
            return n
        case .value:
            let n = Node(.value, position: t.position, text: t.text)
            n.literal = t.literal
            return n
        case .regex:
            let n = Node(.regex, position: t.position, text: t.text)
            n.regex = t.regex
            return n
        case .end:
            throw JSONataError("S0207", token: "(end)", position: t.position)
        case .op: break
        }
        let position = t.position
        switch t.text {
        case "-":
            let n = Node(.unary, position: position, text: "-")
            n.lhs = try expression(70)
            return n
        case "*": return Node(.wildcard, position: position, text: "*")
        case "**": return Node(.descendant, position: position, text: "**")
        case "%": return Node(.parent, position: position, text: "%")
        case "and", "or", "in": return Node(.name, position: position, text: t.text)
        case "(":
            let n = Node(.block, position: position)
            while node.id != ")" {
                n.expressions.append(try expression(0))
                if node.id != ";" { break }
                try advance(";")
            }
            try advance(")", infix: true)
            return n
        case "[":
            let n = Node(.arrayConstructor, position: position, text: "[")
            if node.id != "]" {
                while true {
                    var item = try expression(0)
                    if node.id == ".." {
                        let range = Node(.binary, position: node.position, text: "..")
                        range.lhs = item
                        try advance("..")
                        range.rhs = try expression(0)
                        item = range
                    }
                    n.expressions.append(item)
                    if node.id != "," { break }
                    try advance(",")
                }
            }
            try advance("]", infix: true)
            return n
        case "{":
            let n = Node(.objectConstructor, position: position, text: "{")
            n.pairs = try objectPairs()
            return n
        case "|":
            let n = Node(.transform, position: position, text: "|")
            n.pattern = try expression(0)
            try advance("|")
            n.update = try expression(0)
            if node.id == "," {
                try advance(",")
                n.delete = try expression(0)
            }
            try advance("|")
            return n
        default:
            throw JSONataError("S0211", token: t.text, position: position)
        }
    }

    private mutating func objectPairs() throws(JSONataError) -> [(Node, Node)] {
        var pairs: [(Node, Node)] = []
        if node.id != "}" {
            while true {
                let key = try expression(0)
                try advance(":")
                let value = try expression(0)
                pairs.append((key, value))
                if node.id != "," { break }
                try advance(",")
            }
        }
        try advance("}", infix: true)
        return pairs
    }

    private mutating func infix(_ t: Token, _ left: Node) throws(JSONataError) -> Node {
        let position = t.position
        let bp = bindingPower(t)
        switch t.text {
        case ".", "+", "-", "*", "/", "%", "=", "<", ">", "!=", "<=", ">=", "&", "and", "or", "in", "~>":
            let n = Node(.binary, position: position, text: t.text)
            n.lhs = left
            n.rhs = try expression(bp)
            return n
        case "(":
            return try call(left, position: position)
        case "[":
            if node.id == "]" {
                var step = left
                while step.kind == .predicate, let inner = step.lhs { step = inner }
                step.keepArray = true
                try advance("]")
                return left
            }
            let n = Node(.predicate, position: position, text: "[")
            n.lhs = left
            n.rhs = try expression(0)
            try advance("]", infix: true)
            return n
        case "{":
            let n = Node(.group, position: position, text: "{")
            n.lhs = left
            n.pairs = try objectPairs()
            return n
        case ":=":
            guard left.kind == .variable else { throw JSONataError("S0212", token: ":=", position: position) }
            let n = Node(.bind, position: position, text: ":=")
            n.lhs = left
            n.rhs = try expression(bp - 1)
            return n
        case "@", "#":
            let n = Node(t.text == "@" ? .focusBind : .indexBind, position: position, text: t.text)
            n.lhs = left
            n.rhs = try expression(bp)
            guard n.rhs?.kind == .variable else { throw JSONataError("S0214", token: t.text, position: position) }
            return n
        case "?":
            let n = Node(.condition, position: position, text: "?")
            n.condition = left
            n.then = try expression(0)
            if node.id == ":" {
                try advance(":")
                n.otherwise = try expression(0)
            }
            return n
        case "?:":
            let n = Node(.condition, position: position, text: "?:")
            n.condition = left
            n.then = left
            n.otherwise = try expression(0)
            return n
        case "??":
            let n = Node(.condition, position: position, text: "??")
            let exists = Node(.function, position: position, text: "(")
            exists.procedure = Node(.variable, position: position, text: "exists")
            exists.arguments = [left]
            n.condition = exists
            n.then = left
            n.otherwise = try expression(0)
            return n
        case "^":
            let n = Node(.orderBy, position: position, text: "^")
            n.lhs = left
            try advance("(")
            while true {
                var descending = false
                if node.id == "<" {
                    try advance("<")
                } else if node.id == ">" {
                    descending = true
                    try advance(">")
                }
                n.terms.append((descending, try expression(0)))
                if node.id != "," { break }
                try advance(",")
            }
            try advance(")")
            return n
        default:
            throw JSONataError("S0201", token: t.text, position: position)
        }
    }

    private mutating func call(_ left: Node, position: Int) throws(JSONataError) -> Node {
        let n = Node(.function, position: position, text: "(")
        n.procedure = left
        if node.id != ")" {
            while true {
                if node.kind == .op, node.text == "?" {
                    n.kind = .partial
                    n.arguments.append(Node(.placeholder, position: node.position, text: "?"))
                    try advance("?")
                } else {
                    n.arguments.append(try expression(0))
                }
                if node.id != "," { break }
                try advance(",")
            }
        }
        try advance(")", infix: true)
        guard left.kind == .name, left.text == "function" || left.text == "\u{03BB}" else { return n }
        // a lambda definition
        let lambda = Node(.lambda, position: position, text: left.text)
        for (i, argument) in n.arguments.enumerated() {
            guard argument.kind == .variable else {
                throw JSONataError("S0208", token: argument.text, position: argument.position,
                                   value: .number(Double(i + 1)))
            }
            lambda.parameters.append(argument.text)
        }
        if node.id == "<" {
            let signaturePosition = node.position
            lexer.position = node.position - 1
            let text = try lexer.scanSignature()
            do {
                lambda.signature = try Signature(text)
            } catch {
                var located = error
                located.position = signaturePosition + (error.position ?? 0)
                throw located
            }
            node = try lexer.next(infix: false)
        }
        try advance("{")
        lambda.body = try expression(0)
        try advance("}")
        return lambda
    }
}
