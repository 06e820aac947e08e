import Foundation
import StatesLanguage
import StatesLanguageTesting

/// One execution recorded on AWS (`aws-recorded/cases/*.json`), run in-process exactly as
/// `run.py` runs `sfnrun start <definition> --input-file … --output json --history --virtual-time
/// [--mock-config … --test-case …]`, and compared as `run.py` compares it.
struct RecordedCase: Sendable {
    /// What an execution produced, in the terms `run.py` reads from `sfnrun start --output json`.
    struct Observed: Sendable {
        /// `SUCCEEDED`, `FAILED`…, or `NO_RESULT` when the definition or mock file was refused.
        var status: String
        var output: JSONValue?
        var error: String?
        var cause: String?
        var events: [String] = []
        /// Why there was no result.
        var problem: String?
    }

    /// The comparison of one aspect: `nil` when the recording does not have it.
    struct Checks: Sendable {
        var status = false
        var output: Bool?
        var error: Bool?
        var cause: Bool?
        var events: Bool?

        /// Status, output and error: what `run.py` calls the outcome.
        var outcome: Bool { status && output != false && error != false }
    }

    let file: String
    let name: String
    let definition: JSONValue
    let input: JSONValue
    let expected: JSONValue
    let expectedEvents: [String]?
    let mock: JSONValue?
    let match: RecordedMatch

    init(_ file: SharedCorpus.File) {
        let document = file.document
        self.file = file.name
        name = document["name"]?.stringValue ?? file.name
        definition = document["definition"] ?? .null
        input = document["input"] ?? .object(JSONObject())
        expected = document["expected"] ?? .object(JSONObject())
        expectedEvents = document["expected_events"]?.arrayValue?.compactMap(\.stringValue)
        mock = document["mock"].flatMap { $0.isNull ? nil : $0 }
        match = RecordedMatch(
            fuzzy: document["fuzzy"].map(RecordedCase.isTruthy) ?? false,
            redactions: document["redactions"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }

    /// Python's truthiness, as `run.py` reads the `fuzzy` field.
    static func isTruthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        case .number(let number): return number.doubleValue != 0
        case .string(let text): return !text.isEmpty
        case .array(let elements): return !elements.isEmpty
        case .object(let object): return !object.isEmpty
        }
    }

    /// Whether the definition uses Distributed Map.
    var usesDistributedMap: Bool { SharedCorpus.usesDistributedMap(definition.jsonString()) }

    /// The S3 objects the recorded tests uploaded before starting a Distributed Map that reads them
    /// (`Fixtures/aws-recorded-objects.json`: case file → bucket → key → text), written for this
    /// harness from what each recording shows; every other case gets empty storage, where a
    /// ResultWriter may write.
    static let objects: [String: [String: [String: [UInt8]]]] = {
        let url = KnownDifferences.fixtures.appendingPathComponent("aws-recorded-objects.json")
        guard let data = try? Data(contentsOf: url), let document = try? JSONValue(parsing: Array(data)),
            case .object(let cases) = document
        else { return [:] }
        var objects: [String: [String: [String: [UInt8]]]] = [:]
        for (file, buckets) in cases {
            for (bucket, keys) in buckets.objectValue ?? JSONObject() {
                for (key, text) in keys.objectValue ?? JSONObject() {
                    objects[file, default: [:]][bucket, default: [:]][key] = Array((text.stringValue ?? "").utf8)
                }
            }
        }
        return objects
    }()

    /// Runs the execution: the mock file's test case answers Task states, on a virtual clock.
    func run() async -> Observed {
        let machineName = mock?["state_machine"]?.stringValue ?? "machine"
        let machine: StateMachine
        do {
            machine = try StateMachine(parsing: definition.jsonString(), name: machineName)
        } catch {
            return Observed(status: "NO_RESULT", problem: error.description)
        }
        var registry = TaskRegistry()
        if let mock {
            do {
                let configuration = try MockConfiguration(parsing: (mock["config"] ?? .null).jsonString())
                let testCase = try configuration.testCase(
                    mock["test_case"]?.stringValue ?? "", stateMachine: machine.name ?? "")
                registry.register(MockTaskHandler(testCase: testCase), for: "*")
            } catch {
                return Observed(status: "NO_RESULT", problem: error.description)
            }
        }
        var executor = Executor(registry: registry, clock: VirtualClock(start: Date()))
        executor.objectStorage = MemoryObjectStorage(objects: RecordedCase.objects[file] ?? [:])
        if let region = ProcessInfo.processInfo.environment["AWS_REGION"] { executor.region = region }
        let configured = executor
        let result = await RecordedCase.withWatchdog { await configured.run(machine, input: input) }
        guard let result else { return Observed(status: "HARNESS_TIMEOUT") }
        let document = result.describeExecutionJSON
        return Observed(
            status: result.status.name, output: result.output, error: document["error"]?.stringValue,
            cause: document["cause"]?.stringValue, events: result.history.map(\.kind.name))
    }

    /// Runs `body`, giving up (and cancelling it) after a minute of real time, as `run.py` does:
    /// a hung execution must fail its case, not hang the suite.
    static func withWatchdog<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T? {
        await withTaskGroup(of: T?.self) { group in
            group.addTask { await body() }
            group.addTask {
                try? await ContinuousClock().sleep(for: .seconds(60))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// Compares what ran with the recording, aspect by aspect, as `run.py` does.
    func compare(_ observed: Observed) -> Checks {
        var checks = Checks()
        let status = expected["status"]?.stringValue ?? ""
        checks.status = observed.status == status
        if let output = expected["output"] {
            checks.output = observed.output.map { match.same(output, $0) } ?? false
        }
        if status != "SUCCEEDED" {
            checks.error = compareOptional(expected["error"], observed.error)
            checks.cause = compareOptional(expected["cause"], observed.cause)
        }
        if let expectedEvents { checks.events = observed.events == expectedEvents }
        return checks
    }

    private func compareOptional(_ expected: JSONValue?, _ actual: String?) -> Bool {
        switch (expected.flatMap { $0.isNull ? nil : $0 }, actual) {
        case (nil, nil): return true
        case (let expected?, let actual?): return match.same(expected, .string(actual))
        default: return false
        }
    }
}
