import Foundation
import StatesLanguage
import StatesLanguageTesting
import Synchronization
import Testing

@Suite("Runbook: rolling-restart")
struct RollingRestartTests {
    static let runbook = Runbook(name: "rolling-restart")

    @Test("The definition is valid")
    func valid() { Self.runbook.expectValid() }

    @Test("Mock configuration test case", arguments: runbook.testCaseNames)
    func testCase(name: String) async throws {
        let (result, problems) = try await Self.runbook.run(testCase: name)
        #expect(problems == [], "states entered: \(result.statesEntered)")
    }

    @Test("The mock configuration has the happy path and the never-healthy case")
    func cases() {
        #expect(Self.runbook.testCaseNames.contains("HappyPath"))
        #expect(Self.runbook.testCaseNames.contains("NeverHealthy"))
    }

    /// Counts instances taken out of the target group and not yet put back, over a whole run.
    final class TargetGroupLedger: Sendable {
        private let state = Mutex((out: Set<String>(), peak: 0, deregistered: 0, registered: 0))

        func deregister(_ id: String) {
            state.withLock {
                $0.out.insert(id)
                $0.peak = max($0.peak, $0.out.count)
                $0.deregistered += 1
            }
        }

        func register(_ id: String) {
            state.withLock {
                $0.out.remove(id)
                $0.registered += 1
            }
        }

        var peak: Int { state.withLock { $0.peak } }
        var counts: (deregistered: Int, registered: Int) { state.withLock { ($0.deregistered, $0.registered) } }
    }

    func instanceID(_ request: TaskRequest) -> String {
        request.input["Targets"]?[0]?["Id"]?.stringValue ?? "?"
    }

    @Test("Never more than MaxConcurrency instances are out of the target group at once", arguments: [1, 2, 3])
    func maxConcurrency(limit: Int) async throws {
        let harness = try Self.runbook.harness()
        let ledger = TargetGroupLedger()
        harness.mock("DisableAlarmActions", returning: [:])
        harness.mock("EnableAlarmActions", returning: [:])
        harness.mock("RebootInstance", returning: [:])
        harness.mock("DeregisterTarget") { request in
            ledger.deregister(self.instanceID(request))
            return [:]
        }
        harness.mock("RegisterTarget") { request in
            ledger.register(self.instanceID(request))
            return [:]
        }
        // Each instance needs a different number of health checks, so iterations finish out of step.
        harness.mock("CheckInstanceHealth") { request in
            let id = request.input["InstanceIds"]?[0]?.stringValue ?? ""
            let checksNeeded = (Int(id.dropFirst(2)) ?? 0) % 3
            if request.retryCount < checksNeeded {
                throw StatesError("InstanceNotYetStartedException", cause: "\(id) is still booting")
            }
            return ["InstanceStatuses": [["InstanceId": .string(id), "InstanceStatus": ["Status": "ok"]]]]
        }
        let instances: [JSONValue] = (1...7).map { .string("i-\($0)") }
        var input = try Self.runbook.input(of: "HappyPath")
        if case .object(var object) = input {
            object["InstanceIds"] = .array(instances)
            object["MaxConcurrency"] = .integer(limit)
            input = .object(object)
        }
        let result = await harness.run(input: input)
        #expect(result.status.name == "SUCCEEDED", "\(String(describing: result.error))")
        #expect(ledger.counts == (7, 7))
        #expect(ledger.peak <= limit)
        #expect(ledger.peak == limit)  // the limit is actually used, not just respected
    }

    @Test("When an instance never becomes healthy: alert published, alarm actions re-enabled, execution FAILED")
    func neverHealthy() async throws {
        let harness = try Self.runbook.harness()
        let configuration = try Self.runbook.configuration()
        let testCase = try harness.load(configuration, testCase: "NeverHealthy")
        let result = await harness.run(input: testCase.input ?? [:])
        #expect(result.status.name == "FAILED")
        #expect(result.error == StatesError("RollingRestartFailed", cause: "Instance i-0b2 did not come back healthy"))
        let alert = try #require(harness.invocations(of: "PublishAlert").first)
        #expect(alert["TopicArn"] == "arn:aws:sns:us-east-1:123456789012:ops-alerts")
        #expect(alert["Message"]?.stringValue?.hasPrefix("Instance i-0b2 failed during the rolling restart") == true)
        #expect(alert["Message"]?.stringValue?.contains("InstanceNotYetStartedException") == true)
        #expect(harness.invocations(of: "ReenableAlarmActionsAfterFailure")
            == [["AlarmNames": ["web-5xx-errors", "web-unhealthy-hosts"]]])
        // The health check ran once and was retried three times, two minutes apart.
        let checks = result.history.filter {
            if case .taskScheduled(_, "describeInstanceStatus", _, _, _, _) = $0.kind { return true }
            return false
        }.map(\.timestamp)
        #expect(checks.count == 5)  // one for i-0a1, four for i-0b2
        #expect(zip(checks.dropFirst(2), checks.dropFirst()).allSatisfy { $0.timeIntervalSince($1) == 120 })
    }

    @Test("Defaults apply when the input leaves out MaxConcurrency, DrainSeconds and BootSeconds")
    func defaults() async throws {
        let harness = try Self.runbook.harness()
        try harness.load(try Self.runbook.configuration(), testCase: "HappyPath")
        let result = await harness.run(input: [
            "TargetGroupArn": "arn:tg", "AlarmNames": ["a"], "InstanceIds": ["i-1"], "AlertTopicArn": "arn:topic",
        ])
        #expect(result.status.name == "SUCCEEDED")
        let waits = result.history.compactMap { event -> Date? in
            if case .stateEntered("Wait", _, _) = event.kind { return event.timestamp }
            if case .stateExited("Wait", _, _) = event.kind { return event.timestamp }
            return nil
        }
        #expect(waits.count == 4)
        #expect(waits[1].timeIntervalSince(waits[0]) == 300)  // DrainSeconds default
        #expect(waits[3].timeIntervalSince(waits[2]) == 60)  // BootSeconds default
    }
}
