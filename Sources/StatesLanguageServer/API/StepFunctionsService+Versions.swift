import Foundation
import StatesLanguage

extension StepFunctionsService {
    func publishStateMachineVersion(_ request: APIRequest) throws(APIError) -> JSONValue {
        let arn = try request.required("stateMachineArn")
        guard case .machine = try StateMachineReference(arn) else { throw .invalidArn(arn) }
        guard var served = machines[arn] else { throw .stateMachineDoesNotExist(arn) }
        if let revision = try request.string("revisionId"), revision != served.latest.revisionID {
            throw APIError(
                "ConflictException",
                "Failed to publish the State Machine version for revision \(revision). The current State Machine revision is \(served.latest.revisionID).")
        }
        let date = now
        let versionARN = served.publish(description: try request.string("description", maximumLength: 256), date: date)
        machines[arn] = served
        let created = served.versions.first { served.versionARN($0.number) == versionARN }?.creationDate ?? date
        return ["stateMachineVersionArn": .string(versionARN), "creationDate": APITimestamp.value(created)]
    }

    func listStateMachineVersions(_ request: APIRequest) throws(APIError) -> JSONValue {
        let arn = try request.required("stateMachineArn")
        guard case .machine = try StateMachineReference(arn) else { throw .invalidArn(arn) }
        guard let served = machines[arn] else { throw .stateMachineDoesNotExist(arn) }
        let page = try APIPage(request, listing: "ListStateMachineVersions")
        let (items, next) = page.slice(Array(served.versions.reversed()))
        var response: JSONObject = [
            "stateMachineVersions": .array(
                items.map {
                    [
                        "stateMachineVersionArn": .string(served.versionARN($0.number)),
                        "creationDate": APITimestamp.value($0.creationDate),
                    ]
                })
        ]
        if let next { response["nextToken"] = .string(next) }
        return .object(response)
    }

    func deleteStateMachineVersion(_ request: APIRequest) throws(APIError) -> JSONValue {
        let arn = try request.required("stateMachineVersionArn")
        guard case .version(let machineARN, let number) = try StateMachineReference(arn) else { throw .invalidArn(arn) }
        guard var served = machines[machineARN] else { return [:] }
        let versionARN = served.versionARN(number)
        if served.aliases.values.contains(where: { $0.routes.contains { $0.versionARN == versionARN } }) {
            throw APIError(
                "ConflictException",
                "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [\(served.aliases.values.filter { $0.routes.contains { $0.versionARN == versionARN } }.map { served.aliasARN($0.name) }.joined(separator: ", "))]")
        }
        served.versions.removeAll { $0.number == number }
        machines[machineARN] = served
        return [:]
    }

    func createStateMachineAlias(_ request: APIRequest) throws(APIError) -> JSONValue {
        let name = try request.required("name")
        try Self.checkName(name, kind: "Alias")
        if name.allSatisfy(\.isNumber) { throw APIError("InvalidName", "Invalid Name: '\(name)' (an alias name cannot be a number)") }
        let routes = try readRoutes(request)
        guard case .version(let machineARN, _) = try StateMachineReference(routes[0].versionARN) else {
            throw .invalidArn(routes[0].versionARN)
        }
        guard var served = machines[machineARN] else { throw .resourceNotFound(routes[0].versionARN) }
        let aliasARN = served.aliasARN(name)
        let description = try request.string("description", maximumLength: 256)
        if let existing = served.aliases[name] {
            guard existing.description == description, existing.routes.map(\.versionARN) == routes.map(\.versionARN),
                existing.routes.map(\.weight) == routes.map(\.weight)
            else { throw APIError("ConflictException", "Alias already exists: '\(aliasARN)'") }
            return ["stateMachineAliasArn": .string(aliasARN), "creationDate": APITimestamp.value(existing.creationDate)]
        }
        let date = now
        served.aliases[name] = .init(name: name, description: description, routes: routes, creationDate: date, updateDate: date)
        machines[machineARN] = served
        return ["stateMachineAliasArn": .string(aliasARN), "creationDate": APITimestamp.value(date)]
    }

    func describeStateMachineAlias(_ request: APIRequest) throws(APIError) -> JSONValue {
        let arn = try request.required("stateMachineAliasArn")
        let (served, alias) = try servedAlias(arn)
        var object: JSONObject = [
            "stateMachineAliasArn": .string(served.aliasARN(alias.name)), "name": .string(alias.name),
        ]
        if let description = alias.description { object["description"] = .string(description) }
        object["routingConfiguration"] = Self.routesJSON(alias.routes)
        object["creationDate"] = APITimestamp.value(alias.creationDate)
        object["updateDate"] = APITimestamp.value(alias.updateDate)
        return .object(object)
    }

