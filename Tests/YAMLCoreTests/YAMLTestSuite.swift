import Foundation
import JSONCore

/// The vendored YAML test suite (yaml/yaml-test-suite, data branch): one case per folder holding
/// `in.yaml`, with `in.json` (the documents it stands for) or `error` (invalid YAML).
struct YAMLTestSuite {
    struct Case: Sendable {
        /// The folder under `cases/`, such as `DK95/01`.
        var id: String
        var title: String
        var yaml: String
        /// The text of `in.json`: the expected documents, one after another.
        var json: String?
        var isError: Bool
    }

    let cases: [Case]

    /// `<repo>/../shared/conformance/yaml`, or `YAML_TEST_SUITE_DIR`.
    static func locate(filePath: String = #filePath) -> URL? {
        let repo = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var candidates = [repo.deletingLastPathComponent().appendingPathComponent("shared/conformance/yaml")]
        if let override = ProcessInfo.processInfo.environment["YAML_TEST_SUITE_DIR"] {
            candidates.insert(URL(fileURLWithPath: override), at: 0)
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("cases").path) }
    }

    init(root: URL) throws {
        let casesDirectory = root.appendingPathComponent("cases")
        var cases: [Case] = []
        func load(_ directory: URL, id: String) throws {
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            if files.contains("in.yaml") {
                func read(_ name: String) throws -> String? {
                    guard files.contains(name) else { return nil }
                    return try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                }
                cases.append(
                    Case(
                        id: id, title: try read("===")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
                        yaml: try read("in.yaml") ?? "", json: try read("in.json"), isError: files.contains("error")))
            }
            for name in files.sorted() {
                var isDirectory: ObjCBool = false
                let child = directory.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory), isDirectory.boolValue {
                    try load(child, id: id.isEmpty ? name : "\(id)/\(name)")
                }
            }
        }
        try load(casesDirectory, id: "")
        self.cases = cases.sorted { $0.id < $1.id }
    }

    /// Splits `in.json` into its documents: JSON values written one after another.
    static func documents(inJSON text: String) throws -> [JSONValue] {
        let bytes = Array(text.utf8)
        var documents: [JSONValue] = []
        var index = 0
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
        while true {
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return documents }
            let start = index
            var depth = 0
            var inString = false
            var escaped = false
            scan: while index < bytes.count {
                let c = bytes[index]
                if inString {
                    if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inString = false }
                    index += 1
                    if !inString, depth == 0 { break scan }
                    continue
                }
                switch c {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        break scan
                    }
                default:
                    if depth == 0, isSpace(c) { break scan }
                }
                index += 1
            }
            documents.append(try JSONValue(parsing: bytes[start..<index]))
        }
    }
}
