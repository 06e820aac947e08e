import Foundation

/// IAM Identity Center (SSO) settings of a profile: the account and role whose credentials the
/// portal hands out for the token `aws sso login` cached.
///
/// ```ini
/// [profile ops]
/// sso_session = corp
/// sso_account_id = 111122223333
/// sso_role_name = Operator
///
/// [sso-session corp]
/// sso_region = eu-west-1
/// sso_start_url = https://corp.awsapps.com/start
/// ```
///
/// The access token is never shown by `description`, `dump` or string interpolation.
public struct AWSSingleSignOn: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// The region of the SSO portal (`sso_region`).
    public var region: String
    /// The account to get credentials for (`sso_account_id`).
    public var accountID: String
    /// The permission set's role name (`sso_role_name`).
    public var roleName: String
    /// The access token from the SSO cache.
    public var accessToken: String
    /// When the access token expires.
    public var expiration: Date

    /// Creates settings.
    public init(region: String, accountID: String, roleName: String, accessToken: String, expiration: Date) {
        self.region = region
        self.accountID = accountID
        self.roleName = roleName
        self.accessToken = accessToken
        self.expiration = expiration
    }

    /// The account and role, without the token.
    public var description: String {
        "AWSSingleSignOn(region: \(region), accountID: \(accountID), roleName: \(roleName), accessToken: <redacted>)"
    }

    /// A mirror for `dump` without the token.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                ("region", region), ("accountID", accountID), ("roleName", roleName), ("accessToken", "<redacted>"),
            ], displayStyle: .struct)
    }
}
