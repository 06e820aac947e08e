import Foundation
import Testing

/// Runs every vendored jsonata-js conformance case and compares the pass count with the committed baseline.
@Suite("JSONata conformance")
struct ConformanceTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `group/caseNNN[index]` → reason, from Fixtures/conformance-skips.txt.
    static func skips() throws -> [String: String] {
        let text = try String(contentsOf: fixtures.appendingPathComponent("conformance-skips.txt"), encoding: .utf8)
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = line.split(separator: ":", maxSplits: 1)
            result[String(parts[0]).trimmingCharacters(in: .whitespaces)] =
                parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
        }
        return result
    }

    @Test("every conformance case passes or is listed as a known skip, and the pass count holds the baseline")
    func conformance() throws {
        let root = try #require(ConformanceSuite.locate(), "conformance cases not found beside the repository (set JSONATA_CONFORMANCE_DIR)")
        let suite = try ConformanceSuite(root: root)
        let skips = try Self.skips()
        let baselineText = try String(contentsOf: Self.fixtures.appendingPathComponent("conformance-baseline.txt"),
                                      encoding: .utf8)
        let baseline = try #require(Int(baselineText.trimmingCharacters(in: .whitespacesAndNewlines)))
        let verbose = ProcessInfo.processInfo.environment["JSONATA_CONFORMANCE_VERBOSE"] != nil
        let only = ProcessInfo.processInfo.environment["JSONATA_CONFORMANCE_ONLY"]

        var table: [String: (passed: Int, total: Int)] = [:]
        var passed = 0
        var unexpected: [String] = []
        var newlyPassing: [String] = []
        for testCase in suite.cases {
            if let only, !testCase.id.hasPrefix(only) { continue }
            let started = ContinuousClock.now
            let outcome = ConformanceSuite.run(testCase)
            let elapsed = ContinuousClock.now - started
            if verbose, elapsed > .milliseconds(100) { print("SLOW \(testCase.id): \(elapsed)") }
            var row = table[testCase.group] ?? (0, 0)
            row.total += 1
            switch outcome {
            case .passed:
                row.passed += 1
                passed += 1
                if skips[testCase.id] != nil { newlyPassing.append(testCase.id) }
            case .failed(let reason):
                if verbose { print("FAIL \(testCase.id): \(testCase.expression ?? "") -- \(reason)") }
                if skips[testCase.id] == nil { unexpected.append("\(testCase.id): \(reason)") }
            }
            table[testCase.group] = row
        }
        var report = "JSONata conformance by group (passed/total):\n"
        for group in table.keys.sorted() {
            let row = table[group]!
            let mark = row.passed == row.total ? "" : "  <"
            report += "  \(group.padding(toLength: 36, withPad: " ", startingAt: 0)) \(row.passed)/\(row.total)\(mark)\n"
        }
        let total = table.values.reduce(0) { $0 + $1.total }
        report += "TOTAL \(passed)/\(total) (baseline \(baseline), skipped \(skips.count))"
        print(report)
        if !newlyPassing.isEmpty { print("Listed as skipped but now passing: \(newlyPassing.joined(separator: ", "))") }
        guard only == nil else { return }
        #expect(passed >= baseline, "pass count \(passed) fell below the baseline \(baseline)")
        for failure in unexpected {
            Issue.record("unexpected conformance failure \(failure)")
        }
    }
}
