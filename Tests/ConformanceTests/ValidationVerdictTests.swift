import Foundation
import Testing

/// Validates every definition of `../shared/conformance/asl-validation` and holds the verdicts
/// (and, where the recording names them, AWS's diagnostic codes) to
/// `Fixtures/asl-validation-baseline.txt`.
///
/// `SFNRUN_CONFORMANCE_VERBOSE=1` prints every difference; `SFNRUN_CONFORMANCE_PRINT_BASELINE=1`
/// prints the baseline the current results would need.
@Suite("ASL validation verdicts")
struct ValidationVerdictTests {
    @Test("every definition gets AWS's verdict or is a known difference, and the known differences only shrink")
    func verdicts() async throws {
        guard let files = try SharedCorpus.files(of: "asl-validation", suite: "ASL validation verdicts") else { return }
        let cases = files.map(ValidationCase.init)
        let baseline = try KnownDifferences(fileName: "asl-validation-baseline.txt")
        let observed = await SharedCorpus.map(cases) { $0.run() }

        var results: [KnownDifferences.Key: Bool] = [:]
        var byAuthority: [String: (matched: Int, total: Int)] = [:]
        var details: [String] = []
        for (definition, observed) in zip(cases, observed) {
            let verdict = observed.isValid == definition.expectsValid
            results[KnownDifferences.Key(file: definition.file, aspect: "verdict")] = verdict
            var row = byAuthority[definition.authority] ?? (0, 0)
            row.total += 1
            if verdict { row.matched += 1 }
            byAuthority[definition.authority] = row
            if !definition.expectedCodes.isEmpty {
                let codes = definition.expectedCodes.allSatisfy(observed.codes.contains)
                results[KnownDifferences.Key(file: definition.file, aspect: "codes")] = codes
                if !codes { details.append("DIFF \(definition.file) [codes]: expected \(definition.expectedCodes), got \(observed.codes.sorted())") }
            }
            if !verdict {
                details.append(
                    "DIFF \(definition.file) [verdict]: expected \(definition.expectsValid ? "valid" : "invalid")"
                        + observed.diagnostics.map { "\n    \($0.prefix(300))" }.joined())
            }
        }
        print(Self.table(results, baseline: baseline, byAuthority: byAuthority))
        baseline.conclude(results, details: details) { file in cases.first { $0.file == file }?.usesDistributedMap ?? false }
    }

    static func table(
        _ results: [KnownDifferences.Key: Bool], baseline: KnownDifferences,
        byAuthority: [String: (matched: Int, total: Int)]
    ) -> String {
        let distributedFiles = Set(baseline.reasons.keys.filter(baseline.isDistributedMap).map(\.file))
        let verdicts = results.filter { $0.key.aspect == "verdict" }
        let inline = verdicts.filter { !distributedFiles.contains($0.key.file) }
        var lines = ["ASL validation verdicts: \(verdicts.count) definitions (\(distributedFiles.count) need Distributed Map)"]
        lines.append("  verdicts, all                     \(RecordedExecutionTests.ratio(verdicts))")
        lines.append("  verdicts, without Distributed Map \(RecordedExecutionTests.ratio(inline))")
        for (authority, row) in byAuthority.sorted(by: { $0.key < $1.key }) {
            lines.append("  verdicts, authority \(authority.padding(toLength: 14, withPad: " ", startingAt: 0)) \(row.matched)/\(row.total)")
        }
        lines.append("  AWS codes named by the recording  \(RecordedExecutionTests.ratio(results.filter { $0.key.aspect == "codes" }))")
        return lines.joined(separator: "\n")
    }
}
