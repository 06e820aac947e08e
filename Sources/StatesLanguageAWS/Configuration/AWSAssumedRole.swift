/// A role assumed through STS `AssumeRole` before calling services, as a profile with
/// `role_arn` describes it.
///
/// ```ini
/// [profile ops]
/// role_arn = arn:aws:iam::111122223333:role/ops
/// source_profile = default
/// ```
public struct AWSAssumedRole: Sendable, Hashable {
    /// The role's ARN (`role_arn`).
    public var roleARN: String
    /// The role session name (`role_session_name`); a generated one when `nil`.
    public var sessionName: String?
    /// The external ID the role's trust policy requires (`external_id`).
    public var externalID: String?
    /// How long the credentials last (`duration_seconds`); STS's default (one hour) when `nil`.
    public var durationSeconds: Int?

    /// Creates role settings.
    ///
    /// - Parameter roleARN: the role to assume.
    public init(roleARN: String) { self.roleARN = roleARN }
}
