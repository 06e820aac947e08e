import Foundation
import JSONata
import Testing

@testable import StatesLanguage

@Suite("JSONata functions Step Functions adds")
struct StepFunctionsFunctionTests {
    static let environment = JSONataEnvironment.stepFunctions(clock: VirtualClock(start: testEpoch))

    static func evaluate(_ expression: String) throws -> JSONValue? {
        try JSONataExpression(expression).evaluate(nil, environment: environment)
    }

    @Test(
        "Results of $partition, $range, $hash and $parse",
        arguments: [
            ("$partition([1,2,3,4,5,6,7,8,9], 3)", [[1, 2, 3], [4, 5, 6], [7, 8, 9]]),
            ("$partition([1,2,3,4,5], 2)", [[1, 2], [3, 4], [5]]),
            ("$partition([1,2,3], 2.9)", [[1, 2], [3]]),
            ("$range(0, 10, 2)", [0, 2, 4, 6, 8, 10]),
            ("$range(10, 1, -3)", [10, 7, 4, 1]),
            ("$range(0, 5, 2)", [0, 2, 4]),
            ("$range(3, 3, 1)", 3),
            ("$hash('abc', 'SHA-256')", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("$hash('', 'MD5')", "d41d8cd98f00b204e9800998ecf8427e"),
            ("$hash('abc', 'SHA-1')", "a9993e364706816aba3e25717850c26c9cd0d89d"),
            (#"$parse('{"a": [1, true, null]}')"#, ["a": [1, true, nil]]),
            ("$parse('3.5')", 3.5),
        ] as [(String, JSONValue)])
    func results(expression: String, expected: JSONValue) throws {
        #expect(try Self.evaluate(expression) == expected)
    }

    @Test(
        "Arguments that give no result: empty array, zero size, wrong-direction step, no algorithm",
        arguments: ["$partition([], 2)", "$partition([1], 0)", "$range(0, 10, -1)", "$range(0, 10, 0)", "$hash('a')"])
    func undefined(expression: String) throws {
        #expect(try Self.evaluate(expression) == nil)
    }

    @Test("Errors: an unknown hash algorithm, invalid JSON in $parse, $eval")
    func errors() {
        #expect(throws: JSONataError.self) { try Self.evaluate("$hash('a', 'sha-256')") }
        #expect(throws: JSONataError.self) { try Self.evaluate("$parse('{')") }
        #expect(throws: JSONataError.self) { try Self.evaluate("$eval('1')") }
    }

    @Test("$random is in [0, 1) and reproducible with a seed")
    func random() throws {
        let seeded = try Self.evaluate("$random(42)")
        #expect(seeded == (try Self.evaluate("$random(42)")))
        #expect(seeded != (try Self.evaluate("$random(43)")))
        for _ in 0..<20 {
            let value = try #require(try Self.evaluate("$random()")?.doubleValue)
            #expect(value >= 0 && value < 1)
        }
    }

    @Test("$uuid is a lowercase version 4 UUID, different each time")
    func uuid() throws {
        let a = try #require(try Self.evaluate("$uuid()")?.stringValue)
        let b = try #require(try Self.evaluate("$uuid()")?.stringValue)
        #expect(a != b)
        #expect(a.count == 36)
        #expect(Array(a)[14] == "4")
        #expect(a == a.lowercased())
    }

    @Test("The functions are available in JSONata states")
    func inStates() async throws {
        let result = try await run(
            #"""
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
              "Output": {"chunks": "{% $partition($states.input.a, 2) %}", "json": "{% $parse($states.input.s).x %}"}, "End": true}}}
            """#, input: ["a": [1, 2, 3], "s": #"{"x": 7}"#])
        #expect(result.output == ["chunks": [[1, 2], [3]], "json": 7])
    }
}
