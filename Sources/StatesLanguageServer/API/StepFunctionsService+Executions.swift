import Foundation
import StatesLanguage

extension StepFunctionsService {
    /// AWS's limit on execution input and task output: 256 KiB.
    static let maximumPayloadBytes = 262_144

    /// What a StartExecution target resolves to.
    struct Target {
        var served: ServedStateMachine
        var revision: ServedStateMachine.Revision
        var versionARN: String?
        var aliasARN: String?
        var testCase: String?
    }

    /// Resolves a machine, version or alias ARN, with an optional `#TestCase` suffix.
    func resolve(_ text: String) throws(APIError) -> Target {
        var arn = text
        var testCase: String?
        if let hash = text.firstIndex(of: "#") {
            arn = String(text[..<hash])
            testCase = String(text[text.index(after: hash)...])
            if testCase?.isEmpty == true { throw .invalidArn(text) }
        }
        let reference = try StateMachineReference(arn)
        guard let served = machines[reference.machineARN] else { throw .stateMachineDoesNotExist(arn) }
        switch reference {
        case .machine:
            return Target(served: served, revision: served.latest, testCase: testCase)
        case .version(_, let number):
            guard let version = served.versions.first(where: { $0.number == number }) else {
                throw .stateMachineDoesNotExist(arn)
            }
            return Target(served: served, revision: version.revision, versionARN: arn, testCase: testCase)
        case .alias(_, let name):
            guard let alias = served.aliases[name] else { throw .stateMachineDoesNotExist(arn) }
            // Weighted routing, as AWS splits an alias's traffic between two versions.
            var pick = Int.random(in: 0..<100)
            var chosen = alias.routes[0].versionARN
            for route in alias.routes {
                if pick < route.weight {
                    chosen = route.versionARN
                    break
                }
                pick -= route.weight
            }
            var target = try resolve(chosen)
            target.aliasARN = arn
            target.testCase = testCase
            return target
        }
    }

    func startExecution(_ request: APIRequest) async throws(APIError) -> JSONValue {
        let started = try await start(request)
        return ["executionArn": .string(started.arn), "startDate": APITimestamp.value(started.startDate)]
    }

    func startSyncExecution(_ request: APIRequest) async throws(APIError) -> JSONValue {
        let target = try resolve(try request.required("stateMachineArn"))
        guard target.served.type == .express else {
            throw APIError(
                "StateMachineTypeNotSupported",
                "This operation is not supported by this type of state machine: StartSyncExecution needs an EXPRESS state machine")
        }
        let started = try await start(request)
        guard let handle = started.handle else { throw APIError("InternalFailure", "The execution did not start", status: 500) }
        let result = await handle.result
        var object = result.startSyncExecutionJSON.objectValue ?? JSONObject()
        object["startDate"] = APITimestamp.value(result.startDate)
        object["stopDate"] = APITimestamp.value(result.stopDate)
        object["stateMachineArn"] = .string(started.stateMachineARN)
        return .object(object)
    }

    /// Starts an execution and adds it to the book.
    func start(_ request: APIRequest) async throws(APIError) -> ServedExecution {
        let target = try resolve(try request.required("stateMachineArn"))
        let name = try request.string("name") ?? UUID().uuidString.lowercased()
        let givenInput = try request.json("input", maximumLength: Self.maximumPayloadBytes, error: "InvalidExecutionInput")
        let machineName = target.served.name
        let expectedARN = arnPrefix + "execution:\(machineName):\(name)"
        if target.served.type == .standard, let existing = executions[expectedARN] {
            // AWS: the same name and input while it runs returns the running execution.
            if existing.result == nil, existing.input == (givenInput ?? existing.input), givenInput != nil || existing.input == [:] {
                return existing
            }
            throw APIError("ExecutionAlreadyExists", "Execution Already Exists: '\(expectedARN)'")
        }
        let prepared = try await prepare(target.revision, served: target.served, testCase: target.testCase)
        let input = givenInput ?? prepared.testCaseInput ?? .object(JSONObject())
        if target.served.type == .standard, executions[expectedARN] != nil {
            await prepared.finish()
            throw APIError("ExecutionAlreadyExists", "Execution Already Exists: '\(expectedARN)'")
        }
        let handle: Execution
        do {
            handle = try await prepared.executor.start(target.revision.machine, input: input, name: name)
        } catch {
            await prepared.finish()
            throw APIError(error.name.rawValue, error.cause ?? "Invalid Name: '\(name)'")
        }
        let execution = ServedExecution(
            arn: handle.executionARN, name: name, stateMachineARN: target.served.arn, versionARN: target.versionARN,
            aliasARN: target.aliasARN, input: input, startDate: handle.history.first?.timestamp ?? now,
            revision: target.revision, handle: handle, result: nil, isExpress: target.served.type == .express)
        executions.add(execution)
        watch(handle, finish: prepared.finish)
        return execution
    }

