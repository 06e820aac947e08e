import Testing
import JSONCore

@Suite("JSON parsing")
struct JSONParserTests {
    @Test("Integers keep every digit")
    func exactIntegers() throws {
        let value = try JSONValue(parsing: #"{"n": 9007199254740993}"#)
        #expect(value["n"] == .number(.integer(9_007_199_254_740_993)))
        #expect(value.jsonString() == #"{"n":9007199254740993}"#)
    }

    @Test("Doubles and integers are told apart but compare numerically")
    func numbers() throws {
        let value = try JSONValue(parsing: "[1, 1.0, 1e2, -0.5, 12345678901234567890]")
        #expect(value[0] == .number(.integer(1)))
        guard case .number(.double(1.0)) = value[1] else { Issue.record("1.0 should be a double"); return }
        #expect(value[0] == value[1])
        #expect(value[2]?.doubleValue == 100)
        #expect(value[3]?.doubleValue == -0.5)
        #expect(value[4]?.doubleValue == 12345678901234567890.0)
    }

    @Test("Keys keep insertion order; equality ignores it")
    func keyOrder() throws {
        let a = try JSONValue(parsing: #"{"z":1,"a":2,"m":{"y":1,"b":2}}"#)
        let b = try JSONValue(parsing: #"{"a":2,"m":{"b":2,"y":1},"z":1}"#)
        #expect(a.jsonString() == #"{"z":1,"a":2,"m":{"y":1,"b":2}}"#)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
    }

    @Test("Escapes and Unicode round-trip")
    func strings() throws {
        let value = try JSONValue(parsing: #"["a\"b\\c\/d\n\t\u00e9\ud83d\ude00", "ü€"]"#)
        #expect(value[0] == .string("a\"b\\c/d\n\té😀"))
        #expect(value[1] == .string("ü€"))
        #expect(value.jsonString() == #"["a\"b\\c/d\n\té😀","ü€"]"#)
        #expect(JSONValue.string("\u{01}").jsonString() == #""\u0001""#)
    }

    @Test("Syntax errors give line and column", arguments: [
        ("{\"a\": }", 1, 7, "expected a value"),
        ("[1,\n 2,\n ]", 3, 2, "expected a value"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("[01]", 1, 3, "leading zeros"),
        ("[1] x", 1, 5, "after the JSON value"),
        ("\"abc", 1, 1, "unterminated string"),
        ("", 1, 1, "unexpected end of input"),
        ("[1,]", 1, 4, "expected a value"),
        ("{\"a\":1,}", 1, 8, "expected a string key"),
        ("\"\\ud800\"", 1, 8, "unpaired surrogate"),
    ] as [(String, Int, Int, String)])
    func syntaxErrors(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try JSONValue(parsing: text)
            Issue.record("expected a syntax error for \(text)")
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test("Deep nesting is an error, not a crash")
    func depth() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: text) }
    }

    @Test("The source map points at keys and values")
    func sourceMap() throws {
        let text = """
            {
              "StartAt": "A",
              "States": {
                "A": {"Type": "Pass", "End": true}
              }
            }
            """
        let (_, map) = try JSONValue.parseWithSourceMap(text)
        #expect(map.keyLocation(of: "/StartAt") == TextLocation(line: 2, column: 3))
        #expect(map.location(of: "/StartAt") == TextLocation(line: 2, column: 14))
        #expect(map.keyLocation(of: "/States/A/Type") == TextLocation(line: 4, column: 11))
        #expect(map.nearestLocation(of: "/States/A/Next") == TextLocation(line: 4, column: 5))
    }
}

@Suite("JSON writing")
struct JSONWriterTests {
    @Test("Pretty printing indents by two spaces")
    func pretty() {
        let value: JSONValue = ["a": [1, true, nil], "b": [:]]
        #expect(value.jsonString(options: .pretty) == "{\n  \"a\": [\n    1,\n    true,\n    null\n  ],\n  \"b\": {}\n}")
    }

    @Test("The compact byte count matches the written text", arguments: [
        #"{"a":[1,2.5,"x\n\u0001"],"é":null,"t":true,"f":false}"#,
        "[]", "{}", "\"\"", "-12", "1.5e-07",
    ])
    func byteCount(text: String) throws {
        let value = try JSONValue(parsing: text)
        #expect(value.compactByteCount == value.jsonBytes().count)
    }

    @Test("Integral doubles keep a fractional part")
    func doubles() {
        #expect(JSONValue.double(3).jsonString() == "3.0")
        #expect(JSONValue.double(0.1).jsonString() == "0.1")
        #expect(JSONValue.integer(3).jsonString() == "3")
    }

    @Test("Codable bridges user types")
    func codable() throws {
        struct Input: Codable, Equatable { var ids: [String]; var count: Int }
        let value = try JSONValue(encoding: Input(ids: ["i-1"], count: 2))
        #expect(value["count"] == 2)
        #expect(try value.decode(Input.self) == Input(ids: ["i-1"], count: 2))
    }
}

@Suite("JSON edge cases")
struct JSONEdgeCaseTests {
    @Test("Numbers too large for a double are rejected instead of becoming Infinity")
    func outOfRange() {
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: #"{"f": 1e400}"#) }
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: "-1e999") }
    }

    @Test(
        "Integers beyond 64 bits keep every digit, as AWS keeps them",
        arguments: ["9223372036854775808", "-9223372036854775809", "123456789012345678901234567890"])
    func bigIntegers(text: String) throws {
        let value = try JSONValue(parsing: #"{"v": \#(text)}"#)
        #expect(value.jsonString() == #"{"v":\#(text)}"#)
        #expect(value.compactByteCount == value.jsonBytes().count)
        let number = try #require(value["v"]?.numberValue)
        #expect(number.isIntegral)
        #expect(number.int64Value == nil)
        #expect(number.doubleValue == Double(text))
        #expect(number == JSONNumber.bigInteger(text))
        #expect(number != JSONNumber.integer(Int64.max))
    }

    @Test("Long integers order by value")
    func bigIntegerOrder() {
        let a = JSONNumber.bigInteger("9223372036854775808"), b = JSONNumber.bigInteger("9223372036854775809")
        #expect(a < b && !(b < a))
        let c = JSONNumber.bigInteger("-9223372036854775809"), d = JSONNumber.bigInteger("-9223372036854775808")
        #expect(c < d && !(d < c))
        #expect(JSONNumber.integer(Int64.max) < a)
    }

    @Test("Negative zero keeps its sign")
    func negativeZero() throws {
        #expect(try JSONValue(parsing: "-0.0").jsonString() == "-0.0")
        #expect(JSONValue.double(-2).jsonString() == "-2.0")
    }

    @Test("The source map lists repeated keys")
    func duplicates() throws {
        let (value, map) = try JSONValue.parseWithSourceMap(#"{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}"#)
        #expect(value == ["a": 3, "b": ["c": 2]])
        #expect(map.duplicateKeys == ["/b/c", "/a"])
    }

    @Test("The depth-bounded byte count refuses values nested too deeply")
    func boundedDepth() throws {
        var value: JSONValue = 1
        for _ in 0..<20 { value = [value] }
        #expect(value.compactByteCount(maximumDepth: 20) == value.compactByteCount)
        #expect(value.compactByteCount(maximumDepth: 19) == nil)
    }
}
