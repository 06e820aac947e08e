import StatesLanguage

/// Turns XML responses (query, ec2, rest-xml) into the JSON Step Functions returns: PascalCase
/// member names, lists unwrapped from `<member>` / `<item>`, numbers and Booleans typed.
///
/// `<reservationSet><item>…</item></reservationSet>` under `DescribeInstancesResponse` becomes
/// `{"Reservations": [{…}]}`.
struct XMLShapeDecoding {
    let model: ServiceModel
    var timestamps: AWSTimestamp.Rendering = .iso8601

    /// The JSON for the structure `shapeName` read from `element`'s children.
    func structure(_ element: XMLElement, shapeName: String) -> JSONValue {
        var ref = ServiceModel.ShapeRef()
        ref.shapeName = shapeName
        return value(element, ref: ref)
    }

    func value(_ element: XMLElement, ref: ServiceModel.ShapeRef) -> JSONValue {
        if let scalar = ref.scalar { return Self.scalar(timestamps: timestamps, element.text, scalar) }
        guard let shape = model.shape(ref) else { return .string(element.text) }
        switch shape.kind {
        case .structure:
            var out = JSONObject()
            for (name, memberRef) in shape.members where memberRef.location == nil {
                let wireName = memberRef.locationName ?? name
                let key = ShapeFieldNames.fieldName(forMember: name)
                if memberRef.isXMLAttribute {
                    if let text = element.attributes.first(where: { $0.key.hasSuffix(wireName) })?.value {
                        out[key] = Self.scalar(timestamps: timestamps, text, memberRef.scalar ?? .string)
                    }
                    continue
                }
                if let target = model.shape(memberRef), target.isFlattened || memberRef.isFlattened {
                    let itemName: String
                    switch target.kind {
                    case .list: itemName = target.member?.locationName ?? wireName
                    default: itemName = wireName
                    }
                    let matches = element.children.filter { $0.name == itemName || $0.name == wireName }
                    guard !matches.isEmpty else { continue }
                    out[key] = flattened(matches, shape: target)
                } else if let child = element.child(wireName) {
                    out[key] = value(child, ref: memberRef)
                }
            }
            return .object(out)
        case .list:
            guard let member = shape.member else { return .array([]) }
            return .array(element.children.map { value($0, ref: member) })
        case .map:
            return map(element.children, shape: shape)
        }
    }

    private func flattened(_ elements: [XMLElement], shape: ServiceModel.Shape) -> JSONValue {
        switch shape.kind {
        case .list:
            guard let member = shape.member else { return .array([]) }
            return .array(elements.map { value($0, ref: member) })
        case .map:
            return map(elements, shape: shape)
        case .structure:
            return elements.first.map { value($0, ref: ServiceModel.ShapeRef()) } ?? .null
        }
    }

    /// Map entries: `<entry><key>k</key><value>v</value></entry>` (names from the model).
    private func map(_ entries: [XMLElement], shape: ServiceModel.Shape) -> JSONValue {
        guard let keyRef = shape.key, let valueRef = shape.value else { return .object(JSONObject()) }
        var out = JSONObject()
        for entry in entries {
            guard let key = entry.child(keyRef.locationName ?? "key")?.text else { continue }
            out[key] = entry.child(valueRef.locationName ?? "value").map { value($0, ref: valueRef) } ?? .null
        }
        return .object(out)
    }

    /// A scalar's text as typed JSON; text that does not parse as its type stays a string.
    static func scalar(timestamps: AWSTimestamp.Rendering = .iso8601, _ text: String, _ scalar: ServiceModel.Scalar)
        -> JSONValue
    {
        switch scalar {
        case .integer, .long, .biginteger:
            if let number = Int64(text) { return .number(.integer(number)) }
        case .double, .float, .bigdecimal:
            if let number = Double(text) { return .number(JSONNumber(normalizing: number)) }
        case .boolean:
            if text == "true" { return .bool(true) }
            if text == "false" { return .bool(false) }
        case .timestamp:
            if let date = AWSTimestamp.date(fromText: text) { return AWSTimestamp.render(date, timestamps) }
        case .string, .blob:
            break
        }
        return .string(text)
    }
}
