import JSONCore
import Testing
import YAMLCore

@Suite("YAML constructs")
struct YAMLConstructTests {
    @Test("block mappings, sequences and indentless sequences nest by indentation")
    func blockCollections() throws {
        let yaml = """
            StartAt: Check
            States:
              Check:
                Type: Task
                Retry:
                - ErrorEquals: [States.ALL]
                  MaxAttempts: 2
                End: true
            Tags:
              - - a
                - b
              -
            """
        let expected: JSONValue = [
            "StartAt": "Check",
            "States": ["Check": ["Type": "Task", "Retry": [["ErrorEquals": ["States.ALL"], "MaxAttempts": 2]], "End": true]],
            "Tags": [["a", "b"], .null],
        ]
        #expect(try JSONValue(parsingYAML: yaml) == expected)
    }

    @Test("flow collections: nesting, trailing commas, single pairs, JSON-like keys with adjacent values")
    func flowCollections() throws {
        #expect(try JSONValue(parsingYAML: "[a, [b, c], {d: e, f: [g]}, ]") == ["a", ["b", "c"], ["d": "e", "f": ["g"]]])
        #expect(try JSONValue(parsingYAML: "[a: b, c]") == [["a": "b"], "c"])
        #expect(try JSONValue(parsingYAML: #"{"a":1, "b":[2]}"#) == ["a": 1, "b": [2]])
        #expect(try JSONValue(parsingYAML: "{a, b: }") == ["a": .null, "b": .null])
        #expect(try JSONValue(parsingYAML: "{url: http://x/y:z, a:b}") == ["url": "http://x/y:z", "a:b": .null])
        #expect(try JSONValue(parsingYAML: "key: [one,\n  two]") == ["key": ["one", "two"]])
    }

    @Test("plain scalars fold lines and keep ':' and '#' that are not indicators")
    func plainScalars() throws {
        let yaml = """
            a: one
              two

              three
            b: x:y#z # a comment
            c: arn:aws:states:::aws-sdk:ec2:rebootInstances
            """
        #expect(try JSONValue(parsingYAML: yaml) == [
            "a": "one two\nthree", "b": "x:y#z", "c": "arn:aws:states:::aws-sdk:ec2:rebootInstances",
        ])
    }

    @Test(
        "plain scalars resolve by the YAML 1.2 core schema, not 1.1",
        arguments: [
            ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null), ("", .null),
            ("true", true), ("True", true), ("FALSE", false),
            ("yes", "yes"), ("No", "No"), ("on", "on"), ("y", "y"),
            ("42", 42), ("-17", -17), ("+12", 12), ("012", 12), ("0o17", 15), ("0x1F", 31),
            ("1.5", 1.5), (".5", 0.5), ("-1.", -1.0), ("1e3", 1000.0), ("6.02E+23", 6.02e23),
            ("9223372036854775807", .number(.integer(Int64.max))), ("12345678901234567890", 12345678901234567890.0),
            ("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"), ("2026-01-01", "2026-01-01"), ("1:30", "1:30"),
            ("0o8", "0o8"), ("0x", "0x"), ("1_000", "1_000"), ("+", "+"), (".", "."), ("1e", "1e"),
        ] as [(String, JSONValue)])
    func coreSchema(text: String, expected: JSONValue) throws {
        #expect(try JSONValue(parsingYAML: "value: \(text)") == ["value": expected])
    }

    @Test("quoted scalars are strings, with escapes and line folding")
    func quotedScalars() throws {
        #expect(try JSONValue(parsingYAML: "'it''s  true'") == "it's  true")
        #expect(try JSONValue(parsingYAML: "'a\n  b\n\n  c'") == "a b\nc")
        #expect(try JSONValue(parsingYAML: #""tab\there\n\u00e9\x41\U0001F600\/\"""#) == "tab\there\n\u{e9}A\u{1F600}/\"")
        #expect(try JSONValue(parsingYAML: "\"one \\\n   two\"") == "one two")
        #expect(try JSONValue(parsingYAML: "\"true\"") == "true")
        #expect(try JSONValue(parsingYAML: "'42'") == "42")
    }

    @Test(
        "block scalars: literal and folded, with chomping and indentation indicators",
        arguments: [
            ("|\n  a\n   b\n\n", "a\n b\n"),
            ("|-\n  a\n\n", "a"),
            ("|+\n  a\n\n", "a\n\n"),
            (">\n  a\n  b\n\n  c\n", "a b\nc\n"),
            (">\n  a\n    more\n  b\n", "a\n  more\nb\n"),
            ("|2\n    indented\n  x\n", "  indented\nx\n"),
            (">-\n  folded\n  text", "folded text"),
            ("| # comment\n  text\n", "text\n"),
        ] as [(String, String)])
    func blockScalars(header: String, expected: String) throws {
        #expect(try JSONValue(parsingYAML: "key: " + header) == ["key": .string(expected)])
    }

    @Test("comments, document markers and the %YAML 1.2 directive")
    func documents() throws {
        let yaml = """
            %YAML 1.2
            # a comment
            --- # the document
            a: 1 # trailing
            ...
            """
        #expect(try JSONValue(parsingYAML: yaml) == ["a": 1])
        #expect(try JSONValue.parseYAMLStream("--- a\n--- b\n...\n--- [c]\n") == ["a", "b", ["c"]])
        #expect(try JSONValue.parseYAMLStream("# only a comment\n").isEmpty)
    }

    @Test("anchors and aliases copy values, also as keys")
    func anchors() throws {
        let yaml = """
            retry: &retry
              ErrorEquals: [States.ALL]
              MaxAttempts: 3
            first: *retry
            name: &n Check
            *n : aliased key
            """
        let retry: JSONValue = ["ErrorEquals": ["States.ALL"], "MaxAttempts": 3]
        #expect(try JSONValue(parsingYAML: yaml) == ["retry": retry, "first": retry, "name": "Check", "Check": "aliased key"])
    }

    @Test("a byte order mark and CRLF line breaks are accepted")
    func lineBreaks() throws {
        #expect(try JSONValue(parsingYAML: "\u{FEFF}a: 1\r\nb:\r\n  - x\r\n") == ["a": 1, "b": ["x"]])
    }

    @Test("the source map gives each value's and key's line and column in the YAML text")
    func sourceMap() throws {
        let yaml = """
            StartAt: A
            States:
              A:
                Type: Pass
                Next: [x, {y: z}]
            """
        let (_, map) = try JSONValue.parseYAMLWithSourceMap(yaml)
        #expect(map.location(of: "/StartAt") == TextLocation(line: 1, column: 10))
        #expect(map.keyLocation(of: "/States/A/Type") == TextLocation(line: 4, column: 5))
        #expect(map.location(of: "/States/A/Type") == TextLocation(line: 4, column: 11))
        #expect(map.location(of: "/States/A/Next/1/y") == TextLocation(line: 5, column: 19))
        #expect(map.nearestLocation(of: "/States/A/Missing") == TextLocation(line: 3, column: 3))
    }
}

