import Foundation
import StatesLanguage
import StatesLanguageTesting

/// The text of a file named on the command line, or of standard input for `-`.
struct SourceText: Sendable {
    /// The name to print in diagnostics: the path, or `<stdin>`.
    var displayName: String
    /// The file's text.
    var text: String

    /// Reads `path` (`-` for standard input).
    ///
    /// - Throws: ``CommandFailure`` (exit 2) when the file cannot be read or is not UTF-8.
    static func read(_ path: String, io: any TerminalIO) throws(CommandFailure) -> SourceText {
        let bytes: [UInt8]
        let name = path == "-" ? "<stdin>" : path
        do {
            if path == "-" {
                bytes = try io.readInput()
            } else {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    throw CommandFailure("error: cannot read '\(path)': it is a directory")
                }
                guard let data = FileManager.default.contents(atPath: path) else {
                    let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
                    throw CommandFailure("error: cannot read '\(path)': \(reason)")
                }
                bytes = Array(data)
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("error: cannot read \(name): \(error.localizedDescription)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandFailure("error: \(name) is not UTF-8 text")
        }
        return SourceText(displayName: name, text: text)
    }

    /// Compiles the text as a state machine definition named after the file.
    ///
    /// - Parameters:
    ///   - name: the state machine name; by default the file name without `.asl.json` or `.json`.
    ///   - type: Standard (default) or Express.
    /// - Throws: ``CommandFailure`` (exit 2) listing every problem as `file:line:column: error: …`.
    func stateMachine(name: String? = nil, type: StateMachineType = .standard) throws(CommandFailure) -> StateMachine {
        let machineName = name ?? (displayName == "<stdin>" ? "StateMachine" : WorkflowHarness.machineName(forFile: displayName))
        do {
            return try StateMachine(parsing: text, name: machineName, type: type)
        } catch {
            throw CommandFailure(error.diagnostics.map { $0.formatted(file: displayName) })
        }
    }

    /// Parses the text as JSON (an execution input).
    ///
    /// - Throws: ``CommandFailure`` (exit 2) with `file:line:column: error: invalid JSON: …`.
    func json() throws(CommandFailure) -> JSONValue {
        do {
            return try JSONValue(parsing: text)
        } catch {
            throw CommandFailure("\(displayName):\(error.line):\(error.column): error: invalid JSON: \(error.message)")
        }
    }

    /// Parses the text as a mock configuration.
    ///
    /// - Throws: ``CommandFailure`` (exit 2) listing every problem with its place in the file.
    func mockConfiguration() throws(CommandFailure) -> MockConfiguration {
        do {
            return try MockConfiguration(parsing: text)
        } catch {
            throw CommandFailure(error.formatted(file: displayName))
        }
    }
}
