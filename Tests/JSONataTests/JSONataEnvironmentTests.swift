import Foundation
import JSONCore
import JSONata
import Testing

@Suite("JSONataEnvironment: native functions, clock and limits")
struct JSONataEnvironmentTests {
    static func doubling() -> JSONataEnvironment {
        var environment = JSONataEnvironment()
        environment.register(function: "double", signature: "<n:n>") { args in
            guard case .number(let n)? = args.first ?? nil else { return nil }
            return .number(JSONNumber(normalizing: n.doubleValue * 2))
        }
        environment.register(function: "$shout", signature: "<s-:s>") { args in
            guard case .string(let s)? = args.first ?? nil else { return nil }
            return .string(s.uppercased() + "!")
        }
        environment.register(function: "fail", signature: nil) { _ throws(JSONataError) -> JSONValue? in
            throw JSONataError(code: "States.Custom", message: "failed on purpose")
        }
        return environment
    }

    @Test("a registered function is callable directly, with ~>, in lambdas and by higher-order functions", arguments: [
        ("$double(21)", 42), ("21 ~> $double()", 42), ("$map([1, 2], function($x){ $double($x) })", [2, 4]),
        ("$map([1, 2], $double)", [2, 4]), ("($twice := function($f, $x){ $f($f($x)) }; $twice($double, 3))", 12),
        ("($d := $double; $d(5))", 10), ("name.$shout()", "ADA!"), ("$shout(name)", "ADA!"),
        ("($f := $double ~> $double; $f(1))", 4),
    ] as [(String, JSONValue)])
    func customFunctions(source: String, expected: JSONValue) throws {
        let result = try JSONataExpression(source).evaluate(["name": "Ada"], environment: Self.doubling())
        #expect(result == expected)
    }

    @Test("arguments are checked against the registered signature")
    func customSignature() throws {
        let error = #expect(throws: JSONataError.self) {
            _ = try JSONataExpression(#"$double("x")"#).evaluate(nil, environment: Self.doubling())
        }
        #expect(error?.code == "T0410")
    }

    @Test("errors thrown by a native function reach the caller unchanged")
    func customError() throws {
        let error = #expect(throws: JSONataError.self) {
            _ = try JSONataExpression("$fail()").evaluate(nil, environment: Self.doubling())
        }
        #expect(error?.code == "States.Custom")
        #expect(error?.message == "failed on purpose")
    }

    @Test("a registered function replaces a built-in of the same name")
    func overridesBuiltin() throws {
        var environment = JSONataEnvironment()
        environment.register(function: "random", signature: "<n?:n>") { _ in .number(.double(0.25)) }
        #expect(try JSONataExpression("$random(7)").evaluate(nil, environment: environment) == .number(.double(0.25)))
        #expect(try JSONataExpression("$random()").evaluate(nil) != .number(.double(0.25)))
    }

    @Test("$now and $millis read the environment's clock")
    func clock() throws {
        let environment = JSONataEnvironment(now: { Date(timeIntervalSince1970: 1_704_164_645.5) })
        #expect(try JSONataExpression("$now()").evaluate(nil, environment: environment) == "2024-01-02T03:04:05.500Z")
        #expect(try JSONataExpression("$millis()").evaluate(nil, environment: environment) == 1_704_164_645_500)
        #expect(try JSONataExpression("$now('[H01]:[m01]', '+0100')").evaluate(nil, environment: environment) == "04:04")
    }

    @Test("runaway recursion stops with U1001 instead of crashing")
    func depthLimit() throws {
        let recursion = try JSONataExpression("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))")
        let error = #expect(throws: JSONataError.self) { _ = try recursion.evaluate(nil) }
        #expect(error?.code == "U1001")
        var deep = JSONataEnvironment()
        deep.maximumDepth = 2_000_000
        let deeper = #expect(throws: JSONataError.self) { _ = try recursion.evaluate(nil, environment: deep) }
        #expect(deeper?.code == "U1001")
    }

    @Test("a raised depth limit allows deeper non-tail recursion")
    func raisedDepth() throws {
        let recursion = try JSONataExpression("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(3000))")
        #expect(throws: JSONataError.self) { _ = try recursion.evaluate(nil) }
        var environment = JSONataEnvironment()
        environment.maximumDepth = 12_000
        #expect(try recursion.evaluate(nil, environment: environment) == 3000)
    }

    @Test("tail calls run in constant depth")
    func tailCalls() throws {
        let loop = try JSONataExpression("($loop := function($n, $acc){ $n = 0 ? $acc : $loop($n - 1, $acc + 1) }; $loop(20000, 0))")
        #expect(try loop.evaluate(nil) == 20000)
    }

    @Test("an evaluation running past the time limit stops with U1001")
    func timeLimit() throws {
        var environment = JSONataEnvironment()
        environment.timeLimit = .milliseconds(50)
        let forever = try JSONataExpression("($inf := function(){ $inf() }; $inf())")
        let error = #expect(throws: JSONataError.self) { _ = try forever.evaluate(nil, environment: environment) }
        #expect(error?.code == "U1001")
    }
}
