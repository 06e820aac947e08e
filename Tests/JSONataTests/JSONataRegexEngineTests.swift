import JSONCore
import JSONata
import Testing

/// The regex matcher JSONata runs on: JavaScript semantics, and no blow-up on any pattern (issue 10).
@Suite("JSONata regex engine")
struct JSONataRegexEngineTests {
    private func evaluate(_ source: String, environment: JSONataEnvironment = .init()) throws -> JSONValue? {
        try JSONataExpression(source).evaluate(nil, environment: environment)
    }

    @Test("nested quantifiers on a failing input finish with a result", arguments: [
        "/(a+)+$/", "/(a|a)+$/", "/(a|aa)+$/", "/(.*a){12}$/", "/^(a?){30}a{30}$/",
    ])
    func catastrophicPatterns(pattern: String) throws {
        // With the default 10 s deadline; the case ran for minutes before.
        let result = try evaluate("$match($pad('', 1000, 'a') & '!', \(pattern))")
        #expect(result == nil)
    }

    @Test("the issue's reproducer matches the run of a's when the end anchor can be met")
    func catastrophicMatch() throws {
        let result = try evaluate("$match($pad('', 1000, 'a'), /(a+)+$/).index")
        #expect(result == 0)
    }

    @Test("a backreference pattern that explodes stops at the deadline with U1001")
    func backreferenceDeadline() throws {
        var environment = JSONataEnvironment()
        environment.timeLimit = .milliseconds(300)
        let error = #expect(throws: JSONataError.self) {
            _ = try evaluate("$match($pad('', 5000, 'a') & '!', /^((a+)+\\2?)+$/)", environment: environment)
        }
        #expect(error?.code == "U1001")
    }

    @Test("JavaScript semantics", arguments: [
        ("$match('xaaay', /a+?/).match", "[\"a\",\"a\",\"a\"]"),
        ("$match('xaaay', /a+/).match", "\"aaa\""),
        ("$match('abc', /(ab)|(a)/).groups", "[\"ab\",\"\"]"),
        ("$match('ab', /(?:(a)|b)+/).groups", "[\"\"]"),
        ("$match('Hello World', /(\\w+)\\s(\\w+)/).groups", "[\"Hello\",\"World\"]"),
        ("$match('HAT hat', /hat/i).index", "[0,4]"),
        ("$match('one\\ntwo', /^t/m).index", "4"),
        ("$match('one\\ntwo', /^t/)", "null"),
        ("$match('abcabc', /(abc)\\1/).match", "\"abcabc\""),
        ("$match('price: 30USD 4EUR', /\\d+(?=USD)/).match", "\"30\""),
        ("$match('price: 30USD 4EUR', /\\d+(?!\\d|USD)/).match", "\"4\""),
        ("$match('$30 €4', /(?<=\\$)\\d+/).match", "\"30\""),
        ("$match('aaaa', /a{2,3}/).match", "\"aaa\""),
        ("$match('x-y', /[\\w-]+/).match", "\"x-y\""),
        ("$match('aaa!', /(a*)*$/)", "{\"match\":\"\",\"index\":4,\"groups\":[\"\"]}"),
        ("$match('catch cat', /\\bcat\\b/).index", "6"),
        ("$replace('a.b.c', /\\./, '-')", "\"a-b-c\""),
        ("$split('a1b22c', /\\d+/)", "[\"a\",\"b\",\"c\"]"),
        ("$match('ÄÖ', /äö/i).match", "\"ÄÖ\""),
        ("$match('x😀y', /y/).index", "3"),
        ("$contains('abc', /B/i)", "true"),
    ] as [(String, String)])
    func semantics(source: String, expected: String) throws {
        let result = try evaluate(source)
        #expect((result ?? .null) == (try JSONValue(parsing: expected)))
    }

    @Test("50,000 matches in a 100,000-character string, the searches sharing what failed")
    func manyMatches() throws {
        #expect(try evaluate("$count($match($pad('', 100000, 'ab'), /a/))") == .integer(50_000))
        #expect(try evaluate("$length($replace($pad('', 100000, 'ab'), /b+/, ''))") == .integer(50_000))
    }

    @Test("a loop whose body can match nothing is searched in linear time")
    func emptyIterationLoops() throws {
        // Each start position used to scan the rest of the text again: 7.85 s in a release build.
        #expect(try evaluate("$contains($pad('', 20000, 'a'), /(a*)*b/)") == false)
        #expect(try evaluate("$contains($pad('', 20000, 'a'), /(a|b*)*c/)") == false)
        #expect(try evaluate("$match($pad('', 20000, 'a') & 'b', /(a?){2}(a*)*b/).index") == 0)
        #expect(try evaluate("$count($split($pad('', 20000, 'ab'), /(a?)*?b/))") == 10_001)
    }

    @Test("the searches of one $match, $replace or next() share what failed, and still agree with each alone")
    func sharedRecord() throws {
        #expect(try evaluate("$replace('aab aab', /(a*)*b/, '<$1>')") == "<aa> <aa>")
        #expect(try evaluate("$match('abab', /(?:a|b)??b/).index") == [0, 2])
        // next() of the first match after its follower was searched: the search goes back to 3
        let source = "($r := /a*b/('aabab'); [$r.next().match, $r.match, $r.next().next(), $r.next().match])"
        #expect(try evaluate(source) == ["ab", "aab", "ab"])
    }

    @Test("patterns JavaScript refuses raise S0302", arguments: ["/a**/", "/(a/", "/[b-a]/", "/a{3,1}/", "/+/"])
    func invalidPatterns(pattern: String) {
        let error = #expect(throws: JSONataError.self) { _ = try JSONataExpression("$match('a', \(pattern))") }
        #expect(error?.code == "S0302")
    }
}

/// Regex searches over long texts: a second or so of CPU in a debug build.
@Suite("Slow: JSONata regex engine")
struct SlowJSONataRegexEngineTests {
    @Test("$replace over 100,000 characters with a loop that can match nothing ends with its result")
    func longReplace() throws {
        // It ran into the 10 s deadline (U1001) before searches shared what failed.
        let source = "$length($replace($pad('', 100000, 'a'), /(a*)*b/, 'x'))"
        #expect(try JSONataExpression(source).evaluate(nil) == .integer(100_000))
        #expect(try JSONataExpression("$length($replace($pad('', 100000, 'a'), /(a|b*)*$/, 'x'))").evaluate(nil) == 1)
    }
}
