import Foundation
import StatesLanguage

extension AWSClient {
    func makeRequest(
        _ model: ServiceModel, operation: ServiceModel.Operation, parameters: JSONValue
    ) throws(AWSRequestError) -> HTTPRequest {
        let input = filledIdempotencyTokens(model, operation: operation, parameters: parameters)
        let endpoint = try AWSEndpoint.resolve(model, configuration: configuration)
            .prefixed(for: operation, input: input, model: model, configuration: configuration)
        switch model.wireProtocol {
        case .json:
            var body: JSONValue = .object(JSONObject())
            if let inputName = operation.input {
                body = try JSONShapeCoding(model: model).wireValue(input, ref: .named(inputName), path: "Parameters")
            }
            return try jsonRequest(model, endpoint: endpoint, operation: operation, body: body)
        case .query, .ec2:
            let fields = try QueryEncoding(model: model).fields(operation: operation, input: input)
            let headers = [(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")]
            let body = Array(QueryEncoding.formBody(fields).utf8)
            return try signed(
                model, endpoint: endpoint, method: "POST", path: "/", query: "", headers: headers, body: body)
        case .restJSON, .restXML:
            return try restRequest(model, endpoint: endpoint, operation: operation, input: input)
        }
    }

    /// A JSON-protocol request: the body posted to `/` with the operation in `X-Amz-Target`.
    func jsonRequest(
        _ model: ServiceModel, endpoint: AWSEndpoint, operation: ServiceModel.Operation, body: JSONValue
    ) throws(AWSRequestError) -> HTTPRequest {
        let headers = [
            (name: "Content-Type", value: "application/x-amz-json-\(model.jsonVersion ?? "1.0")"),
            (name: "X-Amz-Target", value: "\(model.targetPrefix ?? model.name).\(operation.name)"),
        ]
        return try signed(
            model, endpoint: endpoint, method: "POST", path: "/", query: "", headers: headers, body: body.jsonBytes())
    }

    /// Adds a UUID for each missing top-level idempotency token (`ClientToken`), as the SDKs do.
    private func filledIdempotencyTokens(
        _ model: ServiceModel, operation: ServiceModel.Operation, parameters: JSONValue
    ) -> JSONValue {
        guard let inputName = operation.input, let shape = model.shapes[inputName],
            case .object(var object) = parameters
        else { return parameters }
        for (name, ref) in shape.members where ref.isIdempotencyToken {
            let field = ShapeFieldNames.fieldName(forMember: name)
            if object[field] == nil, object[name] == nil { object[field] = .string(UUID().uuidString.lowercased()) }
        }
        return .object(object)
    }

    private func restRequest(
        _ model: ServiceModel, endpoint: AWSEndpoint, operation: ServiceModel.Operation, input: JSONValue
    ) throws(AWSRequestError) -> HTTPRequest {
        let template = operation.requestURI.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var path = String(template[0])
        var queryItems: [(String, String)] = []
        if template.count > 1 {
            for item in template[1].split(separator: "&") {
                let pair = item.split(separator: "=", maxSplits: 1)
                queryItems.append((String(pair[0]), pair.count > 1 ? String(pair[1]) : ""))
            }
        }
        var headers: [(name: String, value: String)] = []
        var body: [UInt8] = []
        guard let inputName = operation.input, let shape = model.shapes[inputName] else {
            return try signed(
                model, endpoint: endpoint, method: operation.httpMethod, path: path, query: "", headers: [], body: [])
        }
        guard case .object(let object) = input else {
            throw AWSRequestError("Parameters must be an object, got \(input.typeName)")
        }
        let members = try ShapeFieldNames.members(of: object, in: shape, path: "Parameters")
        for (name, ref, value) in members {
            let wireName = ref.locationName ?? name
            switch ref.location {
            case .uri:
                let text = Self.text(value, ref: ref)
                for (placeholder, keepsSlash) in [("{\(wireName)+}", true), ("{\(wireName)}", false)] {
                    path = path.replacingOccurrences(
                        of: placeholder, with: PercentEncoding.encode(text, keepsSlash: keepsSlash))
                }
            case .querystring:
                switch value {
                case .array(let items): queryItems += items.map { (wireName, Self.text($0, ref: ref)) }
                case .object(let map): queryItems += map.map { ($0.key, Self.text($0.value, ref: ref)) }
                default: queryItems.append((wireName, Self.text(value, ref: ref)))
                }
            case .header:
                headers.append((wireName, Self.headerText(value, ref: ref)))
            case .headers:
                for (key, item) in value.objectValue ?? JSONObject() {
                    headers.append((wireName + key, Self.text(item, ref: ref)))
                }
            case .statusCode, .none:
                continue  // body members, written below
            }
        }
        if path.contains("{") {
            throw AWSRequestError("missing a required path parameter for \(operation.name): \(path)")
        }
        var endpoint = endpoint
        if model.name == "s3", configuration.configuredEndpoint(forServiceID: model.serviceID) == nil,
            operation.requestURI.hasPrefix("/{Bucket}"),
            let bucket = object["Bucket"]?.stringValue, Self.isVirtualHostable(bucket),
            let url = URL(string: "https://\(bucket).\(endpoint.baseURL.host() ?? "")")
        {
            // Virtual-hosted-style addressing, as the SDKs use for AWS's own endpoints:
            // https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
            endpoint.baseURL = url
            path = String(path.dropFirst(1 + bucket.count))
            if path.isEmpty { path = "/" }
        }
        if let payloadName = shape.payload, let payloadRef = shape.member(named: payloadName) {
            let field = ShapeFieldNames.fieldName(forMember: payloadName)
            if let value = object[field] ?? object[payloadName], !value.isNull {
                if payloadRef.scalar != nil {
                    body = value.stringValue.map { Array($0.utf8) } ?? value.jsonBytes()
                    if !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                        headers.append(("Content-Type", "application/octet-stream"))
                    }
                } else if model.wireProtocol == .restXML {
                    let name = payloadRef.locationName ?? payloadRef.shapeName ?? payloadName
                    let xml = try XMLShapeEncoding(model: model).document(
                        value, name: name, ref: payloadRef, path: "Parameters.\(field)")
                    body = Array(xml.utf8)
                    headers.append(("Content-Type", "application/xml"))
                } else {
                    body = try JSONShapeCoding(model: model).wireValue(
                        value, ref: payloadRef, path: "Parameters.\(field)"
                    ).jsonBytes()
                    headers.append(("Content-Type", "application/json"))
                }
            }
        } else if members.contains(where: { $0.ref.location == nil }) {
            if model.wireProtocol == .restJSON {
                body = try JSONShapeCoding(model: model).wireValue(
                    input, ref: .named(inputName), path: "Parameters", bodyOnly: true
                ).jsonBytes()
                headers.append(("Content-Type", "application/json"))
            } else {
                let xml = try XMLShapeEncoding(model: model).document(
                    input, name: inputName, ref: .named(inputName), path: "Parameters")
                body = Array(xml.utf8)
                headers.append(("Content-Type", "application/xml"))
            }
        } else if model.wireProtocol == .restJSON, ["POST", "PUT", "PATCH"].contains(operation.httpMethod) {
            body = Array("{}".utf8)
            headers.append(("Content-Type", "application/json"))
        }
        if operation.requiresContentMD5 {
            headers.append(("Content-MD5", Data(HashAlgorithm.md5.digest(body)).base64EncodedString()))
        }
        // A bare static flag (`?uploads`) is sent as `uploads=`, the form it is signed in.
        let query = queryItems.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }
            .joined(separator: "&")
        return try signed(
            model, endpoint: endpoint, method: operation.httpMethod, path: path, query: query, headers: headers,
            body: body)
    }

