import Foundation
import StatesLanguage

/// The AWS Step Functions API: deploy state machines and run them on AWS, with typed requests
/// and results.
///
/// It signs and sends through the same client as the `aws-sdk` integrations (SigV4, the JSON 1.0
/// protocol, the configuration's credentials and endpoints), so `--profile`, `--region`,
/// `--endpoint-url` and a local moto server work the same way.
///
/// ```swift
/// let stepFunctions = StepFunctionsClient(configuration: try AWSConfiguration.load(profile: "ops"))
/// let deployed = try await stepFunctions.deploy(
///     StateMachineDeployment(name: "patch-report", definition: text, roleARN: role))
/// let started = try await stepFunctions.startExecution(
///     stateMachineARN: deployed.stateMachineARN, input: ["InstanceId": "i-0abc"])
/// let execution = try await stepFunctions.follow(executionARN: started.executionARN, clock: SystemClock())
/// ```
///
/// Every call throws ``StepFunctionsError`` with the API's error code.
public struct StepFunctionsClient: Sendable {
    let client: AWSClient

    /// Creates a client for the configuration's account and region.
    public init(configuration: AWSConfiguration, httpClient: any HTTPClient = URLSessionHTTPClient()) {
        client = AWSClient(configuration: configuration, httpClient: httpClient)
    }

    /// The region calls go to.
    public var region: String { client.configuration.region }

    /// Calls a Step Functions operation with a body in the API's form.
    func call(
        _ operation: String, _ body: JSONObject, hostPrefix: String? = nil
    ) async throws(StepFunctionsError) -> JSONValue {
        do {
            return try await client.callJSON(
                service: "sfn", operation: operation, body: .object(body), hostPrefix: hostPrefix)
        } catch {
            // A cancelled request surfaces as a transport error; report the cancellation instead.
            throw Task.isCancelled ? .cancelled : StepFunctionsError.from(error)
        }
    }

    /// The account the credentials belong to (STS `GetCallerIdentity`, which needs no permission).
    public func callerAccount() async throws(StepFunctionsError) -> String {
        let identity: JSONValue
        do {
            identity = try await client.call(service: "sts", action: "getCallerIdentity", parameters: [:])
        } catch {
            throw StepFunctionsError.from(error)
        }
        guard let account = identity["Account"]?.stringValue else {
            throw StepFunctionsError(
                code: StepFunctionsError.invalidRequestCode,
                message: "STS GetCallerIdentity answered without an account: \(identity.jsonString())")
        }
        return account
    }

    /// The ARN a state machine named `name` has in the configured account and region.
    public func stateMachineARN(named name: String) async throws(StepFunctionsError) -> StateMachineARN {
        StateMachineARN(region: region, account: try await callerAccount(), name: name)
    }

    /// `DescribeStateMachine`: the state machine (or version) with this ARN.
    ///
    /// - Throws: `StateMachineDoesNotExist` when there is none.
    public func describeStateMachine(arn: String) async throws(StepFunctionsError) -> RemoteStateMachine {
        try RemoteStateMachine(describeOutput: try await call("DescribeStateMachine", ["stateMachineArn": .string(arn)]))
    }

    /// `DescribeStateMachine`, or `nil` when it does not exist.
    func existingStateMachine(arn: String) async throws(StepFunctionsError) -> RemoteStateMachine? {
        do throws(StepFunctionsError) {
            return try await describeStateMachine(arn: arn)
        } catch where error.code == "StateMachineDoesNotExist" {
            return nil
        }
    }

    /// `ListStateMachines`, every page: the names and ARNs of the region's state machines.
    public func stateMachines() async throws(StepFunctionsError) -> [(name: String, arn: String)] {
        var machines: [(name: String, arn: String)] = []
        var token: String?
        repeat {
            var body: JSONObject = ["maxResults": 1000]
            if let token { body["nextToken"] = .string(token) }
            let page = try await call("ListStateMachines", body)
            for item in page["stateMachines"]?.arrayValue ?? [] {
                if let name = item["name"]?.stringValue, let arn = item["stateMachineArn"]?.stringValue {
                    machines.append((name, arn))
                }
            }
            token = page["nextToken"]?.stringValue
        } while token != nil
        return machines
    }

    /// The state machine a user names: an ARN (also of a version or alias) as it is, or a name in the
    /// configured account and region.
    ///
    /// A name becomes `arn:<partition>:states:<region>:<account>:stateMachine:<name>` with the account
    /// from STS `GetCallerIdentity`: one call, where `ListStateMachines` would page through every
    /// state machine of the region.
    ///
    /// - Returns: the ARN to start executions of, and the (unqualified) state machine it belongs to.
    /// - Throws: `StateMachineDoesNotExist` when there is none.
    public func resolveStateMachine(
        _ nameOrARN: String
    ) async throws(StepFunctionsError) -> (startARN: String, stateMachine: RemoteStateMachine) {
        let arn: StateMachineARN
        if nameOrARN.hasPrefix("arn:") {
            guard let parsed = StateMachineARN(parsing: nameOrARN) else {
                throw StepFunctionsError(
                    code: "InvalidArn",
                    message:
                        "'\(nameOrARN)' is not a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>)")
            }
            arn = parsed
        } else {
            arn = try await stateMachineARN(named: nameOrARN)
        }
        return (arn.description, try await describeStateMachine(arn: arn.unqualified.description))
    }
}
