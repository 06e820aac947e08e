import Foundation
import StatesLanguage

/// A request that got no HTTP response: connection refused, DNS failure, timeout.
package struct AWSTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the transport reported, with the method and URL.
    package var message: String
    package var description: String { message }
}

extension AWSClient {
    /// Calls an operation of a JSON-protocol service with the body in the service's own wire form
    /// (the member names of its API reference, `stateMachineArn`) and returns the response body
    /// the same way, without Step Functions' PascalCase renaming or timestamp rendering.
    ///
    /// For typed clients of a service (``StepFunctionsClient``), whose requests are built in code
    /// rather than taken from a definition's `Parameters`.
    ///
    /// - Parameters:
    ///   - service: the service's name in `aws-sdk` ARNs (`sfn`).
    ///   - operation: the operation's name (`StartExecution`).
    ///   - body: the request body.
    ///   - hostPrefix: a prefix for AWS's own endpoint host (`sync-` for `StartSyncExecution`);
    ///     not applied to a configured endpoint (a local emulator).
    /// - Returns: the response body (`{}` when empty).
    /// - Throws: ``AWSServiceError`` for an error response, ``AWSTransportError`` when none
    ///   arrives, ``AWSRequestError`` for an unknown service or operation, `CancellationError`,
    ///   and what resolving the profile's credentials throws.
    package func callJSON(
        service: String, operation operationName: String, body: JSONValue, hostPrefix: String? = nil
    ) async throws -> JSONValue {
        guard let model = ServiceModel.named(service), model.wireProtocol == .json,
            let operation = model.operation(named: operationName)
        else {
            throw AWSRequestError("\(service):\(operationName) is not an operation of a JSON-protocol service")
        }
        if configuration.needsResolving {
            return try await resolvingProfileRole().callJSON(
                service: service, operation: operationName, body: body, hostPrefix: hostPrefix)
        }
        var endpoint = AWSEndpoint.resolve(model, configuration: configuration)
        if let hostPrefix, configuration.configuredEndpoint(forServiceID: model.serviceID) == nil,
            let host = endpoint.baseURL.host(), let url = URL(string: "https://\(hostPrefix)\(host)")
        {
            endpoint.baseURL = url
        }
        let request = try jsonRequest(model, endpoint: endpoint, operation: operation, body: body)
        let response = try await send(request)
        guard (200..<300).contains(response.statusCode) else {
            throw serviceError(model, operation: operation, response: response)
        }
        guard !response.body.isEmpty else { return .object(JSONObject()) }
        do {
            return try JSONValue(parsing: response.body)
        } catch {
            throw AWSRequestError("\(service):\(operationName): the response is not JSON: \(error.message)")
        }
    }
}
