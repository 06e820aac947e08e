import StatesLanguage

extension AWSIntegrations {
    /// Checks a mocked task result against the response shape of the task's AWS operation, as
    /// TestState's `fieldValidationMode` asks: every field must be one of the operation's response
    /// fields, with a value of its type (strings, numbers, Booleans, objects, lists), at every depth.
    ///
    /// `STRICT` also asks AWS to check that required fields are present; the bundled service models
    /// do not record which fields are required, so `STRICT` checks what `PRESENT` checks. Resources
    /// without a bundled model, `.sync` and `.waitForTaskToken` results are not checked.
    ///
    /// ```swift
    /// let problems = AWSIntegrations.mockProblems(
    ///     resource: try ResourceARN("arn:aws:states:::aws-sdk:ec2:describeInstances"),
    ///     result: ["Reservations": "none"], mode: .present)
    /// // ["Reservations: expected a list, got a string"]
    /// ```
    ///
    /// - Returns: the problems, as `path: what is wrong`; empty when the result conforms.
    public static func mockProblems(resource: ResourceARN, result: JSONValue, mode: StateTest.Mock.FieldValidationMode)
        -> [String]
    {
        guard mode != .none, resource.kind == .awsSDK || resource.kind == .optimized,
            resource.integrationPattern == .requestResponse, let service = resource.service,
            let action = resource.action, let model = ServiceModel.named(service),
            let operation = model.operation(named: ShapeFieldNames.fieldName(forMember: action)),
            let outputName = operation.output, let shape = model.shapes[outputName]
        else { return [] }
        var problems: [String] = []
        check(result, against: shape, in: model, path: "", into: &problems, topLevel: true)
        return problems
    }

    private static func check(
        _ value: JSONValue, against shape: ServiceModel.Shape, in model: ServiceModel, path: String,
        into problems: inout [String], topLevel: Bool = false
    ) {
        switch shape.kind {
        case .structure:
            guard case .object(let object) = value else {
                problems.append("\(path.isEmpty ? "the result" : path): expected an object, got \(value.typeName)")
                return
            }
            for (key, field) in object {
                let fieldPath = path.isEmpty ? key : "\(path).\(key)"
                // Step Functions adds the HTTP metadata to the results of AWS SDK integrations.
                if topLevel, key == "SdkHttpMetadata" || key == "SdkResponseMetadata" { continue }
                guard let member = shape.members.first(where: { ShapeFieldNames.fieldName(forMember: $0.name) == key || $0.name == key })
                else {
                    problems.append("\(fieldPath): not a field of the response")
                    continue
                }
                check(field, against: member.ref, in: model, path: fieldPath, into: &problems)
            }
        case .list:
            guard case .array(let items) = value else {
                problems.append("\(path): expected a list, got \(value.typeName)")
                return
            }
            guard let member = shape.member else { return }
            for (index, item) in items.enumerated() {
                check(item, against: member, in: model, path: "\(path)[\(index)]", into: &problems)
            }
        case .map:
            guard case .object(let object) = value else {
                problems.append("\(path): expected an object, got \(value.typeName)")
                return
            }
            guard let member = shape.value else { return }
            for (key, item) in object { check(item, against: member, in: model, path: "\(path).\(key)", into: &problems) }
        }
    }

    private static func check(
        _ value: JSONValue, against ref: ServiceModel.ShapeRef, in model: ServiceModel, path: String,
        into problems: inout [String]
    ) {
        if ref.isJSONValue || value.isNull { return }
        if let shape = model.shape(ref) {
            check(value, against: shape, in: model, path: path, into: &problems)
            return
        }
        let fits: Bool
        switch ref.scalar {
        case .string: fits = value.stringValue != nil
        case .integer, .long, .double, .float, .bigdecimal, .biginteger: fits = value.numberValue != nil
        case .boolean: fits = value.boolValue != nil
        case .timestamp: fits = value.stringValue != nil || value.numberValue != nil
        case .blob, nil: fits = true
        }
        if !fits { problems.append("\(path): expected a \(ref.scalar?.rawValue ?? "value"), got \(value.typeName)") }
    }
}