    func updateStateMachineAlias(_ request: APIRequest) throws(APIError) -> JSONValue {
        let arn = try request.required("stateMachineAliasArn")
        var (served, alias) = try servedAlias(arn)
        let description = try request.string("description", maximumLength: 256)
        let routes = request.fields["routingConfiguration"] == nil ? nil : try readRoutes(request)
        guard description != nil || routes != nil else {
            throw .validation("Either the description or the routingConfiguration must be specified")
        }
        if let description { alias.description = description }
        if let routes { alias.routes = routes }
        alias.updateDate = now
        served.aliases[alias.name] = alias
        machines[served.arn] = served
        return ["updateDate": APITimestamp.value(alias.updateDate)]
    }

    func listStateMachineAliases(_ request: APIRequest) throws(APIError) -> JSONValue {
        let arn = try request.required("stateMachineArn")
        let reference = try StateMachineReference(arn)
        guard let served = machines[reference.machineARN] else { throw .resourceNotFound(arn) }
        var aliases = served.aliases.values.sorted { $0.creationDate > $1.creationDate }
        if case .version(_, let number) = reference {
            aliases = aliases.filter { $0.routes.contains { $0.versionARN == served.versionARN(number) } }
        }
        let page = try APIPage(request, listing: "ListStateMachineAliases")
        let (items, next) = page.slice(aliases)
        var response: JSONObject = [
            "stateMachineAliases": .array(
                items.map {
                    [
                        "stateMachineAliasArn": .string(served.aliasARN($0.name)),
                        "creationDate": APITimestamp.value($0.creationDate),
                    ]
                })
        ]
        if let next { response["nextToken"] = .string(next) }
        return .object(response)
    }

    func deleteStateMachineAlias(_ request: APIRequest) throws(APIError) -> JSONValue {
        let arn = try request.required("stateMachineAliasArn")
        guard case .alias(let machineARN, let name) = try StateMachineReference(arn) else { throw .invalidArn(arn) }
        machines[machineARN]?.aliases[name] = nil
        return [:]
    }

    /// The machine and alias an alias ARN names.
    func servedAlias(_ arn: String) throws(APIError) -> (ServedStateMachine, ServedStateMachine.Alias) {
        guard case .alias(let machineARN, let name) = try StateMachineReference(arn) else { throw .invalidArn(arn) }
        guard let served = machines[machineARN], let alias = served.aliases[name] else { throw .resourceNotFound(arn) }
        return (served, alias)
    }

    /// Reads `routingConfiguration`: one or two versions of one machine whose weights add up to 100.
    func readRoutes(_ request: APIRequest) throws(APIError) -> [(versionARN: String, weight: Int)] {
        guard let list = try request.array("routingConfiguration"), (1...2).contains(list.count) else {
            throw .validation("The routingConfiguration must list one or two versions")
        }
        var routes: [(versionARN: String, weight: Int)] = []
        for item in list {
            guard let arn = item["stateMachineVersionArn"]?.stringValue, let weight = item["weight"]?.intValue,
                (0...100).contains(weight)
            else { throw .validation("Each route needs a stateMachineVersionArn and a weight from 0 to 100") }
            guard case .version(let machineARN, let number) = try StateMachineReference(arn) else { throw .invalidArn(arn) }
            guard let served = machines[machineARN], served.versions.contains(where: { $0.number == number }) else {
                throw .resourceNotFound(arn)
            }
            routes.append((arn, weight))
        }
        guard routes.reduce(0, { $0 + $1.weight }) == 100 else {
            throw .validation("The weights of the routingConfiguration must add up to 100")
        }
        if routes.count == 2 {
            let machinesNamed = Set(routes.compactMap { try? StateMachineReference($0.versionARN).machineARN })
            guard machinesNamed.count == 1, routes[0].versionARN != routes[1].versionARN else {
                throw .validation("The routingConfiguration must name two different versions of one state machine")
            }
        }
        return routes
    }

    static func routesJSON(_ routes: [(versionARN: String, weight: Int)]) -> JSONValue {
        .array(routes.map { ["stateMachineVersionArn": .string($0.versionARN), "weight": .integer($0.weight)] })
    }
}
