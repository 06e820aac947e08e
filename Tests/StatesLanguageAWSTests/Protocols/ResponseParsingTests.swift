import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

@Suite("Response parsing")
struct ResponseParsingTests {
    static let describeInstances = """
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
          <requestId>r-1</requestId>
          <reservationSet>
            <item>
              <reservationId>r-0abc</reservationId>
              <instancesSet>
                <item>
                  <instanceId>i-1</instanceId>
                  <instanceState><code>16</code><name>running</name></instanceState>
                  <ebsOptimized>false</ebsOptimized>
                  <launchTime>2024-05-01T12:00:00.000Z</launchTime>
                  <tagSet><item><key>Name</key><value>web &amp; api</value></item></tagSet>
                  <productCodes/>
                </item>
              </instancesSet>
            </item>
          </reservationSet>
        </DescribeInstancesResponse>
        """

    @Test("ec2 XML becomes SDK-shaped JSON: PascalCase, <item> lists unwrapped, numbers and Booleans typed")
    func ec2() async throws {
        let stub = StubHTTPClient(body: Self.describeInstances)
        let output = try await stub.client().call(service: "ec2", action: "describeInstances", parameters: [:])
        let expected: JSONValue = [
            "Reservations": [
                [
                    "ReservationId": "r-0abc",
                    "Instances": [
                        [
                            "InstanceId": "i-1", "State": ["Code": 16, "Name": "running"], "EbsOptimized": false,
                            "LaunchTime": "2024-05-01T12:00:00Z", "Tags": [["Key": "Name", "Value": "web & api"]],
                            "ProductCodes": [],
                        ]
                    ],
                ]
            ]
        ]
        #expect(output == expected)
    }

    @Test("json: a member sent as null is left out, as the SDKs read it as unset")
    func jsonNulls() async throws {
        let stub = StubHTTPClient(
            body: #"{"logGroups": [{"logGroupName": "ops", "kmsKeyId": null, "retentionInDays": 7}], "nextToken": null}"#)
        let output = try await stub.client().call(service: "cloudwatchlogs", action: "describeLogGroups", parameters: [:])
        #expect(output == ["LogGroups": [["LogGroupName": "ops", "RetentionInDays": 7]]])
    }

    @Test("query XML is read from inside the result wrapper")
    func query() async throws {
        let stub = StubHTTPClient(
            body: """
                <DescribeTargetHealthResponse><DescribeTargetHealthResult><TargetHealthDescriptions>
                <member><Target><Id>i-1</Id><Port>80</Port></Target><TargetHealth><State>healthy</State></TargetHealth></member>
                </TargetHealthDescriptions></DescribeTargetHealthResult><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata>
                </DescribeTargetHealthResponse>
                """)
        let output = try await stub.client().call(
            service: "elasticloadbalancingv2", action: "describeTargetHealth", parameters: ["TargetGroupArn": "arn:tg"])
        #expect(
            output == [
                "TargetHealthDescriptions": [
                    ["Target": ["Id": "i-1", "Port": 80], "TargetHealth": ["State": "healthy"]]
                ]
            ])
    }

    @Test("rest-xml: flattened lists, headers and the status code come back as members")
    func restXML() async throws {
        let stub = StubHTTPClient(
            headers: [("x-amz-request-charged", "requester")],
            body: """
                <ListObjectsV2Result><Name>b</Name><KeyCount>2</KeyCount><IsTruncated>false</IsTruncated>
                <Contents><Key>a</Key><Size>3</Size></Contents><Contents><Key>b</Key><Size>4</Size></Contents>
                </ListObjectsV2Result>
                """)
        let output = try await stub.client().call(service: "s3", action: "listObjectsV2", parameters: ["Bucket": "b"])
        #expect(output["Contents"] == [["Key": "a", "Size": 3], ["Key": "b", "Size": 4]])
        #expect(output["KeyCount"] == 2)
        #expect(output["IsTruncated"] == false)
        #expect(output["RequestCharged"] == "requester")
    }

