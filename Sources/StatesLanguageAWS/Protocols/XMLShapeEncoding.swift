import StatesLanguage

/// Writes rest-xml request bodies from Step Functions parameters.
struct XMLShapeEncoding {
    let model: ServiceModel

    /// The document for `value` as the element `name` (with the shape's namespace, if any).
    func document(_ value: JSONValue, name: String, ref: ServiceModel.ShapeRef, path: String) throws(AWSRequestError)
        -> String
    {
        var writer = XMLWriter()
        var attributes: [(String, String)] = []
        if let namespace = ref.xmlNamespace ?? model.shape(ref)?.xmlNamespace {
            attributes.append(("xmlns", namespace))
        }
        try write(value, name: name, ref: ref, attributes: attributes, path: path, into: &writer)
        return writer.text
    }

    private func write(
        _ value: JSONValue, name: String, ref: ServiceModel.ShapeRef, attributes: [(String, String)] = [],
        path: String, into writer: inout XMLWriter
    ) throws(AWSRequestError) {
        if let scalar = ref.scalar {
            writer.open(name, attributes: attributes)
            writer.characters(try text(of: value, scalar: scalar, path: path))
            writer.close(name)
            return
        }
        guard let shape = model.shape(ref) else { return }
        switch shape.kind {
        case .structure:
            guard case .object(let object) = value else {
                throw AWSRequestError("\(path) must be an object, got \(value.typeName)")
            }
            let members = try ShapeFieldNames.members(of: object, in: shape, path: path)
            var elementAttributes = attributes
            for (memberName, memberRef, memberValue) in members where memberRef.isXMLAttribute {
                elementAttributes.append(
                    (memberRef.locationName ?? memberName, memberValue.stringValue ?? memberValue.jsonString()))
            }
            writer.open(name, attributes: elementAttributes)
            for (memberName, memberRef, memberValue) in members
            where memberRef.location == nil && !memberRef.isXMLAttribute {
                let childPath = "\(path).\(ShapeFieldNames.fieldName(forMember: memberName))"
                let childName = memberRef.locationName ?? memberName
                if let target = model.shape(memberRef), target.kind == .list,
                    target.isFlattened || memberRef.isFlattened
                {
                    guard case .array(let items) = memberValue, let element = target.member else {
                        throw AWSRequestError("\(childPath) must be an array, got \(memberValue.typeName)")
                    }
                    for (index, item) in items.enumerated() {
                        try write(
                            item, name: element.locationName ?? childName, ref: element, path: "\(childPath)[\(index)]",
                            into: &writer)
                    }
                } else {
                    try write(memberValue, name: childName, ref: memberRef, path: childPath, into: &writer)
                }
            }
            writer.close(name)
        case .list:
            guard case .array(let items) = value, let element = shape.member else {
                throw AWSRequestError("\(path) must be an array, got \(value.typeName)")
            }
            writer.open(name, attributes: attributes)
            for (index, item) in items.enumerated() {
                try write(
                    item, name: element.locationName ?? "member", ref: element, path: "\(path)[\(index)]", into: &writer
                )
            }
            writer.close(name)
        case .map:
            guard case .object(let object) = value, let keyRef = shape.key, let valueRef = shape.value else {
                throw AWSRequestError("\(path) must be an object, got \(value.typeName)")
            }
            writer.open(name, attributes: attributes)
            for (key, item) in object {
                writer.open("entry")
                writer.element(keyRef.locationName ?? "key", text: key)
                try write(
                    item, name: valueRef.locationName ?? "value", ref: valueRef, path: "\(path).\(key)", into: &writer)
                writer.close("entry")
            }
            writer.close(name)
        }
    }

    private func text(of value: JSONValue, scalar: ServiceModel.Scalar, path: String) throws(AWSRequestError) -> String
    {
        if scalar == .timestamp {
            guard let date = AWSTimestamp.date(from: value) else {
                throw AWSRequestError("\(path) must be a timestamp (ISO 8601 text or epoch seconds), got \(value)")
            }
            return AWSTimestamp.iso8601(date)
        }
        switch value {
        case .string(let text): return text
        case .number(let number): return number.description
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return ""
        case .object, .array: return value.jsonString()
        }
    }
}
