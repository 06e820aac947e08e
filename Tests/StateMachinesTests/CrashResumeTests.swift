import Foundation
import StatesLanguage
import StatesLanguageTesting
import Testing

/// Every runbook, crashed at points spread over its whole journal and resumed, ends as an
/// uninterrupted run does (StatesLanguageTesting's CrashSimulation).
@Suite("Runbooks resume after a crash at any journal point")
struct CrashResumeTests {
    /// Every runbook's mock test cases: `runbook/case`.
    static var cases: [String] {
        let folder = Runbook.directory.path
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        return names.flatMap { name in Runbook(name: name).testCaseNames.map { "\(name)/\($0)" } }
    }

    @Test("Every runbook has test cases to crash")
    func coverage() {
        let runbooks = Set(Self.cases.map { $0.split(separator: "/")[0] })
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: Runbook.directory.path)) ?? [])
            .filter { $0.hasSuffix(".json") }
        #expect(runbooks.count == files.count)
    }

    @Test("Crashed and resumed, the runbook ends as an uninterrupted run", arguments: cases)
    func crashAndResume(_ item: String) async throws {
        let parts = item.split(separator: "/").map(String.init)
        let runbook = Runbook(name: parts[0])
        let harness = try runbook.harness()
        let found = try harness.load(try runbook.configuration(), testCase: parts[1])
        let report = await CrashSimulation.run(
            harness.machine, input: found.input ?? [:], makeExecutor: harness.makeExecutor, maximumCrashes: 30)
        #expect(report.journalRecords >= 2)
        #expect(report.crashes == min(30, report.journalRecords - 1))
        #expect(report.mismatches == [])
    }
}