    static let errorCases: [(String, String, Int, [(name: String, value: String)], String, String, String)] = [
        (
            "ec2", "describeInstances", 400, [],
            "<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-1' does not exist</Message></Error></Errors><RequestID>req-1</RequestID></Response>",
            "Ec2.Ec2Exception",
            "The instance ID 'i-1' does not exist (Service: Ec2, Status Code: 400, Request ID: req-1)"
        ),
        (
            "elasticloadbalancingv2", "describeTargetHealth", 400, [],
            "<ErrorResponse><Error><Type>Sender</Type><Code>TargetGroupNotFound</Code><Message>One or more target groups not found</Message></Error><RequestId>req-2</RequestId></ErrorResponse>",
            "ElasticLoadBalancingV2.TargetGroupNotFoundException",
            "One or more target groups not found (Service: ElasticLoadBalancingV2, Status Code: 400, Request ID: req-2)"
        ),
        (
            "dynamodb", "getItem", 400, [("x-amzn-RequestId", "req-3")],
            #"{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}"#,
            "DynamoDb.ResourceNotFoundException",
            "Requested resource not found (Service: DynamoDb, Status Code: 400, Request ID: req-3)"
        ),
        (
            "lambda", "getFunction", 404,
            [
                ("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/"),
                ("x-amzn-RequestId", "req-4"),
            ],
            #"{"Type":"User","Message":"Function not found: f"}"#,
            "Lambda.ResourceNotFoundException",
            "Function not found: f (Service: Lambda, Status Code: 404, Request ID: req-4)"
        ),
        (
            "s3", "getObject", 404, [("x-amz-request-id", "req-5"), ("x-amz-id-2", "ext-5")],
            "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>",
            "S3.NoSuchBucketException",
            "The specified bucket does not exist (Service: S3, Status Code: 404, Request ID: req-5, Extended Request ID: ext-5)"
        ),
        (
            "s3", "headObject", 404, [("x-amz-request-id", "req-6"), ("x-amz-id-2", "ext-6")], "",
            "S3.NoSuchKeyException",
            "null (Service: S3, Status Code: 404, Request ID: req-6, Extended Request ID: ext-6)"
        ),
        (
            "sqs", "getQueueUrl", 400, [("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")],
            #"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}"#,
            "Sqs.QueueDoesNotExistException",
            "The specified queue does not exist. (Service: Sqs, Status Code: 400, Request ID: null)"
        ),
    ]

    @Test("error responses become <Service>.<Exception> with the SDK's cause", arguments: errorCases)
    func errors(
        service: String, action: String, status: Int, headers: [(name: String, value: String)], body: String,
        name: String,
        cause: String
    ) async {
        let stub = StubHTTPClient(status: status, headers: headers, body: body)
        let parameters: JSONValue =
            switch action {
            case "getItem": ["TableName": "t", "Key": [:]]
            case "getFunction": ["FunctionName": "f"]
            case "getObject", "headObject": ["Bucket": "b", "Key": "k"]
            case "getQueueUrl": ["QueueName": "q"]
            case "describeTargetHealth": ["TargetGroupArn": "arn"]
            default: [:]
            }
        await #expect(throws: StatesError(ErrorName(rawValue: name), cause: cause)) {
            _ = try await stub.client().call(service: service, action: action, parameters: parameters)
        }
    }
}

@Suite("XMLElement parsing")
struct XMLElementTests {
    @Test("declaration, comments, CDATA, entities and namespaces")
    func parsing() throws {
        let root = try XMLElement(
            parsing: Array(
                """
                <?xml version="1.0"?><!-- c --><a:Root xmlns:a="urn:x" k='v&amp;w'>
                <b>1 &lt; 2 &#x41;&#66;</b><c><![CDATA[<raw> &amp;]]></c><d/></a:Root>
                """.utf8))
        #expect(root.name == "Root")
        #expect(root.attributes["k"] == "v&w")
        #expect(root.child("b")?.text == "1 < 2 AB")
        #expect(root.child("c")?.text == "<raw> &amp;")
        #expect(root.child("d")?.children.isEmpty == true)
    }

    @Test(
        "malformed documents are errors, not crashes",
        arguments: ["", "<a>", "<a></b>", "<a>&bogus;</a>", "<a b></a>", "text"])
    func malformed(text: String) {
        #expect(throws: XMLSyntaxError.self) { try XMLElement(parsing: Array(text.utf8)) }
    }

    @Test("elements nested 100,000 deep are refused, not read recursively; 500 deep are read")
    func deepNesting() async throws {
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        // on a small-stack task, as the engine runs
        let refused = await Task.detached { () -> Bool in
            do { _ = try XMLElement(parsing: Array(deep.utf8)) } catch let error as XMLSyntaxError {
                return error.message.contains("deeper than 512")
            } catch {}
            return false
        }.value
        #expect(refused)
        let fine = String(repeating: "<a>", count: 500) + "x" + String(repeating: "</a>", count: 500)
        #expect(throws: Never.self) { try XMLElement(parsing: Array(fine.utf8)) }
    }
}
