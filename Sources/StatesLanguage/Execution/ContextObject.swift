import Foundation

/// The execution-wide part of the context object (`$$`), built once per execution.
struct ContextObject: Sendable {
    let executionARN: String
    let executionName: String
    let stateMachineARN: String
    let stateMachineName: String
    let roleARN: String
    let input: JSONValue
    let startTime: Date
    private let execution: JSONValue
    private let stateMachine: JSONValue

    init(
        executionARN: String, executionName: String, stateMachineARN: String, stateMachineName: String,
        roleARN: String, input: JSONValue, startTime: Date
    ) {
        self.executionARN = executionARN
        self.executionName = executionName
        self.stateMachineARN = stateMachineARN
        self.stateMachineName = stateMachineName
        self.roleARN = roleARN
        self.input = input
        self.startTime = startTime
        execution = [
            "Id": .string(executionARN), "Input": input, "Name": .string(executionName),
            "RoleArn": .string(roleARN), "StartTime": .string(Timestamp.format(startTime)), "RedriveCount": 0,
        ]
        stateMachine = ["Id": .string(stateMachineARN), "Name": .string(stateMachineName)]
    }

    /// The context object as a state sees it.
    func value(
        stateName: String, enteredTime: Date, retryCount: Int, taskToken: String? = nil,
        mapItem: (index: Int, value: JSONValue)? = nil
    ) -> JSONValue {
        var object = JSONObject()
        object.appendUnchecked(execution, forKey: "Execution")
        object.appendUnchecked(
            [
                "EnteredTime": .string(Timestamp.format(enteredTime)), "Name": .string(stateName),
                "RetryCount": .integer(retryCount),
            ], forKey: "State")
        object.appendUnchecked(stateMachine, forKey: "StateMachine")
        if let taskToken { object.appendUnchecked(["Token": .string(taskToken)], forKey: "Task") }
        if let mapItem {
            object.appendUnchecked(["Item": ["Index": .integer(mapItem.index), "Value": mapItem.value]], forKey: "Map")
        }
        return .object(object)
    }
}
