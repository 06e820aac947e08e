import Foundation
import JSONCore
import Testing
import YAMLCore

/// Runs every case of the vendored YAML test suite: cases inside the supported subset must give
/// exactly their `in.json`, invalid YAML must be refused, and the cases listed in
/// Fixtures/outside-subset.txt must be refused as unsupported, for the reason listed.
@Suite("YAML test suite")
struct YAMLConformanceTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Case id → the feature that puts it outside the subset, from Fixtures/outside-subset.txt.
    static func outsideSubset() throws -> [String: YAMLFeature] {
        let text = try String(contentsOf: fixtures.appendingPathComponent("outside-subset.txt"), encoding: .utf8)
        var result: [String: YAMLFeature] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.allSatisfy(\.isWhitespace) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 2, let feature = YAMLFeature(rawValue: String(fields[1])) else {
                Issue.record("malformed line in outside-subset.txt: '\(line)'")
                continue
            }
            result[String(fields[0])] = feature
        }
        return result
    }

    /// The expected documents of a case the suite gives no `in.json` for, from Fixtures/expected-json.
    static func expectedWithoutSuiteJSON(_ id: String) -> String? {
        let file = fixtures.appendingPathComponent("expected-json")
            .appendingPathComponent(id.replacingOccurrences(of: "/", with: "-") + ".json")
        return try? String(contentsOf: file, encoding: .utf8)
    }

    enum Outcome: Equatable {
        case matched
        case refusedInvalid
        case refusedUnsupported(YAMLFeature)
        case failed(String)
    }

    static func run(_ testCase: YAMLTestSuite.Case, expectedFeature: YAMLFeature?) -> Outcome {
        let parsed: Result<[JSONValue], YAMLError>
        do {
            parsed = .success(try JSONValue.parseYAMLStream(testCase.yaml))
        } catch {
            parsed = .failure(error)
        }
        if testCase.isError {
            switch parsed {
            case .success(let documents): return .failed("accepted invalid YAML as \(documents)")
            case .failure: return .refusedInvalid
            }
        }
        if let expectedFeature {
            switch parsed {
            case .success(let documents): return .failed("listed as outside the subset (\(expectedFeature)) but read as \(documents)")
            case .failure(let error):
                guard error.kind == .unsupported(expectedFeature) else {
                    return .failed("listed as outside the subset (\(expectedFeature)) but refused with \(error.kind): \(error)")
                }
                return .refusedUnsupported(expectedFeature)
            }
        }
        guard let json = testCase.json ?? expectedWithoutSuiteJSON(testCase.id) else {
            return .failed("the suite gives no JSON for this case; list it in outside-subset.txt if it is outside the subset")
        }
        let expected: [JSONValue]
        do {
            expected = try YAMLTestSuite.documents(inJSON: json)
        } catch {
            return .failed("cannot read in.json: \(error)")
        }
        switch parsed {
        case .failure(let error): return .failed("refused valid YAML: \(error) (\(error.kind))")
        case .success(let documents):
            return documents == expected ? .matched : .failed("read \(documents), expected \(expected)")
        }
    }

    @Test(
        "cases inside the subset give their in.json, invalid YAML is refused, listed cases are refused as unsupported",
        .enabled(if: YAMLTestSuite.locate() != nil, "the YAML test suite is not beside the repository (../shared/conformance/yaml)"))
    func suite() throws {
        let root = try #require(YAMLTestSuite.locate())
        let suite = try YAMLTestSuite(root: root)
        let outside = try Self.outsideSubset()
        let only = ProcessInfo.processInfo.environment["YAML_TEST_SUITE_ONLY"]
        var matched = 0
        var inside = 0
        var invalid = 0
        var refusedInvalid = 0
        var unsupported: [YAMLFeature: Int] = [:]
        var listed = 0
        var failures: [String] = []
        for testCase in suite.cases where only == nil || testCase.id.hasPrefix(only!) {
            let feature = outside[testCase.id]
            if testCase.isError { invalid += 1 } else if feature != nil { listed += 1 } else { inside += 1 }
            switch Self.run(testCase, expectedFeature: testCase.isError ? nil : feature) {
            case .matched: matched += 1
            case .refusedInvalid: refusedInvalid += 1
            case .refusedUnsupported(let feature): unsupported[feature, default: 0] += 1
            case .failed(let reason): failures.append("\(testCase.id) (\(testCase.title)): \(reason)")
            }
        }
        for id in outside.keys where !suite.cases.contains(where: { $0.id == id }) {
            failures.append("\(id): listed in outside-subset.txt but not in the suite")
        }
        let refusedUnsupported = unsupported.values.reduce(0, +)
        var report = "YAML test suite (\(suite.cases.count) cases):\n"
        report += "  inside the subset, equal to in.json   \(matched)/\(inside)\n"
        report += "  invalid YAML, refused                 \(refusedInvalid)/\(invalid)\n"
        report += "  outside the subset, refused           \(refusedUnsupported)/\(listed)\n"
        for feature in YAMLFeature.allCases where unsupported[feature] != nil {
            report += "    \(feature.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)) \(unsupported[feature]!)\n"
        }
        print(report, terminator: "")
        for failure in failures { Issue.record(Comment(rawValue: failure)) }
    }
}
