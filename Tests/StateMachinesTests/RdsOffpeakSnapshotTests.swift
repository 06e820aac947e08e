import Foundation
import StatesLanguage
import StatesLanguageTesting
import Testing

@Suite("Runbook: rds-offpeak-snapshot")
struct RdsOffpeakSnapshotTests {
    static let runbook = Runbook(name: "rds-offpeak-snapshot")

    @Test("The definition is valid")
    func valid() { Self.runbook.expectValid() }

    @Test("Mock configuration test case", arguments: runbook.testCaseNames)
    func testCase(name: String) async throws {
        let (result, problems) = try await Self.runbook.run(testCase: name)
        #expect(problems == [], "states entered: \(result.statesEntered)")
    }

    /// A harness at `time` whose window is always open, so the refusal's cause shows the local time.
    static func localTime(at time: String, in zone: String) async throws -> String {
        let harness = try runbook.harness()
        harness.startDate = try #require(ISO8601DateFormatter().date(from: time))
        let result = await harness.run(input: [
            "DBInstanceIdentifier": "orders-db", "TopicArn": "arn:aws:sns:eu-central-1:123456789012:ops",
            "PeakStart": "00:00", "PeakEnd": "24:00", "TimeZone": .string(zone),
        ])
        #expect(result.error?.name == "InsidePeakHours", "\(result.status)")
        let cause = result.error?.cause ?? ""
        // "Refusing to snapshot orders-db: 2026-03-29 01:59 (Europe/Berlin, UTC+0100) is inside …"
        guard let start = cause.range(of: ": ")?.upperBound, let end = cause.range(of: ") is inside")?.lowerBound else {
            return cause
        }
        return String(cause[start..<end])
    }

    @Test(
        "Local time follows daylight saving: EU from the last Sunday of March to the last of October at 01:00 UTC",
        arguments: [
            ("2026-03-29T00:59:00Z", "Europe/Berlin", "2026-03-29 01:59 (Europe/Berlin, UTC+0100"),
            ("2026-03-29T01:00:00Z", "Europe/Berlin", "2026-03-29 03:00 (Europe/Berlin, UTC+0200"),
            ("2026-10-25T00:59:00Z", "Europe/Berlin", "2026-10-25 02:59 (Europe/Berlin, UTC+0200"),
            ("2026-10-25T01:00:00Z", "Europe/Berlin", "2026-10-25 02:00 (Europe/Berlin, UTC+0100"),
            ("2027-03-28T01:00:00Z", "Europe/London", "2027-03-28 02:00 (Europe/London, UTC+0100"),
            ("2026-07-01T12:00:00Z", "Europe/Helsinki", "2026-07-01 15:00 (Europe/Helsinki, UTC+0300"),
        ] as [(String, String, String)])
    func europe(time: String, zone: String, expected: String) async throws {
        #expect(try await Self.localTime(at: time, in: zone) == expected)
    }

    @Test(
        "US: from 02:00 local on the second Sunday of March to 02:00 local on the first Sunday of November",
        arguments: [
            ("2026-03-08T06:59:00Z", "America/New_York", "2026-03-08 01:59 (America/New_York, UTC-0500"),
            ("2026-03-08T07:00:00Z", "America/New_York", "2026-03-08 03:00 (America/New_York, UTC-0400"),
            ("2026-11-01T05:59:00Z", "America/New_York", "2026-11-01 01:59 (America/New_York, UTC-0400"),
            ("2026-11-01T06:00:00Z", "America/New_York", "2026-11-01 01:00 (America/New_York, UTC-0500"),
            ("2026-03-08T10:00:00Z", "America/Los_Angeles", "2026-03-08 03:00 (America/Los_Angeles, UTC-0700"),
            ("2026-07-01T12:00:00Z", "America/Phoenix", "2026-07-01 05:00 (America/Phoenix, UTC-0700"),
        ] as [(String, String, String)])
    func unitedStates(time: String, zone: String, expected: String) async throws {
        #expect(try await Self.localTime(at: time, in: zone) == expected)
    }

    @Test(
        "Zones without daylight saving and fixed offsets",
        arguments: [
            ("2026-07-01T12:00:00Z", "Asia/Kolkata", "2026-07-01 17:30 (Asia/Kolkata, UTC+0530"),
            ("2026-01-01T00:30:00Z", "-0800", "2025-12-31 16:30 (-0800, UTC-0800"),
            ("2026-01-01T00:00:00Z", "+0545", "2026-01-01 05:45 (+0545, UTC+0545"),
            ("2026-01-01T00:00:00Z", "UTC", "2026-01-01 00:00 (UTC, UTC+0000"),
        ] as [(String, String, String)])
    func fixed(time: String, zone: String, expected: String) async throws {
        #expect(try await Self.localTime(at: time, in: zone) == expected)
    }

