import Foundation
import StatesLanguage
import StatesLanguageTesting
import Testing

@Suite("Runbook: cloudfront-invalidation")
struct CloudFrontInvalidationTests {
    static let runbook = Runbook(name: "cloudfront-invalidation")

    @Test("The definition is valid")
    func valid() { Self.runbook.expectValid() }

    @Test("Mock configuration test case", arguments: runbook.testCaseNames)
    func testCase(name: String) async throws {
        let (result, problems) = try await Self.runbook.run(testCase: name)
        #expect(problems == [], "states entered: \(result.statesEntered)")
    }

    @Test("CreateInvalidation gets the paths, their count and the execution name as CallerReference")
    func createRequest() async throws {
        let harness = try Self.runbook.harness()
        let testCase = try harness.load(try Self.runbook.configuration(), testCase: "InvalidatedAfterTwoPolls")
        let result = await harness.run(input: testCase.input ?? [:], name: "deploy-web-4711")
        #expect(result.succeeded, "\(result.status)")
        let request = try #require(harness.invocations(of: "CreateInvalidation").first)
        #expect(
            request == [
                "DistributionId": "E2QWRUHAPOMQZL",
                "InvalidationBatch": [
                    "CallerReference": "deploy-web-4711",
                    "Paths": ["Quantity": 2, "Items": ["/index.html", "/assets/*"]],
                ],
            ])
        #expect(harness.invocations(of: "GetInvalidation").allSatisfy {
            $0 == ["DistributionId": "E2QWRUHAPOMQZL", "Id": "I2J0I21PCUYOIK"]
        })
        let notice = try #require(harness.invocations(of: "NotifyCompleted").first)
        #expect(notice["Subject"] == "CloudFront invalidation I2J0I21PCUYOIK completed")
        #expect(
            notice["Message"]
                == #"Invalidation I2J0I21PCUYOIK of distribution E2QWRUHAPOMQZL (d111111abcdef8.cloudfront.net) completed after 2 poll(s). Paths: ["/index.html","/assets/*"]"#
        )
    }

    @Test("Polls are PollIntervalSeconds apart and stop at MaxPolls; the defaults are 20 s and 30 polls")
    func pollSchedule() async throws {
        let harness = try Self.runbook.harness()
        let testCase = try harness.load(try Self.runbook.configuration(), testCase: "NeverCompletes")
        var input = try #require(testCase.input?.objectValue)
        input["MaxPolls"] = nil
        input["PollIntervalSeconds"] = nil
        let result = await harness.run(input: .object(input))
        #expect(result.error?.name == "InvalidationNotCompleted")
        #expect(harness.invocations(of: "GetInvalidation").count == 30)
        #expect(result.stopDate.timeIntervalSince(result.startDate) == 30 * 20)
        #expect(
            harness.invocations(of: "NotifyStillInProgress").first?["Subject"]
                == "CloudFront invalidation I2J0I21PCUYOIK not completed")
    }

    @Test("An invalidation limit is retried three times, a minute apart and doubling, before failing")
    func tooManyRetried() async throws {
        let (result, _) = try await Self.runbook.run(testCase: "TooManyInvalidations")
        let attempts = result.history.filter { if case .taskScheduled = $0.kind { true } else { false } }
        #expect(result.error?.name == "InvalidationFailed")
        // GetDistribution, ListInvalidations, 4 × CreateInvalidation, NotifyFailure.
        #expect(attempts.count == 7)
        #expect(result.stopDate.timeIntervalSince(result.startDate) == 60 + 120 + 240)
    }

    @Test("Only the InProgress invalidations count; Completed ones do not block")
    func inProgressFilter() async throws {
        let harness = try Self.runbook.harness()
        harness.mock("GetDistribution", returning: ["Distribution": ["Status": "Deployed", "DomainName": "d.cloudfront.net"]])
        harness.mock("ListInvalidations", returning: [
            "InvalidationList": [
                "Quantity": 3, "MaxItems": 100, "IsTruncated": false, "Marker": "",
                "Items": [
                    ["Id": "I1", "Status": "Completed", "CreateTime": "2026-11-20T10:00:00Z"],
                    ["Id": "I2", "Status": "InProgress", "CreateTime": "2026-11-23T10:00:00Z"],
                    ["Id": "I3", "Status": "InProgress", "CreateTime": "2026-11-23T10:01:00Z"],
                ],
            ]
        ])
        let result = await harness.run(input: ["DistributionId": "E1", "Paths": ["/*"], "TopicArn": "arn:aws:sns:us-east-1:1:t"])
        #expect(result.error?.name == "InvalidationInProgress")
        #expect(result.error?.cause == "Distribution E1 already has invalidation I2 in progress. Run again once it has completed.")
    }
}
