import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// One write and one read per service through the bundled botocore models, against one moto server:
/// the services an ops team's runbooks reach (Security Hub, GuardDuty, Inspector, Macie, Config,
/// CloudTrail, Backup, Service Catalog, AppConfig, Resource Groups, Cost Explorer, Trusted Advisor;
/// moto has no SSM OpsItems for OpsCenter) and enough others to cover the five wire protocols. Each read must see what the write made, and
/// both results must fit the operation's output shape.
@Suite("aws-sdk services across the five protocols against moto", .enabled(if: MotoServer.isAvailable, MotoServer.skipMessage))
struct ServiceCoverageMotoTests {
    /// A write, then a read that must find what the write made.
    struct Case: Sendable, CustomTestStringConvertible {
        var service: String
        var write: String
        var writeParameters: @Sendable (_ name: String) -> JSONValue
        var read: String
        var readParameters: @Sendable (_ name: String, _ written: JSONValue) -> JSONValue
        /// Whether the read result shows the write: compares a field with the name or the written result.
        var found: @Sendable (_ read: JSONValue, _ name: String, _ written: JSONValue) -> Bool
        /// Calls made first, to create what the write needs (a bucket for a trail).
        var prepare: (@Sendable (_ client: AWSClient, _ name: String) async throws -> Void)? = nil

        var testDescription: String { "\(service): \(write), then \(read)" }
    }

    static let role = "arn:aws:iam::123456789012:role/ops"

