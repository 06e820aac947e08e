import Foundation
import Testing

@testable import StatesLanguageAWS

@Suite("AWSConfiguration loading")
struct AWSConfigurationTests {
    static let home = "/home/tester"
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

    static let credentialsFile = """
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = \(secret)

        [ops]
        aws_access_key_id=AKIDOPS
        aws_secret_access_key=opssecret
        aws_session_token = opstoken ; a comment
        """

    static let configFile = """
        # shared settings
        [default]
        region = us-west-2

        [profile ops]
        region = eu-west-1
        services = local

        [profile sso]
        sso_session = corp
        region = eu-central-1

        [profile admin]
        role_arn = arn:aws:iam::111122223333:role/admin
        source_profile = ops
        role_session_name = me
        external_id = ext-1
        duration_seconds = 1800

        [profile chained]
        role_arn = arn:aws:iam::111122223333:role/more
        source_profile = admin
        region = eu-west-1

        [profile envrole]
        role_arn = arn:aws:iam::111122223333:role/ci
        credential_source = Environment
        region = us-east-2

        [profile corp]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Operator
        region = eu-west-1

        [profile corp-admin]
        role_arn = arn:aws:iam::444455556666:role/admin
        source_profile = corp
        region = eu-west-1

        [sso-session corp]
        sso_region = eu-central-1
        sso_start_url = https://corp.awsapps.com/start

        [profile vault]
        credential_process = aws-vault export --format=json ops
        region = eu-west-1

        [profile orphanrole]
        role_arn = arn:aws:iam::111122223333:role/x
        region = us-east-2

        [profile filed]
        region = ap-south-1
        aws_access_key_id = AKIDCONFIG
        aws_secret_access_key = configsecret
        endpoint_url = http://127.0.0.1:4566

        [services local]
        ec2 =
          endpoint_url = http://127.0.0.1:5000
        elastic_load_balancing_v2 =
          endpoint_url = http://127.0.0.1:5001
        """

    static func environment(_ variables: [String: String] = [:], files: Bool = true) -> AWSEnvironment {
        AWSEnvironment(
            variables: variables, homeDirectory: home,
            files: files ? ["\(home)/.aws/credentials": credentialsFile, "\(home)/.aws/config": configFile] : [:])
    }

    @Test("the default profile supplies credentials and region when nothing else is set")
    func defaultProfile() throws {
        let configuration = try AWSConfiguration.load(from: Self.environment())
        #expect(configuration.credentials.accessKeyID == "AKIDDEFAULT")
        #expect(configuration.credentials.secretAccessKey == Self.secret)
        #expect(configuration.region == "us-west-2")
        #expect(configuration.profile == nil)
        #expect(configuration.endpointURL == nil)
    }

