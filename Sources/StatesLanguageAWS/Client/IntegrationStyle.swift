/// Which generation of Step Functions integration a call serves; it decides how errors are
/// named and how timestamps look in results.
///
/// AWS SDK integrations follow the Java SDK v2: `Ec2.Ec2Exception`, cause
/// `… (Service: Ec2, Status Code: 400, Request ID: …)`, timestamps as ISO 8601 text. The older
/// optimized integrations follow the Java SDK v1: `DynamoDB.ConditionalCheckFailedException`,
/// cause `… (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: …; Request ID: …; Proxy: null)`,
/// timestamps as epoch milliseconds, and `SdkHttpMetadata` / `SdkResponseMetadata` in results.
package enum IntegrationStyle: Sendable, Hashable {
    case sdk
    case optimized(prefix: String, serviceName: String)

    /// How results show timestamps in this style.
    var timestamps: AWSTimestamp.Rendering {
        switch self {
        case .sdk: return .iso8601
        case .optimized: return .epochMilliseconds
        }
    }
}
