import Testing
@testable import StatesLanguage

@Suite("Intrinsic function misuse")
struct IntrinsicErrorTests {
    static let input: JSONValue = [
        "a": [1, 2, 3], "s": "text", "o": ["k": 1], "n": 5, "big": .string(String(repeating: "x", count: 10_001)),
    ]

    static let misuse: [(call: String, cause: String)] = [
        ("States.Format()", "The function 'States.Format()' had the following error: Expected at least 1 argument, got 0"),
        ("States.Format('{} {}', 1)", "The function 'States.Format('{} {}', 1)' had the following error: The format string has 2 placeholders but 1 value was given"),
        ("States.Format('x', 1, 2)", "The function 'States.Format('x', 1, 2)' had the following error: The format string has 0 placeholders but 2 values were given"),
        ("States.Format($.n)", "The function 'States.Format($.n)' had the following error: The first argument (format string) must be a string, got number 5"),
        (#"States.Format('bad \n escape')"#, #"The function 'States.Format('bad \n escape')' had the following error: The string literal at offset 14 contains an unescaped '\' at offset 19; write '\\' for a backslash"#),
        ("States.StringToJson($.n)", "The function 'States.StringToJson($.n)' had the following error: The first argument (string) must be a string, got number 5"),
        ("States.StringToJson('{')", "The function 'States.StringToJson('{')' had the following error: The first argument is not valid JSON (1:2: expected a string key, found end of input): \"{\""),
        ("States.StringToJson($.s, $.s)", "The function 'States.StringToJson($.s, $.s)' had the following error: Expected 1 argument, got 2"),
        ("States.JsonToString()", "The function 'States.JsonToString()' had the following error: Expected 1 argument, got 0"),
        ("States.ArrayPartition($.a)", "The function 'States.ArrayPartition($.a)' had the following error: Expected 2 arguments, got 1"),
        ("States.ArrayPartition($.o, 1)", #"The function 'States.ArrayPartition($.o, 1)' had the following error: The first argument (array) must be an array, got object {"k":1}"#),
        ("States.ArrayPartition($.a, 0)", "The function 'States.ArrayPartition($.a, 0)' had the following error: The second argument (chunk size) must be a positive integer, got 0"),
        ("States.ArrayPartition($.a, -1)", "The function 'States.ArrayPartition($.a, -1)' had the following error: The second argument (chunk size) must be a positive integer, got -1"),
        ("States.ArrayPartition($.a, 1.5)", "The function 'States.ArrayPartition($.a, 1.5)' had the following error: The second argument (chunk size) must be an integer, got number 1.5"),
        ("States.ArrayContains($.s, 1)", "The function 'States.ArrayContains($.s, 1)' had the following error: The first argument (array) must be an array, got string \"text\""),
        ("States.ArrayRange(1, 2)", "The function 'States.ArrayRange(1, 2)' had the following error: Expected 3 arguments, got 2"),
        ("States.ArrayRange(1, 2, 0)", "The function 'States.ArrayRange(1, 2, 0)' had the following error: The third argument (step) must not be 0"),
        ("States.ArrayRange(1.5, 2, 1)", "The function 'States.ArrayRange(1.5, 2, 1)' had the following error: The first argument (first) must be an integer, got number 1.5"),
        ("States.ArrayRange(1, '2', 1)", "The function 'States.ArrayRange(1, '2', 1)' had the following error: The second argument (last) must be an integer, got string \"2\""),
        ("States.ArrayRange(1, 1001, 1)", "The function 'States.ArrayRange(1, 1001, 1)' had the following error: The range would contain 1001 elements; at most 1000 are allowed"),
        ("States.ArrayRange(-9223372036854775807, 9223372036854775807, 1)", "The function 'States.ArrayRange(-9223372036854775807, 9223372036854775807, 1)' had the following error: The range would contain 1000000000000001 elements; at most 1000 are allowed"),
        ("States.ArrayGetItem($.a, 3)", "The function 'States.ArrayGetItem($.a, 3)' had the following error: The second argument (index) 3 is out of bounds for an array of 3 elements"),
        ("States.ArrayGetItem($.a, -1)", "The function 'States.ArrayGetItem($.a, -1)' had the following error: The second argument (index) -1 is out of bounds for an array of 3 elements"),
        ("States.ArrayGetItem($.a, 0.5)", "The function 'States.ArrayGetItem($.a, 0.5)' had the following error: The second argument (index) must be an integer, got number 0.5"),
        ("States.ArrayGetItem($.o, 0)", #"The function 'States.ArrayGetItem($.o, 0)' had the following error: The first argument (array) must be an array, got object {"k":1}"#),
        ("States.ArrayLength($.s)", "The function 'States.ArrayLength($.s)' had the following error: The first argument (array) must be an array, got string \"text\""),
        ("States.ArrayLength($.a, $.a)", "The function 'States.ArrayLength($.a, $.a)' had the following error: Expected 1 argument, got 2"),
        ("States.ArrayUnique(null)", "The function 'States.ArrayUnique(null)' had the following error: The first argument (array) must be an array, got null null"),
        ("States.Base64Encode($.n)", "The function 'States.Base64Encode($.n)' had the following error: The first argument (string) must be a string, got number 5"),
        ("States.Base64Encode($.big)", "The function 'States.Base64Encode($.big)' had the following error: The input has 10001 characters; at most 10000 are allowed"),
        ("States.Base64Decode($.big)", "The function 'States.Base64Decode($.big)' had the following error: The input has 10001 characters; at most 10000 are allowed"),
        ("States.Base64Decode('not base64!')", "The function 'States.Base64Decode('not base64!')' had the following error: The first argument is not valid Base64: \"not base64!\""),
        ("States.Base64Decode('YQ=a')", "The function 'States.Base64Decode('YQ=a')' had the following error: The first argument is not valid Base64: \"YQ=a\""),
        ("States.Base64Decode('Y')", "The function 'States.Base64Decode('Y')' had the following error: The first argument is not valid Base64: \"Y\""),
        ("States.JsonMerge($.o, $.o)", "The function 'States.JsonMerge($.o, $.o)' had the following error: Expected 3 arguments, got 2"),
        ("States.JsonMerge($.o, $.o, true)", "The function 'States.JsonMerge($.o, $.o, true)' had the following error: Deep merging is not supported; the third argument must be false"),
        ("States.JsonMerge($.a, $.o, false)", "The function 'States.JsonMerge($.a, $.o, false)' had the following error: The first argument (first object) must be an object, got array [1,2,3]"),
        ("States.JsonMerge($.o, $.s, false)", "The function 'States.JsonMerge($.o, $.s, false)' had the following error: The second argument (second object) must be an object, got string \"text\""),
        ("States.JsonMerge($.o, $.o, 'false')", "The function 'States.JsonMerge($.o, $.o, 'false')' had the following error: The third argument (deep merge flag) must be a boolean, got string \"false\""),
        ("States.MathRandom(1)", "The function 'States.MathRandom(1)' had the following error: Expected 2 to 3 arguments, got 1"),
        ("States.MathRandom(5, 1)", "The function 'States.MathRandom(5, 1)' had the following error: The first argument (start) 5 must not be greater than the second argument (end) 1"),
        ("States.MathRandom('1', 2)", "The function 'States.MathRandom('1', 2)' had the following error: The first argument (start) must be a number, got string \"1\""),
        ("States.MathRandom(1, 2, 'seed')", "The function 'States.MathRandom(1, 2, 'seed')' had the following error: The third argument (seed) must be a number, got string \"seed\""),
        ("States.MathAdd(1)", "The function 'States.MathAdd(1)' had the following error: Expected 2 arguments, got 1"),
        ("States.MathAdd(1, $.s)", "The function 'States.MathAdd(1, $.s)' had the following error: The second argument (second value) must be a number, got string \"text\""),
        ("States.MathAdd(2147483648, 1)", "The function 'States.MathAdd(2147483648, 1)' had the following error: The first argument 2147483648 is outside the range -2147483648 to 2147483647"),
        ("States.MathAdd(1, -2147483649)", "The function 'States.MathAdd(1, -2147483649)' had the following error: The second argument -2147483649 is outside the range -2147483648 to 2147483647"),
        ("States.StringSplit($.s)", "The function 'States.StringSplit($.s)' had the following error: Expected 2 arguments, got 1"),
        ("States.StringSplit($.a, ',')", "The function 'States.StringSplit($.a, ',')' had the following error: The first argument (string) must be a string, got array [1,2,3]"),
        ("States.StringSplit($.s, 1)", "The function 'States.StringSplit($.s, 1)' had the following error: The second argument (delimiting characters) must be a string, got number 1"),
        ("States.UUID(1)", "The function 'States.UUID(1)' had the following error: Expected 0 arguments, got 1"),
        // A nested call's failure quotes the whole call as written (AWS).
        ("States.ArrayLength(States.UUID(1))", "The function 'States.ArrayLength(States.UUID(1))' had the following error: Expected 0 arguments, got 1"),
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
        #expect(error?.cause == #"The function 'States.ArrayLength($.missing)' had the following error: The JsonPath argument for the field '$.missing' could not be found in the input '{"a":1}'"#)
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

@Suite("Intrinsic path arguments")
struct IntrinsicPathArgumentTests {
    @Test("a missing path argument names the call and the path, as AWS does")
    func namesField() throws {
        let call = try IntrinsicCall(parsing: "States.Format('{}', $.who)")
        let error = #expect(throws: StatesError.self) {
            try call.evaluate(in: PathEnvironment(input: ["a": 1], context: [:]), field: "CausePath")
        }
        #expect(error?.cause == #"The function 'States.Format('{}', $.who)' had the following error: The JsonPath argument for the field '$.who' could not be found in the input '{"a":1}'"#)
    }

    @Test("a missing context path quotes the context object")
    func contextPath() throws {
        let call = try IntrinsicCall(parsing: "States.Array($$.Task.Token)")
        let error = #expect(throws: StatesError.self) {
            try call.evaluate(in: PathEnvironment(input: ["a": 1], context: ["State": ["Name": "S"]]), field: "t.$")
        }
        #expect(error?.cause == #"The function 'States.Array($$.Task.Token)' had the following error: The JsonPath argument for the field '$$.Task.Token' could not be found in the input '{"State":{"Name":"S"}}'"#)
    }

    @Test("nested calls see the same input and context")
    func nested() throws {
        let value = try evaluateIntrinsic(
            "States.Format('{}-{}', States.ArrayGetItem($.list, $$.Map.Item.Index), States.MathAdd($$.Map.Item.Index, 1))",
            ["list": ["a", "b", "c"]], context: ["Map": ["Item": ["Index": 1]]])
        #expect(value == "b-2")
    }

    @Test("the ARN example from the AWS guide: nine nested calls")
    func arnExample() throws {
        // The guide's example passes two values to three placeholders; here the format has two.
        let text = "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))"
        let input: JSONValue = ["ImageRecipe": ["Arn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe/1.2.3"]]
        #expect(try evaluateIntrinsic(text, input) == "1.2")
    }
}
