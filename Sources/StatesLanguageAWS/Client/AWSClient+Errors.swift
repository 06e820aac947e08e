import StatesLanguage

extension AWSClient {
    /// Reads the error code, message and request ids of an error response in any protocol.
    func serviceError(_ model: ServiceModel, response: HTTPResponse) -> AWSServiceError {
        var code: String?
        var message = ""
        var requestID = response.headerValue(named: "x-amzn-RequestId") ?? response.headerValue(named: "x-amz-request-id")
        switch model.wireProtocol {
        case .json, .restJSON:
            if model.isQueryCompatible, let header = response.headerValue(named: "x-amzn-query-error") {
                code = header.split(separator: ";").first.map(String.init)
            }
            let body = try? JSONValue(parsing: response.body)
            code = code ?? response.headerValue(named: "x-amzn-ErrorType")
                ?? body?["__type"]?.stringValue ?? body?["code"]?.stringValue ?? body?["Code"]?.stringValue
            message = body?["message"]?.stringValue ?? body?["Message"]?.stringValue
                ?? body?["errorMessage"]?.stringValue ?? ""
        case .query, .ec2, .restXML:
            if let root = try? XMLElement(parsing: response.body) {
                let error = root.descendant("Error")
                code = error?.child("Code")?.text
                message = error?.child("Message")?.text ?? ""
                requestID = requestID ?? root.descendant("RequestId")?.text ?? root.descendant("RequestID")?.text
            }
        }
        // `x-amzn-ErrorType: Code:http://…` and `__type: com.amazonaws…#Code` carry extras around the code.
        var cleaned = code ?? Self.codeForStatus(response.statusCode)
        if let colon = cleaned.firstIndex(of: ":") { cleaned = String(cleaned[..<colon]) }
        if let hash = cleaned.lastIndex(of: "#") { cleaned = String(cleaned[cleaned.index(after: hash)...]) }
        return AWSServiceError(
            code: cleaned, message: message, statusCode: response.statusCode, requestID: requestID,
            extendedRequestID: model.name == "s3" ? response.headerValue(named: "x-amz-id-2") : nil,
            errorPrefix: model.errorPrefix, errorName: model.errorName(forCode: cleaned))
    }

    /// Codes for bodiless errors (S3 `HEAD`), as the SDKs name them.
    static func codeForStatus(_ status: Int) -> String {
        switch status {
        case 301: return "PermanentRedirect"
        case 304: return "NotModified"
        case 400: return "BadRequest"
        case 403: return "Forbidden"
        case 404: return "NotFound"
        case 412: return "PreconditionFailed"
        default: return "\(status)"
        }
    }
}
