import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

@Suite("Bundled service models")
struct ServiceModelCatalogTests {
    let catalog = ServiceModelCatalog.bundled

    @Test("every botocore service is bundled, from a named botocore version")
    func everyService() {
        #expect(catalog.failure == nil)
        #expect(catalog.names.count > 400)
        #expect(catalog.names == catalog.names.sorted())
        #expect(catalog.botocoreVersion.split(separator: ".").count == 3)
    }

    @Test(
        "names and exception prefixes are Step Functions' (the Java 2.x client names)",
        arguments: [
            ("acmpca", "AcmPca", "ACM PCA"), ("cloudwatchlogs", "CloudWatchLogs", "CloudWatch Logs"),
            ("elasticloadbalancingv2", "ElasticLoadBalancingV2", "Elastic Load Balancing v2"),
            ("eventbridge", "EventBridge", "EventBridge"), ("sfn", "Sfn", "SFN"), ("dynamodb", "DynamoDb", "DynamoDB"),
            ("config", "Config", "Config Service"), ("costexplorer", "CostExplorer", "Cost Explorer"),
            ("resourcegroups", "ResourceGroups", "Resource Groups"), ("securityhub", "SecurityHub", "SecurityHub"),
            ("support", "Support", "Support"), ("ec2", "Ec2", "EC2"),
        ])
    func naming(name: String, prefix: String, serviceID: String) throws {
        let model = try #require(try catalog.model(named: name))
        #expect(model.name == name)
        #expect(model.errorPrefix == prefix)
        #expect(model.serviceID == serviceID)
    }

    @Test("the optimized integrations' names reach the same models")
    func aliases() throws {
        #expect(try catalog.model(named: "events")?.name == "eventbridge")
        #expect(try catalog.model(named: "states")?.name == "sfn")
        #expect(try catalog.model(named: "elbv2") == nil)
        #expect(ServiceModel.named("nosuchservice") == nil)
    }

    @Test("a model is read once and then served from memory")
    func cached() throws {
        let first = try #require(try catalog.model(named: "guardduty"))
        let second = try #require(try catalog.model(named: "guardduty"))
        #expect(first.operations.count == second.operations.count)
        #expect(first.operation(named: "CreateDetector")?.requestURI == "/detector")
    }

    @Test("structures keep the members their model marks required, output shapes included")
    func requiredMembers() throws {
        let sfn = try #require(try catalog.model(named: "sfn"))
        let output = try #require(sfn.shapes["DescribeExecutionOutput"])
        #expect(Set(output.requiredMembers) == ["executionArn", "stateMachineArn", "status", "startDate"])
        #expect(sfn.shapes["ListExecutionsInput"]?.requiredMembers == [])
    }

    @Test("a missing index empties the catalog and says why; a damaged model names its file")
    func damaged() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("models-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = ServiceModelCatalog(directory: folder)
        #expect(empty.names.isEmpty)
        #expect(empty.failure?.description.contains("index.json") == true)

        try Data(#"{"botocore":"0.0.1","services":{"broken":{}}}"#.utf8)
            .write(to: folder.appendingPathComponent("index.json"))
        try Data("not gzip".utf8).write(to: folder.appendingPathComponent("broken.json.gz"))
        let damaged = ServiceModelCatalog(directory: folder)
        #expect(damaged.names == ["broken"])
        #expect(throws: ServiceModelCatalog.LoadError.self) { try damaged.model(named: "broken") }
        do {
            _ = try damaged.model(named: "broken")
        } catch {
            #expect(error.description.contains("broken.json.gz"))
            #expect(error.description.contains("not a gzip file"))
        }
    }

    @Test("an unknown service fails the task with States.TaskFailed naming the service and the naming")
    func unknownService() async throws {
        let client = AWSClient(
            configuration: AWSConfiguration(
                region: "us-east-1", credentials: AWSCredentials(accessKeyID: "a", secretAccessKey: "b")))
        let error = await #expect(throws: StatesError.self) {
            _ = try await client.call(service: "elbv2", action: "describeTargetGroups", parameters: [:])
        }
        #expect(error?.name == .taskFailed)
        #expect(error?.cause?.contains("'elbv2'") == true)
        #expect(error?.cause?.contains("elasticloadbalancingv2") == true)
    }
}