    /// Whether a bucket can be a host name label over HTTPS: 3–63 lower-case letters, digits and
    /// hyphens, starting and ending with a letter or digit (dotted names fail certificate checks).
    static func isVirtualHostable(_ bucket: String) -> Bool {
        let characters = Array(bucket.utf8)
        guard (3...63).contains(characters.count) else { return false }
        func isAlphanumeric(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        guard isAlphanumeric(characters[0]), isAlphanumeric(characters[characters.count - 1]) else { return false }
        return characters.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// A scalar's text for a URI, query string or header.
    static func text(_ value: JSONValue, ref: ServiceModel.ShapeRef) -> String {
        if ref.scalar == .timestamp, let date = AWSTimestamp.date(from: value) { return AWSTimestamp.iso8601(date) }
        switch value {
        case .string(let text): return text
        case .number(let number): return number.description
        case .bool(let flag): return flag ? "true" : "false"
        case .array(let items): return items.map { text($0, ref: ref) }.joined(separator: ",")
        case .null: return ""
        case .object: return value.jsonString()
        }
    }

    static func headerText(_ value: JSONValue, ref: ServiceModel.ShapeRef) -> String {
        if ref.scalar == .timestamp, let date = AWSTimestamp.date(from: value) { return AWSTimestamp.rfc1123(date) }
        if ref.isJSONValue { return Data(Array((value.stringValue ?? value.jsonString()).utf8)).base64EncodedString() }
        return text(value, ref: ref)
    }
}

extension ServiceModel.ShapeRef {
    /// A reference to the named structure, list or map.
    static func named(_ name: String) -> ServiceModel.ShapeRef {
        var ref = ServiceModel.ShapeRef()
        ref.shapeName = name
        return ref
    }
}
