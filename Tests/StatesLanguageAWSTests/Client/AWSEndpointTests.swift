import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

@Suite("Endpoints of the bundled services")
struct AWSEndpointTests {
    @Test("a host prefix is filled from the input: S3 Control goes to ACCOUNT.s3-control.REGION")
    func hostPrefixLabel() async throws {
        let stub = StubHTTPClient(body: "<GetPublicAccessBlockOutput/>")
        _ = try await stub.client().call(
            service: "s3control", action: "getPublicAccessBlock", parameters: ["AccountId": "123456789012"])
        let request = try #require(stub.sent.last)
        #expect(request.url.host() == "123456789012.s3-control.eu-west-1.amazonaws.com")
        #expect(request.headerValue(named: "x-amz-account-id") == "123456789012")
    }

    @Test("a label that is missing or not a host name label fails the task before anything is sent")
    func badLabel() async throws {
        let stub = StubHTTPClient(body: "<GetPublicAccessBlockOutput/>")
        for parameters: JSONValue in [[:], ["AccountId": "evil.example.com/"]] {
            let error = await #expect(throws: StatesError.self) {
                _ = try await stub.client().call(service: "s3control", action: "getPublicAccessBlock", parameters: parameters)
            }
            #expect(error?.cause?.contains("Parameters.AccountId") == true)
        }
        #expect(stub.sent.isEmpty)
    }

    @Test("a configured endpoint (moto) gets no host prefix")
    func configuredEndpoint() async throws {
        let stub = StubHTTPClient(body: "{}")
        let client = AWSClient(
            configuration: AWSConfiguration(
                region: "us-east-1", credentials: AWSCredentials(accessKeyID: "a", secretAccessKey: "b"),
                endpointURL: URL(string: "http://127.0.0.1:5000")), httpClient: stub)
        _ = try await client.call(service: "cloudwatchlogs", action: "getLogObject", parameters: ["LogObjectPointer": "p"])
        #expect(stub.sent.last?.url.host() == "127.0.0.1")
    }

    @Test("global services go to their one endpoint, signed for us-east-1; STS stays regional")
    func globalEndpoints() async throws {
        let stub = StubHTTPClient(body: "<ListRolesResponse><ListRolesResult><Roles/></ListRolesResult></ListRolesResponse>")
        _ = try await stub.client().call(service: "iam", action: "listRoles", parameters: [:])
        let request = try #require(stub.sent.last)
        #expect(request.url.host() == "iam.amazonaws.com")
        #expect(request.headerValue(named: "Authorization")?.contains("/us-east-1/iam/aws4_request") == true)
        let sts = StubHTTPClient(
            body: "<GetCallerIdentityResponse><GetCallerIdentityResult/></GetCallerIdentityResponse>")
        _ = try await sts.client().call(service: "sts", action: "getCallerIdentity", parameters: [:])
        #expect(sts.sent.last?.url.host() == "sts.eu-west-1.amazonaws.com")
    }
}
