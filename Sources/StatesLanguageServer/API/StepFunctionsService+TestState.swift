import StatesLanguage

extension StepFunctionsService {
    func testState(_ request: APIRequest) async throws(APIError) -> JSONValue {
        throw APIError("UnknownOperationException", "TestState is not served yet")
    }
}
