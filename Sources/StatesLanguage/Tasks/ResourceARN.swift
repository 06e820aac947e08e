/// A Task state's `Resource`, parsed into what the registry and history need.
///
/// ```swift
/// let arn = try ResourceARN("arn:aws:states:::aws-sdk:ec2:rebootInstances")
/// arn.service              // "ec2"
/// arn.action               // "rebootInstances"
/// arn.integrationPattern   // .requestResponse
/// ```
public struct ResourceARN: Sendable, Hashable, CustomStringConvertible {
    /// How Step Functions waits for a service integration.
    public enum IntegrationPattern: String, Sendable, Hashable {
        /// Call and continue with the response.
        case requestResponse = ""
        /// `.sync`: wait for the job to complete.
        case sync = ".sync"
        /// `.sync:2`: wait for completion, output as parsed JSON (Step Functions `startExecution`).
        case syncJSON = ".sync:2"
        /// `.waitForTaskToken`: wait until a callback sends the task token back.
        case waitForTaskToken = ".waitForTaskToken"
    }

    /// The kind of resource.
    public enum Kind: Sendable, Hashable {
        /// `arn:aws:states:::aws-sdk:SERVICE:ACTION`.
        case awsSDK
        /// An optimized integration such as `arn:aws:states:::sns:publish`.
        case optimized
        /// A Lambda function ARN (`arn:aws:lambda:REGION:ACCOUNT:function:NAME`).
        case lambdaFunction
        /// A Step Functions activity ARN.
        case activity
        /// Anything else: a resource only a handler of your own knows.
        case custom
    }

    /// The `Resource` exactly as written.
    public let rawValue: String
    /// The ARN without its integration-pattern suffix.
    public let baseARN: String
    /// The integration pattern given by the suffix.
    public let integrationPattern: IntegrationPattern
    /// What kind of resource this is.
    public let kind: Kind
    /// The service name for integrations (`ec2`, `sns`, `lambda`); `nil` for custom resources.
    public let service: String?
    /// The action for integrations (`rebootInstances`, `publish`); `nil` for custom resources.
    public let action: String?

    /// Parses a resource ARN. Any non-empty string is accepted; integrations are recognised by prefix.
    ///
    /// - Throws: ``StatesError`` when the text is empty or an integration ARN has no service or action.
    public init(_ text: String) throws(StatesError) {
        guard !text.isEmpty else { throw StatesError(.runtime, cause: "Resource must not be empty") }
        rawValue = text
        var base = text
        var pattern = IntegrationPattern.requestResponse
        for candidate in [IntegrationPattern.syncJSON, .sync, .waitForTaskToken] where text.hasSuffix(candidate.rawValue) {
            pattern = candidate
            base = String(text.dropLast(candidate.rawValue.count))
            break
        }
        let parts = base.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 6, parts[0] == "arn", parts[2] == "states", parts[3].isEmpty, parts[4].isEmpty {
            // arn:aws:states:::service:action  or  arn:aws:states:::aws-sdk:service:action
            if parts[5] == "aws-sdk" {
                guard parts.count == 8, !parts[6].isEmpty, !parts[7].isEmpty else {
                    throw StatesError(.runtime, cause: "'\(text)' must name a service and an action: arn:aws:states:::aws-sdk:SERVICE:ACTION")
                }
                kind = .awsSDK
                service = parts[6]
                action = parts[7]
            } else {
                guard parts.count == 7, !parts[5].isEmpty, !parts[6].isEmpty else {
                    throw StatesError(.runtime, cause: "'\(text)' must name a service and an action: arn:aws:states:::SERVICE:ACTION")
                }
                kind = .optimized
                service = parts[5]
                action = parts[6]
            }
        } else if parts.count >= 7, parts[0] == "arn", parts[2] == "lambda", parts[5] == "function" {
            kind = .lambdaFunction
            service = "lambda"
            action = "invoke"
        } else if parts.count == 7, parts[0] == "arn", parts[2] == "states", parts[5] == "activity" {
            kind = .activity
            service = nil
            action = nil
        } else {
            kind = .custom
            service = nil
            action = nil
            // A custom resource keeps its full name; suffixes only mean something for AWS integrations.
            if !text.hasPrefix("arn:") {
                base = text
                pattern = .requestResponse
            }
        }
        baseARN = base
        integrationPattern = pattern
    }

    /// The `resourceType` field of Task history events (`lambda`, `sns`, `aws-sdk:ec2`, …).
    public var resourceType: String {
        switch kind {
        case .awsSDK: return "aws-sdk:\(service ?? "")"
        case .optimized, .lambdaFunction: return service ?? ""
        case .activity: return "activity"
        case .custom: return "custom"
        }
    }

    /// The `resource` field of Task history events (`publish`, `rebootInstances.waitForTaskToken`, the function ARN).
    public var resourceName: String {
        switch kind {
        case .awsSDK, .optimized: return (action ?? "") + integrationPattern.rawValue
        case .lambdaFunction, .activity, .custom: return rawValue
        }
    }

    /// The ARN as written.
    public var description: String { rawValue }
}
