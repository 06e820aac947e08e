import JSONata
import Testing

@Suite("Input references at the top level")
struct InputReferenceTests {
    static func references(_ source: String) throws -> [String] {
        try JSONataExpression(source).topLevelInputReferences.map(\.description)
    }

    @Test(
        "Reads of the input at the top level are found",
        arguments: [
            ("name", ["name"]),
            ("Account.Order.Product", ["Account"]),
            ("$sum(Account.Order.Price)", ["Account"]),
            ("price * 2 + tax", ["price", "tax"]),
            ("[a, b]", ["a", "b"]),
            ("{'x': a}", ["a"]),
            ("flag ? yes : no", ["flag", "yes", "no"]),
            ("($x := total; $x)", ["total"]),
            ("$", ["$"]),
            ("$.phone[0].number", ["$"]),
            ("$$.a", ["$$"]),
            ("*", ["*"]),
            ("**.id", ["**"]),
            ("function($v) { $v + offset }(1)", ["offset"]),
            ("`first name`", ["first name"]),
        ] as [(String, [String])])
    func found(source: String, expected: [String]) throws {
        #expect(try Self.references(source) == expected)
    }

    @Test(
        "Reads relative to a path, a predicate or a transform are not top-level",
        arguments: [
            "$states.input.items[price > 5].name",
            "$states.input.items.(price * quantity)",
            "$map($states.input.items, function($v) { $v.id })",
            "$states.input{type: $sum(amount)}",
            "$states.input.items^(>price)",
            "$states.input ~> |items|{'seen': true}|",
            "$x[0]",
            "'text' & $string(42)",
            "$states.context.Execution.Id",
        ])
    func relative(source: String) throws {
        #expect(try Self.references(source) == [])
    }

    @Test("$$ counts everywhere: it is always the input's root")
    func rootAnywhere() throws {
        #expect(try Self.references("$states.input.items[id = $$.id]") == ["$$"])
    }

    @Test("Called function names are listed without '$'")
    func calledFunctions() throws {
        #expect(try JSONataExpression("$eval('1') + $sum([1])").calledFunctionNames == ["eval", "sum"])
        #expect(try JSONataExpression("$states.input").calledFunctionNames.isEmpty)
    }
}
