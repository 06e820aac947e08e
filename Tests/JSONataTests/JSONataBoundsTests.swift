import JSONCore
import JSONata
import Testing

/// The limits that keep any expression from crashing or exhausting memory (issue 10).
@Suite("JSONata bounds")
struct JSONataBoundsTests {
    /// Parses and evaluates `source` on a thread with a small stack, as a Swift task would.
    private func outcome(_ source: String, input: JSONValue? = nil) async -> Result<JSONValue?, JSONataError> {
        await Task.detached {
            Result { () throws(JSONataError) -> JSONValue? in
                try JSONataExpression(source).evaluate(input, bindings: ["states": ["input": ["a": 1]]])
            }
        }.value
    }

    @Test("long flat chains are refused with a clear error instead of overflowing the stack", arguments: [
        ("$states.input", ".a", 7_000), ("1", "+1", 14_000), ("'x'", "&'x'", 20_000), ("true", " and true", 20_000),
        ("'x'", " ~> $string()", 20_000), ("[1]", "[true]", 20_000), ("1", "-1", 3_000),
    ] as [(String, String, Int)])
    func longChains(head: String, link: String, count: Int) async throws {
        let source = head + String(repeating: link, count: count)
        let result = await outcome(source)
        let error = try #require(throws: JSONataError.self) { try result.get() }
        #expect(error.code == "U1001")
        #expect(error.message.contains("levels deep"))
    }

    @Test("the tallest tree the parser accepts is evaluated and released on a small-stack task")
    func tallestTree() async throws {
        for source in ["1" + String(repeating: "+1", count: 490), "$states.input" + String(repeating: ".a", count: 490),
                       String(repeating: "-", count: 390) + "1"] {
            let result = await Task.detached { () -> Bool in
                do throws(JSONataError) {
                    _ = try JSONataExpression(source).evaluate(nil)  // the tree is freed on this thread
                    return true
                } catch {
                    return !error.code.isEmpty
                }
            }.value
            #expect(result)
        }
    }

    @Test("chains within the height limit still evaluate")
    func shortChains() async throws {
        let sum = try await outcome("1" + String(repeating: "+1", count: 300)).get()
        #expect(sum == .integer(301))
        let path = try await outcome("$states.input" + String(repeating: ".a", count: 1) ).get()
        #expect(path == .integer(1))
    }

    @Test("a 50,000-deep value built at run time is refused, not converted recursively")
    func deepValue() async throws {
        let result = await outcome("$reduce([1..50000], function($acc,$v){ {'a': $acc} }, 1)")
        let error = try #require(throws: JSONataError.self) { try result.get() }
        #expect(error.code == "U1002")
        #expect(error.message.contains("512"))
        let arrays = await outcome("$reduce([1..50000], function($acc,$v){ [[$acc]] }, 1)")
        #expect(throws: JSONataError.self) { try arrays.get() }
        let fine = try await outcome("$reduce([1..100], function($acc,$v){ {'a': $acc} }, 1)").get()
        #expect(fine?.nestingDepthForTest == 100)
    }

