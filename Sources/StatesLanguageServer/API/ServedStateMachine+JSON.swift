import Foundation
import StatesLanguage

extension ServedStateMachine {
    /// The machine as the archive keeps it: everything but the compiled definitions.
    var jsonValue: JSONValue {
        var object: JSONObject = [
            "name": .string(name), "arn": .string(arn), "type": .string(type.rawValue),
            "creationDate": .double(creationDate.timeIntervalSince1970), "latest": latest.jsonValue,
            "nextVersion": .integer(nextVersion),
        ]
        if let updateDate { object["updateDate"] = .double(updateDate.timeIntervalSince1970) }
        object["versions"] = .array(
            versions.map { version in
                var entry: JSONObject = [
                    "number": .integer(version.number), "revision": version.revision.jsonValue,
                    "creationDate": .double(version.creationDate.timeIntervalSince1970),
                ]
                if let description = version.description { entry["description"] = .string(description) }
                return .object(entry)
            })
        object["aliases"] = .array(
            aliases.values.sorted { $0.name < $1.name }.map { alias in
                var entry: JSONObject = [
                    "name": .string(alias.name), "routes": StepFunctionsService.routesJSON(alias.routes),
                    "creationDate": .double(alias.creationDate.timeIntervalSince1970),
                    "updateDate": .double(alias.updateDate.timeIntervalSince1970),
                ]
                if let description = alias.description { entry["description"] = .string(description) }
                return .object(entry)
            })
        return .object(object)
    }

    /// Reads an archived machine, compiling its definitions again.
    ///
    /// - Returns: `nil` when the entry is not one the archive writes.
    init?(archived value: JSONValue) {
        guard let name = value["name"]?.stringValue, let arn = value["arn"]?.stringValue,
            let type = value["type"]?.stringValue.flatMap(StateMachineType.init(rawValue:)),
            let created = value["creationDate"]?.doubleValue, let latest = value["latest"].flatMap({ Revision(archived: $0, name: name, type: type) })
        else { return nil }
        self.init(name: name, arn: arn, type: type, creationDate: Date(timeIntervalSince1970: created), latest: latest)
        updateDate = value["updateDate"]?.doubleValue.map(Date.init(timeIntervalSince1970:))
        nextVersion = value["nextVersion"]?.intValue ?? 1
        for entry in value["versions"]?.arrayValue ?? [] {
            guard let number = entry["number"]?.intValue,
                let revision = entry["revision"].flatMap({ Revision(archived: $0, name: name, type: type) }),
                let date = entry["creationDate"]?.doubleValue
            else { continue }
            versions.append(
                Version(number: number, revision: revision, description: entry["description"]?.stringValue,
                    creationDate: Date(timeIntervalSince1970: date)))
        }
        for entry in value["aliases"]?.arrayValue ?? [] {
            guard let alias = entry["name"]?.stringValue, let created = entry["creationDate"]?.doubleValue else { continue }
            let routes = (entry["routes"]?.arrayValue ?? []).compactMap { route -> (versionARN: String, weight: Int)? in
                guard let arn = route["stateMachineVersionArn"]?.stringValue, let weight = route["weight"]?.intValue else {
                    return nil
                }
                return (arn, weight)
            }
            aliases[alias] = Alias(
                name: alias, description: entry["description"]?.stringValue, routes: routes,
                creationDate: Date(timeIntervalSince1970: created),
                updateDate: Date(timeIntervalSince1970: entry["updateDate"]?.doubleValue ?? created))
        }
    }
}

extension ServedStateMachine.Revision {
    var jsonValue: JSONValue {
        [
            "definition": .string(definition), "roleArn": .string(roleARN), "revisionId": .string(revisionID),
            "date": .double(date.timeIntervalSince1970), "loggingConfiguration": loggingConfiguration,
            "tracingConfiguration": tracingConfiguration,
        ]
    }

    init?(archived value: JSONValue, name: String, type: StateMachineType) {
        guard let definition = value["definition"]?.stringValue, let role = value["roleArn"]?.stringValue,
            let machine = try? StateMachine(parsing: definition, name: name, type: type)
        else { return nil }
        self.init(
            definition: definition, machine: machine, roleARN: role,
            revisionID: value["revisionId"]?.stringValue ?? UUID().uuidString.lowercased(),
            date: Date(timeIntervalSince1970: value["date"]?.doubleValue ?? 0),
            loggingConfiguration: value["loggingConfiguration"] ?? StepFunctionsService.defaultLogging,
            tracingConfiguration: value["tracingConfiguration"] ?? ["enabled": false])
    }
}
