import JSONCore
import JSONata
import Testing

@Suite("JSONataError: codes and positions")
struct JSONataErrorTests {
    @Test("syntax errors carry an S code and a position", arguments: [
        ("1 +", "S0207"), ("(1", "S0203"), ("[1, 2", "S0203"), ("'open", "S0101"), ("$x := ", "S0207"), ("a.1", "S0213"),
    ] as [(String, String)])
    func syntaxErrors(source: String, code: String) {
        let error = #expect(throws: JSONataError.self) { _ = try JSONataExpression(source) }
        #expect(error?.code == code)
        #expect(error?.position != nil)
    }

    @Test("evaluation errors carry the reference implementation's codes", arguments: [
        (#""s" - 1"#, "T2001"), ("1 - 's'", "T2002"), (#"$number("x")"#, "D3030"), ("$sqrt(-1)", "D3060"),
        ("1 < 'a'", "T2009"), ("$unknown()", "T1006"), ("[1..1e8]", "D2014"), ("$error('boom')", "D3137"),
        ("$assert(false, 'no')", "D3141"), ("$uppercase(1)", "T0410"),
    ] as [(String, String)])
    func evaluationErrors(source: String, code: String) throws {
        let expression = try JSONataExpression(source)
        let error = #expect(throws: JSONataError.self) { _ = try expression.evaluate(nil) }
        #expect(error?.code == code)
    }

    @Test("an operator error names the operator and where it is")
    func operatorDetails() throws {
        let error = #expect(throws: JSONataError.self) { _ = try JSONataExpression(#"1 + "two""#).evaluate(nil) }
        #expect(error?.token == "+")
        #expect(error?.position == 3)
        #expect(error?.value == "two")
        #expect(error?.description.hasPrefix("T2002") == true)
    }

    @Test("$error's message becomes the error message")
    func errorMessage() throws {
        let error = #expect(throws: JSONataError.self) { _ = try JSONataExpression("$error('custom text')").evaluate(nil) }
        #expect(error?.message == "custom text")
    }
}
