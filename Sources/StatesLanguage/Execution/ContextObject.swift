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
    /// For a redriven execution: how many times it was redriven, and when last.
    let redrive: (count: Int, date: Date)?
    private let execution: JSONValue
    private let stateMachine: JSONValue
    /// Fields merged over the built object (TestState's injected context).
    private let overrides: JSONObject?

    init(
        executionARN: String, executionName: String, stateMachineARN: String, stateMachineName: String,
        roleARN: String, input: JSONValue, startTime: Date, redrive: (count: Int, date: Date)? = nil,
        overrides: JSONObject? = nil
    ) {
        self.overrides = overrides
        self.executionARN = executionARN
        self.executionName = executionName
        self.stateMachineARN = stateMachineARN
        self.stateMachineName = stateMachineName
        self.roleARN = roleARN
        self.input = input
        self.startTime = startTime
        self.redrive = redrive
        execution = Self.execution(
            arn: executionARN, name: executionName, roleARN: roleARN, input: input, startTime: startTime,
            redrive: redrive)
        stateMachine = ["Id": .string(stateMachineARN), "Name": .string(stateMachineName)]
    }

    /// `$$.Execution` as a state run under `redrive` sees it.
    private static func execution(
        arn: String, name: String, roleARN: String, input: JSONValue, startTime: Date, redrive: (count: Int, date: Date)?
    ) -> JSONValue {
        // Key order as AWS returns the context object.
        var execution: JSONObject = [
            "Id": .string(arn), "Input": input, "StartTime": .string(Timestamp.format(startTime)),
            "Name": .string(name), "RoleArn": .string(roleARN), "RedriveCount": .integer(redrive?.count ?? 0),
        ]
        if let redrive { execution["RedriveTime"] = .string(Timestamp.format(redrive.date)) }
        return .object(execution)
    }

    /// The context object as a state sees it.
    ///
    /// - Parameters:
    ///   - retryCount: `State.RetryCount`, present only for states that can retry (AWS leaves it out of, for
    ///     example, a Pass state's context).
    ///   - earlierRun: for a step a replay serves from an earlier run of the execution, the redrive that
    ///     run was (`.some(nil)` for the first run), so the step sees the `RedriveCount` and `RedriveTime`
    ///     it saw then; `nil` for a step that runs now.
    func value(
        stateName: String, enteredTime: Date, retryCount: Int?, taskToken: String? = nil,
        mapItem: (index: Int, value: JSONValue)? = nil, earlierRun: (count: Int, date: Date)?? = nil
    ) -> JSONValue {
        var object = JSONObject()
        if let earlierRun {
            object.appendUnchecked(
                Self.execution(
                    arn: executionARN, name: executionName, roleARN: roleARN, input: input, startTime: startTime,
                    redrive: earlierRun), forKey: "Execution")
        } else {
            object.appendUnchecked(execution, forKey: "Execution")
        }
        object.appendUnchecked(stateMachine, forKey: "StateMachine")
        var state: JSONObject = ["Name": .string(stateName), "EnteredTime": .string(Timestamp.format(enteredTime))]
        if let retryCount { state.appendUnchecked(.integer(retryCount), forKey: "RetryCount") }
        object.appendUnchecked(.object(state), forKey: "State")
        if let taskToken { object.appendUnchecked(["Token": .string(taskToken)], forKey: "Task") }
        if let mapItem {
            object.appendUnchecked(["Item": ["Index": .integer(mapItem.index), "Value": mapItem.value]], forKey: "Map")
        }
        guard let overrides else { return .object(object) }
        return Self.merge(overrides, into: .object(object))
    }

    /// `base` with the fields of `overrides` set, objects merged key by key.
    static func merge(_ overrides: JSONObject, into base: JSONValue) -> JSONValue {
        guard case .object(var object) = base else { return .object(overrides) }
        for (key, value) in overrides {
            if case .object(let inner) = value, let existing = object[key], case .object = existing {
                object[key] = merge(inner, into: existing)
            } else {
                object[key] = value
            }
        }
        return .object(object)
    }
}
