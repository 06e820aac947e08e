import Foundation
import Testing

@testable import StatesLanguage

@Suite("Executor.waitOverrides: shortened Wait states")
struct WaitOverrideTests {
    let definition = #"""
        {"StartAt": "Drain", "States": {
          "Drain": {"Type": "Wait", "SecondsPath": "$.DrainSeconds", "Next": "Each"},
          "Each": {"Type": "Map", "ItemsPath": "$.Items", "MaxConcurrency": 1, "Next": "Until",
            "ItemProcessor": {"StartAt": "Boot", "States": {"Boot": {"Type": "Wait", "Seconds": 600, "End": true}}}},
          "Until": {"Type": "Wait", "Timestamp": "2026-01-02T00:00:00Z", "End": true}}}
        """#
    let input: JSONValue = ["DrainSeconds": 300, "Items": [1, 2, 3]]

    func run(overrides: [String: Double]) async throws -> ExecutionResult {
        var executor = Executor(clock: VirtualClock(start: testEpoch))
        executor.waitOverrides = overrides
        return await executor.run(try machine(definition), input: input)
    }

    /// The seconds from each Wait state's entered event to its exited event.
    func waited(_ result: ExecutionResult) -> [String] {
        var entered: [String: Date] = [:]
        var spans: [String] = []
        for event in result.history {
            switch event.kind {
            case .stateEntered("Wait", let name, _): entered[name] = event.timestamp
            case .stateExited("Wait", let name, _, _):
                spans.append("\(name) \(event.timestamp.timeIntervalSince(entered[name] ?? event.timestamp))")
            default: break
            }
        }
        return spans
    }

    @Test("Without overrides the waits take their own durations")
    func none() async throws {
        let result = try await run(overrides: [:])
        #expect(waited(result) == ["Drain 300.0", "Boot 600.0", "Boot 600.0", "Boot 600.0", "Until 84300.0"])
    }

    @Test("Overrides apply by name at the top level and inside Map iterations; history times follow")
    func overrides() async throws {
        let result = try await run(overrides: ["Drain": 2, "Boot": 0.5, "Until": 0])
        #expect(result.status.name == "SUCCEEDED")
        #expect(waited(result) == ["Drain 2.0", "Boot 0.5", "Boot 0.5", "Boot 0.5", "Until 0.0"])
        #expect(result.stopDate.timeIntervalSince(testEpoch) == 3.5)
        // The history is otherwise the same as without overrides.
        #expect(eventNames(result) == eventNames(try await run(overrides: [:])))
    }

    @Test("The state's own duration is still evaluated: a bad SecondsPath fails as on AWS")
    func stillEvaluated() async throws {
        var executor = Executor(clock: VirtualClock(start: testEpoch))
        executor.waitOverrides = ["Drain": 0]
        let result = await executor.run(try machine(definition), input: ["Items": []])
        #expect(result.error?.name == .runtime)
        #expect(result.error?.cause?.contains("The SecondsPath parameter does not reference an input value") == true)
    }
}
