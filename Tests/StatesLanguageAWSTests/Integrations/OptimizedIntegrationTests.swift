import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

@Suite("Optimized integrations")
struct OptimizedIntegrationTests {
    func run(_ resource: String, parameters: String, stub: StubHTTPClient, input: JSONValue = [:]) async throws
        -> ExecutionResult
    {
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(StubHTTPClient.configuration, httpClient: stub)
        let machine = try StateMachine(
            parsing: """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "\(resource)", "Parameters": \(parameters), "End": true}}}
                """)
        return await Executor(registry: registry).run(machine, input: input)
    }

    @Test("lambda:invoke returns the parsed payload, status code and executed version")
    func lambdaInvoke() async throws {
        let stub = StubHTTPClient(
            headers: [("X-Amz-Executed-Version", "$LATEST"), ("x-amzn-RequestId", "req")],
            body: #"{"ok": true, "n": 2}"#)
        let result = try await run(
            "arn:aws:states:::lambda:invoke", parameters: #"{"FunctionName": "f", "Payload": {"in.$": "$.x"}}"#,
            stub: stub,
            input: ["x": 5])
        let output = try #require(result.output)
        #expect(output["Payload"] == ["ok": true, "n": 2])
        #expect(output["StatusCode"] == 200)
        #expect(output["ExecutedVersion"] == "$LATEST")
        #expect(output["SdkResponseMetadata"] == ["RequestId": "req"])
        #expect(stub.lastBody == #"{"in":5}"#)
        #expect(stub.sent.last?.url.path() == "/2015-03-31/functions/f/invocations")
    }

    @Test("a function error fails with the function's errorType and the payload as cause")
    func lambdaFunctionError() async throws {
        let payload = #"{"errorMessage":"boom","errorType":"ValueError","stackTrace":[]}"#
        let stub = StubHTTPClient(headers: [("X-Amz-Function-Error", "Unhandled")], body: payload)
        let result = try await run("arn:aws:states:::lambda:invoke", parameters: #"{"FunctionName": "f"}"#, stub: stub)
        #expect(result.status == .failed(StatesError("ValueError", cause: payload)))
    }

    @Test("a function error without errorType is Lambda.Unknown")
    func lambdaUnknown() async throws {
        let stub = StubHTTPClient(
            headers: [("X-Amz-Function-Error", "Unhandled")], body: #"{"message":"Task timed out"}"#)
        let result = try await run("arn:aws:states:::lambda:invoke", parameters: #"{"FunctionName": "f"}"#, stub: stub)
        #expect(
            result.status
                == .failed(
                    StatesError(
                        "Lambda.Unknown",
                        cause:
                            #"The cause could not be determined because Lambda did not return an error type. Returned payload: {"message":"Task timed out"}"#
                    )))
    }

    @Test("a Lambda function ARN as Resource calls its region with the input and returns the payload itself")
    func functionARN() async throws {
        let stub = StubHTTPClient(body: #"[1,2]"#)
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(StubHTTPClient.configuration, httpClient: stub)
        let machine = try StateMachine(
            parsing: """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-west-2:123456789012:function:fn", "End": true}}}
                """)
        let result = await Executor(registry: registry).run(machine, input: ["a": 1])
        #expect(result.output == [1, 2])
        #expect(stub.lastBody == #"{"a":1}"#)
        #expect(stub.sent.last?.url.path(percentEncoded: true).contains("arn%3Aaws%3Alambda") == true)
        #expect(stub.sent.last?.url.host() == "lambda.us-west-2.amazonaws.com", "the function's region")
    }

    @Test("sqs:sendMessage and events:putEvents send JSON bodies given as objects as text")
    func jsonTextFields() async throws {
        let sqs = StubHTTPClient(body: #"{"MessageId":"m","MD5OfMessageBody":"x"}"#)
        let sent = try await run(
            "arn:aws:states:::sqs:sendMessage", parameters: #"{"QueueUrl": "https://q", "MessageBody": {"a": [1]}}"#,
            stub: sqs)
        #expect(sent.output?["MessageId"] == "m")
        #expect(try JSONValue(parsing: sqs.lastBody)["MessageBody"] == #"{"a":[1]}"#)

        let events = StubHTTPClient(body: #"{"FailedEntryCount":0,"Entries":[{"EventId":"e"}]}"#)
        let put = try await run(
            "arn:aws:states:::events:putEvents",
            parameters: #"{"Entries": [{"Source": "s", "DetailType": "d", "Detail": {"k": "v"}}]}"#,
            stub: events)
        #expect(put.output?["FailedEntryCount"] == 0)
        #expect(put.output?["Entries"] == [["EventId": "e"]])
        #expect(try JSONValue(parsing: events.lastBody)["Entries"]?[0]?["Detail"] == #"{"k":"v"}"#)
        #expect(events.sent.last?.headerValue(named: "X-Amz-Target") == "AWSEvents.PutEvents")
    }

    @Test("states:startExecution sends Input as text; the result has SDK v1 metadata and epoch-millisecond dates")
    func startExecution() async throws {
        let stub = StubHTTPClient(
            headers: [("x-amzn-RequestId", "req-1")], body: #"{"executionArn":"arn:e","startDate":1700000000.25}"#)
        let result = try await run(
            "arn:aws:states:::states:startExecution", parameters: #"{"StateMachineArn": "arn:sm", "Input": {"a": 1}}"#,
            stub: stub)
        let output = try #require(result.output?.objectValue)
        #expect(output.keys == ["ExecutionArn", "SdkHttpMetadata", "SdkResponseMetadata", "StartDate"])
        #expect(output["StartDate"] == 1_700_000_000_250)
        #expect(output["SdkResponseMetadata"] == ["RequestId": "req-1"])
        #expect(output["SdkHttpMetadata"]?["HttpStatusCode"] == 200)
        #expect(output["SdkHttpMetadata"]?["AllHttpHeaders"]?["x-amzn-RequestId"] == ["req-1"])
        #expect(try JSONValue(parsing: stub.lastBody) == ["stateMachineArn": "arn:sm", "input": #"{"a":1}"#])
    }

    @Test("aws-sdk tasks refuse .sync, which Step Functions does not offer for them")
    func noSync() async throws {
        let result = try await run(
            "arn:aws:states:::aws-sdk:ec2:describeVpcs.sync", parameters: "{}", stub: StubHTTPClient())
        guard case .failed(let error) = result.status else {
            Issue.record("expected a failure, got \(result.status)")
            return
        }
        #expect(error.name == .taskFailed)
        #expect(error.cause?.contains(".sync") == true)
    }
}

@Suite("Optimized integration errors")
struct OptimizedIntegrationErrorTests {
    @Test("optimized integrations name errors as the Java SDK v1 did, unlike aws-sdk tasks")
    func sdkV1Style() async throws {
        let stub = StubHTTPClient(
            status: 400, headers: [("x-amzn-RequestId", "req")],
            body:
                #"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}"#
        )
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(StubHTTPClient.configuration, httpClient: stub)
        let definition = """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "RESOURCE",
              "Parameters": {"TableName": "t", "Item": {"id": {"S": "1"}}}, "End": true}}}
            """
        let optimized = await Executor(registry: registry).run(
            try StateMachine(
                parsing: definition.replacingOccurrences(of: "RESOURCE", with: "arn:aws:states:::dynamodb:putItem")))
        #expect(
            optimized.status
                == .failed(
                    StatesError(
                        "DynamoDB.ConditionalCheckFailedException",
                        cause: "The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; "
                            + "Error Code: ConditionalCheckFailedException; Request ID: req; Proxy: null)")))
        let sdk = await Executor(registry: registry).run(
            try StateMachine(
                parsing: definition.replacingOccurrences(
                    of: "RESOURCE", with: "arn:aws:states:::aws-sdk:dynamodb:putItem")))
        #expect(
            sdk.status
                == .failed(
                    StatesError(
                        "DynamoDb.ConditionalCheckFailedException",
                        cause: "The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: req)"))
        )
    }
}

@Suite("Optimized integrations that wait")
struct WaitingIntegrationTests {
    func run(_ resource: String, parameters: String, stub: StubHTTPClient) async throws -> ExecutionResult {
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(StubHTTPClient.configuration, httpClient: stub)
        let machine = try StateMachine(
            parsing: """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "\(resource)", "Parameters": \(parameters), "End": true}}}
                """)
        return await Executor(registry: registry, clock: VirtualClock()).run(machine)
    }

    @Test("states:startExecution.sync:2 polls until the child ends and parses its output")
    func startExecutionSync() async throws {
        let stub = StubHTTPClient(bodies: [
            #"{"executionArn":"arn:e","startDate":1700000000}"#,
            #"{"executionArn":"arn:e","status":"RUNNING"}"#,
            #"{"executionArn":"arn:e","status":"SUCCEEDED","output":"{\"ok\":true}"}"#,
        ])
        let result = try await run(
            "arn:aws:states:::states:startExecution.sync:2", parameters: #"{"StateMachineArn": "arn:sm"}"#, stub: stub)
        #expect(result.output == ["ExecutionArn": "arn:e", "Status": "SUCCEEDED", "Output": ["ok": true]])
        #expect(
            stub.sent.map { $0.headerValue(named: "X-Amz-Target") } == [
                "AWSStepFunctions.StartExecution", "AWSStepFunctions.DescribeExecution",
                "AWSStepFunctions.DescribeExecution",
            ])
    }

    @Test("states:startExecution.sync fails the task when the child fails, keeping the output as text otherwise")
    func startExecutionSyncFailure() async throws {
        let stub = StubHTTPClient(bodies: [
            #"{"executionArn":"arn:e","startDate":1700000000}"#,
            #"{"executionArn":"arn:e","status":"FAILED","error":"Boom","cause":"bad"}"#,
        ])
        let result = try await run(
            "arn:aws:states:::states:startExecution.sync", parameters: #"{"StateMachineArn": "arn:sm"}"#, stub: stub)
        guard case .failed(let error) = result.status else {
            Issue.record("expected a failure, got \(result.status)")
            return
        }
        #expect(error.name == .taskFailed)
        #expect(error.cause?.contains(#""Error":"Boom""#) == true)
    }

    @Test("ecs:runTask.sync waits for STOPPED and fails on a non-zero exit code")
    func runTaskSync() async throws {
        let started = #"{"tasks":[{"taskArn":"arn:t","lastStatus":"PENDING"}]}"#
        let running = #"{"tasks":[{"taskArn":"arn:t","lastStatus":"RUNNING"}]}"#
        let stopped = #"{"tasks":[{"taskArn":"arn:t","lastStatus":"STOPPED","containers":[{"exitCode":0}]}]}"#
        let ok = StubHTTPClient(bodies: [started, running, stopped])
        let success = try await run(
            "arn:aws:states:::ecs:runTask.sync", parameters: #"{"Cluster": "c", "TaskDefinition": "td"}"#, stub: ok)
        #expect(success.output?["LastStatus"] == "STOPPED")
        #expect(ok.sent.count == 3)

        let failing = StubHTTPClient(bodies: [
            started, stopped.replacingOccurrences(of: #""exitCode":0"#, with: #""exitCode":2"#),
        ])
        let failure = try await run(
            "arn:aws:states:::ecs:runTask.sync", parameters: #"{"TaskDefinition": "td"}"#, stub: failing)
        guard case .failed(let error) = failure.status else {
            Issue.record("expected a failure, got \(failure.status)")
            return
        }
        #expect(error.name == .taskFailed)
    }

    @Test("a request with no response is <Service>.SdkClientException")
    func noResponse() async throws {
        struct Refused: Error, LocalizedError {
            var errorDescription: String? { "Connection refused" }
        }
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(
            StubHTTPClient.configuration, httpClient: ClosureHTTPClient { _ in throw Refused() })
        let machine = try StateMachine(
            parsing:
                #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ec2:describeVpcs", "End": true}}}"#
        )
        let result = await Executor(registry: registry).run(machine)
        guard case .failed(let error) = result.status else {
            Issue.record("expected a failure, got \(result.status)")
            return
        }
        #expect(error.name.rawValue == "Ec2.SdkClientException")
        #expect(error.cause?.hasPrefix("Unable to execute HTTP request: Connection refused") == true)
    }
}
