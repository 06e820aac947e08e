import StatesLanguage

/// An error response from an AWS service: its code, message, status and request ids.
///
/// ``statesError`` turns it into what Step Functions reports: `<Service>.<Exception>` with the
/// cause `<message> (Service: <Service>, Status Code: <status>, Request ID: <id>)`.
package struct AWSServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error code on the wire (`TargetGroupNotFound`, `InvalidInstanceID.NotFound`).
    package var code: String
    package var message: String
    package var statusCode: Int
    package var requestID: String?
    /// S3's `x-amz-id-2`.
    package var extendedRequestID: String?
    /// The service's exception prefix (`Ec2`, `ElasticLoadBalancingV2`).
    package var errorPrefix: String
    /// The Step Functions error name (`ElasticLoadBalancingV2.TargetGroupNotFoundException`).
    package var errorName: String

    /// The modelled shape name for the code, or the code itself.
    package var exceptionCode: String

    /// The error as Step Functions reports it in `style`.
    package func statesError(_ style: IntegrationStyle) -> StatesError {
        switch style {
        case .sdk:
            return statesError
        case .optimized(let prefix, let serviceName):
            let exception = exceptionCode.hasSuffix("Exception") ? exceptionCode : exceptionCode + "Exception"
            let details =
                "Service: \(serviceName); Status Code: \(statusCode); Error Code: \(code); "
                + "Request ID: \(requestID ?? "null"); Proxy: null"
            return StatesError(
                ErrorName(rawValue: "\(prefix).\(exception)"),
                cause: "\(message.isEmpty ? "null" : message) (\(details))"
            )
        }
    }

    /// The error as an AWS SDK integration reports it, for `Retry` and `Catch`.
    package var statesError: StatesError {
        var details = "Service: \(errorPrefix), Status Code: \(statusCode), Request ID: \(requestID ?? "null")"
        if let extendedRequestID { details += ", Extended Request ID: \(extendedRequestID)" }
        // The Java SDK prints a missing message as "null" (S3's bodiless HEAD errors).
        let text = message.isEmpty ? "null" : message
        return StatesError(ErrorName(rawValue: errorName), cause: "\(text) (\(details))")
    }

    package var description: String { "\(errorName) [\(code)]: \(statesError.cause ?? "")" }
}
