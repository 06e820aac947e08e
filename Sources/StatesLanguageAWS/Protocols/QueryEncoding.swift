import StatesLanguage

/// Flattens Step Functions parameters into the form fields of the `query` and `ec2` protocols.
///
/// `query`: members by `locationName` or name; lists as `Name.member.N` (`Name.N` when flattened,
/// with the element's `locationName` replacing the last part); maps as
/// `Name.entry.N.key` / `.value`; an empty list as `Name=`.
/// `ec2`: members by `queryName`, else the capitalised `locationName`, else the name; every list
/// as `Name.N`; empty lists are left out.
struct QueryEncoding {
    let model: ServiceModel
    var isEC2: Bool { model.wireProtocol == .ec2 }

    /// The fields for `operation` with `input`, starting with `Action` and `Version`.
    func fields(operation: ServiceModel.Operation, input: JSONValue) throws(AWSRequestError) -> [(String, String)] {
        var fields = [("Action", operation.name), ("Version", model.apiVersion)]
        if let inputName = operation.input {
            var ref = ServiceModel.ShapeRef()
            ref.shapeName = inputName
            try encode(input, ref: ref, prefix: "", path: "Parameters", into: &fields)
        }
        return fields
    }

    /// The form body: fields percent-encoded as `application/x-www-form-urlencoded`.
    static func formBody(_ fields: [(String, String)]) -> String {
        fields.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
    }

    private func join(_ prefix: String, _ name: String) -> String { prefix.isEmpty ? name : "\(prefix).\(name)" }

    private func memberName(_ name: String, _ ref: ServiceModel.ShapeRef) -> String {
        guard isEC2 else { return ref.locationName ?? name }
        if let queryName = ref.queryName { return queryName }
        if let location = ref.locationName, let first = location.first {
            return first.uppercased() + location.dropFirst()
        }
        return name
    }

    private func encode(
        _ value: JSONValue, ref: ServiceModel.ShapeRef, prefix: String, path: String,
        into fields: inout [(String, String)]
    ) throws(AWSRequestError) {
        if let scalar = ref.scalar {
            fields.append((prefix, try text(of: value, scalar: scalar, path: path)))
            return
        }
        guard let shape = model.shape(ref) else { return }
        switch shape.kind {
        case .structure:
            guard case .object(let object) = value else {
                throw AWSRequestError("\(path) must be an object, got \(value.typeName)")
            }
            for (name, memberRef, memberValue) in try ShapeFieldNames.members(of: object, in: shape, path: path) {
                try encode(
                    memberValue, ref: memberRef, prefix: join(prefix, memberName(name, memberRef)),
                    path: "\(path).\(ShapeFieldNames.fieldName(forMember: name))", into: &fields)
            }
        case .list:
            guard case .array(let items) = value else {
                throw AWSRequestError("\(path) must be an array, got \(value.typeName)")
            }
            guard let member = shape.member else { return }
            if items.isEmpty {
                if !isEC2 { fields.append((prefix, "")) }
                return
            }
            let listPrefix: String
            if isEC2 {
                listPrefix = prefix
            } else if shape.isFlattened || ref.isFlattened {
                if let elementName = member.locationName {
                    var parts = prefix.split(separator: ".").map(String.init)
                    if !parts.isEmpty { parts.removeLast() }
                    parts.append(elementName)
                    listPrefix = parts.joined(separator: ".")
                } else {
                    listPrefix = prefix
                }
            } else {
                listPrefix = join(prefix, member.locationName ?? "member")
            }
            for (index, item) in items.enumerated() {
                try encode(
                    item, ref: member, prefix: "\(listPrefix).\(index + 1)", path: "\(path)[\(index)]", into: &fields)
            }
        case .map:
            guard case .object(let object) = value else {
                throw AWSRequestError("\(path) must be an object, got \(value.typeName)")
            }
            guard let keyRef = shape.key, let valueRef = shape.value else { return }
            let entryPrefix = (shape.isFlattened || ref.isFlattened || isEC2) ? prefix : join(prefix, "entry")
            for (index, (key, item)) in object.enumerated() {
                let entry = "\(entryPrefix).\(index + 1)"
                fields.append(("\(entry).\(keyRef.locationName ?? "key")", key))
                try encode(
                    item, ref: valueRef, prefix: "\(entry).\(valueRef.locationName ?? "value")", path: "\(path).\(key)",
                    into: &fields)
            }
        }
    }

    private func text(of value: JSONValue, scalar: ServiceModel.Scalar, path: String) throws(AWSRequestError) -> String
    {
        switch (scalar, value) {
        case (.timestamp, _):
            guard let date = AWSTimestamp.date(from: value) else {
                throw AWSRequestError("\(path) must be a timestamp (ISO 8601 text or epoch seconds), got \(value)")
            }
            return AWSTimestamp.iso8601(date)
        case (.boolean, .bool(let flag)): return flag ? "true" : "false"
        case (_, .string(let text)): return text
        case (_, .number(let number)): return number.description
        case (_, .bool(let flag)): return flag ? "true" : "false"
        case (_, .object), (_, .array): return value.jsonString()
        case (_, .null): return ""
        }
    }
}
