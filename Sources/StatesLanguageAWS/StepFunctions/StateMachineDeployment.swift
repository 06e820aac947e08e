import StatesLanguage

/// What to deploy to AWS Step Functions: the state machine, and optionally a published version
/// and an alias routing all traffic to it.
///
/// ```swift
/// var deployment = StateMachineDeployment(
///     name: "patch-report", definition: text, roleARN: "arn:aws:iam::123456789012:role/patch-report")
/// deployment.publishesVersion = true
/// deployment.aliasName = "prod"
/// let deployed = try await StepFunctionsClient(configuration: configuration).deploy(deployment)
/// print(deployed.stateMachineARN, deployed.versionARN ?? "", deployed.aliasARN ?? "")
/// ```
///
/// Mirrors `CreateStateMachine` / `UpdateStateMachine` (`name`, `definition`, `roleArn`, `type`,
/// `publish`, `versionDescription`, `tags`) and `CreateStateMachineAlias` /
/// `UpdateStateMachineAlias` (`name`, `description`, `routingConfiguration`).
public struct StateMachineDeployment: Sendable, Hashable {
    /// The state machine's name (1–80 characters; see ``problems`` for the characters refused).
    public var name: String
    /// The definition text, sent as it is.
    public var definition: String
    /// The IAM role executions run as (`arn:aws:iam::123456789012:role/name`).
    public var roleARN: String
    /// `STANDARD` or `EXPRESS`; it cannot change once the state machine exists.
    public var type: StateMachineType
    /// Whether to publish a version of what is deployed (`publish`).
    public var publishesVersion: Bool
    /// The published version's description (`versionDescription`); needs ``publishesVersion``.
    public var versionDescription: String?
    /// An alias to create or move to the published version; needs ``publishesVersion``.
    public var aliasName: String?
    /// Tags for the state machine (`tags` on creation, `TagResource` on update).
    public var tags: [String: String]

    /// Creates a deployment of a `STANDARD` state machine without versions, aliases or tags.
    public init(
        name: String, definition: String, roleARN: String, type: StateMachineType = .standard,
        publishesVersion: Bool = false, versionDescription: String? = nil, aliasName: String? = nil,
        tags: [String: String] = [:]
    ) {
        self.name = name
        self.definition = definition
        self.roleARN = roleARN
        self.type = type
        self.publishesVersion = publishesVersion
        self.versionDescription = versionDescription
        self.aliasName = aliasName
        self.tags = tags
    }

    /// What AWS would refuse before anything is sent: a malformed name, role ARN or alias name,
    /// a version description or alias without a published version, too many or too long tags.
    ///
    /// The rules are those of the API reference: names of 1–80 characters without white space,
    /// brackets, wildcards, control characters or any of `" # % \ ^ | ~ ` $ & , ; : /`; alias
    /// names of 1–80 letters, digits, `-`, `_` and `.`, not only digits (that would be a version);
    /// role ARNs `arn:<partition>:iam::<12 digits>:role/<path and name>`; version descriptions up
    /// to 256 characters; up to 50 tags, keys up to 128 and values up to 256 characters.
    public var problems: [String] {
        var problems: [String] = []
        if let problem = Self.nameProblem(name) { problems.append(problem) }
        if let problem = Self.roleARNProblem(roleARN) { problems.append(problem) }
        if let aliasName {
            if let problem = Self.aliasNameProblem(aliasName) { problems.append(problem) }
            if !publishesVersion { problems.append("an alias routes to a published version: publish one with it") }
        }
        if let versionDescription {
            if !publishesVersion { problems.append("a version description needs a published version") }
            if versionDescription.count > 256 { problems.append("the version description is longer than 256 characters") }
        }
        if tags.count > 50 { problems.append("\(tags.count) tags given; at most 50 are allowed") }
        for (key, value) in tags.sorted(by: { $0.key < $1.key }) {
            if key.isEmpty || key.count > 128 { problems.append("the tag key '\(key)' must be 1 to 128 characters") }
            if value.count > 256 { problems.append("the value of tag '\(key)' is longer than 256 characters") }
        }
        return problems
    }

    /// Why `name` is not a valid state machine (or execution) name, or `nil` when it is.
    public static func nameProblem(_ name: String) -> String? {
        guard !name.isEmpty, name.count <= 80 else { return "the name '\(name)' must be 1 to 80 characters" }
        let forbidden = Set(" <>{}[]?*\"#%\\^|~`$&,;:/".unicodeScalars)
        let refused = name.unicodeScalars.first { scalar in
            forbidden.contains(scalar) || scalar.properties.isWhitespace || scalar.value < 0x20
                || (0x7F...0x9F).contains(scalar.value)
        }
        guard let refused else { return nil }
        let hex = String(refused.value, radix: 16, uppercase: true)
        let shown = refused.value < 0x20 || refused.value >= 0x7F
            ? "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex : "'\(refused)'"
        return "the name '\(name)' may not contain \(shown) (white space, brackets, wildcards and \"#%\\^|~`$&,;:/ are refused)"
    }

    /// Why `name` is not a valid alias name, or `nil` when it is.
    public static func aliasNameProblem(_ name: String) -> String? {
        guard !name.isEmpty, name.count <= 80 else { return "the alias name '\(name)' must be 1 to 80 characters" }
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == "."
        }
        guard allowed else { return "the alias name '\(name)' may only contain letters, digits, '-', '_' and '.'" }
        if name.allSatisfy(\.isNumber) {
            return "the alias name '\(name)' is only digits, which would read as a version number"
        }
        return nil
    }

    /// Why `arn` is not an IAM role ARN, or `nil` when it is.
    public static func roleARNProblem(_ arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let isRole =
            parts.count == 6 && parts[0] == "arn" && parts[1].hasPrefix("aws") && parts[2] == "iam" && parts[3].isEmpty
            && parts[4].count == 12 && parts[4].allSatisfy(\.isNumber) && parts[5].hasPrefix("role/")
            && parts[5].count > 5 && !parts[5].hasSuffix("/")
        return isRole
            ? nil : "'\(arn)' is not an IAM role ARN (expected arn:aws:iam::123456789012:role/<name>)"
    }
}

/// What ``StepFunctionsClient/deploy(_:)`` did.
public struct DeploymentResult: Sendable, Hashable {
    /// Whether a resource was created or an existing one updated.
    public enum Change: String, Sendable, Hashable {
        /// It did not exist and was created.
        case created
        /// It existed and was updated.
        case updated
    }

    /// The state machine's ARN.
    public var stateMachineARN: String
    /// Whether the state machine was created or updated.
    public var change: Change
    /// The published version's ARN, when a version was published.
    public var versionARN: String?
    /// The alias's ARN, when an alias was asked for.
    public var aliasARN: String?
    /// Whether the alias was created or moved.
    public var aliasChange: Change?

    /// Creates a value.
    public init(
        stateMachineARN: String, change: Change, versionARN: String? = nil, aliasARN: String? = nil,
        aliasChange: Change? = nil
    ) {
        self.stateMachineARN = stateMachineARN
        self.change = change
        self.versionARN = versionARN
        self.aliasARN = aliasARN
        self.aliasChange = aliasChange
    }
}
