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
/// - `STRICT` also wants the required fields. The bundled models do not record which fields
///   are required, so only the results whose required fields Step Functions documents are
///   checked for them (`states:startExecution`); ``checksRequiredFields(of:)`` tells which.
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

    /// The required fields of optimized integrations' results that Step Functions documents and
    /// the bundled models do not record.
    private static let requiredFields: [String: [String]] = [
        "states:startExecution": ["ExecutionArn", "StartDate"]
    ]

    /// The aws-sdk names of services whose optimized integrations are named differently.
    private static let optimizedServiceNames: [String: String] = ["states": "sfn", "events": "eventbridge"]

    /// Fields of optimized integrations' results that hold any JSON, whatever the API says.
    private static let anyJSONFields: [String: Set<String>] = [
        "lambda:invoke": ["Payload"]
    ]

    /// Whether `STRICT` can check the required fields of `resource`'s results: only where Step
    /// Functions documents them, since the bundled models do not record which fields are required.
    ///
    /// - Returns: `true` for resources whose required fields are checked, or whose results have no
    ///   shape to check; `false` for the other AWS integrations.
    public func checksRequiredFields(of resource: ResourceARN) -> Bool {
        guard resource.kind == .awsSDK || resource.kind == .optimized, resource.integrationPattern == .requestResponse,
            let service = resource.service, let action = resource.action
        else { return true }
        return resource.kind == .optimized && Self.requiredFields["\(service):\(action)"] != nil
    }

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
        var walk = ShapeWalk(
            model: model, operation: operationLabel,
            anyJSONFields: resource.kind == .optimized ? Self.anyJSONFields[key] ?? [] : [])
        if mode == .strict, resource.kind == .optimized, let required = Self.requiredFields[key] {
            walk.checkRequired(required, in: result)
        }
        walk.check(result, against: shape, named: outputName, at: FieldPath(), isTop: true)
        return walk.problems
    }
}

/// One walk of a result against a shape, collecting problems.
private struct ShapeWalk {
    let model: ServiceModel
    let operation: String
    let anyJSONFields: Set<String>
    var problems: [ResultShapeProblem] = []

    mutating func checkRequired(_ required: [String], in result: JSONValue) {
        guard case .object(let object) = result else { return }
        for name in required where object[name] == nil {
            problems.append(
                ResultShapeProblem(
                    .mismatch, at: FieldPath([.key(name)]),
                    "the required field '\(name)' is missing (\(operation) requires \(required.joined(separator: ", ")))"))
        }
    }

    mutating func check(_ value: JSONValue, against shape: ServiceModel.Shape, named name: String, at path: FieldPath, isTop: Bool = false) {
        switch shape.kind {
        case .structure:
            guard case .object(let object) = value else {
                mismatch(at: path, expected: "an object (\(name))", got: value)
                return
            }
            for (key, field) in object {
                let fieldPath = path.appending(key)
                guard let member = shape.members.first(where: { ShapeFieldNames.fieldName(forMember: $0.name) == key }) else {
                    // Step Functions adds the HTTP metadata to the results of AWS SDK integrations.
                    if isTop, key == "SdkHttpMetadata" || key == "SdkResponseMetadata" { continue }
                    let names = shape.members.map { ShapeFieldNames.fieldName(forMember: $0.name) }
                    let guess = Suggestion.closest(to: key, among: names).map { "did you mean '\($0)'? " } ?? ""
                    problems.append(
                        ResultShapeProblem(
                            .note, at: fieldPath,
                            "accepted, as AWS accepts it, but \(name) has no field '\(key)' (\(guess)its fields: \(names.isEmpty ? "none" : names.joined(separator: ", ")))"
                        ))
                    continue
                }
                if isTop, anyJSONFields.contains(key) { continue }
                check(field, against: member.ref, at: fieldPath)
            }
        case .list:
            guard case .array(let items) = value else {
                mismatch(at: path, expected: "an array\(shape.member.map { " (items: \(describe($0)))" } ?? "")", got: value)
                return
            }
            guard let member = shape.member else { return }
            for (index, item) in items.enumerated() { check(item, against: member, at: path.appending(index: index)) }
        case .map:
            guard case .object(let object) = value else {
                mismatch(at: path, expected: "an object (a map\(shape.value.map { "; values: \(describe($0))" } ?? ""))", got: value)
                return
            }
            guard let member = shape.value else { return }
            for (key, item) in object { check(item, against: member, at: path.appending(key)) }
        }
    }

    mutating func check(_ value: JSONValue, against ref: ServiceModel.ShapeRef, at path: FieldPath) {
        if ref.isJSONValue { return }
        if let shapeName = ref.shapeName {
            guard let shape = model.shapes[shapeName] else { return }
            check(value, against: shape, named: shapeName, at: path)
            return
        }
        guard let scalar = ref.scalar else { return }
        let fits: Bool
        switch (scalar, value) {
        case (.string, .string), (.timestamp, .string), (.blob, .string), (.boolean, .bool): fits = true
        case (.integer, .number(let number)), (.long, .number(let number)), (.biginteger, .number(let number)):
            fits = number.isIntegral
        case (.double, .number), (.float, .number), (.bigdecimal, .number): fits = true
        default: fits = false
        }
        if !fits { mismatch(at: path, expected: describe(ref), got: value) }
    }

    /// What a reference allows, in words: `a string (timestamp)`, `an object (Instance)`.
    func describe(_ ref: ServiceModel.ShapeRef) -> String {
        if ref.isJSONValue { return "any JSON value" }
        if let shapeName = ref.shapeName {
            switch model.shapes[shapeName]?.kind {
            case .structure?: return "an object (\(shapeName))"
            case .list?: return "an array"
            case .map?: return "an object (a map)"
            case nil: return shapeName
            }
        }
        switch ref.scalar {
        case .string?: return "a string"
        case .timestamp?: return "a string (timestamp)"
        case .blob?: return "a string (base64 data)"
        case .boolean?: return "a boolean"
        case .integer?, .long?, .biginteger?: return "an integer"
        case .double?, .float?, .bigdecimal?: return "a number"
        case nil: return "a value"
        }
    }

    mutating func mismatch(at path: FieldPath, expected: String, got value: JSONValue) {
        let got: String
        switch value {
        case .number(let number) where !number.isIntegral: got = "a fractional number"
        case .array: got = "an array"
        case .object: got = "an object"
        case .null: got = "null"
        default: got = "a \(value.typeName)"
        }
        problems.append(ResultShapeProblem(.mismatch, at: path, "must be \(expected), got \(got)"))
    }
}
