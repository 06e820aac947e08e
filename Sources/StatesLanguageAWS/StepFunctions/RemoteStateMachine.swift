import Foundation
import StatesLanguage

/// A state machine deployed in AWS Step Functions, as `DescribeStateMachine` returns it.
public struct RemoteStateMachine: Sendable, Hashable {
    /// The state machine's ARN (unqualified).
    public var arn: String
    /// The name.
    public var name: String
    /// `STANDARD` or `EXPRESS`.
    public var type: StateMachineType
    /// `ACTIVE` or `DELETING`.
    public var status: String?
    /// The IAM role executions run as.
    public var roleARN: String
    /// The definition text.
    public var definition: String
    /// The current revision's id, if the service reports one.
    public var revisionID: String?

    /// Creates a value.
    public init(
        arn: String, name: String, type: StateMachineType, status: String? = nil, roleARN: String, definition: String,
        revisionID: String? = nil
    ) {
        self.arn = arn
        self.name = name
        self.type = type
        self.status = status
        self.roleARN = roleARN
        self.definition = definition
        self.revisionID = revisionID
    }

    /// Reads a `DescribeStateMachine` response (wire form, camelCase members).
    init(describeOutput output: JSONValue) throws(StepFunctionsError) {
        guard let arn = output["stateMachineArn"]?.stringValue, let name = output["name"]?.stringValue else {
            throw StepFunctionsError(
                code: StepFunctionsError.invalidRequestCode,
                message: "DescribeStateMachine answered without stateMachineArn and name: \(output.jsonString())")
        }
        self.init(
            arn: arn, name: name,
            type: output["type"]?.stringValue.flatMap(StateMachineType.init(rawValue:)) ?? .standard,
            status: output["status"]?.stringValue, roleARN: output["roleArn"]?.stringValue ?? "",
            definition: output["definition"]?.stringValue ?? "", revisionID: output["revisionId"]?.stringValue)
    }
}
