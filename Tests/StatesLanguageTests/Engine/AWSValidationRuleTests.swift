import Testing

@testable import StatesLanguage

/// The checks AWS makes when a state machine is created, with AWS's codes and locations.
@Suite("AWS validation rules")
struct AWSValidationRuleTests {
    /// A one-state machine around `state` (named `S`).
    static func one(_ state: String, language: String = "JSONPath") -> String {
        #"{"QueryLanguage": "\#(language)", "StartAt": "S", "States": {"S": \#(state)}}"#
    }

    static func map(label: String) -> String {
        one(
            #"{"Type": "Map", "Label": "\#(label)", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}"#
        )
    }

    @Test("A Map Label may be 40 ordinary characters")
    func goodLabel() throws {
        _ = try machine(Self.map(label: String(repeating: "a", count: 40)))
        _ = try machine(Self.map(label: "nightly-run_1.v2/eu"))
    }

    @Test(
        "A Map Label is refused when empty, too long or with a forbidden character (INVALID_LABEL_NAME)",
        arguments: [
            ("", "Label cannot be empty"),
            (String(repeating: "a", count: 41), "Label is 41 characters long; the limit is 40"),
            ("label_#", "Label contains invalid character: '#'"),
            ("a b", "Label contains invalid character: 'U+0020'"),
            (#"tab\there"#, "Label contains invalid character: 'U+0009'"),
            (#"c\u0085"#, "Label contains invalid character: 'U+0085'"),
            ("x{y}", "Label contains invalid character: '{'"),
            ("what?", "Label contains invalid character: '?'"),
        ] as [(String, String)])
    func badLabel(label: String, message: String) {
        let found = diagnostics(Self.map(label: label))
        #expect(found.map(\.message) == [message])
        #expect(found.map(\.code) == [.invalidLabelName])
        #expect(found.map(\.pointer) == ["/States/S/Label"])
    }

    @Test("Two Map states may not share a Label (DUPLICATE_LABEL_NAME)")
    func duplicateLabel() {
        let found = diagnostics(
            #"""
            {"StartAt": "A", "States": {
              "A": {"Type": "Map", "Label": "same", "Next": "B", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}},
              "B": {"Type": "Map", "Label": "same", "End": true, "ItemProcessor": {"StartAt": "J", "States": {"J": {"Type": "Pass", "End": true}}}}}}
            """#)
        #expect(found.map(\.code) == [.duplicateLabelName])
        #expect(found.map(\.pointer) == ["/States/B/Label"])
    }

    @Test("Credentials need a RoleArn, reported at the Credentials object as AWS does")
    func credentials() throws {
        let task = #"{"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true, "Credentials": CREDENTIALS}"#
        let found = diagnostics(Self.one(task.replacingOccurrences(of: "CREDENTIALS", with: "{}")))
        #expect(found.map(\.message) == ["The field 'RoleArn' is required but was missing"])
        #expect(found.map(\.pointer) == ["/States/S/Credentials"])
        _ = try machine(Self.one(task.replacingOccurrences(of: "CREDENTIALS", with: #"{"RoleArn": "arn:aws:iam::123456789012:role/r"}"#)))
        _ = try machine(Self.one(task.replacingOccurrences(of: "CREDENTIALS", with: #"{"RoleArn.$": "$.role"}"#)))
        #expect(!diagnostics(Self.one(task.replacingOccurrences(of: "CREDENTIALS", with: #"{"RoleArn.$": "$.role"}"#), language: "JSONata")).isEmpty)
    }

    @Test("An optimized integration AWS does not offer is refused in AWS's words")
    func unknownIntegration() throws {
        let found = diagnostics(Self.one(#"{"Type": "Task", "Resource": "arn:aws:states:::dynamodb:query", "End": true}"#))
        #expect(found.map(\.message) == [
            "The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, or the resource is not available in this region."
        ])
        #expect(found.map(\.pointer) == ["/States/S/Resource"])
        for resource in [
            "arn:aws:states:::dynamodb:getItem", "arn:aws:states:::ecs:runTask.sync", "arn:aws:states:::glue:startJobRun.sync",
            "arn:aws:states:::aws-sdk:dynamodb:query", "arn:aws:states:::events:putEvents.waitForTaskToken",
        ] {
            _ = try machine(Self.one(#"{"Type": "Task", "Resource": "\#(resource)", "End": true}"#))
        }
    }

    @Test(
        "A Resource must be written as a URI; plain local names are fine (an unfilled ${Name} is refused too)",
        arguments: [
            ("${lambdaArn", false), ("${lambdaArn}", false), ("my task", false), ("a{b}", false), ("${}", false),
            ("a<b>", false), ("foo:bar", true), ("local:work", true), ("reboot", true),
            ("arn:aws:states:us-east-1:123456789012:activity:a-b_c", true),
        ])
    func resourceIsURI(resource: String, valid: Bool) {
        let found = diagnostics(Self.one(#"{"Type": "Task", "Resource": "\#(resource)", "End": true}"#))
        #expect(found.isEmpty == valid)
        if !valid { #expect(found.map(\.pointer) == ["/States/S/Resource"]) }
    }

    @Test(
        "Intrinsic calls AWS refuses when the machine is created are errors at the template field",
        arguments: [
            #"States.StringToJson('{\"text\":\"An \\\"escaped\\\" quote\"}')"#,
            "States.MathAdd(1)",
            "States.ArrayLength($.a, $.b)",
            "States.UUID(1)",
            "States.MathAdd('one', 2)",
            "States.ArrayLength('not an array')",
            "States.JsonMerge($.a, $.b, 'false')",
            "States.Hash($.data, 'SHA-3')",
            "States.Format(States.MathAdd(1), $.x)",
        ])
    func intrinsicErrors(call: String) {
        let found = diagnostics(Self.one(#"{"Type": "Pass", "Parameters": {"x.$": "\#(call)"}, "End": true}"#))
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.message.hasPrefix("The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call: ") == true)
        #expect(found.first?.pointer == "/States/S/Parameters")
        #expect(found.first?.path.description == "States.S.Parameters.x.$")
    }

    @Test(
        "Intrinsic calls that AWS accepts but that fail every time they run are warnings",
        arguments: [
            ("States.ArrayRange(1, 2, 0)", "'States.ArrayRange(1, 2, 0)' fails whenever it runs: The third argument (step) must not be 0"),
            ("States.StringToJson('{')", #"'States.StringToJson('{')' fails whenever it runs: The first argument is not valid JSON (1:2: expected a string key, found end of input): "{""#),
            ("States.Format('{} and {}', $.a)", "'States.Format('{} and {}', $.a)' fails whenever it runs: its template has 2 placeholders but 1 value is given"),
            ("States.ArrayGetItem(States.Array(1, 2), 5)", "'States.ArrayGetItem(States.Array(1, 2), 5)' fails whenever it runs: The second argument (index) 5 is out of bounds for an array of 2 elements"),
        ] as [(String, String)])
    func intrinsicWarnings(call: String, message: String) throws {
        let m = try machine(Self.one(#"{"Type": "Pass", "Parameters": {"x.$": "\#(call)"}, "End": true}"#))
        #expect(m.warnings.map(\.message) == [message])
        #expect(m.warnings.map(\.code) == [.intrinsicFailsAtRunTime])
    }

    @Test("Calls whose arguments are fine compile without diagnostics")
    func intrinsicsFine() throws {
        let m = try machine(Self.one(
            #"{"Type": "Pass", "Parameters": {"a.$": "States.Hash($.d, 'SHA-256')", "b.$": "States.ArrayRange(1, 9, 2)", "c.$": "States.Format('{} {}', $.x, States.MathAdd(1, 2))", "d.$": "States.UUID()"}, "End": true}"#))
        #expect(m.warnings.isEmpty)
    }

    @Test(
        "JSONata that does not parse is INVALID_JSONATA_EXPRESSION; what Step Functions refuses is UNSUPPORTED_JSONATA_EXPRESSION",
        arguments: [
            ("{% 1 + %}", Diagnostic.Code.invalidJSONataExpression, nil),
            ("{% name %}", .unsupportedJSONataExpression, "Reference to 'name' at the top level is not supported."),
            ("{% $sum(items.price) %}", .unsupportedJSONataExpression, "Reference to 'items' at the top level is not supported."),
            ("{% $.name %}", .unsupportedJSONataExpression, "Reference to '$' at the top level is not supported."),
            ("{% $$.name %}", .unsupportedJSONataExpression, "Reference to '$$' is not supported."),
            ("{% $eval('1 + 1') %}", .unsupportedJSONataExpression, "The function '$eval' is not supported; use '$parse' to read JSON text."),
        ] as [(String, Diagnostic.Code, String?)])
    func jsonataRefusals(expression: String, code: Diagnostic.Code, message: String?) {
        let found = diagnostics(Self.one(#"{"Type": "Pass", "Output": {"v": "\#(expression)"}, "End": true}"#, language: "JSONata"))
        #expect(found.map(\.code) == [code])
        if let message { #expect(found.map(\.message) == [message]) }
        #expect(found.map(\.pointer) == ["/States/S/Output/v"])
    }

    @Test(
        "A string with only one of the {% %} delimiters at its edge is INVALID_JSONATA_EXPRESSION, as AWS documents",
        arguments: [
            (#""Output": "{% 10 %""#, "/States/S/Output"),
            (#""Output": "10 %}""#, "/States/S/Output"),
            (#""Output": {"list": [1, "{% $states.input"]}"#, "/States/S/Output/list/1"),
            (#""Assign": {"x": "done %}"}"#, "/States/S/Assign/x"),
            (#""Output": {"v": "{%}"}"#, "/States/S/Output/v"),
        ])
    func jsonataHalfDelimited(fields: String, pointer: String) {
        let found = diagnostics(Self.one(#"{"Type": "Pass", \#(fields), "End": true}"#, language: "JSONata"))
        #expect(found.map(\.code) == [.invalidJSONataExpression])
        #expect(found.map(\.pointer) == [pointer])
    }

    @Test("A Fail state's literal Error with one delimiter is refused; literals without either, or wrapped whole, are fine")
    func jsonataHalfDelimitedFail() throws {
        let found = diagnostics(Self.one(#"{"Type": "Fail", "Error": "{% 'Oops'", "Cause": "fine"}"#, language: "JSONata"))
        #expect(found.map(\.code) == [.invalidJSONataExpression])
        #expect(found.map(\.pointer) == ["/States/S/Error"])
        _ = try machine(Self.one(
            #"{"Type": "Pass", "Output": {"a": "50% done", "b": "{%10%}", "c": "{ % not % }", "d": "%}{%"}, "End": true}"#,
            language: "JSONata"))
    }

    @Test("JSONata that reaches the input through $states, variables or paths inside predicates compiles")
    func jsonataFine() throws {
        _ = try machine(Self.one(
            #"{"Type": "Pass", "Output": {"a": "{% $states.input.items[price > 5].name %}", "b": "{% $map($states.input.xs, function($v) { $v * 2 }) %}", "c": "{% $parse('[1]') %}"}, "End": true}"#,
            language: "JSONata"))
    }

    @Test("A value that looks like a path under a key without .$ is a NO_DOLLAR warning")
    func noDollar() throws {
        let m = try machine(Self.one(#"{"Type": "Pass", "Parameters": {"id": "$.order.id", "note": "costs $5"}, "End": true}"#))
        #expect(m.warnings.map(\.code) == [.noDollar])
        #expect(m.warnings.map(\.pointer) == ["/States/S/Parameters/id"])
    }

    @Test("A Pass state's Result with a .$ key is a PASS_RESULT_IS_STATIC warning")
    func passResultIsStatic() throws {
        let m = try machine(Self.one(#"{"Type": "Pass", "Result": {"nested": {"id.$": "$.id"}}, "End": true}"#))
        #expect(m.warnings.map(\.code) == [.passResultIsStatic])
        #expect(m.warnings.map(\.pointer) == ["/States/S/Result"])
    }

    @Test("Codes for the text itself: empty, blank, not JSON; for names: duplicate and too long")
    func textAndNames() {
        #expect(diagnostics("").map(\.code) == [.missingDescription])
        #expect(diagnostics("  ").map(\.message) == ["Definition must be a valid JSON object"])
        #expect(diagnostics("not a definition").map(\.code) == [.invalidJSONDescription])
        let duplicate = diagnostics(#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "A": {"Type": "Succeed"}}}"#)
        #expect(duplicate.map(\.code) == [.duplicateStateName])
        let long = String(repeating: "x", count: 81)
        #expect(diagnostics(#"{"StartAt": "\#(long)", "States": {"\#(long)": {"Type": "Succeed"}}}"#).map(\.code) == [.invalidStateName])
    }

    @Test("A missing required field is reported at the object that lacks it, as AWS does")
    func missingField() {
        let found = diagnostics(#"{"States": {"A": {"Type": "Succeed"}}}"#)
        #expect(found.map(\.path.description) == ["StartAt"])
        #expect(found.map(\.pointer) == ["/"])
        #expect(found.map(\.message) == ["The field 'StartAt' is required but was missing"])
    }
}

@Suite("ValidateStateMachineDefinition's response")
struct DefinitionValidationResponseTests {
    static let invalid = #"""
        {"StartAt": "A", "States": {
          "A": {"Type": "Pass", "Parameters": {"id": "$.id"}, "Next": "Gone"},
          "B": {"Type": "Succeed"}}}
        """#

    @Test("FAIL with every error; warnings only when asked for, as the API's severity does")
    func severity() {
        let errors = StateMachine.validate(Self.invalid)
        #expect(errors.result == .fail)
        #expect(errors.diagnostics.map(\.code) == [.missingTransitionTarget, .missingTransitionTarget])
        let all = StateMachine.validate(Self.invalid, severity: .warning)
        #expect(all.diagnostics.map(\.severity) == [.warning, .error, .error])
        let warned = StateMachine.validate(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"id": "$.id"}, "End": true}}}"#, severity: .warning)
        #expect(warned.result == .ok)
        #expect(warned.diagnostics.map(\.severity) == [.warning])
    }

    @Test("maxResults cuts the list and sets truncated; 0 means 100")
    func truncation() {
        let one = StateMachine.validate(Self.invalid, maxResults: 1)
        #expect(one.diagnostics.count == 1)
        #expect(one.truncated)
        #expect(!StateMachine.validate(Self.invalid, maxResults: 0).truncated)
    }

    @Test("The JSON document has the API's shape")
    func json() {
        let validation = StateMachine.validate(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Gone"}}}"#)
        #expect(validation.result == .fail)
        #expect(validation.jsonValue == [
            "result": "FAIL",
            "diagnostics": [
                [
                    "severity": "ERROR", "code": "MISSING_TRANSITION_TARGET",
                    "message": "Missing 'Next' target: state \"Gone\" does not exist", "location": "/States/A/Next",
                ],
            ],
            "truncated": false,
        ])
    }

    @Test("An Express validation refuses what Express cannot run")
    func express() {
        let definition = #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "End": true}}}"#
        #expect(StateMachine.validate(definition).result == .ok)
        #expect(StateMachine.validate(definition, type: .express).result == .fail)
    }
}
