import Foundation
import StatesLanguage
import Synchronization
import Testing

@testable import StatesLanguageAWS

@Suite("Task Credentials")
struct TaskCredentialsTests {
    static let assumeRole = """
        <AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIATEMP</AccessKeyId>
        <SecretAccessKey>temp-secret</SecretAccessKey><SessionToken>temp-token</SessionToken>
        <Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>
        """

    @Test(
        "a RoleArn in Credentials is assumed through STS and signs that task's call",
        arguments: [
            #"{"RoleArn": "arn:aws:iam::111122223333:role/ops"}"#,
            #"{"RoleArn.$": "$$.Execution.Input.role"}"#,
        ])
    func assumesRole(credentials: String) async throws {
        let stub = StubHTTPClient(bodies: [Self.assumeRole, "<ListTopicsResponse/>"])
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(StubHTTPClient.configuration, httpClient: stub)
        let machine = try StateMachine(
            parsing: """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sns:listTopics",
                  "Parameters": {}, "Credentials": \(credentials), "End": true}}}
                """)
        let result = await Executor(registry: registry).run(
            machine, input: ["role": "arn:aws:iam::111122223333:role/ops"], name: "nightly-run")
        #expect(result.output == [:], "\(String(describing: result.status))")
        try #require(stub.sent.count == 2)
        let form = String(decoding: stub.sent[0].body, as: UTF8.self)
        #expect(form.contains("Action=AssumeRole"))
        #expect(form.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fops"))
        #expect(form.contains("RoleSessionName=nightly-run"))
        #expect(stub.sent[0].headerValue(named: "Authorization")?.contains("Credential=AKIDTEST/") == true)
        #expect(stub.sent[1].headerValue(named: "Authorization")?.contains("Credential=ASIATEMP/") == true)
        #expect(stub.sent[1].headerValue(named: "X-Amz-Security-Token") == "temp-token")
    }

    @Test("without Credentials no role is assumed")
    func noRole() async throws {
        let stub = StubHTTPClient(body: "<ListTopicsResponse/>")
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(StubHTTPClient.configuration, httpClient: stub)
        let machine = try StateMachine(
            parsing:
                #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sns:listTopics", "End": true}}}"#
        )
        _ = await Executor(registry: registry).run(machine)
        #expect(stub.sent.count == 1)
    }
}

@Suite("Profile roles")
struct ProfileRoleTests {
    @Test("a profile's role is assumed once and its credentials sign every later call")
    func assumedOnce() async throws {
        var configuration = StubHTTPClient.configuration
        var role = AWSAssumedRole(roleARN: "arn:aws:iam::111122223333:role/admin")
        role.externalID = "ext-1"
        configuration.assumedRole = role
        let stub = StubHTTPClient(bodies: [TaskCredentialsTests.assumeRole, "<ListTopicsResponse/>"])
        let client = stub.client(configuration)
        _ = try await client.call(service: "sns", action: "listTopics", parameters: [:])
        _ = try await client.call(service: "sns", action: "listTopics", parameters: [:])
        try #require(stub.sent.count == 3)
        let form = String(decoding: stub.sent[0].body, as: UTF8.self)
        #expect(form.contains("Action=AssumeRole") && form.contains("ExternalId=ext-1"))
        #expect(stub.sent[0].headerValue(named: "Authorization")?.contains("Credential=AKIDTEST/") == true)
        for request in stub.sent.dropFirst() {
            #expect(request.headerValue(named: "Authorization")?.contains("Credential=ASIATEMP/") == true)
            #expect(request.headerValue(named: "X-Amz-Security-Token") == "temp-token")
        }
    }
}

@Suite("Configuration loaded on first use")
struct DeferredConfigurationTests {
    final class LoadCounter: Sendable {
        let count = Mutex(0)
    }

    static func machine(_ resource: String) throws -> StateMachine {
        try StateMachine(
            parsing: """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Task", "Resource": "\(resource)", "Parameters": {}, "Next": "B"},
                  "B": {"Type": "Task", "Resource": "\(resource)", "Parameters": {}, "End": true}}}
                """)
    }

    @Test("the configuration is loaded once, by the first AWS task")
    func loadedOnce() async throws {
        let counter = LoadCounter()
        let stub = StubHTTPClient(body: "<ListTopicsResponse/>")
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(httpClient: stub) {
            counter.count.withLock { $0 += 1 }
            return StubHTTPClient.configuration
        }
        #expect(counter.count.withLock { $0 } == 0)
        let result = await Executor(registry: registry).run(try Self.machine("arn:aws:states:::aws-sdk:sns:listTopics"))
        #expect(result.output == [:])
        #expect(counter.count.withLock { $0 } == 1)
        #expect(stub.sent.count == 2)
    }

    @Test("a configuration that cannot load fails AWS tasks with States.Runtime and the reason")
    func failure() async throws {
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(httpClient: StubHTTPClient()) {
            try AWSConfiguration.load(from: AWSEnvironment(variables: [:]))
        }
        let result = await Executor(registry: registry).run(try Self.machine("arn:aws:states:::aws-sdk:sns:listTopics"))
        guard case .failed(let error) = result.status else {
            Issue.record("expected a failure, got \(result.status)")
            return
        }
        #expect(error.name == .runtime)
        #expect(error.cause?.contains("AWS configuration: No AWS credentials") == true, "\(error)")
    }
}

