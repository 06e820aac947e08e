import StatesLanguage
import StatesLanguageStore

/// Where executions are kept: `--store DIR`, else `SFNRUN_STORE`, else `.sfnrun` in the current
/// directory; `--no-store` keeps nothing.
///
/// `start` stores by default; `test` only when `--store` is given; the commands that work on stored
/// executions (`resume`, `redrive`, `list`, `describe`, `history`, `stop`) always read one.
struct StoreOptions: Sendable {
    /// The default folder, relative to the current directory.
    static let defaultDirectory = ".sfnrun"

    /// `--store` and `--no-store`, for commands that run executions.
    static let options: [OptionSpec] = [
        directoryOption,
        .flag("no-store", help: "Keep no record of the execution (it cannot be resumed, listed or redriven)."),
    ]

    /// `--store`, for commands that read stored executions.
    static let directoryOption = OptionSpec.value(
        "store", "<dir>", help: "The execution store (default: $SFNRUN_STORE, else ./\(defaultDirectory)).")

    var explicitDirectory: String?
    var isDisabled: Bool
    var storesByDefault: Bool

    /// Reads `--store` and `--no-store`.
    ///
    /// - Parameter storesByDefault: whether the command stores without `--store` (`start` does, `test` does not).
    init(_ parsed: ParsedArguments, storesByDefault: Bool) throws(UsageError) {
        explicitDirectory = parsed.value("store")
        isDisabled = parsed.flag("no-store")
        self.storesByDefault = storesByDefault
        if isDisabled, explicitDirectory != nil { throw UsageError("--store and --no-store cannot be used together") }
        if explicitDirectory?.isEmpty == true { throw UsageError("--store needs a folder") }
    }

    /// The store's folder, or `nil` when nothing is stored.
    func directory(io: any TerminalIO) -> String? {
        if isDisabled { return nil }
        if let explicitDirectory { return explicitDirectory }
        guard storesByDefault else { return nil }
        if let fromEnvironment = io.environment["SFNRUN_STORE"], !fromEnvironment.isEmpty { return fromEnvironment }
        return Self.defaultDirectory
    }

    /// The store, or `nil` when nothing is stored.
    func store(io: any TerminalIO) -> FileExecutionStore? {
        directory(io: io).map { FileExecutionStore(directory: $0) }
    }
}

extension ExecutionStoreError {
    /// The error as `sfnrun` prints it: AWS's error name where there is one, and for an unknown
    /// execution the closest stored names.
    var failure: CommandFailure {
        switch self {
        case .notFound(let name, let candidates):
            var line = "error: \(message)"
            let close = StoredNames.closest(to: name, among: candidates)
            if !close.isEmpty {
                line += " (did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?)"
            } else if candidates.isEmpty {
                line += " (the store has no executions)"
            }
            return CommandFailure([line, "See 'sfnrun list' for the stored executions."])
        case .notRedrivable(let reason):
            return CommandFailure("error: ExecutionNotRedrivable: \(reason)")
        case .alreadyExists:
            return CommandFailure("error: ExecutionAlreadyExists: \(message)")
        default:
            return CommandFailure("error: \(message)")
        }
    }
}

/// The stored names closest to a mistyped one.
enum StoredNames {
    /// Up to three names close to `name`: those within a few edits, or that share its prefix.
    static func closest(to name: String, among names: [String]) -> [String] {
        let limit = max(2, min(4, name.count / 3))
        var scored: [(name: String, distance: Int)] = []
        for candidate in names {
            let distance = Suggestion.editDistance(name, candidate)
            if distance <= limit || candidate.hasPrefix(name) || name.hasPrefix(candidate) {
                scored.append((candidate, distance))
            }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        return scored.prefix(3).map { $0.name }
    }
}