    @Test("environment credentials and region win over the default profile")
    func environmentWins() throws {
        let configuration = try AWSConfiguration.load(
            from: Self.environment([
                "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "envtoken",
                "AWS_REGION": "sa-east-1", "AWS_DEFAULT_REGION": "ca-central-1",
            ]))
        #expect(
            configuration.credentials
                == AWSCredentials(accessKeyID: "AKIDENV", secretAccessKey: "envsecret", sessionToken: "envtoken"))
        #expect(configuration.region == "sa-east-1")
    }

    @Test("AWS_DEFAULT_REGION is used when AWS_REGION is not set")
    func defaultRegionVariable() throws {
        let configuration = try AWSConfiguration.load(from: Self.environment(["AWS_DEFAULT_REGION": "ca-central-1"]))
        #expect(configuration.region == "ca-central-1")
    }

    @Test("AWS_PROFILE selects [ops] in credentials and [profile ops] in config, with its token")
    func profileFromEnvironment() throws {
        let configuration = try AWSConfiguration.load(from: Self.environment(["AWS_PROFILE": "ops"]))
        #expect(
            configuration.credentials
                == AWSCredentials(accessKeyID: "AKIDOPS", secretAccessKey: "opssecret", sessionToken: "opstoken"))
        #expect(configuration.region == "eu-west-1")
        #expect(configuration.profile == "ops")
    }

    @Test("an explicit profile ignores environment credentials, as --profile does")
    func explicitProfileIgnoresEnvironmentKeys() throws {
        let configuration = try AWSConfiguration.load(
            from: Self.environment(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "envsecret"]),
            profile: "ops")
        #expect(configuration.credentials.accessKeyID == "AKIDOPS")
    }

    @Test("role_arn with source_profile: the source's keys sign AssumeRole for the role")
    func roleProfile() throws {
        let configuration = try AWSConfiguration.load(
            from: Self.environment(["AWS_REGION": "eu-west-1"]), profile: "admin")
        #expect(configuration.credentials.accessKeyID == "AKIDOPS")
        var role = AWSAssumedRole(roleARN: "arn:aws:iam::111122223333:role/admin")
        role.sessionName = "me"
        role.externalID = "ext-1"
        role.durationSeconds = 1800
        #expect(configuration.assumedRole == role)
        #expect(configuration.description.contains("assumedRole: arn:aws:iam::111122223333:role/admin"))

        let fromEnvironment = try AWSConfiguration.load(
            from: Self.environment(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s"]), profile: "envrole")
        #expect(fromEnvironment.credentials.accessKeyID == "AKIDENV")
        #expect(fromEnvironment.assumedRole?.roleARN == "arn:aws:iam::111122223333:role/ci")
    }

    static let ssoCachePath = "\(home)/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"  // SHA-1 of "corp"

    static func ssoEnvironment(expiresAt: String) -> AWSEnvironment {
        AWSEnvironment(
            variables: [:], homeDirectory: home,
            files: [
                "\(home)/.aws/config": configFile,
                ssoCachePath:
                    #"{"startUrl": "https://corp.awsapps.com/start", "region": "eu-central-1", "accessToken": "sso-token-secret", "expiresAt": "\#(expiresAt)"}"#,
            ])
    }

    @Test("an SSO profile reads the token aws sso login cached, and never shows it")
    func singleSignOn() throws {
        let configuration = try AWSConfiguration.load(
            from: Self.ssoEnvironment(expiresAt: "2099-01-01T00:00:00Z"), profile: "corp")
        let sso = try #require(configuration.singleSignOn)
        #expect(sso.region == "eu-central-1")
        #expect(sso.accountID == "111122223333")
        #expect(sso.roleName == "Operator")
        #expect(sso.accessToken == "sso-token-secret")
        #expect(configuration.region == "eu-west-1")
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [configuration.description, "\(sso)", dumped] {
            #expect(!text.contains("sso-token-secret"), "\(text)")
        }

        let chained = try AWSConfiguration.load(
            from: Self.ssoEnvironment(expiresAt: "2099-01-01T00:00:00Z"), profile: "corp-admin")
        #expect(chained.singleSignOn?.roleName == "Operator")
        #expect(chained.assumedRole?.roleARN == "arn:aws:iam::444455556666:role/admin")
    }

    @Test("an expired or missing SSO token asks for aws sso login")
    func singleSignOnExpired() {
        #expect {
            _ = try AWSConfiguration.load(from: Self.ssoEnvironment(expiresAt: "2001-01-01T00:00:00Z"), profile: "corp")
        } throws: { error in
            "\(error)" == "The SSO token for profile 'corp' has expired: run `aws sso login --profile corp`."
        }
        #expect {
            _ = try AWSConfiguration.load(from: Self.environment(), profile: "corp")
        } throws: { error in
            "\(error)".hasPrefix("No SSO token for profile 'corp' in \(Self.ssoCachePath)")
        }
    }

    @Test("a container credentials endpoint is used when nothing else gives credentials")
    func container() throws {
        let relative = try AWSConfiguration.load(
            from: AWSEnvironment(
                variables: [
                    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc", "AWS_REGION": "us-east-1",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/var/run/token",
                ],
                files: ["/var/run/token": "pod-token-secret\n"]))
        #expect(relative.containerCredentials?.url.absoluteString == "http://169.254.170.2/v2/credentials/abc")
        #expect(relative.containerCredentials?.authorizationToken == "pod-token-secret")
        #expect(!relative.description.contains("pod-token-secret"))
        #expect(!"\(relative.containerCredentials!)".contains("pod-token-secret"))

        #expect {
            _ = try AWSConfiguration.load(
                from: AWSEnvironment(variables: [
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds", "AWS_REGION": "x",
                ]))
        } throws: { error in
            "\(error)".contains("must use https or a loopback or link-local host")
        }
        let keysWin = try AWSConfiguration.load(
            from: Self.environment(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"]))
        #expect(keysWin.containerCredentials == nil)
        #expect(keysWin.credentials.accessKeyID == "AKIDDEFAULT")
    }

    @Test("credential_process is kept to run on first use")
    func credentialProcess() throws {
        let configuration = try AWSConfiguration.load(from: Self.environment(), profile: "vault")
        #expect(configuration.credentialProcess == "aws-vault export --format=json ops")
        #expect(configuration.description.contains("credentialProcess: <set>"))
    }

    @Test("keys in the config file work when the credentials file lacks the profile")
    func keysInConfigFile() throws {
        let configuration = try AWSConfiguration.load(from: Self.environment(), profile: "filed")
        #expect(configuration.credentials.accessKeyID == "AKIDCONFIG")
        #expect(configuration.region == "ap-south-1")
        #expect(configuration.endpointURL?.absoluteString == "http://127.0.0.1:4566")
    }

    @Test("AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE move the files")
    func filesFromVariables() throws {
        let environment = AWSEnvironment(
            variables: ["AWS_CONFIG_FILE": "/etc/aws-config", "AWS_SHARED_CREDENTIALS_FILE": "~/creds"],
            homeDirectory: Self.home,
            files: [
                "/etc/aws-config": "[default]\nregion = me-south-1\n",
                "\(Self.home)/creds": "[default]\naws_access_key_id = A\naws_secret_access_key = B\n",
            ])
        let configuration = try AWSConfiguration.load(from: environment)
        #expect(configuration.region == "me-south-1")
        #expect(configuration.credentials.accessKeyID == "A")
    }

    @Test(
        "endpoint precedence: --endpoint-url, then AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, then the profile")
    func endpointPrecedence() throws {
        let variables = [
            "AWS_PROFILE": "ops", "AWS_ENDPOINT_URL": "http://127.0.0.1:4566",
            "AWS_ENDPOINT_URL_SFN": "http://127.0.0.1:8083",
        ]
        let fromEnvironment = try AWSConfiguration.load(from: Self.environment(variables))
        #expect(fromEnvironment.configuredEndpoint(forServiceID: "SFN")?.absoluteString == "http://127.0.0.1:8083")
        #expect(fromEnvironment.configuredEndpoint(forServiceID: "EC2")?.absoluteString == "http://127.0.0.1:4566")

        let explicit = try AWSConfiguration.load(
            from: Self.environment(variables), endpointURL: URL(string: "http://localhost:9999"))
        #expect(explicit.configuredEndpoint(forServiceID: "SFN")?.absoluteString == "http://localhost:9999")

        let fromProfile = try AWSConfiguration.load(from: Self.environment(["AWS_PROFILE": "ops"]))
        #expect(fromProfile.configuredEndpoint(forServiceID: "EC2")?.absoluteString == "http://127.0.0.1:5000")
        #expect(
            fromProfile.configuredEndpoint(forServiceID: "Elastic Load Balancing v2")?.absoluteString
                == "http://127.0.0.1:5001")
        #expect(fromProfile.configuredEndpoint(forServiceID: "SNS") == nil)

        let ignored = try AWSConfiguration.load(
            from: Self.environment(variables.merging(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]) { $1 }))
        #expect(ignored.configuredEndpoint(forServiceID: "SFN") == nil)
    }

    @Test(
        "service ids become endpoint variable suffixes",
        arguments: [
            ("EC2", "EC2"), ("Elastic Load Balancing v2", "ELASTIC_LOAD_BALANCING_V2"),
            ("Auto Scaling", "AUTO_SCALING"),
            ("SFN", "SFN"), ("DynamoDB", "DYNAMODB"),
        ] as [(String, String)])
    func endpointSuffix(serviceID: String, suffix: String) {
        #expect(AWSConfiguration.endpointVariableSuffix(forServiceID: serviceID) == suffix)
    }

    @Test(
        "failures explain what is missing",
        arguments: [
            (["AWS_PROFILE": "nope"], true, "The config profile (nope) could not be found"),
            ([:], false, "No AWS credentials"),
            (["AWS_ACCESS_KEY_ID": "AKID"], false, "AWS_SECRET_ACCESS_KEY is not"),
            (["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s"], false, "No AWS region"),
            (
                ["AWS_PROFILE": "sso"], true,
                "Profile 'sso' uses IAM Identity Center but lacks sso_account_id or sso_role_name."
            ),
            (["AWS_PROFILE": "chained"], true, "chained roles are not supported"),
            (["AWS_PROFILE": "orphanrole"], true, "has role_arn but neither source_profile nor credential_source"),
            (["AWS_PROFILE": "envrole"], true, "credential_source = Environment, but AWS_ACCESS_KEY_ID is not set"),
            (
                ["AWS_ENDPOINT_URL": "ftp://x", "AWS_REGION": "us-east-1"], true,
                "AWS_ENDPOINT_URL: 'ftp://x' is not an http(s) URL"
            ),
        ] as [([String: String], Bool, String)])
    func failures(variables: [String: String], files: Bool, message: String) {
        #expect {
            _ = try AWSConfiguration.load(from: Self.environment(variables, files: files))
        } throws: { error in
            (error as? AWSConfigurationError)?.message.contains(message) == true
        }
    }

    @Test("neither errors nor descriptions reveal a secret")
    func noSecrets() throws {
        let configuration = try AWSConfiguration.load(from: Self.environment(["AWS_SESSION_TOKEN": "tok"]))
        #expect(!configuration.description.contains(Self.secret))
        #expect(configuration.description.contains("AKIDDEFAULT"))
        let environment = AWSEnvironment(
            variables: [:], homeDirectory: Self.home,
            files: [
                "\(Self.home)/.aws/credentials":
                    "[default]\naws_access_key_id = AKID\naws_secret_access_key = \(Self.secret)\n"
            ])
        #expect {
            _ = try AWSConfiguration.load(from: environment)
        } throws: { error in
            !"\(error)".contains(Self.secret) && "\(error)".contains("No AWS region")
        }
    }
}

@Suite("INIFile")
struct INIFileTests {
    @Test("sections, comments, spacing and nested settings")
    func parsing() {
        let file = INIFile(
            parsing: """
                ; comment
                [ default ]
                Region=us-east-1
                key = value with spaces # trailing comment
                [services s]
                s3 =
                  endpoint_url = http://a
                  addressing_style = path
                plain = x
                orphan line
                """)
        #expect(file.sections["default"]?["region"] == "us-east-1")
        #expect(file.sections["default"]?["key"] == "value with spaces")
        #expect(file.sections["services s"]?["s3.endpoint_url"] == "http://a")
        #expect(file.sections["services s"]?["s3.addressing_style"] == "path")
        #expect(file.sections["services s"]?["plain"] == "x")
        #expect(file.sections.count == 2)
    }
}
