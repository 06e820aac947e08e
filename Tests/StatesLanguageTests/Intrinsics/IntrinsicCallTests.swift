import Testing
@testable import StatesLanguage

/// Evaluates `text` against `input` with an empty context object.
func evaluateIntrinsic(_ text: String, _ input: JSONValue = [:], context: JSONValue = [:]) throws -> JSONValue {
    try IntrinsicCall(parsing: text).evaluate(in: PathEnvironment(input: input, context: context))
}

@Suite("Intrinsic functions")
struct IntrinsicFunctionTests {
    static let nine: JSONValue = ["inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9]]

    // Examples from https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
    static let awsExamples: [(call: String, input: JSONValue, expected: JSONValue)] = [
        ("States.Format('Hello, my name is {}.', $.name)", ["name": "Arnav"], "Hello, my name is Arnav."),
        ("States.Format($.template, $.name)", ["name": "Arnav", "template": "Hello, my name is {}."], "Hello, my name is Arnav."),
        ("States.StringToJson($.escapedJsonString)", ["escapedJsonString": "{\"foo\": \"bar\"}"], ["foo": "bar"]),
        ("States.JsonToString($.unescapedJson)", ["unescapedJson": ["foo": "bar"]], "{\"foo\":\"bar\"}"),
        ("States.Array($.Id)", ["Id": 123456], [123456]),
        ("States.ArrayPartition($.inputArray,4)", nine, [[1, 2, 3, 4], [5, 6, 7, 8], [9]]),
        ("States.ArrayContains($.inputArray, $.lookingFor)", ["inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "lookingFor": 5], true),
        ("States.ArrayRange(1, 9, 2)", [:], [1, 3, 5, 7, 9]),
        ("States.ArrayGetItem($.inputArray, $.index)", ["inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "index": 5], 6),
        ("States.ArrayLength($.inputArray)", nine, 9),
        ("States.ArrayUnique($.inputArray)", ["inputArray": [1, 2, 3, 3, 3, 3, 3, 3, 4]], [1, 2, 3, 4]),
        ("States.Base64Encode($.input)", ["input": "Data to encode"], "RGF0YSB0byBlbmNvZGU="),
        ("States.Base64Decode($.base64)", ["base64": "RGF0YSB0byBlbmNvZGU="], "Data to encode"),
        ("States.JsonMerge($.json1, $.json2, false)",
         ["json1": ["a": ["a1": 1, "a2": 2], "b": 2], "json2": ["a": ["a3": 1, "a4": 2], "c": 3]],
         ["a": ["a3": 1, "a4": 2], "b": 2, "c": 3]),
        ("States.MathAdd($.value1, $.step)", ["value1": 111, "step": -1], 110),
        ("States.StringSplit($.inputString, $.splitter)", ["inputString": "1,2,3,4,5", "splitter": ","], ["1", "2", "3", "4", "5"]),
        ("States.StringSplit($.inputString, $.splitter)", ["inputString": "This.is+a,test=string", "splitter": ".+,="],
         ["This", "is", "a", "test", "string"]),
    ]

    @Test("AWS documentation examples", arguments: awsExamples)
    func awsExample(call: String, input: JSONValue, expected: JSONValue) throws {
        #expect(try evaluateIntrinsic(call, input) == expected)
    }

    static let cases: [(call: String, input: JSONValue, expected: JSONValue)] = [
        // Format: escapes, placeholders, value rendering.
        (#"States.Format('It\'s {} \{x\} \\ {}', $.a, $.b)"#, ["a": "A", "b": 2], #"It's A {x} \ 2"#),
        ("States.Format('none')", [:], "none"),
        ("States.Format('{}{}', 1.5, true)", [:], "1.5true"),
        ("States.Format('{} {}', null, $.o)", ["o": ["k": "v", "l": [1, "s", nil], "e": [:]]], "null {k=v, l=[1, s, null], e={}}"),
        ("States.Format('{}', $.l)", ["l": ["a", ["b"]]], "[a, [b]]"),
        ("States.Format('{} {}', $.o, $.n)", ["o": ["Arg1": 1, "Arg2": []], "n": 1.1], "{Arg1=1, Arg2=[]} 1.1"),
        ("States.Format('[{}]', $.s)", ["s": "{\"Arg1\": 1, \"Arg2\": []}"], "[{\"Arg1\": 1, \"Arg2\": []}]"),
        ("States.Format($.t, 'x')", ["t": "{x}{}"], "{x}x"),
        ("States.Format('{}', States.Format('<{}>', 'in'))", [:], "<in>"),
        // Literals and paths.
        ("States.Array()", [:], []),
        ("States.Array('a', 1, -2.5, true, false, null, $.o, $$.c)", ["o": ["k": 1]], ["a", 1, -2.5, true, false, nil, ["k": 1], "ctx"]),
        ("States.Array( 'a' ,\t$.x )", ["x": 1], ["a", 1]),
        ("States.Array($.items[*].id, $['a b'], $.items[?(@.id > 1)].id)", ["items": [["id": 1], ["id": 2]], "a b": 3], [[1, 2], 3, [2]]),
        (#"States.Array('it\'s')"#, [:], ["it's"]),
        // JSON.
        ("States.StringToJson('[1, {\"a\": null}]')", [:], [1, ["a": nil]]),
        ("States.StringToJson($.s)", ["s": "  42 "], 42),
        // Inputs LocalStack recorded against AWS: blank strings and null give null.
        ("States.StringToJson($.s)", ["s": ""], nil),
        ("States.StringToJson($.s)", ["s": " "], nil),
        ("States.StringToJson($.s)", ["s": nil], nil),
        ("States.StringToJson($.s)", ["s": "-0"], 0),
        ("States.StringToJson($.s)", ["s": "\"HelloWorld\""], "HelloWorld"),
        ("States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), $.f, false)",
         ["f": ["constant_input_field": "constant_value"]],
         ["constant_in_literal": "false", "constant_input_field": "constant_value"]),
        ("States.JsonToString($.v)", ["v": [1, "a\"b", ["k": nil]]], #"[1,"a\"b",{"k":null}]"#),
        ("States.JsonToString(States.StringToJson($.s))", ["s": "{\"b\": 1, \"a\": 2}"], #"{"b":1,"a":2}"#),
        ("States.JsonMerge($.a, $.b, false)", ["a": ["x": 1, "y": 2], "b": ["y": 3, "z": 4]], ["x": 1, "y": 3, "z": 4]),
        // Arrays.
        ("States.ArrayPartition($.a, 2)", ["a": [1, 2, 3, 4]], [[1, 2], [3, 4]]),
        ("States.ArrayPartition($.a, 10)", ["a": [1, 2]], [[1, 2]]),
        ("States.ArrayPartition($.a, 1)", ["a": []], []),
        ("States.ArrayPartition($.a, 2.0)", ["a": [1, 2, 3]], [[1, 2], [3]]),
        ("States.ArrayContains($.a, $.v)", ["a": [["k": 1], "x"], "v": ["k": 1]], true),
        ("States.ArrayContains($.a, 1.0)", ["a": [1]], true),
        ("States.ArrayContains($.a, '1')", ["a": [1]], false),
        // Ranges recorded against AWS by LocalStack's validated snapshot tests.
        ("States.ArrayRange(0, 9, 3)", [:], [0, 3, 6, 9]),
        ("States.ArrayRange(0, 10, 3)", [:], [0, 3, 6, 9]),
        ("States.ArrayRange(1, 9, 9)", [:], [1]),
        ("States.ArrayRange(0, 4, 1)", [:], [0, 1, 2, 3, 4]),
        ("States.ArrayRange(1, 8, 3)", [:], [1, 4, 7]),
        ("States.ArrayRange(5, 1, -2)", [:], [5, 3, 1]),
        ("States.ArrayRange(5, 1, 1)", [:], []),
        ("States.ArrayRange(-3, -3, 7)", [:], [-3]),
        ("States.ArrayRange(1, 1000, 1)", [:], .array((1...1000).map { .integer($0) })),
        ("States.ArrayGetItem($.a, 0)", ["a": ["x"]], "x"),
        ("States.ArrayGetItem(States.StringSplit($.s, '/'), 1)", ["s": "a/b/c"], "b"),
        ("States.ArrayLength($.a)", ["a": []], 0),
        ("States.ArrayUnique($.a)", ["a": [nil, nil, true, true, 1, 1.0, "1", [1], [1], ["a": 1, "b": 2], ["b": 2, "a": 1]]],
         [nil, true, 1, "1", [1], ["a": 1, "b": 2]]),
        // Encoding.
        ("States.Base64Encode('')", [:], ""),
        ("States.Base64Encode('a')", [:], "YQ=="),
        ("States.Base64Encode('ab')", [:], "YWI="),
        ("States.Base64Encode('héllo ✓')", [:], "aMOpbGxvIOKckw=="),
        ("States.Base64Decode('YQ==')", [:], "a"),
        ("States.Base64Decode('YQ')", [:], "a"),
        ("States.Base64Decode('aMOpbGxvIOKckw==')", [:], "héllo ✓"),
        ("States.Base64Decode(States.Base64Encode($.s))", ["s": "round trip"], "round trip"),
        // Bytes that are not UTF-8 decode as the JVM decodes them, each maximal bad subsequence one U+FFFD.
        ("States.Base64Decode('/w==')", [:], "\u{FFFD}"),
        ("States.Base64Decode('4pw=')", [:], "\u{FFFD}"),
        ("States.Base64Decode('Yf9i')", [:], "a\u{FFFD}b"),
        // Math.
        ("States.MathAdd(1, 2)", [:], 3),
        ("States.MathAdd(-2147483648, 2147483647)", [:], -1),
        ("States.MathAdd(2147483647, 2147483647)", [:], 4294967294),
        ("States.MathAdd(1.5, 0)", [:], 2),
        ("States.MathAdd(-1.5, 0)", [:], -1),
        ("States.MathAdd(2.4, 2.6)", [:], 5),
        ("States.MathRandom(4, 4)", [:], 4),
        ("States.MathRandom(4.4, 4.4)", [:], 4),
        // Strings.
        ("States.StringSplit(',a,,b,', ',')", [:], ["a", "b"]),
        ("States.StringSplit('abc', '')", [:], ["abc"]),
        ("States.StringSplit('', ',')", [:], []),
        ("States.StringSplit('a b', ' ')", [:], ["a", "b"]),
        ("States.StringSplit('Hello\nWorld', '\n')", [:], ["Hello", "World"]),
        ("States.Array('{}', '{not a placeholder')", [:], ["{}", "{not a placeholder"]),
    ]

    @Test("happy paths", arguments: cases)
    func evaluates(call: String, input: JSONValue, expected: JSONValue) throws {
        let result = try evaluateIntrinsic(call, input, context: ["c": "ctx"])
        #expect(result == expected)
        #expect(result.jsonString() == expected.jsonString())
    }

    @Test("MathRandom stays within both bounds and repeats for a seed")
    func mathRandom() throws {
        for _ in 0..<200 {
            let value = try #require(evaluateIntrinsic("States.MathRandom(1, 3)").intValue)
            #expect((1...3).contains(value))
        }
        let seeded = try evaluateIntrinsic("States.MathRandom(1, 1000000, 42)")
        for _ in 0..<5 { #expect(try evaluateIntrinsic("States.MathRandom(1, 1000000, 42)") == seeded) }
        let others = try Set((0..<20).map { seed in try evaluateIntrinsic("States.MathRandom(1, 1000000, \(seed))") })
        #expect(others.count > 1, "different seeds give different numbers")
        var sawBoth = (low: false, high: false)
        for seed in 0..<100 {
            let value = try evaluateIntrinsic("States.MathRandom(0, 1, \(seed))")
            if value == 0 { sawBoth.low = true } else if value == 1 { sawBoth.high = true } else { Issue.record("out of range: \(value)") }
        }
        #expect(sawBoth.low && sawBoth.high)
    }

    @Test("UUID returns distinct version 4 UUIDs")
    func uuid() throws {
        var seen = Set<String>()
        for _ in 0..<100 {
            let text = try #require(evaluateIntrinsic("States.UUID()").stringValue)
            let bytes = Array(text.utf8)
            #expect(bytes.count == 36)
            #expect([8, 13, 18, 23].allSatisfy { bytes[$0] == UInt8(ascii: "-") })
            #expect(bytes[14] == UInt8(ascii: "4"))
            #expect("89ab".utf8.contains(bytes[19]))
            #expect(text.allSatisfy { "0123456789abcdef-".contains($0) })
            seen.insert(text)
        }
        #expect(seen.count == 100)
    }

    @Test("a seeded UUID generator gives a well-formed, repeatable UUID")
    func seededUUID() {
        var first = SplitMix64(seed: 7), second = SplitMix64(seed: 7)
        let a = IntrinsicFunction.makeUUIDv4(using: &first)
        #expect(a == IntrinsicFunction.makeUUIDv4(using: &second))
        #expect(a.count == 36)
    }

    @Test("SplitMix64 matches the reference sequence for seed 0")
    func splitMix() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}

@Suite("Base64")
struct Base64Tests {
    // RFC 4648 §10 test vectors.
    static let vectors: [(plain: String, encoded: String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ]

    @Test("encodes and decodes the RFC 4648 vectors", arguments: vectors)
    func roundTrips(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test("decoding accepts missing padding and rejects anything else outside the alphabet")
    func strictness() {
        #expect(Base64.decode("Zg") == Array("f".utf8))
        #expect(Base64.decode("Zm8") == Array("fo".utf8))
        #expect(Base64.decode("Zm9v YmFy") == nil)
        #expect(Base64.decode("Zm9v\n") == nil)
        #expect(Base64.decode("Zg===") == nil)
        #expect(Base64.decode("Z===") == nil)
        #expect(Base64.decode("Zm9-") == nil)
        #expect(Base64.decode("/+8=") == [0xFF, 0xEF])
    }
}
