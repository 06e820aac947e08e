import StatesLanguage

extension AWSClient {
    /// Reads the error code, message and request ids of an error response in any protocol.
    func serviceError(
        _ model: ServiceModel, operation: ServiceModel.Operation, response: HTTPResponse
    ) -> AWSServiceError {
        var candidates: [String] = []
        var message = ""
        var requestID =
            response.headerValue(named: "x-amzn-RequestId") ?? response.headerValue(named: "x-amz-request-id")
        switch model.wireProtocol {
        case .json, .restJSON:
            let body = try? JSONValue(parsing: response.body)
            candidates = [
                response.headerValue(named: "x-amzn-ErrorType"), body?["__type"]?.stringValue,
                body?["code"]?.stringValue,
                body?["Code"]?.stringValue,
            ].compactMap { $0 }
            // Query-compatible services (SQS) also send the old query code; it names the error
            // only when the model knows no shape for the JSON one.
            if model.isQueryCompatible, let header = response.headerValue(named: "x-amzn-query-error"),
                let code = header.split(separator: ";").first
            {
                candidates.append(String(code))
            }
            message =
                body?["message"]?.stringValue ?? body?["Message"]?.stringValue
                ?? body?["errorMessage"]?.stringValue ?? ""
        case .query, .ec2, .restXML:
            if let root = try? XMLElement(parsing: response.body) {
                let error = root.descendant("Error")
                if let code = error?.child("Code")?.text { candidates.append(code) }
                message = error?.child("Message")?.text ?? ""
                requestID = requestID ?? root.descendant("RequestId")?.text ?? root.descendant("RequestID")?.text
            }
        }
        // `x-amzn-ErrorType: Code:http://…` and `__type: com.amazonaws…#Code` carry extras around the code.
        let codes = candidates.map { candidate -> String in
            var code = candidate
            if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
            if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
            return code
        }
        var fallback = Self.codeForStatus(response.statusCode)
        // S3 answers HEAD requests without a body; the SDK names the 404s after the operation's error.
        if model.name == "s3", response.statusCode == 404 {
            if operation.name == "HeadObject" { fallback = "NoSuchKey" }
            if operation.name == "HeadBucket" { fallback = "NoSuchBucket" }
        }
        let cleaned = codes.first { model.errors[$0] != nil } ?? codes.first ?? fallback
        return AWSServiceError(
            code: cleaned, message: message, statusCode: response.statusCode, requestID: requestID,
            extendedRequestID: model.name == "s3" ? response.headerValue(named: "x-amz-id-2") : nil,
            errorPrefix: model.errorPrefix, errorName: model.errorName(forCode: cleaned),
            exceptionCode: model.errors[cleaned] ?? cleaned)
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
