import StatesLanguage

/// Checks task results against the response shapes of the bundled AWS service models, as AWS's
/// `TestState` checks a mocked result under `mock.fieldValidationMode`.
///
/// What is checked, following AWS's `TestState` (see Docs/Compatibility.md):
///
/// - `aws-sdk:service:action` and the request-response optimized integrations
///   (`arn:aws:states:::sns:publish`, `dynamodb:getItem`, `lambda:invoke`, …) are held to the
///   output shape of the operation, with fields named as Step Functions names them (PascalCase,
///   `EqualsValue` for `Equals`); a camelCase member name is not that field.
/// - Every field the shape has must be of its type, at every depth: objects, arrays, maps,
///   strings (timestamps and blobs are strings), integers, numbers, Booleans; `null` fits none.
/// - Fields the shape does not have are accepted, as AWS accepts them, with a note naming the
///   fields the shape has (a misspelt name is usually the cause).
/// - A string must be one of the API's enum values where the model lists them, strings and blobs
///   at least their minimum length (characters; a blob's base64-decoded bytes), numbers within
///   their range, in `STRICT` and `PRESENT` alike. Maximum lengths and the item counts of lists
///   and maps are not checked: real responses break them, and the bundled models do not keep them.
/// - `STRICT` also wants every field the model marks required, in every object the walk reaches
///   (the result itself, nested structures, structures inside arrays and maps); `PRESENT` does not.
/// - `lambda:invoke`'s `Payload` may be any JSON: the optimized integration hands the state the
///   function's parsed output, where the Lambda API has a string.
/// - Results of `.sync` integrations, of services without a bundled model, and of operations a
///   model does not have are not checked, with a note; callback (`.waitForTaskToken`) results,
///   Lambda function ARNs, activities and other resources have no shape and are not checked.
///
/// ```swift
/// let problems = AWSResultShapes().problems(
///     in: ["Reservations": "none"], from: try ResourceARN("arn:aws:states:::aws-sdk:ec2:describeInstances"),
///     mode: .strict)
/// // [$.Reservations: must be an array (items: an object (Reservation)), got a string, …]
/// ```
public struct AWSResultShapes: TaskResultChecker {
    /// Creates a checker over the bundled service models.
    public init() {}

    /// The aws-sdk names of services whose optimized integrations are named differently.
    private static let optimizedServiceNames: [String: String] = ["states": "sfn", "events": "eventbridge"]

    /// Fields of optimized integrations' results that hold any JSON, whatever the API says.
    private static let anyJSONFields: [String: Set<String>] = [
        "lambda:invoke": ["Payload"]
    ]

    /// The ways `result` does not fit `resource`'s response shape under `mode`; see the type's discussion.
    public func problems(
        in result: JSONValue, from resource: ResourceARN, mode: StateTest.Mock.FieldValidationMode
    ) -> [ResultShapeProblem] {
        guard mode != .none, resource.kind == .awsSDK || resource.kind == .optimized, let service = resource.service,
            let action = resource.action
        else { return [] }
        let operationLabel = "\(resource.kind == .awsSDK ? "aws-sdk:" : "")\(service):\(action)"
        switch resource.integrationPattern {
        case .waitForTaskToken:
            return []
        case .sync, .syncJSON:
            return [
                ResultShapeProblem(
                    .note,
                    "not checked: AWS does not document which shape a mocked \(operationLabel)\(resource.integrationPattern.rawValue) result is held to"
                )
            ]
        case .requestResponse:
            break
        }
        let modelName = resource.kind == .optimized ? Self.optimizedServiceNames[service] ?? service : service
        guard let model = ServiceModel.named(modelName) else {
            return [ResultShapeProblem(.note, "not checked: sfnrun has no model of the service '\(service)'")]
        }
        let operationName = ShapeFieldNames.fieldName(forMember: action)
        guard let operation = model.operation(named: operationName) else {
            return [
                ResultShapeProblem(
                    .note, "not checked: the model of '\(service)' has no operation \(operationName)")
            ]
        }
        guard let outputName = operation.output, let shape = model.shapes[outputName] else { return [] }
        let key = "\(service):\(action)"
        var walk = ResultShapeWalk(
            model: model, wantsRequiredFields: mode == .strict,
            anyJSONFields: resource.kind == .optimized ? Self.anyJSONFields[key] ?? [] : [])
        walk.check(result, against: shape, named: outputName, at: FieldPath(), isTop: true)
        return walk.problems
    }
}