    @Test(
        "The peak window includes its start, excludes its end, and may span midnight",
        arguments: [
            ("2026-01-01T07:00:00Z", "08:00", "20:00", true),  // 08:00 in Berlin
            ("2026-01-01T18:59:00Z", "08:00", "20:00", true),  // 19:59
            ("2026-01-01T19:00:00Z", "08:00", "20:00", false),  // 20:00
            ("2026-01-01T06:59:00Z", "08:00", "20:00", false),  // 07:59
            ("2026-01-01T22:30:00Z", "22:00", "06:00", true),  // 23:30
            ("2026-01-01T04:00:00Z", "22:00", "06:00", true),  // 05:00
            ("2026-01-01T12:00:00Z", "22:00", "06:00", false),  // 13:00
        ] as [(String, String, String, Bool)])
    func window(time: String, start: String, end: String, refused: Bool) async throws {
        let harness = try Self.runbook.harness()
        harness.startDate = try #require(ISO8601DateFormatter().date(from: time))
        harness.mock("GetCpuUtilization", returning: ["MetricDataResults": [["Id": "cpu", "Values": [90.0]]]])
        harness.mock("NotifyCpuTooHigh", returning: ["MessageId": "m-1"])
        let result = await harness.run(input: [
            "DBInstanceIdentifier": "orders-db", "TopicArn": "arn:aws:sns:eu-central-1:123456789012:ops",
            "PeakStart": .string(start), "PeakEnd": .string(end), "TimeZone": "Europe/Berlin", "MaxCpuChecks": 1,
        ])
        #expect((result.error?.name == "InsidePeakHours") == refused, "\(result.status)")
        #expect(result.statesEntered.contains("GetCpuUtilization") == !refused)
    }

    @Test("Waiting for a quiet CPU re-reads the clock: a wait that reaches peak hours refuses")
    func waitIntoPeak() async throws {
        let harness = try Self.runbook.harness()
        harness.startDate = try #require(ISO8601DateFormatter().date(from: "2026-01-01T06:45:00Z"))  // 07:45 Berlin
        harness.mock("GetCpuUtilization", returning: ["MetricDataResults": [["Id": "cpu", "Values": [75.0]]]])
        let result = await harness.run(input: [
            "DBInstanceIdentifier": "orders-db", "TopicArn": "arn:aws:sns:eu-central-1:123456789012:ops",
            "PeakStart": "08:00", "PeakEnd": "20:00", "TimeZone": "Europe/Berlin", "CpuCheckIntervalSeconds": 600,
        ])
        #expect(result.error?.name == "InsidePeakHours")
        #expect(result.statesEntered.filter { $0 == "GetCpuUtilization" }.count == 2)  // 07:45 and 07:55
        #expect(result.error?.cause?.contains("2026-01-01 08:05") == true)
    }

    @Test("The snapshot is named after the instance and the execution, reduced to what RDS accepts")
    func snapshotName() async throws {
        let harness = try Self.runbook.harness()
        let testCase = try harness.load(try Self.runbook.configuration(), testCase: "QuietOffPeak")
        let result = await harness.run(input: testCase.input ?? [:], name: "Nightly_Run--2026.01.01")
        #expect(result.succeeded, "\(result.status)")
        let request = try #require(harness.invocations(of: "CreateSnapshot").first)
        #expect(request["DBSnapshotIdentifier"] == "orders-db-nightly-run-2026-01-01")
        #expect(request["DBInstanceIdentifier"] == "orders-db")
        #expect(request["Tags"]?[1]?["Value"]?.stringValue?.hasSuffix(":Nightly_Run--2026.01.01") == true)
        #expect(result.output?["DBSnapshotIdentifier"] == "orders-db-nightly-run-2026-01-01")
        let describe = try #require(harness.invocations(of: "DescribeSnapshot").first)
        #expect(describe == ["DBSnapshotIdentifier": "orders-db-nightly-run-2026-01-01"])
    }

    @Test("CPU is read as the latest 5-minute average of the last 15 minutes, newest first")
    func metricQuery() async throws {
        let harness = try Self.runbook.harness()
        let testCase = try harness.load(try Self.runbook.configuration(), testCase: "QuietOffPeak")
        _ = await harness.run(input: testCase.input ?? [:])
        let query = try #require(harness.invocations(of: "GetCpuUtilization").first)
        #expect(query["StartTime"] == "2025-12-31T23:45:00.000Z")
        #expect(query["EndTime"] == "2026-01-01T00:00:00.000Z")
        #expect(query["ScanBy"] == "TimestampDescending")
        let stat = query["MetricDataQueries"]?[0]?["MetricStat"]
        #expect(stat?["Period"] == 300)
        #expect(stat?["Stat"] == "Average")
        #expect(stat?["Metric"]?["Dimensions"] == [["Name": "DBInstanceIdentifier", "Value": "orders-db"]])
    }

    @Test("A snapshot still creating after MaxSnapshotPolls checks fails and notifies")
    func snapshotPollLimit() async throws {
        let harness = try Self.runbook.harness()
        harness.mock("GetCpuUtilization", returning: ["MetricDataResults": [["Id": "cpu", "Values": [5.0]]]])
        harness.mock("CreateSnapshot", returning: ["DBSnapshot": ["DBSnapshotIdentifier": "x", "Status": "creating"]])
        harness.mock("DescribeSnapshot", returning: ["DBSnapshots": [["DBSnapshotIdentifier": "x", "Status": "creating"]]])
        harness.mock("NotifyFailure", returning: ["MessageId": "m-1"])
        let result = await harness.run(input: [
            "DBInstanceIdentifier": "orders-db", "TopicArn": "arn:aws:sns:eu-central-1:123456789012:ops",
            "MaxSnapshotPolls": 3,
        ])
        #expect(result.error?.name == "SnapshotFailed")
        #expect(harness.invocations(of: "DescribeSnapshot").count == 3)
        #expect(result.error?.cause?.hasSuffix("is creating after 3 checks, 60 seconds apart.") == true)
        #expect(harness.invocations(of: "NotifyFailure").first?["Subject"] == "RDS snapshot of orders-db failed")
    }
}
