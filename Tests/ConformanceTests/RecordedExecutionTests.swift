import Foundation
import Testing

/// Runs every execution recorded on AWS (`../shared/conformance/aws-recorded`) in-process and
/// holds the results to `Fixtures/aws-recorded-baseline.txt`.
///
/// `SFNRUN_CONFORMANCE_VERBOSE=1` prints every difference; `SFNRUN_CONFORMANCE_PRINT_BASELINE=1`
/// prints the baseline the current results would need.
@Suite("AWS-recorded executions")
struct RecordedExecutionTests {
    @Test("every recorded execution matches AWS or is a known difference, and the known differences only shrink")
    func recordedExecutions() async throws {
        guard let files = try SharedCorpus.files(of: "aws-recorded", suite: "AWS-recorded executions") else { return }
        let cases = files.map(RecordedCase.init)
        let baseline = try KnownDifferences(fileName: "aws-recorded-baseline.txt")
        let observed = await SharedCorpus.map(cases) { await $0.run() }

        var results: [KnownDifferences.Key: Bool] = [:]
        var details: [String] = []
        for (recorded, observed) in zip(cases, observed) {
            let checks = recorded.compare(observed)
            let aspects: [(String, Bool?)] = [("outcome", checks.outcome), ("cause", checks.cause), ("events", checks.events)]
            for case (let aspect, let matched?) in aspects {
                results[KnownDifferences.Key(file: recorded.file, aspect: aspect)] = matched
                if !matched {
                    details.append(Self.describe(recorded, observed, aspect: aspect))
                }
            }
        }
        print(Self.table(results, baseline: baseline, total: cases.count))
        baseline.conclude(results, details: details) { file in cases.first { $0.file == file }?.usesDistributedMap ?? false }
    }

    static func describe(_ recorded: RecordedCase, _ observed: RecordedCase.Observed, aspect: String) -> String {
        let expected = recorded.expected
        var got: [String] = ["status \(observed.status)"]
        if let output = observed.output { got.append("output \(output.jsonString().prefix(300))") }
        if let error = observed.error { got.append("error \(error)") }
        if let cause = observed.cause { got.append("cause \(cause.prefix(300))") }
        if let problem = observed.problem { got.append("problem \(problem.prefix(300))") }
        var lines = ["DIFF \(recorded.file) [\(aspect)]", "  expected: \(expected.jsonString().prefix(600))", "  got:      \(got.joined(separator: "; "))"]
        if aspect == "events" {
            lines.append("  expected events: \((recorded.expectedEvents ?? []).joined(separator: " "))")
            lines.append("  got events:      \(observed.events.joined(separator: " "))")
        }
        return lines.joined(separator: "\n")
    }

    /// `aspect  matched/compared (percent)` for all cases and for those outside Distributed Map.
    static func table(_ results: [KnownDifferences.Key: Bool], baseline: KnownDifferences, total: Int) -> String {
        let distributedFiles = Set(baseline.reasons.keys.filter(baseline.isDistributedMap).map(\.file))
        var lines = ["AWS-recorded executions: \(total) cases (\(distributedFiles.count) need Distributed Map)"]
        lines.append("  aspect     all cases             without Distributed Map")
        for aspect in ["outcome", "cause", "events"] {
            let all = results.filter { $0.key.aspect == aspect }
            let inline = all.filter { !distributedFiles.contains($0.key.file) }
            lines.append(
                "  " + aspect.padding(toLength: 9, withPad: " ", startingAt: 0) + "  "
                    + ratio(all).padding(toLength: 20, withPad: " ", startingAt: 0) + "  " + ratio(inline))
        }
        return lines.joined(separator: "\n")
    }

    static func ratio(_ results: [KnownDifferences.Key: Bool]) -> String {
        let matched = results.values.filter { $0 }.count
        let percent = results.isEmpty ? 100 : Double(matched) * 100 / Double(results.count)
        return "\(matched)/\(results.count) (\(String(format: "%.1f", percent))%)"
    }
}
