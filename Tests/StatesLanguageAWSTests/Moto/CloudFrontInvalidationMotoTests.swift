import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// cloudfront-invalidation against moto: a real (emulated) distribution, invalidation and topic.
@Suite("cloudfront-invalidation against moto", .enabled(if: MotoServer.isAvailable, MotoServer.skipMessage))
struct CloudFrontInvalidationMotoTests {
    /// A distribution in moto (Deployed as soon as it is read) and its ID.
    static func makeDistribution(_ client: AWSClient, reference: String) async throws -> String {
        let created = try await client.call(
            service: "cloudfront", action: "createDistribution",
            parameters: [
                "DistributionConfig": [
                    "CallerReference": .string(reference), "Comment": "www", "Enabled": true,
                    "Origins": [
                        "Quantity": 1,
                        "Items": [
                            [
                                "Id": "www-bucket", "DomainName": "www-example-com.s3.us-east-1.amazonaws.com",
                                "S3OriginConfig": ["OriginAccessIdentity": ""],
                            ]
                        ],
                    ],
                    "DefaultCacheBehavior": ["TargetOriginId": "www-bucket", "ViewerProtocolPolicy": "redirect-to-https"],
                ]
            ])
        return try #require(created["Distribution"]?["Id"]?.stringValue)
    }

    /// The integrations, with one adjustment: moto reports invalidations as `COMPLETED` where
    /// CloudFront says `Completed` (API reference, Invalidation.Status), so GetInvalidation's status
    /// is given CloudFront's spelling; everything else is moto's answer as it is.
    static func registry(_ configuration: AWSConfiguration) -> TaskRegistry {
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(configuration)
        let client = AWSClient(configuration: configuration)
        registry.register(for: "arn:aws:states:::aws-sdk:cloudfront:getInvalidation") { request in
            let output = try await client.call(service: "cloudfront", action: "getInvalidation", parameters: request.input)
            guard case .object(var object) = output, case .object(var invalidation)? = object["Invalidation"],
                invalidation["Status"] == "COMPLETED"
            else { return output }
            invalidation["Status"] = "Completed"
            object["Invalidation"] = .object(invalidation)
            return .object(object)
        }
        return registry
    }

    @Test("invalidates the paths with the execution name as CallerReference, polls to Completed and notifies")
    func invalidates() async throws {
        let configuration = try await MotoServer.configuration()
        let client = AWSClient(configuration: configuration)
        let unique = UUID().uuidString.prefix(8).lowercased()
        let distribution = try await Self.makeDistribution(client, reference: "www-\(unique)")
        let topic = try #require(
            try await client.call(service: "sns", action: "createTopic", parameters: ["Name": .string("cdn-\(unique)")])[
                "TopicArn"])
        let result = await Executor(registry: Self.registry(configuration)).run(
            try MotoServer.runbook("cloudfront-invalidation"),
            input: [
                "DistributionId": .string(distribution), "Paths": ["/index.html", "/assets/*"], "TopicArn": topic,
                "PollIntervalSeconds": 0,
            ],
            name: "deploy-\(unique)")
        guard case .succeeded(let output) = result.status else {
            Issue.record("the runbook did not succeed: \(result.status)")
            return
        }
        #expect(output["Status"] == "Completed")
        #expect(output["Polls"] == 1)
        let invalidationID = try #require(output["InvalidationId"])
        let listed = try await client.call(
            service: "cloudfront", action: "listInvalidations", parameters: ["DistributionId": .string(distribution)])
        #expect(listed["InvalidationList"]?["Items"]?.arrayValue?.compactMap { $0["Id"] } == [invalidationID])
        let got = try await client.call(
            service: "cloudfront", action: "getInvalidation",
            parameters: ["DistributionId": .string(distribution), "Id": invalidationID])
        #expect(got["Invalidation"]?["InvalidationBatch"]?["CallerReference"] == .string("deploy-\(unique)"))
        #expect(got["Invalidation"]?["InvalidationBatch"]?["Paths"]?["Items"] == ["/index.html", "/assets/*"])
    }

    @Test("an unknown distribution fails with CloudFront's error")
    func unknownDistribution() async throws {
        let configuration = try await MotoServer.configuration()
        let result = await Executor(registry: Self.registry(configuration)).run(
            try MotoServer.runbook("cloudfront-invalidation"),
            input: ["DistributionId": "E000000000000", "Paths": ["/*"], "TopicArn": "arn:aws:sns:us-east-1:123456789012:x"])
        #expect(result.error?.name == "CloudFront.NoSuchDistributionException", "\(result.status)")
        #expect(result.statesEntered.last == "GetDistribution")
    }
}
