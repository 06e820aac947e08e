import Testing
@testable import StatesLanguage

private let store: JSONValue = try! JSONValue(parsing: """
    {
      "store": {
        "book": [
          {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
          {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
          {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
          {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
        ],
        "bicycle": {"color": "red", "price": 19.95}
      },
      "expensive": 10,
      "a b": 1,
      "x": {"y.z": "dot", "q'uote": "quote", "ünï": "unicode", "": "empty"},
      "nums": [0, 1, 2, 3, 4, 5],
      "n": 7,
      "nothing": null,
      "flag": true
    }
    """)

@Suite("JSONPath evaluation")
struct JSONPathEvaluationTests {
    static let cases: [(path: String, expected: JSONValue?)] = [
        ("$", store),
        ("$.expensive", 10),
        ("$.store.bicycle.color", "red"),
        ("$['store']['bicycle']['color']", "red"),
        ("$[\"store\"][\"bicycle\"].color", "red"),
        ("$.store.['bicycle'].color", "red"),
        ("$['a b']", 1),
        ("$.x['y.z']", "dot"),
        ("$.x[\"q'uote\"]", "quote"),
        ("$.x.ünï", "unicode"),
        ("$.x['']", "empty"),
        ("$.nothing", .some(.null)),
        ("$.flag", true),
        ("$.nums[0]", 0),
        ("$.nums[5]", 5),
        ("$.nums[-1]", 5),
        ("$.nums[-6]", 0),
        ("$.store.book[0].author", "Nigel Rees"),
        ("$.store.book[-1].title", "The Lord of the Rings"),
        // Missing keys and indexes out of range select nothing on a definite path.
        ("$.missing", nil),
        ("$.store.missing.deeper", nil),
        ("$.nums[6]", nil),
        ("$.nums[-7]", nil),
        ("$.n.field", nil),
        ("$.n[0]", nil),
        ("$.store[0]", nil),
        ("$.nothing.x", nil),
        // Indefinite paths always yield an array.
        ("$.nums[*]", [0, 1, 2, 3, 4, 5]),
        ("$.nums[1:3]", [1, 2]),
        ("$.nums[:2]", [0, 1]),
        ("$.nums[-2:]", [4, 5]),
        ("$.nums[4:]", [4, 5]),
        ("$.nums[2:100]", [2, 3, 4, 5]),
        ("$.nums[3:1]", []),
        ("$.nums[:-4]", [0, 1]),
        ("$.nums[1:-1]", [1, 2, 3, 4]),
        ("$.nums[-3:5]", [3, 4]),
        ("$.nums[-9223372036854775807:2]", [0, 1]),
        ("$.nums[0,2]", [0, 2]),
        ("$.nums[5,0,9]", [5, 0]),
        ("$.nums[?(@ > 3)]", [4, 5]),
        ("$.store.book[*].author", ["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"]),
        ("$.store.book[*].isbn", ["0-553-21311-3", "0-395-19395-8"]),
        ("$.store.bicycle.*", ["red", 19.95]),
        ("$..author", ["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"]),
        ("$.store..price", [8.95, 12.99, 8.99, 22.99, 19.95]),
        ("$..book[2].title", ["Moby Dick"]),
        ("$..book[-1:].title", ["The Lord of the Rings"]),
        // The Jayway README examples over the same document.
        ("$..book[-2].title", ["Moby Dick"]),
        ("$..book[0,1].title", ["Sayings of the Century", "Sword of Honour"]),
        ("$..book[:2].title", ["Sayings of the Century", "Sword of Honour"]),
        ("$..book[1:2].title", ["Sword of Honour"]),
        ("$..book[-2:].title", ["Moby Dick", "The Lord of the Rings"]),
        ("$..book[2:].title", ["Moby Dick", "The Lord of the Rings"]),
        ("$..book[?(@.isbn)].title", ["Moby Dick", "The Lord of the Rings"]),
        ("$..book[?(@.price <= $['expensive'])].title", ["Sayings of the Century", "Moby Dick"]),
        ("$.store.*.color", ["red"]),
        ("$.store.book[?(@.isbn)].title", ["Moby Dick", "The Lord of the Rings"]),
        ("$.store.book[?(!@.isbn)].title", ["Sayings of the Century", "Sword of Honour"]),
        ("$.store.book[?(@.price < 10)].title", ["Sayings of the Century", "Moby Dick"]),
        ("$.store.book[?(@.price <= 8.99)].price", [8.95, 8.99]),
        ("$.store.book[?(@.price > 12.99)].price", [22.99]),
        ("$.store.book[?(@.price >= 12.99)].price", [12.99, 22.99]),
        ("$.store.book[?(@.price > $.expensive)].price", [12.99, 22.99]),
        ("$.store.book[?(@.category == 'reference')].author", ["Nigel Rees"]),
        ("$.store.book[?(@.category == \"reference\")].author", ["Nigel Rees"]),
        ("$.store.book[?(@.category != 'fiction')].author", ["Nigel Rees"]),
        ("$.store.book[?(@.category == 'fiction' && @.price < 10)].title", ["Moby Dick"]),
        ("$.store.book[?(@.price < 9 || @.price > 20)].price", [8.95, 8.99, 22.99]),
        ("$.store.book[?((@.price < 9 || @.price > 20) && @.isbn)].price", [8.99, 22.99]),
        // A missing operand equals nothing, so `!= null` holds for it (Jayway).
        ("$.store.book[?(@.isbn != null)].price", [8.95, 12.99, 8.99, 22.99]),
        ("$.store.book[?(@.missing == null)].price", []),
        ("$.store.book[?(@.missing != 1)].price", [8.95, 12.99, 8.99, 22.99]),
        ("$.store.book[?(@.author > 'I')].author", ["Nigel Rees", "J. R. R. Tolkien"]),
        ("$.store.book[?(10 < @.price)].price", [12.99, 22.99]),
        ("$.store.book[?(!(@.price < 10 || @.price > 20))].price", [12.99]),
        ("$.store.book[?(@.price==8.95)].author", ["Nigel Rees"]),
        ("$.store.book[?( @.category  ==  'reference' )].author", ["Nigel Rees"]),
        ("$.store.book[?(@['category'] == 'reference')].author", ["Nigel Rees"]),
        ("$.store.book[?(@.isbn == '0-553-21311-3')].author", ["Herman Melville"]),
        ("$.store.book[?(@.price > 100 || @.title == \"Moby Dick\")].author", ["Herman Melville"]),
        ("$.store.book[?(@.price < 0)]", []),
        ("$..book[?(@.price > 20)].title", ["The Lord of the Rings"]),
        ("$.x[?(@['y.z'] == 'dot')]['ünï']", ["unicode"]),
        ("$.flag[?(@ == true)]", []),
        // A filter on an object tests the object itself (Jayway).
        ("$.store.bicycle[?(@.color == 'red')].price", [19.95]),
        ("$.store.bicycle[?(@.color == 'blue')]", []),
        // Union of keys as the last segment merges into one object; definite.
        ("$.store.bicycle['color','price']", ["color": "red", "price": 19.95]),
        ("$.store.bicycle['color','nope']", ["color": "red"]),
        ("$.store.book[*]['author','missing']", [["author": "Nigel Rees"], ["author": "Evelyn Waugh"],
                                                 ["author": "Herman Melville"], ["author": "J. R. R. Tolkien"]]),
        // An indefinite path that selects nothing gives [], even through a missing key or a
        // scalar before the wildcard (AWS: base_test_base…wildcard_or_slice_with_no_input).
        ("$.nums[*].field", []),
        ("$.nums[10][*]", []),
        ("$.missing[*]", []),
        ("$.missing.items[1:5].value", []),
        ("$.n[*]", []),
        ("$.n[0,1]", []),
        ("$.n[1:2]", []),
        ("$.n[?(@.x)]", []),
        ("$.store.book[*].price[?(@ > 1)]", []),
        ("$.missing..x", []),
        // A definite path through a missing key selects nothing.
        ("$.missing.x", nil),
        ("$.missing['a','b']", nil),
        ("$..nope", []),
    ]

