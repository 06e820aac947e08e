import StatesLanguage

/// How Step Functions names the fields of SDK shapes: PascalCase member names, even where the
/// service's own API is camelCase (`StateMachineArn` for `stateMachineArn`), and `EqualsValue`
/// for members named `Equals`.
/// https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
enum ShapeFieldNames {
    /// The field name Step Functions uses for a member.
    static func fieldName(forMember member: String) -> String {
        if member == "Equals" || member == "equals" { return "EqualsValue" }
        guard let first = member.first else { return member }
        return first.uppercased() + member.dropFirst()
    }

    /// The structure's members present in `object`, matched by Step Functions field name (or the
    /// member name itself), in the object's order.
    ///
    /// - Throws: ``AWSRequestError`` for a field the structure does not have.
    static func members(
        of object: JSONObject, in shape: ServiceModel.Shape, path: String
    ) throws(AWSRequestError) -> [(name: String, ref: ServiceModel.ShapeRef, value: JSONValue)] {
        var result: [(name: String, ref: ServiceModel.ShapeRef, value: JSONValue)] = []
        for (key, value) in object {
            guard let member = shape.members.first(where: { fieldName(forMember: $0.name) == key || $0.name == key })
            else {
                let known = shape.members.map { fieldName(forMember: $0.name) }.joined(separator: ", ")
                throw AWSRequestError("The field '\(key)' at \(path) is not supported; the fields are: \(known)")
            }
            if case .null = value { continue }
            result.append((member.name, member.ref, value))
        }
        return result
    }
}
