import StatesLanguage

extension StepFunctionsService {
    func tagResource(_ request: APIRequest) throws(APIError) -> JSONValue {
        let arn = try taggable(try request.required("resourceArn"))
        let added = try Self.readTags(try request.array("tags") ?? [])
        var current = tags[arn] ?? JSONObject()
        for (key, value) in added { current[key] = value }
        guard current.count <= 50 else {
            throw APIError("TooManyTags", "Too many tags: a resource can have at most 50 tags")
        }
        tags[arn] = current
        return [:]
    }

    func untagResource(_ request: APIRequest) throws(APIError) -> JSONValue {
        let arn = try taggable(try request.required("resourceArn"))
        for key in try request.array("tagKeys") ?? [] {
            if let key = key.stringValue { _ = tags[arn]?.removeValue(forKey: key) }
        }
        return [:]
    }

    func listTagsForResource(_ request: APIRequest) throws(APIError) -> JSONValue {
        let arn = try taggable(try request.required("resourceArn"))
        let list = (tags[arn] ?? JSONObject()).map { key, value -> JSONValue in ["key": .string(key), "value": value] }
        return ["tags": .array(list)]
    }

    /// A state machine or alias ARN that exists (activities are not served).
    private func taggable(_ arn: String) throws(APIError) -> String {
        guard let reference = try? StateMachineReference(arn) else { throw .invalidArn(arn) }
        switch reference {
        case .machine(let machine):
            guard machines[machine] != nil else { throw .resourceNotFound(arn) }
        case .alias:
            _ = try servedAlias(arn)
        case .version:
            throw .invalidArn(arn)
        }
        return arn
    }
}
