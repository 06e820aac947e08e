import Foundation
import StatesLanguage
import StatesLanguageAWS

/// Where real (unmocked) Task states send their AWS calls: `--profile`, `--region`, `--endpoint-url`.
struct AWSSettings: Sendable {
    var profile: String?
    var region: String?
    var endpointURL: URL?
}

extension SFNRun {
    /// The handlers real (unmocked) Task states run with: the AWS service integrations.
    ///
    /// The AWS configuration (credentials, region, endpoints, as the AWS CLI finds them) is loaded
    /// when the first AWS task runs, so mocked runs need no credentials.
    static func liveHandlers(_ settings: AWSSettings = AWSSettings()) -> TaskRegistry {
        var registry = TaskRegistry()
        registry.registerAWSIntegrations {
            try AWSConfiguration.load(profile: settings.profile, region: settings.region, endpointURL: settings.endpointURL)
        }
        return registry
    }
}