    /// Prepares an execution of `revision`: the environment's handlers, this server's region, account
    /// and role, and for a Standard machine the store its executions are kept in.
    func prepare(_ revision: ServedStateMachine.Revision, served: ServedStateMachine, testCase: String?)
        async throws(APIError) -> ExecutionEnvironment.Prepared
    {
        var prepared = try await environment.prepare(revision.machine, testCase)
        prepared.executor.region = region
        prepared.executor.accountID = accountID
        prepared.executor.roleARN = revision.roleARN
        if served.type == .standard { prepared.executor.store = environment.store?(served.name) }
        return prepared
    }

    /// Records the result of `handle` once it ends, then runs `finish`.
    func watch(_ handle: Execution, finish: @escaping @Sendable () async -> Void) {
        Task {
            let result = await handle.result
            await finish()
            self.finished(handle, result: result)
        }
    }

    /// Records an ended execution.
    func finished(_ handle: Execution, result: ExecutionResult) {
        executions.finish(handle.executionARN, result: result, of: handle)
    }

    /// The execution with this ARN, or `ExecutionDoesNotExist` (`InvalidArn` when it is no execution ARN).
    func servedExecution(_ arn: String) throws(APIError) -> ServedExecution {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 8, parts[0] == "arn", parts[2] == "states", parts[5] == "execution" || parts[5] == "express"
        else { throw .invalidArn(arn) }
        guard let execution = executions[arn] else { throw .executionDoesNotExist(arn) }
        return execution
    }

    func describeExecution(_ request: APIRequest) throws(APIError) -> JSONValue {
        let execution = try servedExecution(try request.required("executionArn"))
        var object: JSONObject = [
            "executionArn": .string(execution.arn), "stateMachineArn": .string(execution.stateMachineARN),
            "name": .string(execution.name), "status": .string(execution.status),
            "startDate": APITimestamp.value(execution.startDate),
        ]
        if let result = execution.result { object["stopDate"] = APITimestamp.value(result.stopDate) }
        object["input"] = .string(execution.input.jsonString())
        object["inputDetails"] = ["included": true]
        if let result = execution.result {
            if let output = result.output {
                object["output"] = .string(output.jsonString())
                object["outputDetails"] = ["included": true]
            }
            if let error = result.error {
                if !error.name.rawValue.isEmpty { object["error"] = .string(error.name.rawValue) }
                if let cause = error.cause { object["cause"] = .string(cause) }
            }
        }
        if let version = execution.versionARN { object["stateMachineVersionArn"] = .string(version) }
        if let alias = execution.aliasARN { object["stateMachineAliasArn"] = .string(alias) }
        object["redriveCount"] = .integer(execution.redriveCount)
        if let date = execution.redriveDate { object["redriveDate"] = APITimestamp.value(date) }
        let refusal = redriveRefusal(execution)
        object["redriveStatus"] = .string(refusal == nil ? "REDRIVABLE" : "NOT_REDRIVABLE")
        if execution.status != "RUNNING", let refusal { object["redriveStatusReason"] = .string(refusal) }
        return .object(object)
    }

    /// Why `RedriveExecution` would refuse the execution, in AWS's words; `nil` when it would redrive it.
    func redriveRefusal(_ execution: ServedExecution) -> String? {
        if execution.isExpress { return "This API action is not supported by EXPRESS state machines." }
        if execution.result == nil { return "Execution is RUNNING and cannot be redriven" }
        if execution.status == "SUCCEEDED" { return "Execution is SUCCEEDED and cannot be redriven" }
        if environment.store == nil { return "Executions are kept in memory only: start the server with --store to redrive" }
        return nil
    }