    @Test("selects what Jayway JsonPath selects", arguments: cases)
    func evaluates(path: String, expected: JSONValue?) throws {
        let compiled = try JSONPath(path)
        #expect(try compiled.value(in: store) == expected)
    }

    @Test("wildcard on an object yields values in key order; on a scalar nothing")
    func wildcards() throws {
        #expect(try JSONPath("$.*").value(in: ["b": 1, "a": 2]) == [1, 2])
        #expect(try JSONPath("$[*]").value(in: "text") == [])
        #expect(try JSONPath("$..*").value(in: ["a": [1, ["b": 2]]]) == [[1, ["b": 2]], 1, ["b": 2], 2])
    }

    @Test("quoted keys are taken verbatim; a backslash only keeps the quote from ending the key (recording ESCAPE_SEQUENCES_JSONPATH)")
    func quotedKeyEscapes() throws {
        let input: JSONValue = [
            "A": 1, #"a\"b"#: 2, #"a\'b"#: 3, "a'b": 4, #"back\\slash"#: 5, #"\u0041"#: 6, "x]y": 7, "p,q": 8,
            #"Test\""Name""#: 9,
        ]
        #expect(try JSONPath(#"$["a\"b"]"#).value(in: input) == 2)
        #expect(try JSONPath(#"$['a\'b']"#).value(in: input) == 3)
        #expect(try JSONPath(#"$["a'b"]"#).value(in: input) == 4)
        #expect(try JSONPath(#"$['back\\slash']"#).value(in: input) == 5)
        #expect(try JSONPath(#"$['\u0041']"#).value(in: input) == 6)
        #expect(try JSONPath("$['x]y']").value(in: input) == 7)
        #expect(try JSONPath("$['p,q']").value(in: input) == 8)
        #expect(try JSONPath("$['p,q','A']").value(in: input) == ["p,q": 8, "A": 1])
        #expect(try JSONPath(#"$['Test\""Name"']"#).value(in: input) == 9)
        #expect(throws: PathSyntaxError.self) { try JSONPath(#"$['abc\']"#) }
    }

