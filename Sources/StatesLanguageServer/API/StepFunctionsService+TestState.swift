import StatesLanguage

extension StepFunctionsService {
    func testState(_ request: APIRequest) async throws(APIError) -> JSONValue {
        let text = try request.required("definition", maximumLength: Self.maximumDefinitionBytes)
        let definition: JSONValue
        do {
            definition = try JSONValue(parsing: text)
        } catch {
            throw APIError("InvalidDefinition", "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: \(error)'")
        }
        let input = try request.json("input", maximumLength: Self.maximumPayloadBytes, error: "InvalidExecutionInput")
        let level = try request.choice("inspectionLevel", StateTest.InspectionLevel.allCases.map(\.rawValue))
        let variables = try request.json("variables", maximumLength: Self.maximumPayloadBytes, error: "ValidationException")
        if let variables, variables.objectValue == nil {
            throw .validation("variables must be a JSON object")
        }
        let mock = try readMock(request)
        let context = try request.json("context", maximumLength: Self.maximumPayloadBytes, error: "ValidationException")
        if context != nil, mock == nil { throw .validation("context may only be specified together with a mock") }
        if let context, context.objectValue == nil { throw .validation("context must be a JSON object") }
        let configuration = try request.object("stateConfiguration") ?? JSONObject()
        let configurationRequest = APIRequest(action: request.action, fields: configuration)
        let retryCount = try configurationRequest.integer("retrierRetryCount", in: 0...Int(Int32.max)) ?? 0
        let test: StateTest
        let stateName = try request.string("stateName")
        do throws(StateTestError) {
            test = try StateTest(
                definition: definition, stateName: stateName, input: input ?? .object(JSONObject()),
                variables: variables?.objectValue ?? JSONObject(), context: context?.objectValue, mock: mock,
                retrierRetryCount: retryCount,
                inspectionLevel: level.flatMap(StateTest.InspectionLevel.init(rawValue:)) ?? .info,
                mockValidator: environment.mockValidator)
        } catch {
            throw Self.apiError(error)
        }
        let placeholder = try Self.compile(#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#, name: "TestState", type: .standard)
        var prepared = try await environment.prepare(placeholder, nil)
        prepared.executor.region = region
        prepared.executor.accountID = accountID
        if let role = try request.string("roleArn") { prepared.executor.roleARN = role }
        do {
            let result = try await test.run(with: prepared.executor)
            await prepared.finish()
            return result.jsonValue
        } catch {
            await prepared.finish()
            throw Self.apiError(error)
        }
    }

    private func readMock(_ request: APIRequest) throws(APIError) -> StateTest.Mock? {
        guard let fields = try request.object("mock") else { return nil }
        let mock = APIRequest(action: request.action, fields: fields)
        let mode = try mock.choice("fieldValidationMode", StateTest.Mock.FieldValidationMode.allCases.map(\.rawValue))
            .flatMap(StateTest.Mock.FieldValidationMode.init(rawValue:)) ?? .strict
        let result = try mock.json("result", maximumLength: Self.maximumPayloadBytes, error: "ValidationException")
        let errorOutput = try mock.object("errorOutput")
        switch (result, errorOutput) {
        case (let result?, nil):
            return StateTest.Mock(.result(result), fieldValidationMode: mode)
        case (nil, let failure?):
            let error = failure["error"]?.stringValue ?? ""
            return StateTest.Mock(.error(StatesError(ErrorName(rawValue: error), cause: failure["cause"]?.stringValue)), fieldValidationMode: mode)
        default:
            throw .validation("A mock needs either a result or an errorOutput, not both")
        }
    }

    static func apiError(_ error: StateTestError) -> APIError {
        switch error {
        case .invalidDefinition(let message): return APIError("InvalidDefinition", message)
        case .validation(let message): return .validation(message)
        }
    }
}