    func listExecutions(_ request: APIRequest) throws(APIError) -> JSONValue {
        let statuses = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"]
        let status = try request.choice("statusFilter", statuses)
        let redriveFilter = try request.choice("redriveFilter", ["REDRIVEN", "NOT_REDRIVEN"])
        let machineArn = try request.string("stateMachineArn")
        if let mapRun = try request.string("mapRunArn") {
            guard machineArn == nil else { throw .validation("Specify either stateMachineArn or mapRunArn, not both") }
            throw .resourceNotFound(mapRun)
        }
        guard let machineArn else { throw .validation("Either stateMachineArn or mapRunArn must be specified") }
        let reference = try StateMachineReference(machineArn)
        guard machines[reference.machineARN] != nil else { throw .stateMachineDoesNotExist(machineArn) }
        let listed = executions.newestFirst { execution in
            switch reference {
            case .machine(let arn): guard execution.stateMachineARN == arn else { return false }
            case .version: guard execution.versionARN == machineArn else { return false }
            case .alias: guard execution.aliasARN == machineArn else { return false }
            }
            if let status, execution.status != status { return false }
            if redriveFilter == "REDRIVEN" { return false }
            return true
        }
        let page = try APIPage(request, listing: "ListExecutions:\(machineArn):\(status ?? "")")
        let (items, next) = page.slice(listed)
        var response: JSONObject = [
            "executions": .array(
                items.map { execution in
                    var object: JSONObject = [
                        "executionArn": .string(execution.arn), "stateMachineArn": .string(execution.stateMachineARN),
                        "name": .string(execution.name), "status": .string(execution.status),
                        "startDate": APITimestamp.value(execution.startDate),
                    ]
                    if let result = execution.result { object["stopDate"] = APITimestamp.value(result.stopDate) }
                    if let version = execution.versionARN { object["stateMachineVersionArn"] = .string(version) }
                    if let alias = execution.aliasARN { object["stateMachineAliasArn"] = .string(alias) }
                    return .object(object)
                })
        ]
        if let next { response["nextToken"] = .string(next) }
        return .object(response)
    }

    func getExecutionHistory(_ request: APIRequest) throws(APIError) -> JSONValue {
        let execution = try servedExecution(try request.required("executionArn"))
        let reverse = try request.bool("reverseOrder") ?? false
        let includesData = try request.bool("includeExecutionData") ?? true
        let page = try APIPage(request, listing: "GetExecutionHistory:\(execution.arn):\(reverse)")
        let events = reverse ? Array(execution.history.reversed()) : execution.history
        let (items, next) = page.slice(events)
        var response: JSONObject = ["events": .array(items.map { Self.historyEvent($0, includesData: includesData) })]
        if let next { response["nextToken"] = .string(next) }
        return .object(response)
    }

    /// An event as GetExecutionHistory returns it: the timestamp as a number; without execution
    /// data, no `input` or `output`.
    static func historyEvent(_ event: ExecutionEvent, includesData: Bool) -> JSONValue {
        guard case .object(var object) = event.jsonValue else { return event.jsonValue }
        object["timestamp"] = APITimestamp.value(event.timestamp)
        if !includesData {
            for key in object.keys where key.hasSuffix("EventDetails") {
                _ = object.modifyValue(forKey: key) { details in
                    guard case .object(var fields) = details else { return }
                    for field in ["input", "inputDetails", "output", "outputDetails"] { _ = fields.removeValue(forKey: field) }
                    details = .object(fields)
                }
            }
        }
        return .object(object)
    }

    func stopExecution(_ request: APIRequest) async throws(APIError) -> JSONValue {
        let execution = try servedExecution(try request.required("executionArn"))
        let error = try request.string("error", maximumLength: 256)
        let cause = try request.string("cause", maximumLength: 32768)
        if let handle = execution.handle, execution.result == nil {
            handle.stop(error: error, cause: cause)
            let result = await handle.result
            finished(handle, result: result)
            return ["stopDate": APITimestamp.value(result.stopDate)]
        }
        return ["stopDate": APITimestamp.value(execution.result?.stopDate ?? now)]
    }

    func redriveExecution(_ request: APIRequest) async throws(APIError) -> JSONValue {
        let execution = try servedExecution(try request.required("executionArn"))
        if let refusal = redriveRefusal(execution) { throw APIError("ExecutionNotRedrivable", refusal) }
        guard let served = machines[execution.stateMachineARN] else { throw .stateMachineDoesNotExist(execution.stateMachineARN) }
        let prepared = try await prepare(execution.revision, served: served, testCase: nil)
        let handle: Execution
        do {
            handle = try await prepared.executor.redrive(execution.name)
        } catch {
            await prepared.finish()
            throw APIError(error.errorName == "States.Runtime" ? "ExecutionNotRedrivable" : error.errorName, error.message)
        }
        let date = handle.history.last { if case .executionRedriven = $0.kind { return true } else { return false } }?.timestamp ?? now
        executions.continueRunning(execution.arn, with: handle, redrivenAt: date)
        watch(handle, finish: prepared.finish)
        return ["redriveDate": APITimestamp.value(date)]
    }

    func describeMapRun(_ request: APIRequest) throws(APIError) -> JSONValue {
        throw .resourceNotFound(try request.required("mapRunArn"))
    }

    func listMapRuns(_ request: APIRequest) throws(APIError) -> JSONValue {
        _ = try servedExecution(try request.required("executionArn"))
        return ["mapRuns": []]
    }
}

extension StepFunctionsService {
    /// Stops every running execution (the server is shutting down) and waits for them to end.
    public func stopAll() async {
        for handle in executions.running {
            handle.stop(error: "States.Runtime", cause: "The server stopped.")
            let result = await handle.result
            finished(handle, result: result)
        }
    }
}
