import StatesLanguage

extension StepFunctionsService {
    func sendTaskSuccess(_ request: APIRequest) throws(APIError) -> JSONValue {
        let token = try taskToken(request)
        let output = try request.json("output", maximumLength: Self.maximumPayloadBytes, error: "InvalidOutput")
        guard let output else {
            throw .validation("1 validation error detected: Value null at 'output' failed to satisfy constraint: Member must not be null")
        }
        try deliver(token) { execution throws(StatesError) in try execution.sendTaskSuccess(taskToken: token, output: output) }
        return [:]
    }

    func sendTaskFailure(_ request: APIRequest) throws(APIError) -> JSONValue {
        let token = try taskToken(request)
        let error = try request.string("error", maximumLength: 256) ?? ""
        let cause = try request.string("cause", maximumLength: 32768)
        try deliver(token) { execution throws(StatesError) in
            try execution.sendTaskFailure(taskToken: token, error: error, cause: cause)
        }
        return [:]
    }

    func sendTaskHeartbeat(_ request: APIRequest) throws(APIError) -> JSONValue {
        let token = try taskToken(request)
        try deliver(token) { execution throws(StatesError) in try execution.sendTaskHeartbeat(taskToken: token) }
        return [:]
    }

    private func taskToken(_ request: APIRequest) throws(APIError) -> String {
        let token = try request.required("taskToken", maximumLength: 2048)
        guard !token.isEmpty else { throw .invalidToken("Invalid Token: the task token is empty") }
        return token
    }

    /// Hands a callback to the running execution whose task waits on `token`.
    private func deliver(_ token: String, _ send: (Execution) throws(StatesError) -> Void) throws(APIError) {
        for execution in executions.running {
            do {
                try send(execution)
                return
            } catch where error.name.rawValue == "TaskDoesNotExist" {
                continue
            } catch {
                throw APIError(error.name.rawValue, error.cause ?? error.name.rawValue)
            }
        }
        throw APIError("TaskDoesNotExist", "Task Does Not Exist: no running task waits for the token '\(token)'")
    }
}
