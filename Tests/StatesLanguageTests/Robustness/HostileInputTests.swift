import Foundation
import JSONCore
import StatesLanguage
import Testing

/// The issue-10 reproducers that go through a whole definition: `J(e)` is a Pass state whose
/// `Output` is the JSONata expression `e`.
@Suite("Hostile input through definitions")
struct HostileInputTests {
    static func J(_ expression: String) -> String {
        let escaped = String(decoding: JSONValue.string("{% \(expression) %}").jsonBytes(), as: UTF8.self)
        return #"{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":\#(escaped),"End":true}}}"#
    }

    /// Reads and runs `definition` on a small-stack task; returns the diagnostics or the result.
    static func outcome(_ definition: String) async -> Result<ExecutionResult, DefinitionError> {
        await Task.detached {
            let machine: StateMachine
            do throws(DefinitionError) { machine = try StateMachine(parsing: definition) } catch { return .failure(error) }
            let execution = try? await Executor(clock: VirtualClock(start: Date(timeIntervalSince1970: 0))).start(machine)
            return .success(await execution!.result)
        }.value
    }

    @Test("long flat chains are refused when the definition is read", arguments: [
        "$states.input" + String(repeating: ".a", count: 7_000), "1" + String(repeating: "+1", count: 14_000),
        "'a'" + String(repeating: " & 'a'", count: 20_000), "true" + String(repeating: " and true", count: 20_000),
        "'a'" + String(repeating: " ~> $uppercase()", count: 20_000), "[1]" + String(repeating: "[true]", count: 20_000),
    ])
    func chains(expression: String) async throws {
        let result = await Self.outcome(Self.J(expression))
        let error = try #require(throws: DefinitionError.self) { try result.get() }
        #expect(error.description.contains("levels deep"))
    }

    @Test("a 50,000-deep value built at run time fails the state cleanly")
    func deepValue() async throws {
        let result = try await Self.outcome(Self.J("$reduce([1..50000], function($acc,$v){ {'a': $acc} }, 1)")).get()
        #expect(result.error?.name == .queryEvaluationError)
        #expect(result.error?.cause?.contains("U1002") == true)
    }

    @Test("the catastrophic regex of the issue finishes with a result")
    func regex() async throws {
        let result = try await Self.outcome(Self.J("$exists($match($pad('',1000,'a') & '!', /(a+)+$/))")).get()
        #expect(result.output == false)
    }

    @Test("a 10,000-character state name is shortened in diagnostics")
    func longStateName() async throws {
        let name = String(repeating: "S", count: 10_000)
        let definition = #"{"StartAt":"\#(name)","States":{"\#(name)":{"Type":"Pass","Next":"\#(name)x"}}}"#
        let error = try #require(throws: DefinitionError.self) { try StateMachine(parsing: definition) }
        for line in error.description.split(separator: "\n") {
            #expect(line.count < 400)
        }
        #expect(error.description.contains("…(10000 characters)"))
    }
}

/// The memory reproducers at full size: seconds of CPU in a debug build, so in their own group
/// (still run by `swift test`).
@Suite("Slow: memory bombs through definitions")
struct SlowHostileInputTests {
    @Test("memory bombs end with U1002, not gigabytes", arguments: [
        "$count([1..1e7].[1..1e7])",
        "($f := function($s){ $f($s & $s) }; $f('ab'))",
        // arrays and objects built of literal parts, each small, too many together (2.5 GB before);
        // grouping and $map at full size need most of the deadline in a debug build, so they are
        // pinned at a smaller budget in JSONataBoundsTests.everyBuilderCharged
        "$count([1..1e7].[[$,$,$,$,$,$,$,$,$,$,$,$,$,$,$,$]])",
        "$count([1..1e7].{'a':$,'b':$,'c':$})",
    ])
    func memory(expression: String) async throws {
        let result = try await HostileInputTests.outcome(HostileInputTests.J(expression)).get()
        #expect(result.error?.name == .queryEvaluationError)
        #expect(result.error?.cause?.contains("U1002") == true)
    }

}
