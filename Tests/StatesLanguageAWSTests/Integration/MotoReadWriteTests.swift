import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// One read and one write call per supported service against moto, through our own client.
@Suite("AWS services against moto", .enabled(if: MotoServer.isAvailable, MotoServer.skipMessage))
struct MotoReadWriteTests {
    func client() async throws -> AWSClient {
        AWSClient(configuration: try await MotoServer.configuration())
    }

    @Test("ec2: createVpc then describeVpcs returns it, SDK-shaped")
    func ec2() async throws {
        let client = try await client()
        let created = try await client.call(service: "ec2", action: "createVpc", parameters: ["CidrBlock": "10.10.0.0/16"])
        let vpcID = try #require(created["Vpc"]?["VpcId"]?.stringValue)
        let described = try await client.call(service: "ec2", action: "describeVpcs", parameters: ["VpcIds": [.string(vpcID)]])
        let vpcs = try #require(described["Vpcs"]?.arrayValue)
        #expect(vpcs.count == 1)
        #expect(vpcs.first?["CidrBlock"] == "10.10.0.0/16")
        #expect(vpcs.first?["IsDefault"] == false)
    }
}
