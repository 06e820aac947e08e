import Foundation
import StatesLanguage

/// Calls AWS API operations described by the generated service models, with Step Functions'
/// parameter and result shapes.
///
/// ```swift
/// let client = AWSClient(configuration: configuration)
/// let output = try await client.call(service: "ec2", action: "describeInstances", parameters: [:])
/// output["Reservations"]  // [{"Instances": [...]}]
/// ```
package struct AWSClient: Sendable {
    package var configuration: AWSConfiguration
    package var httpClient: any HTTPClient
    /// The signing time; AWS rejects signatures more than five minutes off its clock, so this
    /// is wall time even when executions run on a virtual clock.
    package var currentDate: @Sendable () -> Date
    /// The profile role's credentials, shared by copies of this client.
    package let roleCache = AssumedRoleCache()

    package init(
        configuration: AWSConfiguration, httpClient: any HTTPClient = URLSessionHTTPClient(),
        currentDate: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.currentDate = currentDate
    }

    /// The same client for another region (a Lambda function ARN names the function's region).
    package func inRegion(_ region: String) -> AWSClient {
        var copy = self
        copy.configuration.region = region
        return copy
    }

    /// Calls `action` (camelCase, as in `arn:aws:states:::aws-sdk:ec2:describeInstances`) of `service`.
    ///
    /// - Returns: the operation's output in Step Functions' shape (`{}` when it has none).
    /// - Throws: `StatesError` named `<Service>.<Exception>` for an error response,
    ///   `<Service>.SdkClientException` when no response arrives, and `States.TaskFailed` for
    ///   unknown services, actions or fields.
    package func call(
        service: String, action: String, parameters: JSONValue, style: IntegrationStyle = .sdk
    ) async throws -> JSONValue {
        try await perform(service: service, action: action, parameters: parameters, style: style).output
    }

    /// Like ``call(service:action:parameters:)``, also returning the HTTP response.
    package func perform(
        service: String, action: String, parameters: JSONValue, style: IntegrationStyle = .sdk
    ) async throws -> (output: JSONValue, response: HTTPResponse) {
        let model = try Self.model(named: service)
        let operationName = ShapeFieldNames.fieldName(forMember: action)
        guard let operation = model.operation(named: operationName) else {
            throw StatesError(.taskFailed, cause: "The action '\(action)' is not an operation of \(model.serviceID).")
        }
        if configuration.needsResolving {
            return try await resolvingProfileRole().perform(
                service: service, action: action, parameters: parameters, style: style)
        }
        let request: HTTPRequest
        do {
            request = try makeRequest(model, operation: operation, parameters: parameters)
        } catch {
            throw StatesError(.taskFailed, cause: "\(service):\(action): \(error.message)")
        }
        let response: HTTPResponse
        do {
            response = try await send(request)
        } catch let error as AWSTransportError {
            // The SDKs report a request that got no response as a client exception.
            let prefix: String
            switch style {
            case .sdk: prefix = model.errorPrefix
            case .optimized(let optimizedPrefix, _): prefix = optimizedPrefix
            }
            throw StatesError(
                ErrorName(rawValue: "\(prefix).SdkClientException"), cause: "Unable to execute HTTP request: \(error)")
        }
        guard (200..<300).contains(response.statusCode) else {
            throw serviceError(model, operation: operation, response: response).statesError(style)
        }
        do {
            return (try output(model, operation: operation, response: response, timestamps: style.timestamps), response)
        } catch {
            throw StatesError(.taskFailed, cause: "\(service):\(action): unreadable response: \(error)")
        }
    }

    /// The model of `service`, or a `States.TaskFailed` error saying why there is none.
    static func model(named service: String) throws(StatesError) -> ServiceModel {
        let catalog = ServiceModelCatalog.bundled
        let found: ServiceModel?
        do {
            found = try catalog.model(named: service)
        } catch {
            throw StatesError(.taskFailed, cause: "The model of the service '\(service)' cannot be read: \(error)")
        }
        guard let found else {
            let reason =
                catalog.failure.map { "\($0)" }
                ?? "no service of that name among the \(catalog.names.count) of botocore \(catalog.botocoreVersion)"
            throw StatesError(
                .taskFailed,
                cause: "The service '\(service)' is not supported: \(reason). Use Step Functions' name"
                    + " (cloudwatchlogs, elasticloadbalancingv2, eventbridge, sfn), as in arn:aws:states:::aws-sdk:NAME:action.")
        }
        return found
    }

    /// Sends a request. The signing credentials' secret key and session token are removed from the
    /// response and from transport errors (``SecretRedactor``), so nothing built from them can leak.
    ///
    /// - Throws: `CancellationError`, or ``AWSTransportError`` when no response arrives.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let redactor = SecretRedactor(configuration.credentials)
        do {
            var response = try await httpClient.send(request)
            if !redactor.isEmpty {
                response.body = redactor.redact(response.body)
                response.headers = response.headers.map { ($0.name, redactor.redact($0.value)) }
            }
            return response
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw AWSTransportError(
                message: redactor.redact("\(error.localizedDescription) (\(request.method) \(request.url.absoluteString))"))
        }
    }

    /// Signs and finishes a request whose path, query, headers and body are set.
    func signed(
        _ model: ServiceModel, endpoint: AWSEndpoint, method: String, path: String, query: String,
        headers: [(name: String, value: String)], body: [UInt8]
    ) throws(AWSRequestError) -> HTTPRequest {
        let target = query.isEmpty ? endpoint.basePath + path : "\(endpoint.basePath)\(path)?\(query)"
        guard let url = URL(string: endpoint.origin + target) else {
            throw AWSRequestError("cannot form a URL from '\(endpoint.origin + target)'")
        }
        var parts = HTTPRequestParts(method: method, url: url, headers: headers, body: body)
        let signer = SigV4Signer(
            credentials: configuration.credentials, region: endpoint.signingRegion, service: model.signingName)
        signer.sign(&parts, date: currentDate())
        return HTTPRequest(method: method, url: url, headers: parts.headers, body: body)
    }
}