    static let cases: [Case] = [
        // rest-json
        Case(
            service: "securityhub", write: "enableSecurityHub", writeParameters: { _ in [:] },
            read: "describeHub", readParameters: { _, _ in [:] },
            found: { read, _, _ in read["HubArn"]?.stringValue?.contains(":hub/default") == true }),
        Case(
            service: "guardduty", write: "createDetector", writeParameters: { _ in ["Enable": true] },
            read: "listDetectors", readParameters: { _, _ in [:] },
            found: { read, _, written in
                read["DetectorIds"]?.arrayValue?.contains { $0 == written["DetectorId"] } == true
            }),
        Case(
            service: "inspector2", write: "enable", writeParameters: { _ in ["AccountIds": ["123456789012"], "ResourceTypes": ["EC2"]] },
            read: "batchGetAccountStatus", readParameters: { _, _ in ["AccountIds": ["123456789012"]] },
            found: { read, _, _ in
                read["Accounts"]?[0]?["AccountId"] == "123456789012"
                    && read["Accounts"]?[0]?["ResourceState"]?["Ec2"]?["Status"] == "ENABLED"
            }),
        Case(
            service: "macie2", write: "enableMacie", writeParameters: { _ in ["Status": "ENABLED"] },
            read: "getMacieSession", readParameters: { _, _ in [:] },
            found: { read, _, _ in read["Status"] == "ENABLED" }),
        Case(
            service: "backup", write: "createBackupVault", writeParameters: { name in ["BackupVaultName": .string(name)] },
            read: "listBackupVaults", readParameters: { _, _ in [:] },
            found: { read, name, _ in
                read["BackupVaultList"]?.arrayValue?.contains { $0["BackupVaultName"] == .string(name) } == true
            }),
        Case(
            service: "appconfig", write: "createApplication", writeParameters: { name in ["Name": .string(name)] },
            read: "getApplication", readParameters: { _, written in ["ApplicationId": written["Id"] ?? .null] },
            found: { read, name, _ in read["Name"] == .string(name) }),
        Case(
            service: "resourcegroups", write: "createGroup",
            writeParameters: { name in
                [
                    "Name": .string(name),
                    "ResourceQuery": [
                        "Type": "TAG_FILTERS_1_0",
                        "Query": #"{"ResourceTypeFilters":["AWS::AllSupported"],"TagFilters":[{"Key":"team","Values":["ops"]}]}"#,
                    ],
                ]
            },
            read: "listGroups", readParameters: { _, _ in [:] },
            found: { read, name, written in
                read["GroupIdentifiers"]?.arrayValue?.contains {
                    $0["GroupName"] == .string(name) && $0["GroupArn"] == written["Group"]?["GroupArn"]
                } == true
            }),
        Case(
            service: "apigateway", write: "createRestApi", writeParameters: { name in ["Name": .string(name)] },
            read: "getRestApi", readParameters: { _, written in ["RestApiId": written["Id"] ?? .null] },
            found: { read, name, _ in read["Name"] == .string(name) }),
        Case(
            service: "apigatewayv2", write: "createApi",
            writeParameters: { name in ["Name": .string(name), "ProtocolType": "HTTP"] },
            read: "getApi", readParameters: { _, written in ["ApiId": written["ApiId"] ?? .null] },
            found: { read, name, _ in read["Name"] == .string(name) }),
        Case(
            service: "iot", write: "createThing", writeParameters: { name in ["ThingName": .string(name)] },
            read: "describeThing", readParameters: { name, _ in ["ThingName": .string(name)] },
            found: { read, name, written in read["ThingName"] == .string(name) && read["ThingArn"] == written["ThingArn"] }),
        Case(
            service: "efs", write: "createFileSystem", writeParameters: { name in ["CreationToken": .string(name)] },
            read: "describeFileSystems",
            readParameters: { _, written in ["FileSystemId": written["FileSystemId"] ?? .null] },
            found: { read, name, _ in read["FileSystems"]?[0]?["CreationToken"] == .string(name) }),
        Case(
            service: "glacier", write: "createVault",
            writeParameters: { name in ["AccountId": "-", "VaultName": .string(name)] },
            read: "describeVault", readParameters: { name, _ in ["AccountId": "-", "VaultName": .string(name)] },
            found: { read, name, _ in read["VaultName"] == .string(name) }),
        Case(
            service: "scheduler", write: "createScheduleGroup", writeParameters: { name in ["Name": .string(name)] },
            read: "getScheduleGroup", readParameters: { name, _ in ["Name": .string(name)] },
            found: { read, _, written in read["Arn"] == written["ScheduleGroupArn"] }),
        Case(
            service: "appsync", write: "createGraphqlApi",
            writeParameters: { name in ["Name": .string(name), "AuthenticationType": "API_KEY"] },
            read: "getGraphqlApi",
            readParameters: { _, written in ["ApiId": written["GraphqlApi"]?["ApiId"] ?? .null] },
            found: { read, name, _ in read["GraphqlApi"]?["Name"] == .string(name) }),
        Case(
            service: "eks", write: "createCluster",
            writeParameters: { name in ["Name": .string(name), "RoleArn": .string(role), "ResourcesVpcConfig": [:]] },
            read: "describeCluster", readParameters: { name, _ in ["Name": .string(name)] },
            found: { read, name, _ in read["Cluster"]?["Name"] == .string(name) }),
        Case(
            service: "opensearch", write: "createDomain", writeParameters: { name in ["DomainName": .string(name)] },
            read: "describeDomain", readParameters: { name, _ in ["DomainName": .string(name)] },
            found: { read, name, _ in read["DomainStatus"]?["DomainName"] == .string(name) }),
        Case(
            service: "sesv2", write: "createEmailIdentity",
            writeParameters: { name in ["EmailIdentity": .string("\(name)@example.com")] },
            read: "getEmailIdentity", readParameters: { name, _ in ["EmailIdentity": .string("\(name)@example.com")] },
            found: { read, _, _ in read["IdentityType"] == "EMAIL_ADDRESS" }),
        // json
        Case(
            service: "config", write: "putConfigurationRecorder",
            writeParameters: { name in ["ConfigurationRecorder": ["Name": .string(name), "RoleARN": .string(role)]] },
            read: "describeConfigurationRecorders",
            readParameters: { name, _ in ["ConfigurationRecorderNames": [.string(name)]] },
            found: { read, name, _ in read["ConfigurationRecorders"]?[0]?["Name"] == .string(name) }),
        Case(
            service: "servicecatalog", write: "createPortfolio",
            writeParameters: { name in ["DisplayName": .string(name), "ProviderName": "ops"] },
            read: "describePortfolio",
            readParameters: { _, written in ["Id": written["PortfolioDetail"]?["Id"] ?? .null] },
            found: { read, name, _ in read["PortfolioDetail"]?["DisplayName"] == .string(name) }),
        Case(
            service: "costexplorer", write: "createCostCategoryDefinition",
            writeParameters: { name in
                [
                    "Name": .string(name), "RuleVersion": "CostCategoryExpression.v1",
                    "Rules": [["Value": "ops", "Rule": ["Dimensions": ["Key": "LINKED_ACCOUNT", "Values": ["123456789012"]]]]],
                ]
            },
            read: "describeCostCategoryDefinition",
            readParameters: { _, written in ["CostCategoryArn": written["CostCategoryArn"] ?? .null] },
            found: { read, name, _ in read["CostCategory"]?["Name"] == .string(name) }),
        Case(
            service: "support", write: "createCase",
            writeParameters: { name in ["Subject": .string(name), "CommunicationBody": "disk full"] },
            read: "describeCases", readParameters: { _, written in ["CaseIdList": [written["CaseId"] ?? .null]] },
            found: { read, name, _ in read["Cases"]?[0]?["Subject"] == .string(name) }),
        Case(
            service: "support", write: "refreshTrustedAdvisorCheck", writeParameters: { _ in ["CheckId": "Qch7DwouX1"] },
            read: "describeTrustedAdvisorChecks", readParameters: { _, _ in ["Language": "en"] },
            found: { read, _, written in
                written["Status"]?["CheckId"] == "Qch7DwouX1"
                    && read["Checks"]?.arrayValue?.contains {
                        $0["Id"] == "Qch7DwouX1" && $0["Name"]?.stringValue?.contains("EC2") == true
                    } == true
            }),
        Case(
            service: "cloudtrail", write: "createTrail",
            writeParameters: { name in ["Name": .string(name), "S3BucketName": .string(name)] },
            read: "describeTrails", readParameters: { name, _ in ["TrailNameList": [.string(name)]] },
            found: { read, name, written in
                read["TrailList"]?[0]?["S3BucketName"] == .string(name) && read["TrailList"]?[0]?["TrailARN"] == written["TrailARN"]
            },
            prepare: { client, name in
                _ = try await client.call(service: "s3", action: "createBucket", parameters: ["Bucket": .string(name)])
            }),
        Case(
            service: "cloudwatchlogs", write: "createLogGroup", writeParameters: { name in ["LogGroupName": .string(name)] },
            read: "describeLogGroups", readParameters: { name, _ in ["LogGroupNamePrefix": .string(name)] },
            found: { read, name, _ in read["LogGroups"]?[0]?["LogGroupName"] == .string(name) }),
        Case(
            service: "kms", write: "createKey", writeParameters: { name in ["Description": .string(name)] },
            read: "describeKey", readParameters: { _, written in ["KeyId": written["KeyMetadata"]?["KeyId"] ?? .null] },
            found: { read, name, _ in read["KeyMetadata"]?["Description"] == .string(name) }),
        Case(
            service: "secretsmanager", write: "createSecret",
            writeParameters: { name in ["Name": .string(name), "SecretString": "s3cr3t"] },
            read: "describeSecret", readParameters: { name, _ in ["SecretId": .string(name)] },
            found: { read, name, written in read["Name"] == .string(name) && read["ARN"] == written["ARN"] }),
        Case(
            service: "kinesis", write: "createStream", writeParameters: { name in ["StreamName": .string(name), "ShardCount": 1] },
            read: "describeStreamSummary", readParameters: { name, _ in ["StreamName": .string(name)] },
            found: { read, name, _ in read["StreamDescriptionSummary"]?["StreamName"] == .string(name) }),
        Case(
            service: "ecr", write: "createRepository", writeParameters: { name in ["RepositoryName": .string(name)] },
            read: "describeRepositories", readParameters: { name, _ in ["RepositoryNames": [.string(name)]] },
            found: { read, name, _ in read["Repositories"]?[0]?["RepositoryName"] == .string(name) }),
        Case(
            service: "athena", write: "createWorkGroup", writeParameters: { name in ["Name": .string(name)] },
            read: "getWorkGroup", readParameters: { name, _ in ["WorkGroup": .string(name)] },
            found: { read, name, _ in read["WorkGroup"]?["Name"] == .string(name) }),
        Case(
            service: "glue", write: "createDatabase", writeParameters: { name in ["DatabaseInput": ["Name": .string(name)]] },
            read: "getDatabase", readParameters: { name, _ in ["Name": .string(name)] },
            found: { read, name, _ in read["Database"]?["Name"] == .string(name) }),
        Case(
            service: "acm", write: "requestCertificate",
            writeParameters: { name in ["DomainName": .string("\(name).example.com")] },
            read: "describeCertificate",
            readParameters: { _, written in ["CertificateArn": written["CertificateArn"] ?? .null] },
            found: { read, name, _ in read["Certificate"]?["DomainName"] == .string("\(name).example.com") }),
        Case(
            service: "cognitoidentityprovider", write: "createUserPool", writeParameters: { name in ["PoolName": .string(name)] },
            read: "describeUserPool", readParameters: { _, written in ["UserPoolId": written["UserPool"]?["Id"] ?? .null] },
            found: { read, name, _ in read["UserPool"]?["Name"] == .string(name) }),
        Case(
            service: "codecommit", write: "createRepository", writeParameters: { name in ["RepositoryName": .string(name)] },
            read: "getRepository", readParameters: { name, _ in ["RepositoryName": .string(name)] },
            found: { read, name, _ in read["RepositoryMetadata"]?["RepositoryName"] == .string(name) }),
        Case(
            service: "applicationautoscaling", write: "registerScalableTarget",
            writeParameters: { name in
                [
                    "ServiceNamespace": "dynamodb", "ResourceId": .string("table/\(name)"),
                    "ScalableDimension": "dynamodb:table:WriteCapacityUnits", "MinCapacity": 1, "MaxCapacity": 3,
                ]
            },
            read: "describeScalableTargets",
            readParameters: { name, _ in ["ServiceNamespace": "dynamodb", "ResourceIds": [.string("table/\(name)")]] },
            found: { read, _, _ in read["ScalableTargets"]?[0]?["MaxCapacity"] == 3 }),
        Case(
            service: "transfer", write: "createServer", writeParameters: { _ in [:] },
            read: "describeServer", readParameters: { _, written in ["ServerId": written["ServerId"] ?? .null] },
            found: { read, _, written in read["Server"]?["ServerId"] == written["ServerId"] }),
        // query
        Case(
            service: "iam", write: "createRole",
            writeParameters: { name in
                [
                    "RoleName": .string(name),
                    "AssumeRolePolicyDocument":
                        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
                ]
            },
            read: "getRole", readParameters: { name, _ in ["RoleName": .string(name)] },
            found: { read, name, written in read["Role"]?["RoleName"] == .string(name) && read["Role"]?["Arn"] == written["Role"]?["Arn"] }),
        Case(
            service: "cloudformation", write: "createStack",
            writeParameters: { name in
                ["StackName": .string(name), "TemplateBody": #"{"Resources":{"Alerts":{"Type":"AWS::SNS::Topic"}}}"#]
            },
            read: "describeStacks", readParameters: { name, _ in ["StackName": .string(name)] },
            found: { read, _, written in read["Stacks"]?[0]?["StackId"] == written["StackId"] }),
        Case(
            service: "elasticache", write: "createUser",
            writeParameters: { name in
                [
                    "UserId": .string(name), "UserName": .string(name), "Engine": "redis",
                    "AccessString": "on ~* +@all", "NoPasswordRequired": true,
                ]
            },
            read: "describeUsers", readParameters: { name, _ in ["UserId": .string(name)] },
            found: { read, name, _ in read["Users"]?[0]?["UserName"] == .string(name) }),
        Case(
            service: "elasticloadbalancing", write: "createLoadBalancer",
            writeParameters: { name in
                [
                    "LoadBalancerName": .string(name), "AvailabilityZones": ["us-east-1a"],
                    "Listeners": [["Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 8080]],
                ]
            },
            read: "describeLoadBalancers", readParameters: { name, _ in ["LoadBalancerNames": [.string(name)]] },
            found: { read, name, _ in
                read["LoadBalancerDescriptions"]?[0]?["LoadBalancerName"] == .string(name)
                    && read["LoadBalancerDescriptions"]?[0]?["ListenerDescriptions"]?[0]?["Listener"]?["InstancePort"] == 8080
            }),
        Case(
            service: "redshift", write: "createClusterParameterGroup",
            writeParameters: { name in
                ["ParameterGroupName": .string(name), "ParameterGroupFamily": "redshift-1.0", "Description": "ops"]
            },
            read: "describeClusterParameterGroups", readParameters: { name, _ in ["ParameterGroupName": .string(name)] },
            found: { read, name, _ in read["ParameterGroups"]?[0]?["ParameterGroupName"] == .string(name) }),
        Case(
            service: "ses", write: "verifyEmailIdentity",
            writeParameters: { name in ["EmailAddress": .string("\(name)@example.com")] },
            read: "listIdentities", readParameters: { _, _ in [:] },
            found: { read, name, _ in
                read["Identities"]?.arrayValue?.contains(.string("\(name)@example.com")) == true
            }),
        // rest-xml
        Case(
            service: "route53", write: "createHostedZone",
            writeParameters: { name in ["Name": .string("\(name).example.com"), "CallerReference": .string(name)] },
            read: "getHostedZone",
            readParameters: { _, written in
                ["Id": .string(written["HostedZone"]?["Id"]?.stringValue?.split(separator: "/").last.map(String.init) ?? "")]
            },
            found: { read, name, _ in read["HostedZone"]?["Name"] == .string("\(name).example.com.") }),
        Case(
            service: "s3", write: "createBucket", writeParameters: { name in ["Bucket": .string(name)] },
            read: "listBuckets", readParameters: { _, _ in [:] },
            found: { read, name, _ in read["Buckets"]?.arrayValue?.contains { $0["Name"] == .string(name) } == true }),
        // ec2
        Case(
            service: "ec2", write: "createKeyPair", writeParameters: { name in ["KeyName": .string(name)] },
            read: "describeKeyPairs", readParameters: { name, _ in ["KeyNames": [.string(name)]] },
            found: { read, _, written in read["KeyPairs"]?[0]?["KeyPairId"] == written["KeyPairId"] }),
    ]

    @Test("covers at least 30 services and all five protocols")
    func coverage() throws {
        let models = try Self.cases.map { try #require(ServiceModel.named($0.service), "\($0.service)") }
        #expect(Set(models.map(\.name)).count >= 30)
        #expect(Set(models.map(\.wireProtocol.rawValue)) == ["json", "rest-json", "rest-xml", "query", "ec2"])
    }

    @Test(arguments: cases)
    func writeThenRead(_ testCase: Case) async throws {
        let client = AWSClient(configuration: try await MotoServer.configuration())
        let name = "ops\(UUID().uuidString.prefix(8).lowercased())"
        try await testCase.prepare?(client, name)
        let written = try await client.call(
            service: testCase.service, action: testCase.write, parameters: testCase.writeParameters(name))
        let read = try await client.call(
            service: testCase.service, action: testCase.read, parameters: testCase.readParameters(name, written))
        #expect(testCase.found(read, name, written), "read: \(read)\nwritten: \(written)")
        for (action, output) in [(testCase.write, written), (testCase.read, read)] {
            let resource = try ResourceARN("arn:aws:states:::aws-sdk:\(testCase.service):\(action)")
            #expect(AWSIntegrations.mockProblems(resource: resource, result: output, mode: .present) == [], "\(action)")
        }
    }
}
