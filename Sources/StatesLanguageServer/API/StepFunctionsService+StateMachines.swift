import Foundation
import StatesLanguage

extension StepFunctionsService {
    /// AWS's limit on a definition: 1 MiB.
    static let maximumDefinitionBytes = 1_048_576

    func createStateMachine(_ request: APIRequest) throws(APIError) -> JSONValue {
        let name = try request.required("name")
        try Self.checkName(name, kind: "State Machine")
        let definition = try request.required("definition", maximumLength: Self.maximumDefinitionBytes)
        let type = try StateMachineType(rawValue: request.choice("type", ["STANDARD", "EXPRESS"]) ?? "STANDARD") ?? .standard
        let roleARN = try request.string("roleArn") ?? "arn:aws:iam::\(accountID):role/StepFunctions-Local"
        let machine = try Self.compile(definition, name: name, type: type)
        let arn = arnPrefix + "stateMachine:" + name
        if let existing = machines[arn] {
            // AWS: creating the same machine again is idempotent; anything else is a conflict.
            guard existing.latest.definition == definition, existing.latest.roleARN == roleARN, existing.type == type else {
                throw APIError("StateMachineAlreadyExists", "State Machine Already Exists: '\(arn)'")
            }
            return ["stateMachineArn": .string(arn), "creationDate": APITimestamp.value(existing.creationDate)]
        }
        let date = now
        let revision = ServedStateMachine.Revision(
            definition: definition, machine: machine, roleARN: roleARN, revisionID: UUID().uuidString.lowercased(),
            date: date, loggingConfiguration: try request.object("loggingConfiguration").map(JSONValue.object) ?? Self.defaultLogging,
            tracingConfiguration: try request.object("tracingConfiguration").map(JSONValue.object) ?? ["enabled": false])
        var served = ServedStateMachine(name: name, arn: arn, type: type, creationDate: date, latest: revision)
        var response: JSONObject = ["stateMachineArn": .string(arn), "creationDate": APITimestamp.value(date)]
        if try request.bool("publish") == true {
            let version = served.publish(description: try request.string("versionDescription", maximumLength: 256), date: date)
            response["stateMachineVersionArn"] = .string(version)
        }
        machines[arn] = served
        machineOrder.append(arn)
        if let tagList = try request.array("tags") { tags[arn] = try Self.readTags(tagList) }
        return .object(response)
    }

    func updateStateMachine(_ request: APIRequest) throws(APIError) -> JSONValue {
        let arn = try request.required("stateMachineArn")
        guard case .machine = try StateMachineReference(arn) else { throw .invalidArn(arn) }
        guard var served = machines[arn] else { throw .stateMachineDoesNotExist(arn) }
        let definition = try request.string("definition", maximumLength: Self.maximumDefinitionBytes)
        let roleARN = try request.string("roleArn")
        let logging = try request.object("loggingConfiguration")
        let tracing = try request.object("tracingConfiguration")
        guard definition != nil || roleARN != nil || logging != nil || tracing != nil else {
            throw APIError(
                "MissingRequiredParameter",
                "Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration must be specified")
        }
        var revision = served.latest
        if let definition {
            revision.machine = try Self.compile(definition, name: served.name, type: served.type)
            revision.definition = definition
        }
        if let roleARN { revision.roleARN = roleARN }
        if let logging { revision.loggingConfiguration = .object(logging) }
        if let tracing { revision.tracingConfiguration = .object(tracing) }
        let date = now
        revision.revisionID = UUID().uuidString.lowercased()
        revision.date = date
        served.latest = revision
        served.updateDate = date
        var response: JSONObject = ["updateDate": APITimestamp.value(date), "revisionId": .string(revision.revisionID)]
        if try request.bool("publish") == true {
            let version = served.publish(description: try request.string("versionDescription", maximumLength: 256), date: date)
            response["stateMachineVersionArn"] = .string(version)
        }
        machines[arn] = served
        return .object(response)
    }

    func describeStateMachine(_ request: APIRequest) throws(APIError) -> JSONValue {
        let arn = try request.required("stateMachineArn")
        let reference = try StateMachineReference(arn)
        guard let served = machines[reference.machineARN] else { throw .stateMachineDoesNotExist(arn) }
        switch reference {
        case .machine:
            var object = Self.describe(served.latest, served: served, arn: arn)
            object["creationDate"] = APITimestamp.value(served.creationDate)
            return .object(object)
        case .version(_, let number):
            guard let version = served.versions.first(where: { $0.number == number }) else {
                throw .stateMachineDoesNotExist(arn)
            }
            var object = Self.describe(version.revision, served: served, arn: arn)
            object["creationDate"] = APITimestamp.value(version.creationDate)
            if let description = version.description { object["description"] = .string(description) }
            return .object(object)
        case .alias:
            throw .invalidArn(arn)
        }
    }

