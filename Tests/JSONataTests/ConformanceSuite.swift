import Foundation
import JSONCore
import JSONata

/// The vendored jsonata-js conformance cases and how to run one.
struct ConformanceSuite {
    struct Case: Sendable {
        var id: String
        var group: String
        var expression: String?
        var loadError: String?
        var input: JSONValue?
        var bindings: [String: JSONValue]
        var expected: Expected
        var unordered: Bool
        var timeLimit: Int?
        var depth: Int?
    }

    enum Expected: Sendable {
        case result(JSONValue)
        case undefined
        case error(String)
    }

    enum Outcome: Sendable, Equatable {
        case passed
        case failed(String)
    }

    let root: URL
    let cases: [Case]

    /// `<repo>/../shared/conformance/jsonata`, or `JSONATA_CONFORMANCE_DIR`.
    static func locate(filePath: String = #filePath) -> URL? {
        let repo = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var candidates = [repo.deletingLastPathComponent().appendingPathComponent("shared/conformance/jsonata")]
        if let override = ProcessInfo.processInfo.environment["JSONATA_CONFORMANCE_DIR"] {
            candidates.insert(URL(fileURLWithPath: override), at: 0)
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("groups").path) }
    }

    init(root: URL) throws {
        self.root = root
        var datasets: [String: JSONValue] = [:]
        let datasetDir = root.appendingPathComponent("datasets")
        for name in try FileManager.default.contentsOfDirectory(atPath: datasetDir.path) where name.hasSuffix(".json") {
            let text = try String(contentsOf: datasetDir.appendingPathComponent(name), encoding: .utf8)
            datasets[String(name.dropLast(5))] = try JSONValue(parsing: text)
        }
        var cases: [Case] = []
        let groupsDir = root.appendingPathComponent("groups")
        for group in try FileManager.default.contentsOfDirectory(atPath: groupsDir.path).sorted() {
            let dir = groupsDir.appendingPathComponent(group)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }
            for file in files.sorted() {
                let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                let document: JSONValue
                do {
                    document = try JSONValue(parsing: text)
                } catch {
                    // A few cases hold lone UTF-16 surrogates, which a Swift string cannot: keep them as escapes.
                    let escaped = text.replacingOccurrences(of: #"(?<!\\)\\u[dD][89abAB]"#, with: #"\\$0"#,
                                                            options: .regularExpression)
                    document = try JSONValue(parsing: escaped)
                }
                let base = "\(group)/\(file.dropLast(5))"
                if case .array(let entries) = document {
                    for (i, entry) in entries.enumerated() {
                        cases.append(Self.makeCase(entry, id: "\(base)[\(i)]", group: group, dir: dir, datasets: datasets))
                    }
                } else {
                    cases.append(Self.makeCase(document, id: base, group: group, dir: dir, datasets: datasets))
                }
            }
        }
        self.cases = cases
    }

    private static func makeCase(_ entry: JSONValue, id: String, group: String, dir: URL,
                                 datasets: [String: JSONValue]) -> Case {
        var expression = entry["expr"]?.stringValue
        var loadError: String? = nil
        if expression == nil, let file = entry["expr-file"]?.stringValue {
            expression = try? String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            if expression == nil { loadError = "cannot read \(file)" }
        }
        var input: JSONValue? = entry["data"]
        if let name = entry["dataset"]?.stringValue {
            input = datasets[name]
            if input == nil { loadError = "unknown dataset \(name)" }
        }
        if case .null? = input, entry["data"] == nil { input = nil }
        var bindings: [String: JSONValue] = [:]
        if case .object(let object)? = entry["bindings"] {
            for (key, value) in object { bindings[key] = value }
        }
        let expected: Expected
        if let result = entry["result"] {
            expected = .result(result)
        } else if let code = entry["code"]?.stringValue ?? entry["error"]?["code"]?.stringValue {
            expected = .error(code)
        } else {
            expected = .undefined
        }
        return Case(id: id, group: group, expression: expression, loadError: loadError, input: input,
                    bindings: bindings, expected: expected, unordered: entry["unordered"]?.boolValue ?? false,
                    timeLimit: entry["timelimit"]?.intValue, depth: entry["depth"]?.intValue)
    }

    static func run(_ testCase: Case) -> Outcome {
        if let loadError = testCase.loadError { return .failed(loadError) }
        guard let source = testCase.expression else { return .failed("no expression") }
        var environment = JSONataEnvironment()
        if let depth = testCase.depth { environment.maximumDepth = depth }
        if let limit = testCase.timeLimit {
            // A case's time limit exists to end runaway expressions with U1001. Cases that expect a
            // result only need to finish, and a debug build on a loaded machine can take longer than
            // the reference implementation's budget: they get ten times as long (flattening/large once
            // failed this way under load). Cases expecting an error keep the limit, which ends them.
            let scale = if case .result = testCase.expected { 10 } else { 1 }
            environment.timeLimit = .milliseconds(limit * scale)
        }
        let result: JSONValue?
        do {
            let expression = try JSONataExpression(source)
            result = try expression.evaluate(testCase.input, bindings: testCase.bindings, environment: environment)
        } catch {
            if case .error(let code) = testCase.expected, code == error.code { return .passed }
            return .failed("threw \(error)")
        }
        switch testCase.expected {
        case .error(let code):
            return .failed("expected error \(code), got \(result.map { $0.jsonString() } ?? "undefined")")
        case .undefined:
            return result == nil ? .passed : .failed("expected undefined, got \(result!.jsonString())")
        case .result(let expected):
            guard let result else { return .failed("expected \(expected.jsonString()), got undefined") }
            if matches(result, expected, unordered: testCase.unordered) { return .passed }
            return .failed("expected \(expected.jsonString()), got \(result.jsonString())")
        }
    }

    static func matches(_ actual: JSONValue, _ expected: JSONValue, unordered: Bool) -> Bool {
        if case .number(let a) = actual, case .number(let b) = expected {
            return a == b || Swift.abs(a.doubleValue - b.doubleValue) <= 1e-12 * Swift.max(Swift.abs(b.doubleValue), 1e-300)
        }
        if unordered, case .array(let a) = actual, case .array(let b) = expected {
            guard a.count == b.count else { return false }
            var remaining = b
            for item in a {
                guard let i = remaining.firstIndex(where: { matches(item, $0, unordered: true) }) else { return false }
                remaining.remove(at: i)
            }
            return true
        }
        switch (actual, expected) {
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { matches($0, $1, unordered: unordered) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { key, value in
                b[key].map { matches(value, $0, unordered: unordered) } ?? false
            }
        default:
            return actual == expected
        }
    }
}
