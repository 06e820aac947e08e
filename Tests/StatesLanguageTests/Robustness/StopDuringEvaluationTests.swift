import Foundation
import JSONCore
import StatesLanguage
import Testing

/// Stopping an execution ends a running JSONata evaluation as a stop, not as a failure (issue 10).
/// How fast is measured by `sfnrun-bench hostile` (0.1 ms), not asserted here: a loaded machine
/// makes any wall-clock bound flaky. `JSONataBoundsTests.cancellation` pins that a cancelled task
/// ends an evaluation that would otherwise run for ten minutes.
///
/// Serialized: an evaluation holds its thread of the cooperative pool (two threads on a two-core
/// machine), and the test's own `stop()` and the timeout timer need another one.
@Suite("Stopping during a JSONata evaluation", .serialized)
struct StopDuringEvaluationTests {
    /// A Pass state whose `Output` never finishes (a tail-recursive loop) unless it is stopped,
    /// with a catcher that would swallow an evaluation failure.
    static let endless = #"""
        {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
          "P": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:listBuckets", "Arguments": {},
                "Output": "{% ($f := function(){ $f() }; $f()) %}",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
          "Caught": {"Type": "Succeed"}}}
        """#

    private func registry() -> TaskRegistry {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::aws-sdk:s3:listBuckets") { _ in [:] }
        return registry
    }

    @Test("stop() aborts at once: ABORTED, not caught, no EvaluationFailed event")
    func stop() async throws {
        let execution = try await Executor(registry: registry()).start(try machine(Self.endless))
        try await Task.sleep(for: .milliseconds(300))
        execution.stop(error: "Operator", cause: "enough")
        let result = await execution.result
        #expect(result.status.name == "ABORTED")
        #expect(result.history.last?.kind == .executionAborted(error: "Operator", cause: "enough"))
        #expect(!result.history.contains { $0.kind.name == "EvaluationFailed" })
        #expect(!result.history.contains { $0.kind.name == "SucceedStateEntered" })
    }

    @Test("TimeoutSeconds ends a running evaluation: TIMED_OUT, no EvaluationFailed")
    func timeout() async throws {
        let definition = Self.endless.replacingOccurrences(of: #""StartAt""#, with: #""TimeoutSeconds": 1, "StartAt""#)
        let execution = try await Executor(registry: registry()).start(try machine(definition))
        let result = await execution.result
        #expect(result.status.name == "TIMED_OUT")
        #expect(!result.history.contains { $0.kind.name == "EvaluationFailed" })
    }
}
