import StatesLanguage

/// Runs `arn:aws:states:::lambda:invoke` and Lambda function ARNs used as `Resource`.
///
/// For `lambda:invoke` the result is Lambda's Invoke response with the payload parsed as JSON:
/// `{"ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"}`; a
/// function ARN gives the payload itself. A function error fails the task with the function's
/// `errorType` and the error payload as the cause, or `Lambda.Unknown` when the payload names
/// no type (timeouts, crashes), as Step Functions does.
/// https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html
struct LambdaInvokeTaskHandler: TaskHandler {
    let clients: AWSClientSource
    let style = OptimizedTaskHandler.style(forService: "lambda")

    func invoke(_ request: TaskRequest) async throws -> JSONValue {
        var client = try await clients.client(for: request)
        var parameters: JSONObject
        let isFunctionARN = request.resource.kind == .lambdaFunction
        if isFunctionARN {
            parameters = ["FunctionName": .string(request.resource.baseARN), "Payload": request.input]
        } else {
            guard case .object(let object) = request.input else {
                throw StatesError(
                    .taskFailed, cause: "lambda:invoke parameters must be an object, got \(request.input.typeName)")
            }
            parameters = object
        }
        if let payload = parameters["Payload"], payload.stringValue == nil {
            parameters["Payload"] = .string(payload.jsonString())
        }
        // arn:aws:lambda:REGION:ACCOUNT:function:NAME runs in the function's region.
        let region = request.resource.baseARN.split(separator: ":", omittingEmptySubsequences: false).dropFirst(3).first
        if isFunctionARN, let region, !region.isEmpty { client = client.inRegion(String(region)) }
        let (output, response) = try await client.perform(
            service: "lambda", action: "invoke", parameters: .object(parameters), style: style)
        let payloadText = output["Payload"]?.stringValue ?? ""
        let payload = (try? JSONValue(parsing: payloadText)) ?? (payloadText.isEmpty ? .null : .string(payloadText))
        if output["FunctionError"] != nil {
            let compact = payload.jsonString()
            if let type = payload["errorType"]?.stringValue, !type.isEmpty {
                throw StatesError(ErrorName(rawValue: type), cause: compact)
            }
            throw StatesError(
                "Lambda.Unknown",
                cause:
                    "The cause could not be determined because Lambda did not return an error type. Returned payload: \(compact)"
            )
        }
        if isFunctionARN { return payload }
        var result = JSONObject()
        if let version = output["ExecutedVersion"] { result["ExecutedVersion"] = version }
        if let log = output["LogResult"] { result["LogResult"] = log }
        result["Payload"] = payload
        result["StatusCode"] = output["StatusCode"] ?? .integer(response.statusCode)
        return SDKResponseMetadata.adding(to: .object(result), from: response)
    }
}
