import Foundation
import StatesLanguage
import StatesLanguageAWS

/// `sfnrun deploy`: validates a definition locally, then creates or updates it on AWS Step Functions.
struct DeployCommand: Command {
    static let help = CommandHelp(
        name: "deploy",
        summary: "Validate a definition, then create or update it on AWS Step Functions.",
        usage: ["deploy <definition> --role-arn <arn> [--name <name>] [--type STANDARD|EXPRESS] [--publish [--alias <name>]] [options]"],
        operands: [("<definition>", "The definition (.json, .asl.json, .yaml, .asl.yaml); - reads it from standard input.")],
        options: [
            .value("name", "<name>", help: "The state machine's name (default: the file name)."),
            .value("role-arn", "<arn>", help: "The IAM role executions run as (required)."),
            .value("type", "<type>", allowed: ["STANDARD", "EXPRESS"], help: "The state machine type (default STANDARD)."),
            .flag("publish", help: "Publish a version of what is deployed."),
            .value("description", "<text>", help: "The published version's description (needs --publish)."),
            .value("alias", "<name>", help: "Create or move this alias to the published version (needs --publish)."),
            .value("tags", "<key=value,...>", help: "Tags for the state machine."),
        ] + AWSSettings.options + [
            .value("output", "<format>", allowed: ["text", "json"], help: "How to print the ARNs (default text)."),
            .flag("quiet", short: "q", help: "Print only the ARNs and errors."),
        ] + SubstitutionOptions.specs,
        discussion: """
            The definition is checked first, as 'sfnrun validate' does, and so are its AWS Task states
            (service, action and Parameters fields); nothing is sent while a problem remains. Then the state
            machine is looked up by name in the account and region of the credentials: it is created
            (CreateStateMachine) or updated (UpdateStateMachine; its type cannot change). --publish publishes
            a version; --alias points an alias at it with all traffic (CreateStateMachineAlias or
            UpdateStateMachineAlias). Standard output gets the ARNs, one per line: the state machine, then
            the version and the alias. Exit status 0 when deployed, 2 otherwise. A YAML definition, or one
            with ${Name} placeholders filled by --substitute or --substitutions, is sent as the JSON it stands for.
            """,
        examples: [
            "sfnrun deploy StateMachines/patch-report.json --role-arn arn:aws:iam::123456789012:role/patch-report \\",
            "    --publish --alias prod --profile ops --region eu-west-1",
        ])

    var definitionPath: String
    var name: String?
    var roleARN: String
    var type: StateMachineType
    var publishesVersion: Bool
    var versionDescription: String?
    var aliasName: String?
    var tags: [String: String]
    var aws: AWSSettings
    var format: String
    var isQuiet: Bool
    var substitutionOptions: SubstitutionOptions

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        guard let definition = parsed.operands.first else { throw UsageError("missing the definition file") }
        if parsed.operands.count > 1 { throw UsageError("unexpected argument '\(parsed.operands[1])'") }
        definitionPath = definition
        name = parsed.value("name")
        if definition == "-", name == nil {
            throw UsageError("--name is needed when the definition comes from standard input")
        }
        guard let role = parsed.value("role-arn") else { throw UsageError("missing --role-arn <arn>") }
        roleARN = role
        type = parsed.value("type").flatMap(StateMachineType.init(rawValue:)) ?? .standard
        publishesVersion = parsed.flag("publish")
        versionDescription = parsed.value("description")
        aliasName = parsed.value("alias")
        if !publishesVersion, let option = ["description", "alias"].first(where: parsed.has) {
            throw UsageError("--\(option) needs --publish (an alias routes to a published version)")
        }
        tags = try Self.tags(parsed.value("tags"))
        aws = try AWSSettings(parsed)
        format = parsed.value("output") ?? "text"
        isQuiet = parsed.flag("quiet")
        substitutionOptions = try SubstitutionOptions(parsed)
        if definition == "-", substitutionOptions.usesStandardInput {
            throw UsageError("only one file can come from standard input")
        }
    }

    /// Reads `key=value,key2=value2`.
    static func tags(_ text: String?) throws(UsageError) -> [String: String] {
        guard let text else { return [:] }
        var tags: [String: String] = [:]
        for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw UsageError("invalid tag '\(pair)' in --tags (expected key=value, separated by commas)")
            }
            guard tags.updateValue(String(parts[1]), forKey: String(parts[0])) == nil else {
                throw UsageError("the tag '\(parts[0])' is given twice in --tags")
            }
        }
        return tags
    }

    func run(io: any TerminalIO) async -> ExitCode {
        do {
            try await deploy(io: io)
            return .success
        } catch {
            for line in error.lines { io.error(line) }
            return error.exitCode
        }
    }

    private func deploy(io: any TerminalIO) async throws(CommandFailure) {
        let substitutions = try substitutionOptions.load(io: io)
        let source = try SourceText.read(definitionPath, io: io)
        let machine = try source.stateMachine(type: type, substitutions: substitutions)
        for warning in machine.warnings { io.error(warning.formatted(file: source.displayName)) }
        let awsProblems = AWSIntegrations.problems(in: machine.definition)
        guard awsProblems.isEmpty else {
            throw CommandFailure(awsProblems.map { "\(source.displayName): error: \($0)" } + ["nothing was deployed"])
        }
        let deployment = StateMachineDeployment(
            name: name ?? machine.name ?? "StateMachine", definition: try source.definitionText(of: machine, substitutions: substitutions),
            roleARN: roleARN, type: type,
            publishesVersion: publishesVersion, versionDescription: versionDescription, aliasName: aliasName,
            tags: tags)
        let problems = deployment.problems
        guard problems.isEmpty else { throw CommandFailure(problems.map { "error: \($0)" } + ["nothing was deployed"]) }

        let client = try aws.reading(io).stepFunctions()
        let result: DeploymentResult
        do {
            result = try await client.deploy(deployment)
        } catch {
            throw CommandFailure(error, while: "deploying \(deployment.name) to \(client.region) failed")
        }
        if format == "json" {
            var document: JSONObject = [
                "stateMachineArn": .string(result.stateMachineARN), "change": .string(result.change.rawValue),
            ]
            if let arn = result.versionARN { document["stateMachineVersionArn"] = .string(arn) }
            if let arn = result.aliasARN { document["stateMachineAliasArn"] = .string(arn) }
            if let change = result.aliasChange { document["aliasChange"] = .string(change.rawValue) }
            io.output(JSONValue.object(document).jsonString(options: .pretty))
        } else {
            for arn in [result.stateMachineARN, result.versionARN, result.aliasARN].compactMap({ $0 }) { io.output(arn) }
        }
        if !isQuiet { for line in summary(of: result, name: deployment.name) { io.error(line) } }
    }

    /// `created patch-report (STANDARD)`, `published version 3`, `alias prod now routes to version 3`.
    private func summary(of result: DeploymentResult, name: String) -> [String] {
        var lines = ["\(result.change.rawValue) state machine \(name) (\(type.rawValue))"]
        let version = result.versionARN.flatMap { StateMachineARN(parsing: $0)?.qualifier }
        if let version { lines.append("published version \(version)") }
        if let aliasName, let change = result.aliasChange {
            lines.append("\(change.rawValue) alias \(aliasName), routing all executions to version \(version ?? "?")")
        }
        return lines
    }
}
