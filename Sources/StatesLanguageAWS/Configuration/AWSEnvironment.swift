import Foundation

/// Where AWS configuration comes from: environment variables and the files under `~/.aws`.
///
/// The process's real environment is ``process``; tests build one from a dictionary and a
/// table of file contents, so they never read the developer's own credentials.
///
/// ```swift
/// let environment = AWSEnvironment(
///     variables: ["AWS_PROFILE": "ops"],
///     homeDirectory: "/home/me",
///     files: ["/home/me/.aws/config": "[profile ops]\nregion = eu-west-1\n"])
/// ```
public struct AWSEnvironment: Sendable {
    /// The environment variables.
    public var variables: [String: String]
    /// The home directory, where `~/.aws/config` and `~/.aws/credentials` live.
    public var homeDirectory: String?
    /// Reads a text file; `nil` when it does not exist or cannot be read.
    public var readFile: @Sendable (String) -> String?

    /// Creates an environment from its parts.
    ///
    /// - Parameters:
    ///   - variables: the environment variables.
    ///   - homeDirectory: the home directory.
    ///   - readFile: reads a file's text.
    public init(
        variables: [String: String], homeDirectory: String?, readFile: @escaping @Sendable (String) -> String?
    ) {
        self.variables = variables
        self.homeDirectory = homeDirectory
        self.readFile = readFile
    }

    /// Creates an environment whose files are the given texts, keyed by path.
    ///
    /// - Parameters:
    ///   - variables: the environment variables.
    ///   - homeDirectory: the home directory.
    ///   - files: the contents of the files that exist.
    public init(variables: [String: String], homeDirectory: String? = nil, files: [String: String] = [:]) {
        self.init(variables: variables, homeDirectory: homeDirectory) { files[$0] }
    }

    /// The running process's environment and file system.
    public static var process: AWSEnvironment {
        let variables = ProcessInfo.processInfo.environment
        let home = variables["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return AWSEnvironment(variables: variables, homeDirectory: home) { path in
            try? String(contentsOfFile: path, encoding: .utf8)
        }
    }

    /// The value of a variable, or `nil` when it is unset or empty.
    func value(_ name: String) -> String? {
        guard let value = variables[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// Expands a leading `~` to the home directory.
    func expandingTilde(_ path: String) -> String {
        guard path.hasPrefix("~"), let homeDirectory else { return path }
        return homeDirectory + path.dropFirst()
    }

    /// The path of the shared config file (`AWS_CONFIG_FILE` or `~/.aws/config`).
    var configFilePath: String { expandingTilde(value("AWS_CONFIG_FILE") ?? "~/.aws/config") }

    /// The path of the shared credentials file (`AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`).
    var credentialsFilePath: String { expandingTilde(value("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials") }
}
