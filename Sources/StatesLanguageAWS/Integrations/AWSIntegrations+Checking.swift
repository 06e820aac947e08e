import StatesLanguage

/// A Task whose AWS call Step Functions would reject when the state machine is created: an
/// unknown service or action, or a parameter the operation does not have.
public struct AWSDefinitionProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where in the definition, as `States.<name>.Parameters` (nested states included).
    public var path: String
    /// What is wrong.
    public var message: String

    /// Creates a problem.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}

extension AWSIntegrations {
    /// Checks the AWS Tasks of a definition against the service models, as Step Functions does
    /// when a state machine is created: the service and action of `aws-sdk` and optimized
    /// resources must exist, and the top-level fields of `Parameters` / `Arguments` (with or
    /// without `.$`) must be the operation's.
    ///
    /// ```swift
    /// for problem in AWSIntegrations.problems(in: try JSONValue(parsing: text)) { print(problem) }
    /// // States.Reboot.Parameters: The field 'InstanceId' is not supported by ec2:rebootInstances; …
    /// ```
    ///
    /// - Parameter definition: the state machine definition as JSON.
    /// - Returns: the problems, in document order; empty when every AWS Task is well formed.
    public static func problems(in definition: JSONValue) -> [AWSDefinitionProblem] {
        var problems: [AWSDefinitionProblem] = []
        check(states: definition["States"], path: "States", into: &problems)
        return problems
    }

    private static func check(states: JSONValue?, path: String, into problems: inout [AWSDefinitionProblem]) {
        for (name, state) in states?.objectValue ?? JSONObject() {
            let statePath = "\(path).\(name)"
            for (index, branch) in (state["Branches"]?.arrayValue ?? []).enumerated() {
                check(states: branch["States"], path: "\(statePath).Branches[\(index)].States", into: &problems)
            }
            for key in ["Iterator", "ItemProcessor"] {
                check(states: state[key]?["States"], path: "\(statePath).\(key).States", into: &problems)
            }
            guard state["Type"] == "Task", let text = state["Resource"]?.stringValue,
                let resource = try? ResourceARN(text), resource.kind == .awsSDK || resource.kind == .optimized,
                let service = resource.service, let action = resource.action
            else { continue }
            guard let model = ServiceModel.named(service) else {
                if resource.kind == .awsSDK {
                    problems.append(
                        AWSDefinitionProblem(
                            path: "\(statePath).Resource", message: "The service '\(service)' is not supported here."))
                }
                continue
            }
            guard let operation = model.operation(named: ShapeFieldNames.fieldName(forMember: action)) else {
                problems.append(
                    AWSDefinitionProblem(
                        path: "\(statePath).Resource", message: "'\(action)' is not an action of \(model.serviceID)."))
                continue
            }
            let fieldsKey = state["Arguments"] != nil ? "Arguments" : "Parameters"
            guard case .object(let fields) = state[fieldsKey], let inputName = operation.input,
                let shape = model.shapes[inputName]
            else { continue }
            let known = Set(shape.members.flatMap { [ShapeFieldNames.fieldName(forMember: $0.name), $0.name] })
            for key in fields.keys {
                let field = key.hasSuffix(".$") ? String(key.dropLast(2)) : key
                guard !known.contains(field) else { continue }
                let valid = shape.members.map { ShapeFieldNames.fieldName(forMember: $0.name) }.joined(separator: ", ")
                problems.append(
                    AWSDefinitionProblem(
                        path: "\(statePath).\(fieldsKey)",
                        message:
                            "The field '\(field)' is not supported by \(service):\(action); the fields are: \(valid)"))
            }
        }
    }
}
