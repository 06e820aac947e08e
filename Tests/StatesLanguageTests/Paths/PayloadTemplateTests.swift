import Testing
@testable import StatesLanguage

@Suite("PayloadTemplate")
struct PayloadTemplateTests {
    static let context: JSONValue = [
        "Execution": ["Id": "arn:aws:states:us-east-1:123456789012:execution:machine:run", "Input": ["k": "v"]],
        "Map": ["Item": ["Index": 2, "Value": ["id": 7]]],
    ]

    static func evaluate(_ template: JSONValue, input: JSONValue) throws -> JSONValue {
        try PayloadTemplate(template, field: "Parameters")
            .evaluate(in: PathEnvironment(input: input, context: context))
    }

    @Test("the AWS Parameters example: static values, a path and a context path")
    func awsExample() throws {
        // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
        let input: JSONValue = try JSONValue(parsing: #"{"comment": "Example for Parameters.", "product": {"details": {"color": "blue", "size": "small", "material": "cotton"}, "availability": "in stock", "sku": "2317", "cost": "$23"}}"#)
        let template: JSONValue = try JSONValue(parsing: #"{"comment": "Selecting what I care about.", "MyDetails": {"size.$": "$.product.details.size", "exists.$": "$.product.availability", "StaticValue": "foo"}}"#)
        let expected: JSONValue = try JSONValue(parsing: #"{"comment": "Selecting what I care about.", "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"}}"#)
        #expect(try Self.evaluate(template, input: input) == expected)
    }

    static let cases: [(template: JSONValue, input: JSONValue, expected: JSONValue)] = [
        (["a": 1, "b": [true, nil, "x"]], ["ignored": 1], ["a": 1, "b": [true, nil, "x"]]),
        (["all.$": "$"], ["x": 1], ["all": ["x": 1]]),
        (["v.$": "$.x"], ["x": nil], ["v": nil]),
        (["deep": ["deeper": ["v.$": "$.x", "k": "s"]]], ["x": [1, 2]], ["deep": ["deeper": ["v": [1, 2], "k": "s"]]]),
        (["list": [["id.$": "$.a"], ["id.$": "$.b"], "plain", [["n.$": "$.a"]]]], ["a": 1, "b": 2],
         ["list": [["id": 1], ["id": 2], "plain", [["n": 1]]]]),
        (["ids.$": "$.items[*].id"], ["items": [["id": 1], ["id": 2], ["x": 3]]], ["ids": [1, 2]]),
        (["none.$": "$.items[?(@.id > 5)]"], ["items": [["id": 1]]], ["none": []]),
        (["item.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "exec.$": "$$.Execution.Id"], [:],
         ["item": ["id": 7], "index": 2, "exec": "arn:aws:states:us-east-1:123456789012:execution:machine:run"]),
        (["key.with.dots.$": "$.a"], ["a": 1], ["key.with.dots": 1]),
        (["literal.$ not": "$.a"], ["a": 1], ["literal.$ not": "$.a"]),
    ]

    @Test("resolves .$ fields at any depth and copies the rest", arguments: cases)
    func evaluates(template: JSONValue, input: JSONValue, expected: JSONValue) throws {
        let result = try Self.evaluate(template, input: input)
        #expect(result == expected)
        #expect(result.jsonString() == expected.jsonString(), "keys keep the template's order")
    }

    @Test("intrinsic functions read the input and the context object")
    func intrinsics() throws {
        let template: JSONValue = ["greeting.$": "States.Format('Hello, {}', $.name)", "n.$": "States.ArrayLength($$.Map.Item.Value.list)"]
        let context: JSONValue = ["Map": ["Item": ["Value": ["list": [1, 2, 3]]]]]
        let result = try PayloadTemplate(template, field: "ItemSelector")
            .evaluate(in: PathEnvironment(input: ["name": "Arnav"], context: context))
        #expect(result == ["greeting": "Hello, Arnav", "n": 3])
    }

    static let missing: [(template: JSONValue, input: JSONValue, cause: String)] = [
        (["x.$": "$.missing"], ["a": [1]],
         #"The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{"a":[1]}'"#),
        (["outer": ["address.$": "$.application.address"]], ["flagged": false],
         #"The JSONPath '$.application.address' specified for the field 'address.$' could not be found in the input '{"flagged":false}'"#),
        (["list": [1, ["v.$": "$.a[3]"]]], ["a": [0]],
         #"The JSONPath '$.a[3]' specified for the field 'v.$' could not be found in the input '{"a":[0]}'"#),
        (["v.$": "States.Array($.nope)"], ["a": 1],
         #"The function 'States.Array($.nope)' had the following error: The JsonPath argument for the field '$.nope' could not be found in the input '{"a":1}'"#),
    ]

    @Test("a .$ path that selects nothing fails with States.Runtime and AWS's cause", arguments: missing)
    func missingPath(template: JSONValue, input: JSONValue, cause: String) throws {
        let compiled = try PayloadTemplate(template, field: "Parameters")
        let error = #expect(throws: StatesError.self) {
            try compiled.evaluate(in: PathEnvironment(input: input, context: [:]))
        }
        #expect(error?.name == .runtime)
        #expect(error?.cause == cause)
    }

    @Test(
        "a wildcard or slice that selects nothing gives [] (recorded: wildcard_or_slice_with_no_input)",
        arguments: ["$.items[*]", "$.items[1:]", "$.item.items[1:5].itemValue", "$.items[:1]"])
    func indefinitePathSelectingNothing(path: String) throws {
        let compiled = try PayloadTemplate(["item.$": .string(path)], field: "Parameters")
        #expect(try compiled.evaluate(in: PathEnvironment(input: [:], context: [:])) == ["item": []])
    }

    @Test("a context path that selects nothing quotes the context object")
    func missingContextPath() throws {
        let compiled = try PayloadTemplate(["v.$": "$$.Map.Item.Value"], field: "ItemSelector")
        let error = #expect(throws: StatesError.self) {
            try compiled.evaluate(in: PathEnvironment(input: ["a": 1], context: ["Execution": [:]]))
        }
        #expect(error?.cause == #"The JSONPath '$$.Map.Item.Value' specified for the field 'v.$' could not be found in the input '{"Execution":{}}'"#)
    }

    @Test("compile errors list every problem with its JSON Pointer")
    func compileErrors() throws {
        let template: JSONValue = [
            "n.$": 42,
            "nested": ["p.$": "$.a[", "list": [["f.$": "States.Nope()"]]],
            "bad.$": "not a path",
            "dup": 1, "dup.$": "$.x",
            "a/b~c.$": ["x"],
        ]
        let error = #expect(throws: TemplateError.self) { try PayloadTemplate(template, field: "Parameters") }
        #expect(error?.field == "Parameters")
        #expect(error?.problems.map(\.pointer) == ["/n.$", "/nested/p.$", "/nested/list/0/f.$", "/bad.$", "/dup.$", "/a~1b~0c.$"])
        #expect(error?.problems[0].message == "the value of a field ending in '.$' must be a string holding a path or an intrinsic function, got number")
        #expect(error?.problems[1].message == "Invalid path '$.a[' at offset 4: unterminated '['")
        #expect(error?.problems[2].message == "Invalid intrinsic function call 'States.Nope()' at offset 0: unknown intrinsic function 'States.Nope'")
        #expect(error?.problems[4].message == "the key 'dup' appears both with and without '.$'")
        #expect(error?.description.hasPrefix("Parameters/n.$: the value of a field") == true)
    }

    @Test("templates without .$ fields compile to one literal")
    func literalTemplate() throws {
        let template: JSONValue = ["a": [1, ["b": "c"]], "d": nil]
        let compiled = try PayloadTemplate(template, field: "ResultSelector")
        #expect(compiled.root == .literal(template))
        #expect(compiled == (try PayloadTemplate(template, field: "Parameters")))
    }
}
