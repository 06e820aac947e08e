import Foundation
import StatesLanguage

extension AWSConfiguration {
    /// The SSO settings of a profile with `sso_account_id` and `sso_role_name`, reading the token
    /// that `aws sso login` cached under `~/.aws/sso/cache` (file name: SHA-1 of the
    /// `sso_session` name, or of `sso_start_url` for legacy profiles).
    ///
    /// - Returns: `nil` when the profile does not use SSO.
    /// - Throws: ``AWSConfigurationError`` when settings are missing or the token is absent or expired.
    static func singleSignOn(
        profile: String, section: [String: String]?, configFile: INIFile?, environment: AWSEnvironment, now: Date
    ) throws(AWSConfigurationError) -> AWSSingleSignOn? {
        guard let section,
            section["sso_session"] != nil || section["sso_start_url"] != nil || section["sso_account_id"] != nil
        else { return nil }
        guard let accountID = section["sso_account_id"], let roleName = section["sso_role_name"] else {
            throw AWSConfigurationError(
                "Profile '\(profile)' uses IAM Identity Center but lacks sso_account_id or sso_role_name.")
        }
        let cacheKey: String
        let region: String?
        if let sessionName = section["sso_session"] {
            guard let session = configFile?.sections["sso-session \(sessionName)"] else {
                throw AWSConfigurationError(
                    "Profile '\(profile)' names sso_session '\(sessionName)', but \(environment.configFilePath) has no "
                        + "[sso-session \(sessionName)] section.")
            }
            cacheKey = sessionName
            region = session["sso_region"] ?? section["sso_region"]
        } else if let startURL = section["sso_start_url"] {
            cacheKey = startURL
            region = section["sso_region"]
        } else {
            throw AWSConfigurationError(
                "Profile '\(profile)' has sso_account_id but neither sso_session nor sso_start_url.")
        }
        guard let region else { throw AWSConfigurationError("Profile '\(profile)' has no sso_region.") }
        let fileName = HashAlgorithm.sha1.digest(cacheKey.utf8).hexEncodedString + ".json"
        let path = environment.expandingTilde("~/.aws/sso/cache/\(fileName)")
        let login = "run `aws sso login --profile \(profile)`"
        guard let text = environment.readFile(path), let token = try? JSONValue(parsing: text),
            let accessToken = token["accessToken"]?.stringValue,
            let expiration = token["expiresAt"]?.stringValue.flatMap(AWSTimestamp.date(fromText:))
        else {
            throw AWSConfigurationError("No SSO token for profile '\(profile)' in \(path): \(login).")
        }
        guard expiration > now else {
            throw AWSConfigurationError("The SSO token for profile '\(profile)' has expired: \(login).")
        }
        return AWSSingleSignOn(
            region: region, accountID: accountID, roleName: roleName, accessToken: accessToken, expiration: expiration)
    }
}
