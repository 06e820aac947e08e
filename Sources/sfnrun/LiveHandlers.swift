import Foundation
import StatesLanguage
import StatesLanguageAWS

extension SFNRun {
    /// The handlers real (unmocked) Task states run with: the AWS service integrations.
    ///
    /// The AWS configuration (credentials, region, endpoints, as the AWS CLI finds them) is loaded
    /// when the first AWS task runs, so mocked runs need no credentials.
    static func liveHandlers(_ settings: AWSSettings = AWSSettings()) -> TaskRegistry {
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(httpClient: settings.httpClient) { try settings.configuration() }
        return registry
    }
}