@Suite("SSO profiles")
struct SingleSignOnTests {
    @Test("the SSO token is exchanged once for role credentials, which sign the calls")
    func exchanged() async throws {
        var configuration = StubHTTPClient.configuration
        configuration.singleSignOn = AWSSingleSignOn(
            region: "eu-central-1", accountID: "111122223333", roleName: "Operator", accessToken: "sso-token",
            expiration: .distantFuture)
        let portal =
            #"{"roleCredentials": {"accessKeyId": "ASIASSO", "secretAccessKey": "sso-secret", "sessionToken": "sso-session", "expiration": 4102444800000}}"#
        let stub = StubHTTPClient(bodies: [portal, "<ListTopicsResponse/>"])
        let client = stub.client(configuration)
        _ = try await client.call(service: "sns", action: "listTopics", parameters: [:])
        _ = try await client.call(service: "sns", action: "listTopics", parameters: [:])
        try #require(stub.sent.count == 3)
        let exchange = stub.sent[0]
        #expect(exchange.method == "GET")
        #expect(
            exchange.url.absoluteString
                == "https://portal.sso.eu-central-1.amazonaws.com/federation/credentials?account_id=111122223333&role_name=Operator"
        )
        #expect(exchange.headerValue(named: "x-amz-sso_bearer_token") == "sso-token")
        #expect(exchange.headerValue(named: "Authorization") == nil)
        for request in stub.sent.dropFirst() {
            #expect(request.headerValue(named: "Authorization")?.contains("Credential=ASIASSO/") == true)
            #expect(request.headerValue(named: "X-Amz-Security-Token") == "sso-session")
        }
    }

    @Test("a refused token fails with a hint to log in again")
    func refused() async throws {
        var configuration = StubHTTPClient.configuration
        configuration.singleSignOn = AWSSingleSignOn(
            region: "eu-central-1", accountID: "1", roleName: "R", accessToken: "t", expiration: .distantFuture)
        let stub = StubHTTPClient(status: 401, body: #"{"message": "Session token not found or invalid"}"#)
        await #expect {
            _ = try await stub.client(configuration).call(service: "sns", action: "listTopics", parameters: [:])
        } throws: { error in
            (error as? StatesError)?.cause?.contains("Session token not found or invalid; run `aws sso login`") == true
        }
    }
}

@Suite("Container credentials")
struct ContainerCredentialsTests {
    @Test("the container endpoint's credentials sign the calls, fetched once")
    func fetched() async throws {
        var configuration = StubHTTPClient.configuration
        configuration.containerCredentials = AWSContainerCredentials(
            url: URL(string: "http://169.254.170.2/v2/credentials/abc")!, authorizationToken: "pod-token")
        let endpoint =
            #"{"AccessKeyId": "ASIACONTAINER", "SecretAccessKey": "s", "Token": "container-session", "Expiration": "2099-01-01T00:00:00Z"}"#
        let stub = StubHTTPClient(bodies: [endpoint, "<ListTopicsResponse/>"])
        let client = stub.client(configuration)
        _ = try await client.call(service: "sns", action: "listTopics", parameters: [:])
        _ = try await client.call(service: "sns", action: "listTopics", parameters: [:])
        try #require(stub.sent.count == 3)
        #expect(stub.sent[0].url.absoluteString == "http://169.254.170.2/v2/credentials/abc")
        #expect(stub.sent[0].headerValue(named: "Authorization") == "pod-token")
        for request in stub.sent.dropFirst() {
            #expect(request.headerValue(named: "Authorization")?.contains("Credential=ASIACONTAINER/") == true)
            #expect(request.headerValue(named: "X-Amz-Security-Token") == "container-session")
        }
    }
}

@Suite("credential_process")
struct CredentialProcessTests {
    @Test("the command's JSON credentials sign the calls; a failing command is a clear error")
    func runs() async throws {
        var configuration = StubHTTPClient.configuration
        configuration.credentialProcess =
            #"printf '%s' '{"Version": 1, "AccessKeyId": "ASIAPROCESS", "SecretAccessKey": "s", "SessionToken": "process-session", "Expiration": "2099-01-01T00:00:00Z"}'"#
        let stub = StubHTTPClient(body: "<ListTopicsResponse/>")
        _ = try await stub.client(configuration).call(service: "sns", action: "listTopics", parameters: [:])
        #expect(stub.sent.last?.headerValue(named: "Authorization")?.contains("Credential=ASIAPROCESS/") == true)
        #expect(stub.sent.last?.headerValue(named: "X-Amz-Security-Token") == "process-session")

        configuration.credentialProcess = "exit 3"
        await #expect {
            _ = try await stub.client(configuration).call(service: "sns", action: "listTopics", parameters: [:])
        } throws: { error in
            (error as? StatesError)?.cause == "credential_process 'exit 3' exited with status 3."
        }
    }
}
