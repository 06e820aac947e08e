/// The ARN of a state machine, a version or an alias:
/// `arn:<partition>:states:<region>:<account>:stateMachine:<name>[:<version or alias>]`.
///
/// ```swift
/// let arn = StateMachineARN(region: "eu-west-1", account: "123456789012", name: "patch-report")
/// arn.description  // arn:aws:states:eu-west-1:123456789012:stateMachine:patch-report
/// StateMachineARN(parsing: "arn:aws:states:eu-west-1:123456789012:stateMachine:patch-report:prod")?.qualifier  // "prod"
/// ```
///
/// The form is the one in the Step Functions API reference (`StartExecution`'s `stateMachineArn`
/// accepts the qualified forms too).
public struct StateMachineARN: Sendable, Hashable, CustomStringConvertible {
    /// `aws`, `aws-cn`, `aws-us-gov`…
    public var partition: String
    /// The region (`eu-west-1`).
    public var region: String
    /// The 12-digit account id.
    public var account: String
    /// The state machine's name.
    public var name: String
    /// A version number (`3`) or an alias name (`prod`), if the ARN is qualified.
    public var qualifier: String?

    /// Creates the ARN of a state machine in `region` of `account`, in the region's partition.
    public init(region: String, account: String, name: String, qualifier: String? = nil) {
        self.partition = Self.partition(forRegion: region)
        self.region = region
        self.account = account
        self.name = name
        self.qualifier = qualifier
    }

    /// Reads an ARN; `nil` when `text` is not a state machine ARN.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 7 || parts.count == 8, parts[0] == "arn", parts[2] == "states",
            parts[5] == "stateMachine", !parts[1].isEmpty, !parts[3].isEmpty, !parts[4].isEmpty, !parts[6].isEmpty
        else { return nil }
        partition = parts[1]
        region = parts[3]
        account = parts[4]
        name = parts[6]
        qualifier = parts.count == 8 ? parts[7] : nil
        if qualifier?.isEmpty == true { return nil }
    }

    /// The ARN without a version or alias.
    public var unqualified: StateMachineARN {
        var copy = self
        copy.qualifier = nil
        return copy
    }

    /// The same state machine qualified by a version or an alias.
    public func qualified(by qualifier: String) -> StateMachineARN {
        var copy = self
        copy.qualifier = qualifier
        return copy
    }

    /// The ARN text.
    public var description: String {
        let base = "arn:\(partition):states:\(region):\(account):stateMachine:\(name)"
        return qualifier.map { "\(base):\($0)" } ?? base
    }

    /// The partition a region belongs to (`cn-north-1` → `aws-cn`).
    public static func partition(forRegion region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        if region.hasPrefix("us-isob-") { return "aws-iso-b" }
        if region.hasPrefix("us-iso-") { return "aws-iso" }
        return "aws"
    }
}