@Suite("YAML errors")
struct YAMLErrorTests {
    static func error(_ yaml: String) throws -> YAMLError {
        try #require(throws: YAMLError.self) { try JSONValue(parsingYAML: yaml) }
    }

    @Test(
        "invalid YAML is refused with the line and column of the problem",
        arguments: [
            ("a:\n\tb: 1", 2, 1, "tab"),
            ("a:\n  b: 1\n c: 2", 3, 2, "not indented like"),
            ("a: b: c", 1, 5, "quote a value that holds ': '"),
            ("a: 1\na: 2", 2, 1, "duplicate key 'a' (first on line 1)"),
            ("key: 'open\n", 1, 6, "never closed"),
            ("- *nowhere", 1, 3, "refers to no anchor"),
            ("key: [a, b", 1, 11, "expected ',' or ']'"),
            ("key: \"a\nb\"", 2, 1, "indented more"),
            ("a: \"\\q\"", 1, 5, "unknown escape"),
            ("a: |0\n x", 1, 5, "indentation indicator"),
            ("a: x #ok\nb: \"y\"#no", 2, 7, "white space before '#'"),
            ("- a\n- b\nc: d", 3, 1, "expected"),
            ("...\nx\n... y", 3, 5, "only a comment may follow"),
            ("a:\n  - b\n  -c", 3, 3, "expected '- ' here"),
            ("Output: {% $states.input %}", 1, 9, "quote text such as '{% … %}'"),
        ] as [(String, Int, Int, String)])
    func syntaxErrors(yaml: String, line: Int, column: Int, message: String) throws {
        let error = try Self.error(yaml)
        #expect(error.kind == .syntax)
        #expect((error.line, error.column) == (line, column), "\(error)")
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test(
        "YAML outside the subset is refused as unsupported, naming the construct",
        arguments: [
            ("Resource: !Ref Function", YAMLFeature.tags, 1, 11),
            ("%TAG ! tag:example.com,2000:\n--- a", .tags, 1, 1),
            ("%YAML 1.1\n--- yes", .directive, 1, 7),
            ("? [a, b]\n: c", .complexKey, 1, 3),
            ("{a: b}: c", .complexKey, 1, 1),
            (": no key", .nullKey, 1, 1),
            ("~: tilde", .nullKey, 1, 1),
            ("true: x", .nonStringKey, 1, 1),
            ("200: OK", .nonStringKey, 1, 1),
            ("base: &b {a: 1}\nother:\n  <<: *b", .mergeKey, 3, 3),
            ("limit: .inf", .nonFiniteNumber, 1, 8),
            ("x: 1e999", .nonFiniteNumber, 1, 4),
            ("--- a\n--- b", .multipleDocuments, 2, 1),
        ] as [(String, YAMLFeature, Int, Int)])
    func unsupported(yaml: String, feature: YAMLFeature, line: Int, column: Int) throws {
        let error = try Self.error(yaml)
        #expect(error.kind == .unsupported(feature), "\(error)")
        #expect((error.line, error.column) == (line, column), "\(error)")
    }

    @Test("a text with no document is refused by the single-document reader")
    func noDocument() throws {
        #expect(try Self.error("# nothing here\n").message.contains("no YAML document"))
    }

    @Test("nesting beyond 512 levels and runaway aliases stop with a limit error, not a crash")
    func limits() throws {
        #expect(try Self.error(String(repeating: "[", count: 100_000)).kind == .limit)
        #expect(try Self.error(String(repeating: "- ", count: 100_000) + "x").kind == .limit)
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<9 {
            bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(try Self.error(bomb).kind == .limit)
    }
}
