import StatesLanguage
import StatesLanguageTesting
import Testing

@Suite("Runbook: ecs-refresh-freeze-window")
struct EcsRefreshFreezeWindowTests {
    static let runbook = Runbook(name: "ecs-refresh-freeze-window")

    @Test("The definition is valid")
    func valid() { Self.runbook.expectValid() }

    @Test("Mock configuration test case", arguments: runbook.testCaseNames)
    func testCase(name: String) async throws {
        let (result, problems) = try await Self.runbook.run(testCase: name)
        #expect(problems == [], "states entered: \(result.statesEntered)")
    }

    @Test("The default window 12:00-15:00 includes its start and excludes its end", arguments: [
        ("00:00", false), ("11:59", false), ("12:00", true), ("13:30", true), ("14:59", true), ("15:00", false),
        ("23:59", false),
    ] as [(String, Bool)])
    func defaultWindow(time: String, frozen: Bool) async throws {
        let harness = try Self.runbook.harness()
        harness.mock("ForceNewDeployment", returning: ["Service": ["ServiceArn": "arn:svc", "TaskDefinition": "arn:td"]])
        let result = await harness.run(input: ["Cluster": "web", "Service": "api", "LocalTime": .string(time)])
        #expect(result.status.name == (frozen ? "FAILED" : "SUCCEEDED"))
        #expect((result.error?.name.rawValue == "DeploymentFrozen") == frozen)
        #expect(harness.invocations(of: "ForceNewDeployment") == (frozen ? [] : [["Cluster": "web", "Service": "api", "ForceNewDeployment": true]]))
    }

    @Test("A window across midnight (22:00-06:00)", arguments: [
        ("21:59", false), ("22:00", true), ("23:30", true), ("00:00", true), ("05:59", true), ("06:00", false),
        ("12:00", false),
    ] as [(String, Bool)])
    func overnight(time: String, frozen: Bool) async throws {
        let harness = try Self.runbook.harness()
        harness.mock("ForceNewDeployment", returning: ["Service": ["ServiceArn": "arn:svc", "TaskDefinition": "arn:td"]])
        let result = await harness.run(input: [
            "Cluster": "web", "Service": "api", "LocalTime": .string(time),
            "FreezeWindow": ["Start": "22:00", "End": "06:00", "TimeZone": "UTC"],
        ])
        #expect((result.error?.name.rawValue == "DeploymentFrozen") == frozen)
    }

    @Test("Without LocalTime the Lambda is asked for the time in the window's zone")
    func askTime() async throws {
        let harness = try Self.runbook.harness()
        harness.mock("GetLocalTime", returning: ["Payload": ["LocalTime": "16:00"]])
        harness.mock("ForceNewDeployment", returning: ["Service": ["ServiceArn": "arn:svc", "TaskDefinition": "arn:td"]])
        let result = await harness.run(input: ["Cluster": "web", "Service": "api"])
        #expect(result.output?["LocalTime"] == "16:00")
        #expect(harness.invocations(of: "GetLocalTime")
            == [["FunctionName": "local-time-of-day", "Payload": ["TimeZone": "Asia/Hong_Kong"]]])
    }
}
