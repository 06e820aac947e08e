import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

@Suite("Request serialization")
struct RequestSerializationTests {
    @Test("query: lists as Name.member.N, structures by member name, Action and Version first")
    func queryLists() async throws {
        let stub = StubHTTPClient(body: "<RegisterTargetsResponse><RegisterTargetsResult/></RegisterTargetsResponse>")
        _ = try await stub.client().call(
            service: "elasticloadbalancingv2", action: "registerTargets",
            parameters: ["TargetGroupArn": "arn:tg", "Targets": [["Id": "i-1", "Port": 80], ["Id": "i-2"]]])
        let form = stub.lastForm
        #expect(
            form.map(\.0) == [
                "Action", "Version", "TargetGroupArn", "Targets.member.1.Id", "Targets.member.1.Port",
                "Targets.member.2.Id",
            ])
        #expect(form.map(\.1) == ["RegisterTargets", "2015-12-01", "arn:tg", "i-1", "80", "i-2"])
        let request = try #require(stub.sent.last)
        #expect(request.url.absoluteString == "https://elasticloadbalancing.eu-west-1.amazonaws.com/")
        #expect(
            request.headerValue(named: "Authorization")?.contains(
                "Credential=AKIDTEST/20231114/eu-west-1/elasticloadbalancing/aws4_request") == true)
        #expect(request.headerValue(named: "Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
    }

    @Test("query: maps as Name.entry.N with the model's key and value names; empty lists as Name=")
    func queryMaps() async throws {
        let stub = StubHTTPClient(
            body: "<PublishResponse><PublishResult><MessageId>m</MessageId></PublishResult></PublishResponse>")
        let output = try await stub.client().call(
            service: "sns", action: "publish",
            parameters: [
                "TopicArn": "arn:t", "Message": ["a": 1],
                "MessageAttributes": ["k": ["DataType": "String", "StringValue": "v"]],
            ])
        #expect(output == ["MessageId": "m"])
        let form = Dictionary(uniqueKeysWithValues: stub.lastForm)
        #expect(form["Message"] == #"{"a":1}"#)
        #expect(form["MessageAttributes.entry.1.Name"] == "k")
        #expect(form["MessageAttributes.entry.1.Value.DataType"] == "String")
        #expect(form["MessageAttributes.entry.1.Value.StringValue"] == "v")

        let empty = StubHTTPClient(body: "<DisableAlarmActionsResponse/>")
        _ = try await empty.client().call(
            service: "cloudwatch", action: "disableAlarmActions", parameters: ["AlarmNames": []])
        #expect(empty.lastForm.last! == ("AlarmNames", ""))
    }

    @Test("ec2: capitalised locationName or queryName, lists as Name.N, empty lists left out")
    func ec2Lists() async throws {
        let stub = StubHTTPClient(body: "<DescribeInstancesResponse/>")
        _ = try await stub.client().call(
            service: "ec2", action: "describeInstances",
            parameters: [
                "InstanceIds": ["i-1", "i-2"], "Filters": [["Name": "tag:Role", "Values": ["web"]]], "DryRun": false,
            ])
        let form = stub.lastForm
        #expect(
            form.map(\.0) == [
                "Action", "Version", "InstanceId.1", "InstanceId.2", "Filter.1.Name", "Filter.1.Value.1", "DryRun",
            ])
        #expect(form.last! == ("DryRun", "false"))

        _ = try await stub.client().call(service: "ec2", action: "describeInstances", parameters: ["InstanceIds": []])
        #expect(stub.lastForm.map(\.0) == ["Action", "Version"])
    }

    @Test("json: target header, content type, PascalCase fields sent under the model's camelCase names")
    func jsonNames() async throws {
        let stub = StubHTTPClient(body: #"{"tasks":[{"taskArn":"arn:task","lastStatus":"PENDING"}],"failures":[]}"#)
        let output = try await stub.client().call(
            service: "ecs", action: "runTask", parameters: ["Cluster": "c", "TaskDefinition": "td:1", "Count": 1])
        #expect(output == ["Tasks": [["TaskArn": "arn:task", "LastStatus": "PENDING"]], "Failures": []])
        let request = try #require(stub.sent.last)
        #expect(request.headerValue(named: "X-Amz-Target") == "AmazonEC2ContainerServiceV20141113.RunTask")
        #expect(request.headerValue(named: "Content-Type") == "application/x-amz-json-1.1")
        let body = try JSONValue(parsing: request.body)
        #expect(body["cluster"] == "c")
        #expect(body["taskDefinition"] == "td:1")
        #expect(body["clientToken"]?.stringValue?.count == 36, "the idempotency token is filled in")
    }

    @Test("json: OpsCenter items through ssm (moto has no OpsItems): target, body and the created id")
    func opsCenter() async throws {
        let stub = StubHTTPClient(body: #"{"OpsItemId":"oi-0123456789ab","OpsItemArn":"arn:aws:ssm:eu-west-1:1:opsitem/oi-0123456789ab"}"#)
        let output = try await stub.client().call(
            service: "ssm", action: "createOpsItem",
            parameters: [
                "Title": "Disk full on web-1", "Source": "sfnrun", "Description": "90 % used",
                "OperationalData": ["/aws/resources": ["Value": #"[{"arn":"arn:aws:ec2:eu-west-1:1:instance/i-1"}]"#, "Type": "SearchableString"]],
            ])
        #expect(output["OpsItemId"] == "oi-0123456789ab")
        let request = try #require(stub.sent.last)
        #expect(request.headerValue(named: "X-Amz-Target") == "AmazonSSM.CreateOpsItem")
        #expect(request.url.host() == "ssm.eu-west-1.amazonaws.com")
        let body = try JSONValue(parsing: request.body)
        #expect(body["Title"] == "Disk full on web-1")
        #expect(body["OperationalData"]?["/aws/resources"]?["Type"] == "SearchableString")
    }

    @Test("json: scalars are coerced to the member's type where the text allows it")
    func jsonCoercion() async throws {
        let stub = StubHTTPClient(body: #"{"Version":1}"#)
        _ = try await stub.client().call(
            service: "ssm", action: "putParameter",
            parameters: ["Name": "/n", "Value": 42, "Overwrite": "true", "Type": "String"])
        #expect(
            try JSONValue(parsing: stub.lastBody) == ["Name": "/n", "Value": "42", "Overwrite": true, "Type": "String"])
        _ = try await stub.client().call(service: "ssm", action: "describeParameters", parameters: ["MaxResults": "10"])
        #expect(try JSONValue(parsing: stub.lastBody) == ["MaxResults": 10])
    }

    @Test("json: epoch-second timestamps come back as ISO 8601 text")
    func jsonTimestamps() async throws {
        let stub = StubHTTPClient(body: #"{"executionArn":"arn:e","startDate":1700000000.5}"#)
        let output = try await stub.client().call(
            service: "sfn", action: "startExecution", parameters: ["StateMachineArn": "arn:sm"])
        #expect(output == ["ExecutionArn": "arn:e", "StartDate": "2023-11-14T22:13:20.500Z"])
    }

    @Test("rest-json: URI and query parameters bound, the rest in the body")
    func restJSON() async throws {
        let stub = StubHTTPClient(body: #"{"FunctionName":"f","Timeout":3}"#)
        _ = try await stub.client().call(
            service: "lambda", action: "updateFunctionConfiguration",
            parameters: ["FunctionName": "my fn", "Timeout": 3])
        let request = try #require(stub.sent.last)
        #expect(request.method == "PUT")
        #expect(
            request.url.absoluteString
                == "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/my%20fn/configuration")
        #expect(try JSONValue(parsing: request.body) == ["Timeout": 3])
    }

    @Test("rest-xml: greedy keys keep their slashes, headers carry their members")
    func restXML() async throws {
        let stub = StubHTTPClient(headers: [("ETag", "\"e\"")])
        let output = try await stub.client().call(
            service: "s3", action: "putObject",
            parameters: ["Bucket": "bucket-1", "Key": "a/b c.txt", "Body": "hi", "ContentType": "text/plain"])
        #expect(output["ETag"] == "\"e\"")
        let request = try #require(stub.sent.last)
        #expect(request.url.absoluteString == "https://bucket-1.s3.eu-west-1.amazonaws.com/a/b%20c.txt")
        #expect(request.headerValue(named: "Content-Type") == "text/plain")
        #expect(request.headerValue(named: "X-Amz-Content-SHA256") != nil)
        #expect(stub.lastBody == "hi")
    }

    @Test("s3: path-style for dotted buckets and configured endpoints, virtual-hosted otherwise")
    func s3Addressing() async throws {
        let stub = StubHTTPClient(body: "<ListObjectsV2Result/>")
        _ = try await stub.client().call(service: "s3", action: "listObjectsV2", parameters: ["Bucket": "my.bucket"])
        #expect(stub.sent.last?.url.absoluteString == "https://s3.eu-west-1.amazonaws.com/my.bucket?list-type=2")
        _ = try await stub.client().call(service: "s3", action: "listObjectsV2", parameters: ["Bucket": "logs"])
        #expect(stub.sent.last?.url.absoluteString == "https://logs.s3.eu-west-1.amazonaws.com/?list-type=2")
        var local = StubHTTPClient.configuration
        local.endpointURL = URL(string: "http://127.0.0.1:5000")
        _ = try await stub.client(local).call(service: "s3", action: "listObjectsV2", parameters: ["Bucket": "logs"])
        #expect(stub.sent.last?.url.absoluteString == "http://127.0.0.1:5000/logs?list-type=2")
    }

    @Test("endpoints: configured ones first, CloudFront global, China regions")
    func endpoints() async throws {
        var configuration = StubHTTPClient.configuration
        configuration.serviceEndpointURLs["SNS"] = URL(string: "http://127.0.0.1:4566/base/")
        let stub = StubHTTPClient(body: "<ListTopicsResponse/>")
        _ = try await stub.client(configuration).call(service: "sns", action: "listTopics", parameters: [:])
        #expect(stub.sent.last?.url.absoluteString == "http://127.0.0.1:4566/base/")
        _ = try await stub.client(configuration).call(
            service: "cloudfront", action: "listDistributions", parameters: [:])
        #expect(stub.sent.last?.url.absoluteString == "https://cloudfront.amazonaws.com/2020-05-31/distribution")
        #expect(stub.sent.last?.headerValue(named: "Authorization")?.contains("/us-east-1/cloudfront/") == true)
        configuration.region = "cn-north-1"
        _ = try await stub.client(configuration).call(service: "ec2", action: "describeVpcs", parameters: [:])
        #expect(stub.sent.last?.url.absoluteString == "https://ec2.cn-north-1.amazonaws.com.cn/")
    }

    @Test(
        "unknown services, actions and fields fail the task with a clear cause",
        arguments: [
            ("nosuch", "doIt", JSONValue.object([:]), "The service 'nosuch' is not supported"),
            ("ec2", "rebootEverything", [:], "The action 'rebootEverything' is not an operation of EC2"),
            (
                "ec2", "rebootInstances", ["InstanceId": ["i-1"]],
                "The field 'InstanceId' at Parameters is not supported"
            ),
            ("ec2", "rebootInstances", ["InstanceIds": "i-1"], "Parameters.InstanceIds must be an array"),
        ] as [(String, String, JSONValue, String)])
    func invalid(service: String, action: String, parameters: JSONValue, message: String) async {
        let stub = StubHTTPClient()
        await #expect {
            _ = try await stub.client().call(service: service, action: action, parameters: parameters)
        } throws: { error in
            guard let error = error as? StatesError else { return false }
            return error.name == .taskFailed && error.cause?.contains(message) == true
        }
        #expect(stub.sent.isEmpty)
    }
}
