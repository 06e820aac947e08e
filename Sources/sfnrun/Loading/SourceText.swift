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

    /// The file's name for format detection, `nil` for standard input.
    var fileName: String? { displayName == "<stdin>" ? nil : displayName }

    /// Compiles the text as a state machine definition named after the file: JSON or YAML by the
    /// file's extension (`.json`, `.asl.json`, `.yaml`, `.yml`, `.asl.yaml`), otherwise by its first character.
    ///
    /// - Parameters:
    ///   - name: the state machine name; by default the file name without `.asl.json`, `.json`, `.asl.yaml`…
    ///   - type: Standard (default) or Express.
    ///   - substitutions: values for `${Name}` placeholders (`--substitute`, `--substitutions`).
    /// - Throws: ``CommandFailure`` (exit 2) listing every problem as `file:line:column: error: …`.
    func stateMachine(
        name: String? = nil, type: StateMachineType = .standard, substitutions: DefinitionSubstitutions? = nil
    ) throws(CommandFailure) -> StateMachine {
        let machineName = name ?? fileName.map(WorkflowHarness.machineName(forFile:)) ?? "StateMachine"
        do {
            return try StateMachine(
                parsing: text, format: DocumentFormat(fileName: fileName, text: text), name: machineName,
                type: type, substitutions: substitutions)
        } catch {
            var lines = error.diagnostics.map { $0.formatted(file: displayName) }
            if error.errors.contains(where: { $0.message.contains("no substitution value") }) {
                lines.append("note: give placeholder values with --substitute NAME=VALUE or --substitutions FILE")
            }
            throw CommandFailure(lines)
        }
    }

    /// The definition as JSON text for AWS: the file's own text when it is JSON (placeholders filled, so
    /// its layout is kept), otherwise the JSON that the YAML stands for.
    ///
    /// - Parameters:
    ///   - machine: the machine compiled from this text with `substitutions`.
    func definitionText(of machine: StateMachine, substitutions: DefinitionSubstitutions?) throws(CommandFailure) -> String {
        guard DocumentFormat(fileName: fileName, text: text) == .json else {
            return machine.definition.jsonString(options: .pretty)
        }
        guard let substitutions else { return text }
        do {
            return try substitutions.substitute(in: text)
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

    /// Parses the text as a mock configuration (JSON, or YAML for a `.yaml` or `.yml` file).
    ///
    /// - Throws: ``CommandFailure`` (exit 2) listing every problem with its place in the file.
    func mockConfiguration() throws(CommandFailure) -> MockConfiguration {
        do {
            return try MockConfiguration(parsing: text, format: DocumentFormat(fileName: fileName, text: text))
        } catch {
            throw CommandFailure(error.formatted(file: displayName))
        }
    }
}
