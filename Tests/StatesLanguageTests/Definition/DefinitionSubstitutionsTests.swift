import StatesLanguage
import Testing

@Suite("Definition substitutions")
struct DefinitionSubstitutionsTests {
    static let template = """
        {
          "Comment": "${Comment}",
          "TimeoutSeconds": ${Timeout},
          "StartAt": "Call",
          "States": {
            "Call": {
              "Type": "Task",
              "Resource": "${FunctionArn}",
              "Parameters": {"Table": "${TableName}", "${KeyName}": "id", "Shell": "echo ${HOME} ${}"},
              "End": true
            }
          }
        }
        """
    static let values = DefinitionSubstitutions([
        "Comment": "Deployed to ${Stage}", "Stage": "prod", "Timeout": "300",
        "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:call", "TableName": "orders", "KeyName": "Key",
    ])

    @Test("Placeholders are filled textually: in strings, in keys, unquoted as numbers, and inside values")
    func filled() throws {
        let machine = try StateMachine(parsing: Self.template, substitutions: Self.values)
        #expect(machine.definition["Comment"] == "Deployed to prod")
        #expect(machine.definition["TimeoutSeconds"] == 300)
        #expect(machine.timeoutSeconds == 300)
        let call = try #require(machine.definition["States"]?["Call"])
        #expect(call["Resource"] == "arn:aws:lambda:us-east-1:123456789012:function:call")
        #expect(call["Parameters"] == ["Table": "orders", "Key": "id", "Shell": "echo ${HOME} ${}"])
    }

    @Test("A placeholder left elsewhere is a warning at its own line and column, and stays as written")
    func unfilledWarning() throws {
        var values = Self.values
        values.values["TableName"] = nil
        let machine = try StateMachine(parsing: Self.template, substitutions: values)
        let warnings = machine.warnings.filter { $0.message.contains("placeholder") }
        #expect(warnings.map(\.message) == [
            "the placeholder ${TableName} has no substitution value; it stays as written",
            "the placeholder ${HOME} has no substitution value; it stays as written",
        ])
        #expect(warnings.map(\.path.description) == ["States.Call.Parameters.Table", "States.Call.Parameters.Shell"])
        #expect(warnings.map(\.location) == [TextLocation(line: 9, column: 32), TextLocation(line: 9, column: 82)])
        #expect(machine.definition["States"]?["Call"]?["Parameters"]?["Table"] == "${TableName}")
    }

    @Test("Without substitutions, text is used as written and only Resource placeholders are reported")
    func noSubstitutions() throws {
        let text = #"{"StartAt": "C", "States": {"C": {"Type": "Task", "Resource": "arn:aws:lambda:${Region}:1:function:f", "Parameters": {"A": "${B}"}, "End": true}}}"#
        let error = try #require(throws: DefinitionError.self) { try StateMachine(parsing: text) }
        #expect(error.diagnostics.count == 1)
        #expect(error.errors.first?.path.description == "States.C.Resource")
        #expect(error.errors.first?.message == "the placeholder ${Region} has no substitution value; a Resource must name a real resource")
        #expect(error.errors.first?.location == TextLocation(line: 1, column: 79))
        let fine = try StateMachine(parsing: text.replacingOccurrences(of: "${Region}", with: "us-east-1"))
        #expect(fine.warnings.isEmpty)
    }

    @Test("Diagnostics after substitution point into the text as written")
    func locationsAfterSubstitution() throws {
        let text = """
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Comment": "${Long}", "Next": "Nowhere"}}}
            """
        let values = DefinitionSubstitutions(["Long": String(repeating: "x", count: 200)])
        let error = try #require(throws: DefinitionError.self) { try StateMachine(parsing: text, substitutions: values) }
        #expect(error.errors.first?.path.description == "States.A.Next")
        #expect(error.errors.first?.location == TextLocation(line: 1, column: 73))
    }

    @Test("An unfilled placeholder where JSON needs a value says so")
    func invalidJSONAtPlaceholder() throws {
        let error = try #require(throws: DefinitionError.self) {
            try StateMachine(parsing: Self.template, substitutions: DefinitionSubstitutions(["Comment": "c"]))
        }
        #expect(error.errors.first?.message.hasSuffix("(the placeholder ${Timeout} has no substitution value)") == true)
        #expect(error.errors.first?.location == TextLocation(line: 3, column: 21))
    }

    @Test("Values that refer to each other in a cycle are an error")
    func cycle() throws {
        let values = DefinitionSubstitutions(["A": "${B}", "B": "x${A}"])
        let error = try #require(throws: DefinitionError.self) { try values.substitute(in: "${A}") }
        #expect(error.errors.first?.message.contains("${A} → ${B} → ${A}") == true)
        #expect(try DefinitionSubstitutions(["A": "${B}${B}", "B": "b"]).substitute(in: "<${A}>") == "<bb>")
    }

    @Test("Substitutions files map names to strings, numbers or booleans; anything else is refused where it is")
    func parsingFiles() throws {
        let yaml = try DefinitionSubstitutions(parsing: "Table: orders\nTimeout: 300\nEnabled: true\nRate: 1.5\n", format: .yaml)
        #expect(yaml.values == ["Table": "orders", "Timeout": "300", "Enabled": "true", "Rate": "1.5"])
        let json = try DefinitionSubstitutions(parsing: #"{"Table": "orders", "Zip": "007"}"#, format: .json)
        #expect(json.values == ["Table": "orders", "Zip": "007"])
        let error = try #require(throws: DefinitionError.self) {
            try DefinitionSubstitutions(parsing: "Table: orders\nList: [1]\nNothing:\n", format: .yaml)
        }
        #expect(error.errors.map(\.path.description) == ["List", "Nothing"])
        #expect(error.errors.map(\.location) == [TextLocation(line: 2, column: 1), TextLocation(line: 3, column: 1)])
        #expect(throws: DefinitionError.self) { try DefinitionSubstitutions(parsing: "[a]", format: .yaml) }
        let repeated = try #require(throws: DefinitionError.self) {
            try DefinitionSubstitutions(parsing: "{\"A\": \"1\",\n \"A\": \"2\"}", format: .json)
        }
        #expect(repeated.errors.map(\.location) == [TextLocation(line: 2, column: 2)])
    }

    @Test("Later values win when substitutions merge")
    func merging() {
        let merged = DefinitionSubstitutions(["A": "1", "B": "2"]).merging(DefinitionSubstitutions(["B": "3"]))
        #expect(merged.values == ["A": "1", "B": "3"])
    }
}
