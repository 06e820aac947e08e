import Foundation
import Synchronization
import StatesLanguage
import Testing

@testable import StatesLanguageServer

/// Builds definitions and calls for the service tests.
enum Fixture {
    static let role = "arn:aws:iam::123456789012:role/test"
    static let machineARN = "arn:aws:states:us-east-1:123456789012:stateMachine:"
    static let executionARN = "arn:aws:states:us-east-1:123456789012:execution:"

    static let pass = #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"done":true},"End":true}}}"#
    static let fail = #"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Oops","Cause":"it broke"}}}"#
    static let wait = #"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}"#
    static let callback = #"""
        {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}
        """#

    /// A service whose `sqs:sendMessage` handler hands the message body to `tokens`.
    static func service(tokens: AsyncStream<String>.Continuation? = nil) -> StepFunctionsService {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::sqs:sendMessage.waitForTaskToken") { request in
            if let token = request.input["MessageBody"]?["token"]?.stringValue { tokens?.yield(token) }
            return [:]
        }
        return StepFunctionsService(environment: ExecutionEnvironment(registry: registry))
    }

    @discardableResult
    static func create(_ service: StepFunctionsService, _ name: String, _ definition: String, type: String = "STANDARD")
        async throws -> JSONValue
    {
        try await service.perform(
            "CreateStateMachine",
            ["name": .string(name), "definition": .string(definition), "roleArn": .string(role), "type": .string(type)])
    }

    /// Polls DescribeExecution until the execution is no longer RUNNING.
    static func finished(_ service: StepFunctionsService, _ arn: String) async throws -> JSONValue {
        for _ in 0..<2000 {
            let described = try await service.perform("DescribeExecution", ["executionArn": .string(arn)])
            if described["status"]?.stringValue != "RUNNING" { return described }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the execution \(arn) did not finish")
        return .null
    }
}

@Suite("Step Functions service")
struct StepFunctionsServiceTests {
    func expectError(_ type: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(type)")
        } catch let error as APIError {
            #expect(error.type == type)
            #expect(error.status == 400)
        } catch {
            Issue.record("expected \(type), got \(error)")
        }
    }

    @Test("Create, describe, list, update and delete a state machine")
    func stateMachineLifecycle() async throws {
        let service = Fixture.service()
        let created = try await Fixture.create(service, "Hello", Fixture.pass)
        let arn = Fixture.machineARN + "Hello"
        #expect(created["stateMachineArn"]?.stringValue == arn)
        #expect(created["creationDate"]?.doubleValue != nil)
        // The same request again is idempotent; a different definition is a conflict.
        #expect(try await Fixture.create(service, "Hello", Fixture.pass)["stateMachineArn"]?.stringValue == arn)
        await expectError("StateMachineAlreadyExists") { try await Fixture.create(service, "Hello", Fixture.fail) }
        let described = try await service.perform("DescribeStateMachine", ["stateMachineArn": .string(arn)])
        #expect(described["definition"]?.stringValue == Fixture.pass)
        #expect(described["status"]?.stringValue == "ACTIVE")
        #expect(described["type"]?.stringValue == "STANDARD")
        let revision = described["revisionId"]?.stringValue
        let updated = try await service.perform(
            "UpdateStateMachine", ["stateMachineArn": .string(arn), "definition": .string(Fixture.fail)])
        #expect(updated["revisionId"]?.stringValue != revision)
        let listed = try await service.perform("ListStateMachines", [:])
        #expect(listed["stateMachines"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Hello"])
        _ = try await service.perform("DeleteStateMachine", ["stateMachineArn": .string(arn)])
        await expectError("StateMachineDoesNotExist") {
            _ = try await service.perform("DescribeStateMachine", ["stateMachineArn": .string(arn)])
        }
    }

    @Test("Bad definitions, names and ARNs get the API's error types")
    func errors() async throws {
        let service = Fixture.service()
        await expectError("InvalidDefinition") { try await Fixture.create(service, "Bad", #"{"StartAt":"X","States":{}}"#) }
        await expectError("InvalidName") { try await Fixture.create(service, "bad name", Fixture.pass) }
        await expectError("ValidationException") {
            _ = try await service.perform("CreateStateMachine", ["definition": .string(Fixture.pass)])
        }
        await expectError("InvalidArn") {
            _ = try await service.perform("DescribeStateMachine", ["stateMachineArn": "not-an-arn"])
        }
        await expectError("ExecutionDoesNotExist") {
            _ = try await service.perform("DescribeExecution", ["executionArn": .string(Fixture.executionARN + "M:e")])
        }
        await expectError("UnknownOperationException") { _ = try await service.perform("Frobnicate", [:]) }
        await expectError("ValidationException") {
            let big = String(repeating: " ", count: StepFunctionsService.maximumDefinitionBytes + 1)
            _ = try await service.perform("ValidateStateMachineDefinition", ["definition": .string(big)])
        }
    }

    @Test("ValidateStateMachineDefinition answers with the library's diagnostics")
    func validate() async throws {
        let service = Fixture.service()
        let ok = try await service.perform("ValidateStateMachineDefinition", ["definition": .string(Fixture.pass)])
        #expect(ok["result"]?.stringValue == "OK")
        let bad = try await service.perform(
            "ValidateStateMachineDefinition", ["definition": #"{"StartAt":"X","States":{}}"#])
        #expect(bad["result"]?.stringValue == "FAIL")
        #expect(bad["diagnostics"]?.arrayValue?.isEmpty == false)
    }

    @Test("An execution runs to its end; its history pages forward and backward")
    func executionAndHistory() async throws {
        let service = Fixture.service()
        try await Fixture.create(service, "Hello", Fixture.pass)
        let started = try await service.perform(
            "StartExecution", ["stateMachineArn": .string(Fixture.machineARN + "Hello"), "name": "one", "input": #"{"a":1}"#])
        let arn = try #require(started["executionArn"]?.stringValue)
        #expect(arn == Fixture.executionARN + "Hello:one")
        let described = try await Fixture.finished(service, arn)
        #expect(described["status"]?.stringValue == "SUCCEEDED")
        #expect(described["output"]?.stringValue == #"{"done":true}"#)
        #expect(described["input"]?.stringValue == #"{"a":1}"#)
        var types: [String] = []
        var token: JSONValue = .null
        repeat {
            var request: JSONObject = ["executionArn": .string(arn), "maxResults": 2]
            if token != .null { request["nextToken"] = token }
            let page = try await service.perform("GetExecutionHistory", request)
            let events = page["events"]?.arrayValue ?? []
            #expect(events.count <= 2)
            types += events.compactMap { $0["type"]?.stringValue }
            token = page["nextToken"] ?? .null
        } while token != .null
        #expect(types == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        let reversed = try await service.perform(
            "GetExecutionHistory", ["executionArn": .string(arn), "reverseOrder": true, "includeExecutionData": false])
        let events = reversed["events"]?.arrayValue ?? []
        #expect(events.first?["type"]?.stringValue == "ExecutionSucceeded")
        #expect(events.first?["executionSucceededEventDetails"]?["output"] == nil)
        await expectError("InvalidToken") {
            _ = try await service.perform("GetExecutionHistory", ["executionArn": .string(arn), "nextToken": "bogus"])
        }
    }

    @Test("Execution names are unique; the same running start is idempotent")
    func executionNames() async throws {
        let service = Fixture.service()
        try await Fixture.create(service, "Slow", Fixture.wait)
        let request: JSONObject = ["stateMachineArn": .string(Fixture.machineARN + "Slow"), "name": "x", "input": "{}"]
        let first = try await service.perform("StartExecution", request)
        let again = try await service.perform("StartExecution", request)
        #expect(first["executionArn"] == again["executionArn"])
        var other = request
        other["input"] = #"{"b":2}"#
        await expectError("ExecutionAlreadyExists") { _ = try await service.perform("StartExecution", other) }
        await expectError("InvalidExecutionInput") {
            _ = try await service.perform("StartExecution", ["stateMachineArn": .string(Fixture.machineARN + "Slow"), "input": "{"])
        }
        let big = "\"" + String(repeating: "a", count: StepFunctionsService.maximumPayloadBytes) + "\""
        await expectError("ValidationException") {
            _ = try await service.perform("StartExecution", ["stateMachineArn": .string(Fixture.machineARN + "Slow"), "input": .string(big)])
        }
        await service.stopAll()
    }

    @Test("ListExecutions filters by status and pages; StopExecution aborts")
    func listAndStop() async throws {
        let service = Fixture.service()
        try await Fixture.create(service, "Slow", Fixture.wait)
        let machine = Fixture.machineARN + "Slow"
        var arns: [String] = []
        for index in 0..<3 {
            let started = try await service.perform("StartExecution", ["stateMachineArn": .string(machine), "name": .string("e\(index)")])
            arns.append(started["executionArn"]?.stringValue ?? "")
        }
        let stopped = try await service.perform(
            "StopExecution", ["executionArn": .string(arns[0]), "error": "Manual", "cause": "test"])
        #expect(stopped["stopDate"]?.doubleValue != nil)
        let aborted = try await service.perform("DescribeExecution", ["executionArn": .string(arns[0])])
        #expect(aborted["status"]?.stringValue == "ABORTED")
        #expect(aborted["error"]?.stringValue == "Manual")
        let running = try await service.perform("ListExecutions", ["stateMachineArn": .string(machine), "statusFilter": "RUNNING"])
        #expect(running["executions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["e2", "e1"])
        let page = try await service.perform("ListExecutions", ["stateMachineArn": .string(machine), "maxResults": 2])
        #expect(page["executions"]?.arrayValue?.count == 2)
        let rest = try await service.perform(
            "ListExecutions", ["stateMachineArn": .string(machine), "maxResults": 2, "nextToken": page["nextToken"] ?? .null])
        #expect(rest["executions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["e0"])
        #expect(rest["nextToken"] == nil)
        await expectError("ValidationException") {
            _ = try await service.perform("ListExecutions", ["stateMachineArn": .string(machine), "statusFilter": "DONE"])
        }
        await service.stopAll()
    }

    @Test("SendTaskSuccess completes a .waitForTaskToken task; unknown tokens are TaskDoesNotExist")
    func callbacks() async throws {
        let (tokens, continuation) = AsyncStream<String>.makeStream()
        let service = Fixture.service(tokens: continuation)
        try await Fixture.create(service, "Ask", Fixture.callback)
        let started = try await service.perform("StartExecution", ["stateMachineArn": .string(Fixture.machineARN + "Ask")])
        var iterator = tokens.makeAsyncIterator()
        let token = try #require(await iterator.next())
        await expectError("TaskDoesNotExist") {
            _ = try await service.perform("SendTaskSuccess", ["taskToken": "nope", "output": "{}"])
        }
        await expectError("InvalidOutput") {
            _ = try await service.perform("SendTaskSuccess", ["taskToken": .string(token), "output": "{"])
        }
        _ = try await service.perform("SendTaskHeartbeat", ["taskToken": .string(token)])
        _ = try await service.perform("SendTaskSuccess", ["taskToken": .string(token), "output": #"{"approved":true}"#])
        let described = try await Fixture.finished(service, started["executionArn"]?.stringValue ?? "")
        #expect(described["output"]?.stringValue == #"{"approved":true}"#)
    }

    @Test("Versions and aliases: publish, route, start from them, list executions by them")
    func versionsAndAliases() async throws {
        let service = Fixture.service()
        let machine = Fixture.machineARN + "Hello"
        let created = try await service.perform(
            "CreateStateMachine",
            ["name": "Hello", "definition": .string(Fixture.pass), "roleArn": .string(Fixture.role), "publish": true])
        #expect(created["stateMachineVersionArn"]?.stringValue == machine + ":1")
        _ = try await service.perform("UpdateStateMachine", ["stateMachineArn": .string(machine), "definition": .string(Fixture.fail)])
        let published = try await service.perform("PublishStateMachineVersion", ["stateMachineArn": .string(machine), "description": "v2"])
        #expect(published["stateMachineVersionArn"]?.stringValue == machine + ":2")
        // Publishing an unchanged revision returns the same version.
        let again = try await service.perform("PublishStateMachineVersion", ["stateMachineArn": .string(machine)])
        #expect(again["stateMachineVersionArn"]?.stringValue == machine + ":2")
        let versions = try await service.perform("ListStateMachineVersions", ["stateMachineArn": .string(machine)])
        #expect(versions["stateMachineVersions"]?.arrayValue?.compactMap { $0["stateMachineVersionArn"]?.stringValue } == [machine + ":2", machine + ":1"])
        let alias = try await service.perform(
            "CreateStateMachineAlias",
            ["name": "live", "routingConfiguration": [["stateMachineVersionArn": .string(machine + ":1"), "weight": 100]]])
        let aliasARN = try #require(alias["stateMachineAliasArn"]?.stringValue)
        #expect(aliasARN == machine + ":live")
        let run = try await service.perform("StartExecution", ["stateMachineArn": .string(aliasARN)])
        let described = try await Fixture.finished(service, run["executionArn"]?.stringValue ?? "")
        // Version 1 is the Pass definition, although the latest revision fails.
        #expect(described["status"]?.stringValue == "SUCCEEDED")
        #expect(described["stateMachineAliasArn"]?.stringValue == aliasARN)
        #expect(described["stateMachineVersionArn"]?.stringValue == machine + ":1")
        let forExecution = try await service.perform(
            "DescribeStateMachineForExecution", ["executionArn": run["executionArn"] ?? .null])
        #expect(forExecution["definition"]?.stringValue == Fixture.pass)
        let byAlias = try await service.perform("ListExecutions", ["stateMachineArn": .string(aliasARN)])
        #expect(byAlias["executions"]?.arrayValue?.count == 1)
        _ = try await service.perform(
            "UpdateStateMachineAlias",
            ["stateMachineAliasArn": .string(aliasARN), "routingConfiguration": [["stateMachineVersionArn": .string(machine + ":2"), "weight": 100]]])
        let latest = try await service.perform("DescribeStateMachineAlias", ["stateMachineAliasArn": .string(aliasARN)])
        #expect(latest["routingConfiguration"]?[0]?["stateMachineVersionArn"]?.stringValue == machine + ":2")
        await expectError("ValidationException") {
            _ = try await service.perform(
                "UpdateStateMachineAlias",
                ["stateMachineAliasArn": .string(aliasARN), "routingConfiguration": [["stateMachineVersionArn": .string(machine + ":2"), "weight": 50]]])
        }
        let aliases = try await service.perform("ListStateMachineAliases", ["stateMachineArn": .string(machine)])
        #expect(aliases["stateMachineAliases"]?.arrayValue?.count == 1)
        _ = try await service.perform("DeleteStateMachineAlias", ["stateMachineAliasArn": .string(aliasARN)])
        await expectError("ResourceNotFound") {
            _ = try await service.perform("DescribeStateMachineAlias", ["stateMachineAliasArn": .string(aliasARN)])
        }
    }

    @Test("StartSyncExecution runs an Express machine to its end; Standard machines are refused")
    func startSync() async throws {
        let service = Fixture.service()
        try await Fixture.create(service, "Quick", Fixture.pass, type: "EXPRESS")
        try await Fixture.create(service, "Standard", Fixture.pass)
        let result = try await service.perform("StartSyncExecution", ["stateMachineArn": .string(Fixture.machineARN + "Quick")])
        #expect(result["status"]?.stringValue == "SUCCEEDED")
        #expect(result["output"]?.stringValue == #"{"done":true}"#)
        #expect(result["executionArn"]?.stringValue?.contains(":express:Quick:") == true)
        #expect(result["billingDetails"]?["billedDurationInMilliseconds"]?.intValue ?? 0 >= 100)
        await expectError("StateMachineTypeNotSupported") {
            _ = try await service.perform("StartSyncExecution", ["stateMachineArn": .string(Fixture.machineARN + "Standard")])
        }
    }

    @Test("Tags are added, listed and removed; unknown resources are ResourceNotFound")
    func tags() async throws {
        let service = Fixture.service()
        try await Fixture.create(service, "Hello", Fixture.pass)
        let arn = JSONValue.string(Fixture.machineARN + "Hello")
        _ = try await service.perform("TagResource", ["resourceArn": arn, "tags": [["key": "team", "value": "ops"], ["key": "env", "value": "ci"]]])
        _ = try await service.perform("UntagResource", ["resourceArn": arn, "tagKeys": ["env"]])
        let listed = try await service.perform("ListTagsForResource", ["resourceArn": arn])
        #expect(listed["tags"] == [["key": "team", "value": "ops"]])
        await expectError("ResourceNotFound") {
            _ = try await service.perform("ListTagsForResource", ["resourceArn": .string(Fixture.machineARN + "Nope")])
        }
    }

    @Test("100 concurrent StartExecution calls all start and all finish")
    func concurrentStarts() async throws {
        let service = Fixture.service()
        try await Fixture.create(service, "Hello", Fixture.pass)
        let arns = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<100 {
                group.addTask {
                    let started = try await service.perform(
                        "StartExecution", ["stateMachineArn": .string(Fixture.machineARN + "Hello"), "name": .string("run-\(index)")])
                    return started["executionArn"]?.stringValue ?? ""
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(arns.count == 100)
        for arn in arns { #expect(try await Fixture.finished(service, arn)["status"]?.stringValue == "SUCCEEDED") }
    }
}

/// An archive in memory, for restarts within a test.
final class MemoryArchive: StateMachineArchive, @unchecked Sendable {
    // @unchecked: the document is guarded by the lock.
    private let lock = NSLock()
    private var document: JSONValue?
    func load() throws -> JSONValue? { lock.withLock { document } }
    func save(_ document: JSONValue) throws { lock.withLock { self.document = document } }
}

@Suite("Step Functions service archive")
struct StepFunctionsServiceArchiveTests {
    @Test("A restarted service has the state machines, versions, aliases and tags of the last one")
    func restart() async throws {
        let archive = MemoryArchive()
        let first = StepFunctionsService(archive: archive)
        let machine = Fixture.machineARN + "Kept"
        _ = try await first.perform(
            "CreateStateMachine",
            ["name": "Kept", "definition": .string(Fixture.pass), "roleArn": .string(Fixture.role), "publish": true,
             "tags": [["key": "team", "value": "ops"]]])
        _ = try await first.perform(
            "CreateStateMachineAlias",
            ["name": "live", "routingConfiguration": [["stateMachineVersionArn": .string(machine + ":1"), "weight": 100]]])
        _ = try await first.perform("UpdateStateMachine", ["stateMachineArn": .string(machine), "definition": .string(Fixture.fail)])
        let before = try await first.perform("DescribeStateMachine", ["stateMachineArn": .string(machine)])

        let second = StepFunctionsService(archive: archive)
        #expect(try await second.restore().stateMachines == 1)
        let after = try await second.perform("DescribeStateMachine", ["stateMachineArn": .string(machine)])
        #expect(after == before)
        let version = try await second.perform("DescribeStateMachine", ["stateMachineArn": .string(machine + ":1")])
        #expect(version["definition"]?.stringValue == Fixture.pass)
        let run = try await second.perform("StartExecution", ["stateMachineArn": .string(machine + ":live")])
        #expect(try await Fixture.finished(second, run["executionArn"]?.stringValue ?? "")["status"] == "SUCCEEDED")
        #expect(try await second.perform("ListTagsForResource", ["resourceArn": .string(machine)])["tags"] == [["key": "team", "value": "ops"]])
        let published = try await second.perform("PublishStateMachineVersion", ["stateMachineArn": .string(machine)])
        #expect(published["stateMachineVersionArn"]?.stringValue == machine + ":2")
    }
}

@Suite("Step Functions service with an execution store")
struct StepFunctionsServiceStoreTests {
    /// A service whose `local:flaky` task fails on its first call and succeeds after, keeping
    /// executions in `stores` (one in-memory store per machine).
    /// Counts the flaky task's calls across services.
    final class Calls: Sendable {
        let count = Mutex(0)
    }

    static func service(_ stores: [String: any ExecutionStore], archive: MemoryArchive, calls: Calls) -> StepFunctionsService {
        var registry = TaskRegistry()
        registry.register(for: "local:flaky") { _ in
            let call = calls.count.withLock { count -> Int in
                count += 1
                return count
            }
            if call == 1 { throw StatesError("Flaky.Failed", cause: "first call") }
            return ["ok": true]
        }
        var environment = ExecutionEnvironment(registry: registry)
        environment.store = { name in stores[name] }
        return StepFunctionsService(environment: environment, archive: archive)
    }

    @Test("Without a store RedriveExecution is refused; with one a failed execution redrives, and a restart lists it")
    func redriveAndRestart() async throws {
        let flaky = #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"local:flaky","End":true}}}"#
        let memoryOnly = Fixture.service()
        try await Fixture.create(memoryOnly, "Flaky", flaky)
        let lost = try await memoryOnly.perform("StartExecution", ["stateMachineArn": .string(Fixture.machineARN + "Flaky")])
        _ = try await Fixture.finished(memoryOnly, lost["executionArn"]?.stringValue ?? "")
        await #expect(throws: APIError.self) {
            _ = try await memoryOnly.perform("RedriveExecution", ["executionArn": lost["executionArn"] ?? .null])
        }

        let stores = ["Flaky": InMemoryExecutionStore()]
        let archive = MemoryArchive()
        let calls = Calls()
        let service = Self.service(stores, archive: archive, calls: calls)
        try await Fixture.create(service, "Flaky", flaky)
        let started = try await service.perform(
            "StartExecution", ["stateMachineArn": .string(Fixture.machineARN + "Flaky"), "name": "f1"])
        let arn = try #require(started["executionArn"]?.stringValue)
        let failed = try await Fixture.finished(service, arn)
        #expect(failed["status"] == "FAILED")
        #expect(failed["redriveStatus"] == "REDRIVABLE")
        let redriven = try await service.perform("RedriveExecution", ["executionArn": .string(arn)])
        #expect(redriven["redriveDate"]?.doubleValue != nil)
        let done = try await Fixture.finished(service, arn)
        #expect(done["status"] == "SUCCEEDED")
        #expect(done["redriveCount"] == 1)

        let restarted = Self.service(stores, archive: archive, calls: calls)
        let restored = try await restarted.restore()
        #expect(restored.stateMachines == 1)
        #expect(restored.executions == 1)
        let listed = try await restarted.perform("ListExecutions", ["stateMachineArn": .string(Fixture.machineARN + "Flaky")])
        #expect(listed["executions"]?[0]?["status"] == "SUCCEEDED")
        let history = try await restarted.perform("GetExecutionHistory", ["executionArn": .string(arn)])
        #expect(history["events"]?.arrayValue?.contains { $0["type"] == "ExecutionRedriven" } == true)
    }

    /// A store that holds, besides `base`'s executions, one named `broken` whose journal cannot be read.
    final class OneDamaged: ExecutionStore {
        let base: InMemoryExecutionStore
        init(_ base: InMemoryExecutionStore) { self.base = base }
        func create(_ start: JournalStart) throws(ExecutionStoreError) -> any ExecutionJournalWriter { try base.create(start) }
        func reopen(_ name: String) throws(ExecutionStoreError) -> (
            execution: StoredExecution, writer: any ExecutionJournalWriter
        ) { try base.reopen(name) }
        func read(_ name: String) throws(ExecutionStoreError) -> StoredExecution {
            if name == "broken" { throw .damaged(file: "broken/journal.jsonl", line: 2, reason: "cut short") }
            return try base.read(name)
        }
        func names() throws(ExecutionStoreError) -> [String] { try base.names() + ["broken"] }
        func requestStop(_ name: String, error: String?, cause: String?) throws(ExecutionStoreError) {
            try base.requestStop(name, error: error, cause: cause)
        }
        func takeStopRequest(_ name: String) -> (error: String?, cause: String?)? { base.takeStopRequest(name) }
    }

    @Test("A restart reports a damaged execution and still restores the machine's other executions")
    func restoreAroundDamage() async throws {
        let flaky = #"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"local:flaky","End":true}}}"#
        let kept = InMemoryExecutionStore()
        let archive = MemoryArchive()
        let calls = Calls()
        let service = Self.service(["Flaky": kept], archive: archive, calls: calls)
        try await Fixture.create(service, "Flaky", flaky)
        let started = try await service.perform(
            "StartExecution", ["stateMachineArn": .string(Fixture.machineARN + "Flaky"), "name": "good"])
        let arn = try #require(started["executionArn"]?.stringValue)
        #expect(try await Fixture.finished(service, arn)["status"] == "FAILED")

        let restarted = Self.service(["Flaky": OneDamaged(kept)], archive: archive, calls: calls)
        let restored = try await restarted.restore()
        #expect(restored.executions == 1)
        #expect(restored.problems.count == 1)
        #expect(restored.problems.first?.hasPrefix("broken: ") == true)
        #expect(restored.problems.first?.contains("broken/journal.jsonl:2") == true)
        let listed = try await restarted.perform("ListExecutions", ["stateMachineArn": .string(Fixture.machineARN + "Flaky")])
        #expect(listed["executions"]?.arrayValue?.count == 1)
        #expect(listed["executions"]?[0]?["name"] == "good")
    }
}
