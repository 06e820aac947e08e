import JSONCore
import JSONata
import Testing

@Suite("Regular expression values")
struct JSONataRegexTests {
    @Test("a regex called as a function returns a match with next()")
    func matcherObject() throws {
        let first = try JSONataExpression(#"/a(.)/("xabyac").groups"#).evaluate(nil)
        #expect(first == ["b"])
        let second = try JSONataExpression(#"/a(.)/("xabyac").next().start"#).evaluate(nil)
        #expect(second == 4)
    }
}
