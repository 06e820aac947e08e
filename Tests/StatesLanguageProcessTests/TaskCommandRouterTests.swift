import Testing

@testable import StatesLanguageProcess

@Suite("Task commands: which command serves which state")
struct TaskCommandRouterTests {
    let rebootARN = "arn:aws:states:::aws-sdk:ec2:rebootInstances"

    func served(_ commands: [TaskCommand], state: String, resource: String, fallback: TaskRegistry = TaskRegistry())
        async throws -> JSONValue
    {
        let router = TaskCommandRouter(commands: commands, options: quickOptions(), fallback: fallback)
        return try await router.invoke(try taskRequest(state: state, resource: resource))
    }

    @Test("A state name beats any resource pattern, even an exact ARN")
    func stateNameFirst() async throws {
        let commands = [
            TaskCommand(rebootARN, command: #"echo '"exact arn"'"#),
            TaskCommand("Reboot", command: #"echo '"state name"'"#),
        ]
        #expect(try await served(commands, state: "Reboot", resource: rebootARN) == "state name")
        #expect(try await served(commands, state: "Other", resource: rebootARN) == "exact arn")
    }

    @Test("Among patterns: an exact ARN, then the longest text before the first *")
    func patterns() async throws {
        let commands = [
            TaskCommand("*", command: #"echo '"any"'"#),
            TaskCommand("arn:aws:states:::aws-sdk:*", command: #"echo '"sdk"'"#),
            TaskCommand("arn:aws:states:::aws-sdk:ec2:*", command: #"echo '"ec2"'"#),
        ]
        #expect(try await served(commands, state: "A", resource: rebootARN) == "ec2")
        #expect(try await served(commands, state: "A", resource: "arn:aws:states:::aws-sdk:s3:listBuckets") == "sdk")
        #expect(try await served(commands, state: "A", resource: "arn:aws:states:::sns:publish") == "any")
        // An integration-pattern suffix still finds the command for the bare ARN, as in TaskRegistry.
        let exact = [TaskCommand("arn:aws:states:::sqs:sendMessage", command: #"echo '"sqs"'"#)]
        #expect(
            try await served(exact, state: "A", resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken") == "sqs")
    }

    @Test("A later command for the same target replaces the earlier one")
    func replaces() async throws {
        let commands = [TaskCommand("Reboot", command: #"echo 1"#), TaskCommand("Reboot", command: #"echo 2"#)]
        #expect(try await served(commands, state: "Reboot", resource: rebootARN) == 2)
    }

    @Test("States no command serves go to the fallback registry, whose patterns the commands outrank")
    func fallback() async throws {
        var aws = TaskRegistry()
        aws.register(for: "arn:aws:states:::aws-sdk:*") { _ in "from AWS" }
        #expect(
            try await served(
                [TaskCommand("Other", command: "echo 1")], state: "Reboot", resource: rebootARN, fallback: aws)
                == "from AWS")
        let registry = aws.routingCommands([TaskCommand("*", command: #"echo '"command"'"#)], options: quickOptions())
        let handler = try #require(registry.handler(for: try ResourceARN(rebootARN)))
        #expect(try await handler.invoke(try taskRequest()) == "command")
    }

    @Test("A state nothing serves fails with States.Runtime naming it")
    func unserved() async throws {
        let error = await #expect(throws: StatesError.self) {
            try await served([TaskCommand("Other", command: "echo 1")], state: "Reboot", resource: self.rebootARN)
        }
        #expect(error?.name == .runtime)
        #expect(error?.cause?.contains("No task command serves the state 'Reboot'") == true)
    }
}
