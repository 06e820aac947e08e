import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageServer

@Suite("Step Functions endpoint (JSON 1.0 over HTTP)")
struct StepFunctionsEndpointTests {
    func call(_ endpoint: StepFunctionsEndpoint, _ target: String?, _ body: String) async -> (Int, JSONValue?, String?) {
        var headers: [(name: String, value: String)] = [("Content-Type", "application/x-amz-json-1.0")]
        if let target { headers.append(("X-Amz-Target", target)) }
        headers.append(("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=00"))
        let response = await endpoint.handle(HTTPRequest(method: "POST", target: "/", headers: headers, body: Array(body.utf8)))
        let type = response.headers.first { $0.name == "Content-Type" }?.value
        return (response.status, try? JSONValue(parsing: response.body), type)
    }

    @Test("Actions answer 200 with JSON 1.0; errors 400 with __type and message")
    func protocolShape() async throws {
        let endpoint = StepFunctionsEndpoint(service: Fixture.service())
        let (status, body, type) = await call(endpoint, "AWSStepFunctions.ListStateMachines", "{}")
        #expect(status == 200)
        #expect(type == "application/x-amz-json-1.0")
        #expect(body == ["stateMachines": []])
        let missing = await call(endpoint, "AWSStepFunctions.DescribeStateMachine", #"{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Nope"}"#)
        #expect(missing.0 == 400)
        #expect(missing.1?["__type"]?.stringValue == "StateMachineDoesNotExist")
        #expect(missing.1?["message"]?.stringValue?.contains("Nope") == true)
    }

    @Test(
        "Unknown targets, missing targets and bodies that are not JSON objects are refused",
        arguments: [
            ("AWSStepFunctions.Nope", "{}", "UnknownOperationException"),
            ("DynamoDB_20120810.ListTables", "{}", "UnknownOperationException"),
            (nil, "{}", "UnknownOperationException"),
            ("AWSStepFunctions.ListStateMachines", "{not json", "SerializationException"),
            ("AWSStepFunctions.ListStateMachines", "[1]", "SerializationException"),
        ] as [(String?, String, String)])
    func refused(target: String?, body: String, type: String) async {
        let endpoint = StepFunctionsEndpoint(service: Fixture.service())
        let (status, answer, _) = await call(endpoint, target, body)
        #expect(status == 400)
        #expect(answer?["__type"]?.stringValue == type)
    }

    @Test("Over the HTTP server: a body over the limit gets an AWS-style 413 and a closed connection")
    func overHTTP() async throws {
        let endpoint = StepFunctionsEndpoint(service: Fixture.service())
        let server = try HTTPServer(
            configuration: .init(port: 0, limits: .init(maximumBodyBytes: 1024), errorResponse: StepFunctionsEndpoint.errorResponse))
        let serving = Task { await server.serve(endpoint.handle) }
        let client = try RawHTTPClient(port: server.port)
        let body = "{}"
        client.send("POST / HTTP/1.1\r\nX-Amz-Target: AWSStepFunctions.ListStateMachines\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        let listed = await client.response()
        #expect(listed?.status == 200)
        #expect(listed?.body == #"{"stateMachines":[]}"#)
        client.send("POST / HTTP/1.1\r\nX-Amz-Target: AWSStepFunctions.ListStateMachines\r\nContent-Length: 5000\r\n\r\n")
        let refused = await client.response()
        #expect(refused?.status == 413)
        #expect(refused?.body.contains("\"__type\":\"ValidationException\"") == true)
        #expect(await client.readToEnd().closed)
        server.stop()
        await serving.value
    }
}
