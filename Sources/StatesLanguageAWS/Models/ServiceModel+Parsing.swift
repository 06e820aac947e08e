import StatesLanguage

extension ServiceModel {
    struct ModelError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads the compact JSON written by `scripts/aws/generate-shapes.py`.
    init(compact json: JSONValue) throws {
        func string(_ key: String) throws -> String {
            guard let value = json[key]?.stringValue else { throw ModelError(description: "missing \(key)") }
            return value
        }
        name = try string("name")
        errorPrefix = try string("errorPrefix")
        serviceID = try string("serviceID")
        guard let wire = WireProtocol(rawValue: try string("protocol")) else {
            throw ModelError(description: "unknown protocol")
        }
        wireProtocol = wire
        apiVersion = try string("apiVersion")
        endpointPrefix = try string("endpointPrefix")
        signingName = try string("signingName")
        targetPrefix = json["targetPrefix"]?.stringValue
        jsonVersion = json["jsonVersion"]?.stringValue
        globalEndpoint = json["globalEndpoint"]?.stringValue
        isQueryCompatible = json["queryCompatible"]?.boolValue ?? false
        var operations: [String: Operation] = [:]
        for (name, entry) in json["operations"]?.objectValue ?? JSONObject() {
            operations[name] = Operation(
                name: name,
                httpMethod: entry["m"]?.stringValue ?? "POST",
                requestURI: entry["u"]?.stringValue ?? "/",
                input: entry["i"]?.stringValue,
                output: entry["o"]?.stringValue,
                resultWrapper: entry["w"]?.stringValue,
                requiresContentMD5: entry["md5"] != nil,
                hostPrefix: entry["h"]?.stringValue)
        }
        self.operations = operations
        var errors: [String: String] = [:]
        for (code, shape) in json["errors"]?.objectValue ?? JSONObject() { errors[code] = shape.stringValue }
        self.errors = errors
        var shapes: [String: Shape] = [:]
        for (name, entry) in json["shapes"]?.objectValue ?? JSONObject() {
            shapes[name] = try Shape(compact: entry)
        }
        self.shapes = shapes
    }
}

extension ServiceModel.Shape {
    init(compact json: JSONValue) throws {
        switch json["t"]?.stringValue {
        case "s": kind = .structure
        case "l": kind = .list
        case "m": kind = .map
        default: throw ServiceModel.ModelError(description: "unknown shape kind in \(json)")
        }
        for (name, ref) in json["m"]?.objectValue ?? JSONObject() where kind == .structure {
            members.append((name, try ServiceModel.ShapeRef(compact: ref)))
        }
        if kind == .list, let ref = json["m"] { member = try ServiceModel.ShapeRef(compact: ref) }
        if let ref = json["k"] { key = try ServiceModel.ShapeRef(compact: ref) }
        if let ref = json["v"] { value = try ServiceModel.ShapeRef(compact: ref) }
        requiredMembers = json["r"]?.arrayValue?.compactMap(\.stringValue) ?? []
        payload = json["p"]?.stringValue
        xmlNamespace = json["x"]?.stringValue
        isFlattened = json["f"] != nil
    }
}

extension ServiceModel.ShapeRef {
    /// `"Name"`, `"@scalar[:format]"`, `[target, locationName]` or `{"s": target, …}`.
    init(compact json: JSONValue) throws {
        let target: String
        switch json {
        case .string(let name):
            target = name
        case .array(let pair):
            guard let name = pair.first?.stringValue else { throw ServiceModel.ModelError(description: "bad ref") }
            target = name
            locationName = pair.count > 1 ? pair[1].stringValue : nil
        case .object:
            guard let name = json["s"]?.stringValue else { throw ServiceModel.ModelError(description: "bad ref") }
            target = name
            locationName = json["n"]?.stringValue
            location = json["l"]?.stringValue.flatMap(ServiceModel.Location.init(rawValue:))
            queryName = json["q"]?.stringValue
            isFlattened = json["f"] != nil
            isIdempotencyToken = json["it"] != nil
            isJSONValue = json["j"] != nil
            isXMLAttribute = json["a"] != nil
            xmlNamespace = json["x"]?.stringValue
            timestampFormat = json["tf"]?.stringValue
        default:
            throw ServiceModel.ModelError(description: "bad ref \(json)")
        }
        if target.hasPrefix("@") {
            let parts = target.dropFirst().split(separator: ":", maxSplits: 1)
            guard let scalar = ServiceModel.Scalar(rawValue: String(parts[0])) else {
                throw ServiceModel.ModelError(description: "unknown scalar \(target)")
            }
            self.scalar = scalar
            if parts.count > 1, timestampFormat == nil { timestampFormat = String(parts[1]) }
        } else {
            shapeName = target
        }
    }
}
