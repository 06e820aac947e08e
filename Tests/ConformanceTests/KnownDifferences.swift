import Foundation
import Testing

/// The committed list of known differences from a corpus: one `case-file<TAB>aspect<TAB>reason`
/// per line (`#` starts a comment). The list may only shrink: a listed difference that is gone
/// and a difference that is not listed both fail the suite.
struct KnownDifferences {
    /// A case file and the aspect that differs (`outcome`, `cause`, `events`, `verdict`, `codes`).
    struct Key: Hashable, Comparable, CustomStringConvertible {
        var file: String
        var aspect: String

        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.file, lhs.aspect) < (rhs.file, rhs.aspect) }
        var description: String { "\(file)\t\(aspect)" }
    }

    /// The reason that marks a difference due only to Distributed Map, which this engine does not run
    /// yet (it runs a DISTRIBUTED Map inline, without Map Run events, and refuses item readers,
    /// batchers and result writers); such cases are left out of the targets.
    static let distributedMapReason = "Distributed Map is not supported yet"

    let fileName: String
    /// Each listed difference with its reason.
    let reasons: [Key: String]

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    init(fileName: String) throws {
        self.fileName = fileName
        let text = try String(contentsOf: KnownDifferences.fixtures.appendingPathComponent(fileName), encoding: .utf8)
        var reasons: [Key: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.allSatisfy(\.isWhitespace) {
            let fields = line.split(separator: "\t", maxSplits: 2).map(String.init)
            guard fields.count == 3, !fields[2].isEmpty else {
                throw BaselineError(message: "\(fileName): expected 'case-file<TAB>aspect<TAB>reason', got '\(line)'")
            }
            reasons[Key(file: fields[0], aspect: fields[1])] = fields[2]
        }
        self.reasons = reasons
    }

    struct BaselineError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Whether a difference is listed as due to Distributed Map.
    func isDistributedMap(_ key: Key) -> Bool { reasons[key] == KnownDifferences.distributedMapReason }

    /// What the suite must report: differences not listed, and listed differences that are gone.
    ///
    /// - Parameters:
    ///   - results: every compared aspect of every case, with whether it matched.
    /// - Returns: one message per problem, empty when the baseline holds exactly.
    func problems(_ results: [Key: Bool]) -> [String] {
        var problems: [String] = []
        for (key, matched) in results.sorted(by: { $0.key < $1.key }) {
            if !matched, reasons[key] == nil {
                problems.append("new difference \(key.file) [\(key.aspect)]: fix it, or list it in Fixtures/\(fileName) with a reason")
            }
            if matched, reasons[key] != nil {
                problems.append("\(key.file) [\(key.aspect)] now matches AWS: remove its line from Fixtures/\(fileName)")
            }
        }
        for key in reasons.keys.sorted() where results[key] == nil {
            problems.append("Fixtures/\(fileName) lists \(key.file) [\(key.aspect)], which the corpus does not have: remove it")
        }
        return problems
    }

    /// Ends a corpus run: prints the differences (`SFNRUN_CONFORMANCE_VERBOSE`) and the baseline the
    /// results need (`SFNRUN_CONFORMANCE_PRINT_BASELINE`), and records an issue for every new or gone
    /// difference and for every case listed as Distributed Map that does not use it.
    func conclude(_ results: [Key: Bool], details: [String], usesDistributedMap: (String) -> Bool) {
        let environment = ProcessInfo.processInfo.environment
        if environment["SFNRUN_CONFORMANCE_VERBOSE"] != nil { details.forEach { print($0) } }
        if environment["SFNRUN_CONFORMANCE_PRINT_BASELINE"] != nil {
            print(rewritten(results) { _ in "TODO" }.joined(separator: "\n"))
        }
        var problems = problems(results)
        for key in reasons.keys.sorted() where isDistributedMap(key) && !usesDistributedMap(key.file) {
            problems.append("Fixtures/\(fileName) lists \(key.file) as Distributed Map, but it does not use Distributed Map")
        }
        for problem in problems { Issue.record(Comment(rawValue: problem)) }
    }

    /// The lines of a baseline that lists exactly the differences in `results`, keeping known
    /// reasons and marking new ones `TODO` (printed when `SFNRUN_CONFORMANCE_PRINT_BASELINE` is set).
    func rewritten(_ results: [Key: Bool], defaultReason: (Key) -> String) -> [String] {
        results.filter { !$0.value }.keys.sorted().map { key in
            "\(key.file)\t\(key.aspect)\t\(reasons[key] ?? defaultReason(key))"
        }
    }
}
