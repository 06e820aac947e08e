import Foundation
import StatesLanguage

extension AWSClient {
    /// The operation's output in Step Functions' shape, from a successful response.
    func output(
        _ model: ServiceModel, operation: ServiceModel.Operation, response: HTTPResponse,
        timestamps: AWSTimestamp.Rendering
    ) throws -> JSONValue {
        guard let outputName = operation.output, let shape = model.shapes[outputName] else {
            return .object(JSONObject())
        }
        let ref = ServiceModel.ShapeRef.named(outputName)
        switch model.wireProtocol {
        case .json:
            guard !response.body.isEmpty else { return .object(JSONObject()) }
            return JSONShapeCoding(model: model, timestamps: timestamps).userValue(
                try JSONValue(parsing: response.body), ref: ref)
        case .query:
            guard !response.body.isEmpty else { return .object(JSONObject()) }
            let root = try XMLElement(parsing: response.body)
            let result = operation.resultWrapper.flatMap { root.child($0) } ?? root
            return XMLShapeDecoding(model: model, timestamps: timestamps).structure(result, shapeName: outputName)
        case .ec2:
            guard !response.body.isEmpty else { return .object(JSONObject()) }
            return XMLShapeDecoding(model: model, timestamps: timestamps).structure(
                try XMLElement(parsing: response.body), shapeName: outputName)
        case .restJSON, .restXML:
            return try restOutput(model, shape: shape, ref: ref, response: response, timestamps: timestamps)
        }
    }

    private func restOutput(
        _ model: ServiceModel, shape: ServiceModel.Shape, ref: ServiceModel.ShapeRef, response: HTTPResponse,
        timestamps: AWSTimestamp.Rendering
    ) throws -> JSONValue {
        var out = JSONObject()
        if let payloadName = shape.payload, let payloadRef = shape.member(named: payloadName) {
            let field = ShapeFieldNames.fieldName(forMember: payloadName)
            if payloadRef.scalar != nil {
                // Blobs come back as text when they are UTF-8 (Lambda payloads, S3 objects), else base64.
                if let text = String(validating: response.body, as: UTF8.self) {
                    out[field] = .string(text)
                } else {
                    out[field] = .string(Data(response.body).base64EncodedString())
                }
            } else if !response.body.isEmpty {
                out[field] = try bodyValue(model, ref: payloadRef, body: response.body, timestamps: timestamps)
            }
        } else if !response.body.isEmpty, shape.members.contains(where: { $0.ref.location == nil }) {
            if case .object(let body) = try bodyValue(model, ref: ref, body: response.body, timestamps: timestamps) {
                for (key, value) in body { out[key] = value }
            }
        }
        for (name, memberRef) in shape.members {
            let field = ShapeFieldNames.fieldName(forMember: name)
            switch memberRef.location {
            case .statusCode:
                out[field] = .integer(response.statusCode)
            case .header:
                guard let text = response.headerValue(named: memberRef.locationName ?? name) else { continue }
                if memberRef.isJSONValue, let data = Data(base64Encoded: text),
                    let json = try? JSONValue(parsing: Array(data))
                {
                    out[field] = json
                } else {
                    out[field] = XMLShapeDecoding.scalar(timestamps: timestamps, text, memberRef.scalar ?? .string)
                }
            case .headers:
                let prefix = (memberRef.locationName ?? "").lowercased()
                var map = JSONObject()
                for (header, value) in response.headers where header.lowercased().hasPrefix(prefix) {
                    map[String(header.dropFirst(prefix.count))] = .string(value)
                }
                if !map.isEmpty { out[field] = .object(map) }
            case .uri, .querystring, .none:
                continue
            }
        }
        return .object(out)
    }

    private func bodyValue(
        _ model: ServiceModel, ref: ServiceModel.ShapeRef, body: [UInt8], timestamps: AWSTimestamp.Rendering
    ) throws -> JSONValue {
        if model.wireProtocol == .restJSON {
            return JSONShapeCoding(model: model, timestamps: timestamps).userValue(
                try JSONValue(parsing: body), ref: ref)
        }
        return XMLShapeDecoding(model: model, timestamps: timestamps).value(try XMLElement(parsing: body), ref: ref)
    }
}
