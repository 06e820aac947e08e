import StatesLanguage
import Synchronization

/// Where the integration handlers get their client: one made up front, or one whose
/// configuration is loaded when the first AWS task runs (so executions whose AWS tasks are all
/// mocked need no credentials).
package final class AWSClientSource: Sendable {
    private let httpClient: any HTTPClient
    private let load: @Sendable () throws -> AWSConfiguration
    /// The client, or why the configuration could not be loaded; kept after the first attempt.
    private let state = Mutex<Result<AWSClient, AWSConfigurationError>?>(nil)

    package init(configuration: AWSConfiguration, httpClient: any HTTPClient) {
        self.httpClient = httpClient
        load = { configuration }
        state.withLock { $0 = .success(AWSClient(configuration: configuration, httpClient: httpClient)) }
    }

    package init(httpClient: any HTTPClient, load: @escaping @Sendable () throws -> AWSConfiguration) {
        self.httpClient = httpClient
        self.load = load
    }

    /// The client for a task: the shared one, or one for the role in the state's `Credentials`.
    ///
    /// - Throws: `States.Runtime` with the reason when the configuration cannot be loaded.
    package func client(for request: TaskRequest) async throws -> AWSClient {
        let result = state.withLock { state in
            if let state { return state }
            let loaded: Result<AWSClient, AWSConfigurationError>
            do {
                loaded = .success(AWSClient(configuration: try load(), httpClient: httpClient))
            } catch let error as AWSConfigurationError {
                loaded = .failure(error)
            } catch {
                loaded = .failure(AWSConfigurationError("\(error)"))
            }
            state = loaded
            return loaded
        }
        switch result {
        case .success(let client): return try await client.forTask(request)
        case .failure(let error): throw StatesError(.runtime, cause: "AWS configuration: \(error.message)")
        }
    }
}
