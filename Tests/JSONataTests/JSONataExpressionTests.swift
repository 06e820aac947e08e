import Foundation
import JSONCore
import JSONata
import Testing

@Suite("JSONataExpression: evaluation through the public API")
struct JSONataExpressionTests {
    let document: JSONValue = [
        "name": "Ada",
        "items": [["sku": "A", "price": 12], ["sku": "B", "price": 5], ["sku": "C", "price": 20]],
        "nothingHere": nil,
    ]

    @Test("bindings are visible as $name variables")
    func bindings() throws {
        let states: JSONValue = ["input": document]
        let result = try JSONataExpression("$states.input.items[price > 10].sku").evaluate(nil, bindings: ["states": states])
        #expect(result == ["A", "C"])
    }

    @Test("no result is nil, while JSON null is .null")
    func undefinedVersusNull() throws {
        #expect(try JSONataExpression("missing").evaluate(document) == nil)
        #expect(try JSONataExpression("nothingHere").evaluate(document) == .null)
        #expect(try JSONataExpression("null").evaluate(nil) == .null)
        #expect(try JSONataExpression("$exists(nothingHere)").evaluate(document) == .bool(true))
    }

    @Test("integral results come back as integers, others as doubles")
    func numbers() throws {
        let sum = try JSONataExpression("1.5 * 2").evaluate(nil)
        #expect(sum == .number(.integer(3)))
        if case .number(.integer(let value))? = sum { #expect(value == 3) } else { Issue.record("expected an integer, got \(String(describing: sum))") }
        let fraction = try JSONataExpression("0.1 + 0.2").evaluate(nil)
        if case .number(.double(let value))? = fraction { #expect(abs(value - 0.3) < 1e-15) } else { Issue.record("expected a double, got \(String(describing: fraction))") }
    }

    @Test("constructed objects keep the order keys were written in")
    func keyOrder() throws {
        let result = try JSONataExpression(#"{"zeta": 1, "alpha": 2, "mid": 3}"#).evaluate(nil)
        #expect(result?.objectValue?.keys == ["zeta", "alpha", "mid"])
    }

    @Test("a singleton path result is a value, [] keeps it an array")
    func singletons() throws {
        #expect(try JSONataExpression("items[0].sku").evaluate(document) == "A")
        #expect(try JSONataExpression("items[0].sku[]").evaluate(document) == ["A"])
    }

    @Test("functions have no JSON form and evaluate to nil")
    func functionResult() throws {
        #expect(try JSONataExpression("function($x){$x}").evaluate(nil) == nil)
    }

    @Test("one parsed expression serves many concurrent evaluations")
    func concurrentEvaluation() async throws {
        let expression = try JSONataExpression("$sum([1..n])")
        let results = await withTaskGroup(of: JSONValue?.self) { group in
            for n in 1...8 {
                group.addTask { try? expression.evaluate(["n": .number(.integer(Int64(n * 10)))]) }
            }
            var collected: [JSONValue?] = []
            for await result in group { collected.append(result) }
            return collected
        }
        let sums = results.compactMap { $0?.intValue }.sorted()
        #expect(sums == (1...8).map { n in (n * 10) * (n * 10 + 1) / 2 })
    }

    @Test("regular expressions, higher-order functions and transforms work end to end")
    func languageFeatures() throws {
        #expect(try JSONataExpression(#"$match("a1b22", /[0-9]+/).match"#).evaluate(nil) == ["1", "22"])
        #expect(try JSONataExpression("$map(items, function($i){$i.price * 2})").evaluate(document) == [24, 10, 40])
        let transformed = try JSONataExpression(#"$ ~> |items|{"onSale": price < 10}, "sku"|"#).evaluate(document)
        #expect(transformed?["items"]?[1] == ["price": 5, "onSale": true])
        #expect(try JSONataExpression("items^(>price).sku").evaluate(document) == ["C", "A", "B"])
    }
}