    func describeStateMachineForExecution(_ request: APIRequest) throws(APIError) -> JSONValue {
        let arn = try request.required("executionArn")
        let execution = try servedExecution(arn)
        let served = machines[execution.stateMachineARN]
        var object = Self.describe(
            execution.revision, served: served, arn: execution.versionARN ?? execution.stateMachineARN)
        object["stateMachineArn"] = .string(execution.stateMachineARN)
        object["name"] = .string(execution.revision.machine.name ?? "")
        object.removeValue(forKey: "status")
        object.removeValue(forKey: "type")
        object["updateDate"] = APITimestamp.value(execution.revision.date)
        return .object(object)
    }

    func listStateMachines(_ request: APIRequest) throws(APIError) -> JSONValue {
        let page = try APIPage(request, listing: "ListStateMachines")
        let (items, next) = page.slice(machineOrder.compactMap { machines[$0] })
        var response: JSONObject = [
            "stateMachines": .array(
                items.map { served in
                    [
                        "stateMachineArn": .string(served.arn), "name": .string(served.name),
                        "type": .string(served.type.rawValue), "creationDate": APITimestamp.value(served.creationDate),
                    ]
                })
        ]
        if let next { response["nextToken"] = .string(next) }
        return .object(response)
    }

    func deleteStateMachine(_ request: APIRequest) throws(APIError) -> JSONValue {
        let arn = try request.required("stateMachineArn")
        guard case .machine = try StateMachineReference(arn) else { throw .invalidArn(arn) }
        // AWS deletes asynchronously and does not fail for a machine that does not exist.
        if machines.removeValue(forKey: arn) != nil {
            machineOrder.removeAll { $0 == arn }
            tags[arn] = nil
        }
        return [:]
    }

    func validateStateMachineDefinition(_ request: APIRequest) throws(APIError) -> JSONValue {
        let definition = try request.required("definition", maximumLength: Self.maximumDefinitionBytes)
        let type = StateMachineType(rawValue: try request.choice("type", ["STANDARD", "EXPRESS"]) ?? "STANDARD") ?? .standard
        let severity: Diagnostic.Severity = try request.choice("severity", ["ERROR", "WARNING"]) == "WARNING" ? .warning : .error
        let maxResults = try request.integer("maxResults", in: 0...100) ?? 0
        return StateMachine.validate(definition, type: type, severity: severity, maxResults: maxResults).jsonValue
    }

    // MARK: - Helpers

    static let defaultLogging: JSONValue = ["level": "OFF", "includeExecutionData": false]

    /// Describes a revision as DescribeStateMachine does.
    static func describe(_ revision: ServedStateMachine.Revision, served: ServedStateMachine?, arn: String) -> JSONObject {
        var object: JSONObject = [
            "stateMachineArn": .string(arn), "name": .string(served?.name ?? revision.machine.name ?? ""),
            "status": "ACTIVE", "definition": .string(revision.definition), "roleArn": .string(revision.roleARN),
            "type": .string(served?.type.rawValue ?? revision.machine.type.rawValue),
        ]
        object["loggingConfiguration"] = revision.loggingConfiguration
        object["tracingConfiguration"] = revision.tracingConfiguration
        object["revisionId"] = .string(revision.revisionID)
        return object
    }

    /// Compiles a definition, or throws `InvalidDefinition` with its errors as AWS words them.
    static func compile(_ definition: String, name: String, type: StateMachineType) throws(APIError) -> StateMachine {
        do {
            return try StateMachine(parsing: definition, name: name, type: type)
        } catch {
            throw APIError("InvalidDefinition", error.apiMessage)
        }
    }

    /// Checks a resource name: 1–80 letters, digits, `-` and `_` (AWS's rule for names in ARNs).
    static func checkName(_ name: String, kind: String) throws(APIError) {
        let allowed = name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" }
        guard (1...80).contains(name.count), allowed else {
            throw APIError("InvalidName", "Invalid Name: '\(name)' (\(kind) names have 1 to 80 letters, digits, '-' or '_')")
        }
    }

    /// Reads a `tags` list: `[{"key": …, "value": …}]`.
    static func readTags(_ list: [JSONValue]) throws(APIError) -> JSONObject {
        var result = JSONObject()
        for item in list {
            guard let key = item["key"]?.stringValue, !key.isEmpty else {
                throw .validation("1 validation error detected: Value null at 'tags.member.key' failed to satisfy constraint: Member must not be null")
            }
            result[key] = .string(item["value"]?.stringValue ?? "")
        }
        return result
    }
}

extension ServedStateMachine {
    /// Publishes the latest revision as a version, or returns the version that already has it.
    ///
    /// - Returns: the version's ARN.
    mutating func publish(description: String?, date: Date) -> String {
        if let existing = versions.last, existing.revision.revisionID == latest.revisionID {
            return versionARN(existing.number)
        }
        let number = nextVersion
        nextVersion += 1
        versions.append(Version(number: number, revision: latest, description: description, creationDate: date))
        return versionARN(number)
    }
}