    @Test("a sequence beyond the length budget is refused")
    func sequenceBudget() async throws {
        var environment = JSONataEnvironment()
        environment.maximumSequenceLength = 1_000
        let error = #expect(throws: JSONataError.self) {
            _ = try JSONataExpression("$count([1..100].$append([], [1..100]))").evaluate(nil, environment: environment)
        }
        #expect(error?.code == "U1002")
        #expect(error?.message.contains("1000 items") == true)
        let fine = try JSONataExpression("$count([1..10].$append([], [1..10]))").evaluate(nil, environment: environment)
        #expect(fine == .integer(100))
    }

    @Test("arrays of arrays beyond the total item budget are refused")
    func totalItemBudget() async throws {
        var environment = JSONataEnvironment()
        environment.maximumTotalItems = 5_000
        let error = #expect(throws: JSONataError.self) {
            _ = try JSONataExpression("$count([1..100].[1..100])").evaluate(nil, environment: environment)
        }
        #expect(error?.code == "U1002")
        #expect(error?.message.contains("5000 items in all") == true)
        let fine = try JSONataExpression("$count([1..10].[1..10])").evaluate(nil, environment: environment)
        #expect(fine == .integer(10))
    }

    /// An input whose arrays and objects hold `count` values each: the input itself is not charged,
    /// so what the expressions build from it is all that counts.
    static func document(_ count: Int) -> JSONValue {
        let numbers = (1...count).map { JSONValue.integer($0) }
        let object = JSONValue.object(JSONObject((1...count).map { ("k\($0)", JSONValue.integer($0)) }))
        return [
            "arr": .array(numbers), "objs": .array(numbers.map { ["a": $0] }), "obj": object,
            "text": .string(String(repeating: "a", count: count)),
        ]
    }

    @Test("every way of building arrays and objects counts against the item budget", arguments: [
        "$.arr.[[$, $, $, $]]", "$.arr.{'a': $, 'b': $}", "$.arr{$string($): $}", "$.arr{'all': $}",
        "$spread($.obj)", "$merge([$.obj, $.obj])", "$keys($.obj)", "$each($.obj, function($v) { $v })",
        "$sift($.obj, function($v) { true })", "$map($.arr, function($v) { $v })", "$filter($.arr, function($v) { true })",
        "$zip($.arr, $.arr)", "$sort($.arr)", "$reverse($.arr)", "$append($.arr, 0)", "$distinct($.arr)",
        "$.arr[$ > 0]", "$.arr.$", "$.arr^($)", "$.arr#$i.$", "$.objs.*", "$.objs.**", "$lookup($.objs, 'a')",
        "$clone($.objs)", "$ ~> |objs|{'b': 1}|", "$split($.text, '')", "$match($.text, /a/)", "$.arr.(function() { 1 })",
        "$.objs{$string(a): $count(a)}",
    ])
    func everyBuilderCharged(expression: String) throws {
        var environment = JSONataEnvironment()
        environment.maximumTotalItems = 5_000
        let error = #expect(throws: JSONataError.self, "\(expression)") {
            _ = try JSONataExpression("$count(\(expression))").evaluate(Self.document(6_000), environment: environment)
        }
        #expect(error?.code == "U1002", "\(expression)")
        #expect(throws: Never.self, "\(expression)") {
            _ = try JSONataExpression("$count(\(expression))").evaluate(Self.document(100), environment: environment)
        }
    }

    @Test("a string beyond the size budget is refused")
    func stringBudget() throws {
        var environment = JSONataEnvironment()
        environment.maximumStringBytes = 1 << 16
        let doubling = "($f := function($s, $n){ $n = 0 ? $s : $f($s & $s, $n - 1) }; $f('ab', 40))"
        let error = #expect(throws: JSONataError.self) {
            _ = try JSONataExpression(doubling).evaluate(nil, environment: environment)
        }
        #expect(error?.code == "U1002")
        let fine = try JSONataExpression("$length(\(doubling.replacingOccurrences(of: "40", with: "10")))")
            .evaluate(nil, environment: environment)
        #expect(fine == .integer(2048))
    }

    @Test("$distinct finds scalars in a set and compares only containers pairwise")
    func distinct() throws {
        #expect(try JSONataExpression("$count($distinct([1..100000].($ % 1000)))").evaluate(nil) == .integer(1000))
        #expect(try JSONataExpression("$distinct([[1], [1], {'a': 1}, {'a': 1}, 0, -0, 'x', 'x', null, null])").evaluate(nil)
            == [[1], ["a": 1], 0, "x", nil])
    }

    @Test("many large strings together are refused by the total string budget")
    func totalStringBudget() throws {
        var environment = JSONataEnvironment()
        environment.maximumTotalStringBytes = 1 << 20
        let error = #expect(throws: JSONataError.self) {
            _ = try JSONataExpression("$count([1..100].$pad('', 100000, 'a'))").evaluate(nil, environment: environment)
        }
        #expect(error?.code == "U1002")
        #expect(error?.message.contains("in all") == true)
        #expect(try JSONataExpression("$count([1..5].$pad('', 100000, 'a'))").evaluate(nil, environment: environment) == .integer(5))
    }

    @Test("a cancelled task stops the evaluation with U1003")
    func cancellation() async throws {
        let task = Task.detached {
            Result { () throws(JSONataError) -> JSONValue? in
                var environment = JSONataEnvironment()
                environment.timeLimit = .seconds(600)
                return try JSONataExpression("($f := function(){ $f() }; $f())").evaluate(nil, environment: environment)
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let result = await task.value
        let error = #expect(throws: JSONataError.self) { try result.get() }
        #expect(error?.code == "U1003")
    }
}

extension JSONValue {
    /// Levels of objects and arrays, for checking results.
    var nestingDepthForTest: Int {
        switch self {
        case .object(let object): return 1 + (object.map { $0.value.nestingDepthForTest }.max() ?? 0)
        case .array(let items): return 1 + (items.map(\.nestingDepthForTest).max() ?? 0)
        default: return 0
        }
    }
}
