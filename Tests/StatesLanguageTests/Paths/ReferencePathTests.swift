import Testing
@testable import StatesLanguage

@Suite("ReferencePath")
struct ReferencePathTests {
    static let accepted = ["$", "$.a", "$.a.b", "$['a b'][0]", "$.list[3].name", "$$.Execution.Input", "$$"]

    @Test("accepts keys and indexes", arguments: accepted)
    func accepts(text: String) throws {
        let path = try ReferencePath(text)
        #expect(path.text == text)
        #expect(path.path.isDefinite)
    }

    static let rejected = ["$.a[*]", "$.*", "$..a", "$.a[0:1]", "$.a[0,1]", "$['a','b']", "$.a[?(@.x)]", "$.a[-1]",
                           "a", "", "$.a b"]

    @Test("rejects anything that may select more than one node", arguments: rejected)
    func rejects(text: String) {
        #expect(throws: PathSyntaxError.self) { try ReferencePath(text) }
    }

    @Test("the error points at the first segment a reference path may not use")
    func errorOffsets() {
        let wildcard = #expect(throws: PathSyntaxError.self) { try ReferencePath("$.a.b[*].c") }
        #expect(wildcard?.offset == 5)
        let negative = #expect(throws: PathSyntaxError.self) { try ReferencePath("$.list[-1]") }
        #expect(negative?.offset == 6)
        #expect(negative?.message == "a reference path must not use negative indexes")
        let scan = #expect(throws: PathSyntaxError.self) { try ReferencePath("$.a..b") }
        #expect(scan?.offset == 3)
    }

    @Test("reads the identified node")
    func reads() throws {
        let input: JSONValue = ["foo": 123, "bar": ["a", "b", "c"], "car": ["cdr": true]]
        #expect(try ReferencePath("$.foo").value(in: input) == 123)
        #expect(try ReferencePath("$.bar").value(in: input) == ["a", "b", "c"])
        #expect(try ReferencePath("$.car.cdr").value(in: input) == true)
        #expect(try ReferencePath("$.bar[1]").value(in: input) == "b")
        #expect(try ReferencePath("$.nope").value(in: input) == nil)
        let environment = PathEnvironment(input: input, context: ["State": ["Name": "S"]])
        #expect(try ReferencePath("$$.State.Name").value(in: environment) == "S")
    }

    static let docInput: JSONValue = ["comment": "This is a test", "details": "Default example", "who": "Step Functions"]

    static let settings: [(path: String, input: JSONValue, expected: JSONValue)] = [
        // The examples of https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html
        ("$", docInput, "Hello, Step Functions!"),
        ("$.taskresult", docInput,
         ["comment": "This is a test", "details": "Default example", "who": "Step Functions",
          "taskresult": "Hello, Step Functions!"]),
        ("$.strings.lambdaresult",
         ["comment": "An input comment.", "strings": ["string1": "foo", "string2": "bar", "string3": "baz"], "who": "AWS Step Functions"],
         ["comment": "An input comment.",
          "strings": ["string1": "foo", "string2": "bar", "string3": "baz", "lambdaresult": "Hello, Step Functions!"],
          "who": "AWS Step Functions"]),
        // Replacing an existing key, creating intermediate objects, writing into an array element.
        ("$.who", docInput, ["comment": "This is a test", "details": "Default example", "who": "Hello, Step Functions!"]),
        ("$.a.b.c", [:], ["a": ["b": ["c": "Hello, Step Functions!"]]]),
        ("$['a b']", ["x": 1], ["x": 1, "a b": "Hello, Step Functions!"]),
        ("$.list[1]", ["list": [1, 2, 3]], ["list": [1, "Hello, Step Functions!", 3]]),
        ("$.list[0].r", ["list": [["k": 1]]], ["list": [["k": 1, "r": "Hello, Step Functions!"]]]),
        ("$[1]", [0, 1], [0, "Hello, Step Functions!"]),
    ]

    @Test("stores the result as ResultPath does", arguments: settings)
    func sets(path: String, input: JSONValue, expected: JSONValue) throws {
        let result = try ReferencePath(path).setting("Hello, Step Functions!", in: input)
        #expect(result == expected)
        #expect(result.jsonString() == expected.jsonString(), "keys keep their order")
    }

    static let conflicts: [(path: String, input: JSONValue, cause: String)] = [
        ("$.someTaskResult", "input1", #"Unable to apply ReferencePath $.someTaskResult to input "input1""#),
        ("$.x", [1, 2], "Unable to apply ReferencePath $.x to input [1,2]"),
        ("$.x", nil, "Unable to apply ReferencePath $.x to input null"),
        ("$.a.b", ["a": 1], #"Unable to apply step "b" to input {"a":1}"#),
        ("$.a.b", ["a": nil], #"Unable to apply step "b" to input {"a":null}"#),
        ("$.a.b.c", ["a": ["b": "s"]], #"Unable to apply step "c" to input {"a":{"b":"s"}}"#),
        ("$.list[3]", ["list": [1]], #"Unable to apply step [3] to input {"list":[1]}"#),
        ("$.list[0]", ["list": ["k": 1]], #"Unable to apply step [0] to input {"list":{"k":1}}"#),
        ("$[0]", ["k": 1], #"Unable to apply ReferencePath $[0] to input {"k":1}"#),
    ]

    @Test("fails with States.ReferencePathConflict when the path cannot be applied", arguments: conflicts)
    func reportsConflict(path: String, input: JSONValue, cause: String) throws {
        let reference = try ReferencePath(path)
        let error = #expect(throws: StatesError.self) { try reference.setting(true, in: input) }
        #expect(error?.name.rawValue == "States.ReferencePathConflict")
        #expect(error?.cause == cause)
    }

    @Test("a long ResultPath creates every level without deep recursion")
    func longPath() throws {
        let path = try ReferencePath("$" + String(repeating: ".k", count: 5_000))
        var result = try path.setting(1, in: ["other": true])
        #expect(result["other"] == true)
        var depth = 0
        while case .object(let object) = result, let next = object["k"] {
            result = next
            depth += 1
        }
        #expect(depth == 5_000)
        #expect(result == 1)
    }
}
