import Foundation
import StatesLanguage

/// A state machine the server holds: its latest revision, its published versions and its aliases.
struct ServedStateMachine: Sendable {
    /// One revision of the definition and role.
    struct Revision: Sendable {
        var definition: String
        var machine: StateMachine
        var roleARN: String
        var revisionID: String
        var date: Date
        var loggingConfiguration: JSONValue
        var tracingConfiguration: JSONValue
    }

    /// A published version: a revision with a number and a description.
    struct Version: Sendable {
        var number: Int
        var revision: Revision
        var description: String?
        var creationDate: Date
    }

    /// An alias: weighted routes to versions.
    struct Alias: Sendable {
        var name: String
        var description: String?
        var routes: [(versionARN: String, weight: Int)]
        var creationDate: Date
        var updateDate: Date
    }

    var name: String
    var arn: String
    var type: StateMachineType
    var creationDate: Date
    var latest: Revision
    /// The latest revision was changed by UpdateStateMachine at least once.
    var updateDate: Date?
    var versions: [Version] = []
    var nextVersion = 1
    var aliases: [String: Alias] = [:]

    func versionARN(_ number: Int) -> String { "\(arn):\(number)" }
    func aliasARN(_ name: String) -> String { "\(arn):\(name)" }
}

/// What a state machine ARN names: the machine, one of its versions or one of its aliases.
enum StateMachineReference: Sendable, Hashable {
    case machine(String)
    case version(machine: String, number: Int)
    case alias(machine: String, name: String)

    /// Reads `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME[:VERSION|:ALIAS]`.
    ///
    /// - Throws: `InvalidArn` for anything else.
    init(_ arn: String) throws(APIError) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 7 || parts.count == 8, parts[0] == "arn", parts[2] == "states", parts[5] == "stateMachine",
            !parts[6].isEmpty
        else { throw .invalidArn(arn) }
        let machine = parts[0..<7].joined(separator: ":")
        if parts.count == 7 {
            self = .machine(machine)
        } else if let number = Int(parts[7]), number > 0 {
            self = .version(machine: machine, number: number)
        } else if !parts[7].isEmpty {
            self = .alias(machine: machine, name: String(parts[7]))
        } else {
            throw .invalidArn(arn)
        }
    }

    /// The unqualified state machine ARN.
    var machineARN: String {
        switch self {
        case .machine(let arn), .version(let arn, _), .alias(let arn, _): return arn
        }
    }
}