    @Test("string and number compare equal when the texts match (Jayway)")
    func stringNumberEquality() throws {
        let input: JSONValue = [["v": "1"], ["v": 1], ["v": "x"]]
        #expect(try JSONPath("$[?(@.v == 1)]").value(in: input) == [["v": "1"], ["v": 1]])
        #expect(try JSONPath("$[?(@.v < 2)]").value(in: input) == [["v": 1]])
    }

    @Test("long paths and deep documents do not deepen the call stack per segment")
    func longPaths() throws {
        var document: JSONValue = "leaf"
        for _ in 0..<400 { document = ["a": [document]] }
        let definite = "$" + String(repeating: ".a[0]", count: 400)
        #expect(try JSONPath(definite).value(in: document) == "leaf")
        let indefinite = "$" + String(repeating: ".a[*]", count: 400)
        #expect(try JSONPath(indefinite).value(in: document) == ["leaf"])
        let long = "$" + String(repeating: "[*]", count: 20_000)
        #expect(try JSONPath(long).value(in: [[1]]) == [])
        #expect(try JSONPath("$..a").value(in: document)?.arrayValue?.count == 400)
    }

    @Test("a context path reads the document given for $$")
    func contextPath() throws {
        let path = try JSONPath("$$.Execution.Id")
        #expect(path.isContextPath)
        let context: JSONValue = ["Execution": ["Id": "arn:aws:states:us-east-1:123:execution:m:e"]]
        #expect(try path.value(in: context) == "arn:aws:states:us-east-1:123:execution:m:e")
        let environment = PathEnvironment(input: ["Execution": ["Id": "wrong"]], context: context)
        #expect(try path.value(in: environment) == "arn:aws:states:us-east-1:123:execution:m:e")
        #expect(try JSONPath("$$").value(in: environment) == context)
        #expect(try JSONPath("$.Execution.Id").value(in: environment) == "wrong")
        #expect(try !JSONPath("$.a").isContextPath)
    }
}

@Suite("JSONPath syntax")
struct JSONPathSyntaxTests {
    static let definiteness: [(path: String, definite: Bool)] = [
        ("$", true), ("$.a.b", true), ("$['a'][0]", true), ("$[-1]", true), ("$.a['b','c']", true),
        ("$$.Map.Item.Value", true),
        ("$[*]", false), ("$.*", false), ("$..a", false), ("$[1:2]", false), ("$[0,1]", false),
        ("$['a','b'].c", false), ("$[?(@.a)]", false),
    ]

    @Test("definite paths select at most one value", arguments: definiteness)
    func definite(path: String, definite: Bool) throws {
        #expect(try JSONPath(path).isDefinite == definite)
    }

    static let invalid: [(path: String, offset: Int)] = [
        ("", 0),
        ("a.b", 0),
        ("$-a", 1),
        ("$.", 2),
        ("$..", 3),
        ("$...a", 3),
        ("$.a b", 3),
        ("$.a.length()", 10),
        ("$[", 2),
        ("$[0", 3),
        ("$['a]", 2),
        ("$['a' 'b']", 6),
        ("$[a]", 2),
        ("$[1:2:1]", 5),
        ("$[?(@.a ==)]", 10),
        ("$[?(@.a =~ /x/)]", 8),
        ("$[?(@.a)", 8),
        ("$[?@.a]", 3),
        ("$.a]", 3),
        ("$[99999999999999999999]", 2),
    ]

    @Test("rejects malformed paths with the offset of the problem", arguments: invalid)
    func rejects(path: String, offset: Int) {
        #expect {
            _ = try JSONPath(path)
        } throws: { error in
            guard let error = error as? PathSyntaxError else { return false }
            return error.offset == offset && error.path == path
        }
    }

    @Test("filters nest at most 16 deep")
    func filterNesting() throws {
        func nested(_ depth: Int) -> String {
            var filter = "@.x"
            for _ in 1..<depth { filter = "@.a[?(\(filter))]" }
            return "$[?(\(filter))]"
        }
        _ = try JSONPath(nested(16))
        let error = #expect(throws: PathSyntaxError.self) { try JSONPath(nested(17)) }
        #expect(error?.message == "filters can be nested at most 16 levels deep")
        let deepInput: JSONValue = [["a": [["a": [["x": 1]]]]]]
        #expect(try JSONPath(nested(3)).value(in: deepInput) == deepInput)
    }

    @Test("the error describes the path, offset and problem")
    func errorDescription() {
        let error = #expect(throws: PathSyntaxError.self) { try JSONPath("$.a[") }
        #expect(error?.description == "Invalid path '$.a[' at offset 4: unterminated '['")
    }

    @Test("paths compare by text and print as written")
    func equality() throws {
        #expect(try JSONPath("$.a") == JSONPath("$.a"))
        #expect(try JSONPath("$.a") != JSONPath("$['a']"))
        #expect(try JSONPath("$.a[0]").description == "$.a[0]")
    }
}
