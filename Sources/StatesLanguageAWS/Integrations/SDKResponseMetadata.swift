import StatesLanguage

/// The Java SDK v1 response metadata that Step Functions adds to the results of optimized
/// integrations (`sns:publish`, `lambda:invoke`, `states:startExecution`…), with keys in the
/// alphabetical order those results have:
///
/// ```json
/// {"MessageId": "…",
///  "SdkHttpMetadata": {"AllHttpHeaders": {"x-amzn-RequestId": ["…"]}, "HttpHeaders": {"x-amzn-RequestId": "…"},
///                      "HttpStatusCode": 200},
///  "SdkResponseMetadata": {"RequestId": "…"}}
/// ```
enum SDKResponseMetadata {
    /// `output` with `SdkHttpMetadata` and `SdkResponseMetadata` from `response` added.
    static func adding(to output: JSONValue, from response: HTTPResponse) -> JSONValue {
        var headers = JSONObject()
        var allHeaders = JSONObject()
        for (name, value) in response.headers {
            headers[name] = .string(value)
            if case .array(var values) = allHeaders[name] ?? .null {
                values.append(.string(value))
                allHeaders[name] = .array(values)
            } else {
                allHeaders[name] = [.string(value)]
            }
        }
        var object = output.objectValue ?? JSONObject()
        object["SdkHttpMetadata"] = [
            "AllHttpHeaders": .object(allHeaders), "HttpHeaders": .object(headers),
            "HttpStatusCode": .integer(response.statusCode),
        ]
        let requestID =
            response.headerValue(named: "x-amzn-RequestId") ?? response.headerValue(named: "x-amz-request-id")
        object["SdkResponseMetadata"] = ["RequestId": requestID.map(JSONValue.string) ?? .null]
        return .object(JSONObject(object.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
    }
}
