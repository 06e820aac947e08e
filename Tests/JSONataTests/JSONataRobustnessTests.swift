import JSONCore
import JSONata
import Testing

@Suite("Hostile input fails cleanly")
struct JSONataRobustnessTests {
    @Test("extreme arguments raise errors or produce values, never trap", arguments: [
        "$formatInteger(1e300, 'a')", "$formatInteger(1e300, 'I')", "$formatInteger(-1e300, 'w')",
        "$fromMillis(1e300)", "$fromMillis(-1e300, '[Y]-[M]-[D]')", "$toMillis('99999999999999999999', '[Y]')",
        "$toMillis('2020-99999999999999-01', '[Y]-[M]-[D]')", "$substring('abc', 1e300, -1e300)",
        "$substring('abc', -1e300, 1e300)", "$pad('x', -1e300)", "$pad('x', 1e300)", "$formatNumber(1e300, '#,##0.00')",
        "$formatBase(1e300, 2)", "$round(1.5, 1e300)", "$round(1.5, -1e300)", "'abc'[1e300]", "[1,2,3][-1e300]",
        "$split('a,b', ',', 1e300)", "$match('aaa', /a/, 1e300)", "$replace('aaa', 'a', 'b', 1e300)", "2 ^ 3",
        "$power(10, 1e300)", "$sqrt(-1)", "1/0", "$string(1/0)", "-(1/0)", "$number('1e400')", "[1..1e300]",
        "$formatInteger(12, '#;o')", "$formatInteger(1/0, 'w')", "$formatInteger(-1/0, 'a')",
        "$formatNumber(1/0, '0.00e0')", "$formatNumber(0/0, '#,##0')", "$formatBase(1/0)", "$string(0/0)", "$round(1/0, 2)", "$parseInteger('zzzzzzzzzzzzzzzzzzzzzzzz', 'a')", "$fromMillis(0/0)",
    ] as [String])
    func extremeArguments(source: String) {
        do {
            _ = try JSONataExpression(source).evaluate(nil)
        } catch {
            #expect(!error.code.isEmpty)
        }
    }

    @Test("deeply nested expressions are refused at parse time")
    func deepNesting() {
        let source = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        let error = #expect(throws: JSONataError.self) { _ = try JSONataExpression(source) }
        #expect(error?.code == "U1001")
        let fine = String(repeating: "[", count: 100) + "1" + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { _ = try JSONataExpression(fine).evaluate(nil) }
    }
}
