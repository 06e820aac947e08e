import Testing
@testable import StatesLanguage

@Suite("Intrinsic function misuse")
struct IntrinsicErrorTests {
    static let input: JSONValue = [
        "a": [1, 2, 3], "s": "text", "o": ["k": 1], "n": 5, "big": .string(String(repeating: "x", count: 10_001)),
    ]

    static let misuse: [(call: String, cause: String)] = [
        ("States.Format()", "Invalid arguments in States.Format: expected at least 1 argument, got 0"),
        ("States.Format('{} {}', 1)", "Invalid arguments in States.Format: the format string has 2 placeholders but 1 value was given"),
        ("States.Format('x', 1, 2)", "Invalid arguments in States.Format: the format string has 0 placeholders but 2 values were given"),
        ("States.Format($.n)", "Invalid arguments in States.Format: the first argument (format string) must be a string, got number 5"),
        (#"States.Format('bad \n escape')"#,
         #"Invalid arguments in States.Format: the string literal at offset 14 contains an unescaped '\' at offset 19; write '\\' for a backslash"#),
        ("States.StringToJson($.n)", "Invalid arguments in States.StringToJson: the first argument (string) must be a string, got number 5"),
        ("States.StringToJson('{')", "Invalid arguments in States.StringToJson: the first argument is not valid JSON (1:2: expected a string key, found end of input): \"{\""),
        ("States.StringToJson($.s, $.s)", "Invalid arguments in States.StringToJson: expected 1 argument, got 2"),
        ("States.JsonToString()", "Invalid arguments in States.JsonToString: expected 1 argument, got 0"),
        ("States.ArrayPartition($.a)", "Invalid arguments in States.ArrayPartition: expected 2 arguments, got 1"),
        ("States.ArrayPartition($.o, 1)", #"Invalid arguments in States.ArrayPartition: the first argument (array) must be an array, got object {"k":1}"#),
        ("States.ArrayPartition($.a, 0)", "Invalid arguments in States.ArrayPartition: the second argument (chunk size) must be a positive integer, got 0"),
        ("States.ArrayPartition($.a, -1)", "Invalid arguments in States.ArrayPartition: the second argument (chunk size) must be a positive integer, got -1"),
        ("States.ArrayPartition($.a, 1.5)", "Invalid arguments in States.ArrayPartition: the second argument (chunk size) must be an integer, got number 1.5"),
        ("States.ArrayContains($.s, 1)", "Invalid arguments in States.ArrayContains: the first argument (array) must be an array, got string \"text\""),
        ("States.ArrayRange(1, 2)", "Invalid arguments in States.ArrayRange: expected 3 arguments, got 2"),
        ("States.ArrayRange(1, 2, 0)", "Invalid arguments in States.ArrayRange: the third argument (step) must not be 0"),
        ("States.ArrayRange(1.5, 2, 1)", "Invalid arguments in States.ArrayRange: the first argument (first) must be an integer, got number 1.5"),
        ("States.ArrayRange(1, '2', 1)", "Invalid arguments in States.ArrayRange: the second argument (last) must be an integer, got string \"2\""),
        ("States.ArrayRange(1, 1001, 1)", "Invalid arguments in States.ArrayRange: the range would contain 1001 elements; at most 1000 are allowed"),
        ("States.ArrayRange(-9223372036854775807, 9223372036854775807, 1)",
         "Invalid arguments in States.ArrayRange: the range would contain 1000000000000001 elements; at most 1000 are allowed"),
        ("States.ArrayGetItem($.a, 3)", "Invalid arguments in States.ArrayGetItem: the second argument (index) 3 is out of bounds for an array of 3 elements"),
        ("States.ArrayGetItem($.a, -1)", "Invalid arguments in States.ArrayGetItem: the second argument (index) -1 is out of bounds for an array of 3 elements"),
        ("States.ArrayGetItem($.a, 0.5)", "Invalid arguments in States.ArrayGetItem: the second argument (index) must be an integer, got number 0.5"),
        ("States.ArrayGetItem($.o, 0)", #"Invalid arguments in States.ArrayGetItem: the first argument (array) must be an array, got object {"k":1}"#),
        ("States.ArrayLength($.s)", "Invalid arguments in States.ArrayLength: the first argument (array) must be an array, got string \"text\""),
        ("States.ArrayLength($.a, $.a)", "Invalid arguments in States.ArrayLength: expected 1 argument, got 2"),
        ("States.ArrayUnique(null)", "Invalid arguments in States.ArrayUnique: the first argument (array) must be an array, got null null"),
        ("States.Base64Encode($.n)", "Invalid arguments in States.Base64Encode: the first argument (string) must be a string, got number 5"),
        ("States.Base64Encode($.big)", "Invalid arguments in States.Base64Encode: the input has 10001 characters; at most 10000 are allowed"),
        ("States.Base64Decode($.big)", "Invalid arguments in States.Base64Decode: the input has 10001 characters; at most 10000 are allowed"),
        ("States.Base64Decode('not base64!')", "Invalid arguments in States.Base64Decode: the first argument is not valid Base64: \"not base64!\""),
        ("States.Base64Decode('YQ=a')", "Invalid arguments in States.Base64Decode: the first argument is not valid Base64: \"YQ=a\""),
        ("States.Base64Decode('Y')", "Invalid arguments in States.Base64Decode: the first argument is not valid Base64: \"Y\""),
        ("States.JsonMerge($.o, $.o)", "Invalid arguments in States.JsonMerge: expected 3 arguments, got 2"),
        ("States.JsonMerge($.o, $.o, true)", "Invalid arguments in States.JsonMerge: deep merging is not supported; the third argument must be false"),
        ("States.JsonMerge($.a, $.o, false)", "Invalid arguments in States.JsonMerge: the first argument (first object) must be an object, got array [1,2,3]"),
        ("States.JsonMerge($.o, $.s, false)", "Invalid arguments in States.JsonMerge: the second argument (second object) must be an object, got string \"text\""),
        ("States.JsonMerge($.o, $.o, 'false')", "Invalid arguments in States.JsonMerge: the third argument (deep merge flag) must be a boolean, got string \"false\""),
        ("States.MathRandom(1)", "Invalid arguments in States.MathRandom: expected 2 to 3 arguments, got 1"),
        ("States.MathRandom(5, 1)", "Invalid arguments in States.MathRandom: the first argument (start) 5 must not be greater than the second argument (end) 1"),
        ("States.MathRandom('1', 2)", "Invalid arguments in States.MathRandom: the first argument (start) must be a number, got string \"1\""),
        ("States.MathRandom(1, 2, 'seed')", "Invalid arguments in States.MathRandom: the third argument (seed) must be a number, got string \"seed\""),
        ("States.MathAdd(1)", "Invalid arguments in States.MathAdd: expected 2 arguments, got 1"),
        ("States.MathAdd(1, $.s)", "Invalid arguments in States.MathAdd: the second argument (second value) must be a number, got string \"text\""),
        ("States.MathAdd(2147483648, 1)", "Invalid arguments in States.MathAdd: the first argument 2147483648 is outside the range -2147483648 to 2147483647"),
        ("States.MathAdd(1, -2147483649)", "Invalid arguments in States.MathAdd: the second argument -2147483649 is outside the range -2147483648 to 2147483647"),
        ("States.StringSplit($.s)", "Invalid arguments in States.StringSplit: expected 2 arguments, got 1"),
        ("States.StringSplit($.a, ',')", "Invalid arguments in States.StringSplit: the first argument (string) must be a string, got array [1,2,3]"),
        ("States.StringSplit($.s, 1)", "Invalid arguments in States.StringSplit: the second argument (delimiting characters) must be a string, got number 1"),
        ("States.UUID(1)", "Invalid arguments in States.UUID: expected 0 arguments, got 1"),
        ("States.ArrayLength(States.UUID(1))", "Invalid arguments in States.UUID: expected 0 arguments, got 1"),
    ]

    @Test("every misuse is States.Runtime naming the function and argument", arguments: misuse)
    func reportsMisuse(call: String, cause: String) throws {
        let compiled = try IntrinsicCall(parsing: call)
        let error = #expect(throws: StatesError.self) {
            try compiled.evaluate(in: PathEnvironment(input: Self.input, context: [:]))
        }
        #expect(error?.name == .runtime)
        #expect(error?.cause == cause)
    }

    @Test("a path argument that selects nothing is States.Runtime")
    func missingPath() throws {
        let error = #expect(throws: StatesError.self) { try evaluateIntrinsic("States.ArrayLength($.missing)", ["a": 1]) }
        #expect(error?.name == .runtime)
        #expect(error?.cause == #"The JSONPath '$.missing' could not be found in the input '{"a":1}'"#)
    }
}

@Suite("Intrinsic call syntax")
struct IntrinsicSyntaxTests {
    static let invalid: [(text: String, offset: Int, message: String)] = [
        ("States.Nope()", 0, "unknown intrinsic function 'States.Nope'"),
        ("states.Format('x')", 0, "unknown intrinsic function 'states.Format'"),
        ("States.Format", 13, "expected '(' after States.Format"),
        ("States.Format('x'", 17, "expected ',' or ')' to continue States.Format(…)"),
        ("States.Format('x' 'y')", 18, "expected ',' or ')' in States.Format(…), found '''"),
        ("States.Format('x)", 14, "unterminated string literal"),
        ("States.Format('x',)", 18, "expected a string, number, true, false, null, path or intrinsic function, found ')'"),
        ("States.Array(1) extra", 16, "unexpected 'e' after the call"),
        ("States.Array($.a[)", 17, "expected an index, a quoted key, '*', ':' or '?(' after '[', found ')'"),
        ("States.Array($.a.length())", 23, "functions such as length() are not supported; use bracket notation ['…'] for a key containing '('"),
        ("States.Array(1e999)", 13, "invalid number '1e999'"),
        ("States.Array(@.x)", 13, "expected a string, number, true, false, null, path or intrinsic function, found '@'"),
        ("States.Array(" + String(repeating: "States.Array(", count: 10) + String(repeating: ")", count: 11), 130,
         "intrinsic functions can be nested at most 10 levels deep"),
    ]

    @Test("malformed calls are definition-time errors", arguments: invalid)
    func rejects(text: String, offset: Int, message: String) {
        let error = #expect(throws: PathSyntaxError.self) { try IntrinsicCall(parsing: text) }
        #expect(error?.path == text)
        #expect(error?.offset == offset)
        #expect(error?.message == message)
    }

    @Test("ten levels of nesting are allowed")
    func tenLevels() throws {
        let text = String(repeating: "States.Array(", count: 10) + "1" + String(repeating: ")", count: 10)
        #expect(try evaluateIntrinsic(text) == [[[[[[[[[[1]]]]]]]]]])
    }

    @Test("calls compare by text and print as written")
    func identity() throws {
        let call = try IntrinsicCall(parsing: "States.Array($.a, 'x')")
        #expect(call.description == "States.Array($.a, 'x')")
        #expect(call == (try IntrinsicCall(parsing: "States.Array($.a, 'x')")))
        #expect(IntrinsicCall.isCall("States.UUID()"))
        #expect(!IntrinsicCall.isCall("$.a"))
    }

    @Test("every function name parses", arguments: IntrinsicFunction.allCases)
    func names(function: IntrinsicFunction) throws {
        #expect(try IntrinsicCall(parsing: function.rawValue + "()").function == function)
    }
}
