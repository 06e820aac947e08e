import Foundation
import Testing

import StatesLanguage

/// Keeps the README's embedding example honest: the code between the markers below is the
/// README's snippet (with the runbook's path made absolute), and it must print SUCCEEDED.
@Suite("README examples")
struct ReadmeExampleTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path inside the package, for code that the README writes with a relative path.
    static func repositoryFile(_ path: String) -> String { packageRoot.appendingPathComponent(path).path }

    /// The lines of `text` between the first fence opening with `fence` after `heading`, and its end.
    static func codeBlock(in text: String, after heading: String, fence: String = "```swift") -> [String] {
        let lines = text.components(separatedBy: "\n")
        guard let title = lines.firstIndex(of: heading),
            let start = lines[title...].firstIndex(of: fence),
            let end = lines[(start + 1)...].firstIndex(of: "```")
        else { return [] }
        return Array(lines[(start + 1)..<end])
    }

    /// Code lines as compared: no imports, no blank lines, no indentation, the absolute path undone.
    static func normalized(_ lines: some Sequence<String>) -> [String] {
        lines.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("import ") }
            .map { $0.replacingOccurrences(of: #"Self.repositoryFile("StateMachines/patch-report.json")"#, with: #""StateMachines/patch-report.json""#) }
    }

    @Test("The embedding example runs as shown and prints SUCCEEDED")
    func embedding() async throws {
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }

        // README: begin
        let machine = try StateMachine(parsing: String(contentsOfFile: Self.repositoryFile("StateMachines/patch-report.json"), encoding: .utf8))
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::aws-sdk:ssm:describeInstancePatches") { request in
            ["Patches": [["KBId": "KB5031356", "State": "Missing"]]]
        }
        registry.register(for: "arn:aws:states:::sns:publish") { _ in ["MessageId": "local-1"] }
        let input: JSONValue = ["InstanceId": "i-0abc", "TopicArn": "arn:aws:sns:us-east-1:123456789012:patch-reports"]
        let result = await Executor(registry: registry).run(machine, input: input)
        print(result.status.name, result.output?.jsonString() ?? "", result.error?.description ?? "")
        // SUCCEEDED {"InstanceId":"i-0abc","MissingPatches":1,"MessageId":"local-1"}
        // README: end

        #expect(printed == [#"SUCCEEDED {"InstanceId":"i-0abc","MissingPatches":1,"MessageId":"local-1"} "#])

        let source = try String(contentsOfFile: #filePath, encoding: .utf8).components(separatedBy: "\n")
        let begin = try #require(source.firstIndex { $0.hasSuffix("// README: begin") })
        let end = try #require(source.firstIndex { $0.hasSuffix("// README: end") })
        let readme = try String(contentsOfFile: Self.repositoryFile("README.md"), encoding: .utf8)
        let snippet = Self.codeBlock(in: readme, after: "## Embedding the engine")
        #expect(!snippet.isEmpty, "README.md has no Swift block under '## Embedding the engine'")
        #expect(Self.normalized(snippet) == Self.normalized(source[(begin + 1)..<end]))
    }
}
