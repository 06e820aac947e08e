import Foundation
import StatesLanguage

/// A folder of conformance cases vendored beside the repository in `../shared/conformance/<name>/cases`.
struct SharedCorpus {
    /// One case file: its name and parsed JSON.
    struct File: Sendable {
        var name: String
        var document: JSONValue
    }

    let directory: URL

    /// `<repo>/../shared/conformance/<name>`, or `$SFNRUN_CONFORMANCE_DIR/<name>`; `nil` when absent.
    static func locate(_ name: String, filePath: String = #filePath) -> SharedCorpus? {
        let repository = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var roots = [repository.deletingLastPathComponent().appendingPathComponent("shared/conformance")]
        if let override = ProcessInfo.processInfo.environment["SFNRUN_CONFORMANCE_DIR"] {
            roots.insert(URL(fileURLWithPath: override), at: 0)
        }
        for root in roots {
            let directory = root.appendingPathComponent(name).appendingPathComponent("cases")
            if FileManager.default.fileExists(atPath: directory.path) { return SharedCorpus(directory: directory) }
        }
        return nil
    }

    /// The case files of the corpus `name`, or `nil` (with a note on standard output) when it is absent.
    static func files(of name: String, suite: String) throws -> [File]? {
        guard let corpus = locate(name) else {
            print("\(suite): ../shared/conformance/\(name) not found; skipped")
            return nil
        }
        return try corpus.files()
    }

    /// Every `*.json` case, sorted by file name.
    func files() throws -> [File] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        return try names.sorted().map { name in
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            return File(name: name, document: try JSONValue(parsing: text))
        }
    }

    /// Whether a definition's text uses Distributed Map: `"Mode": "DISTRIBUTED"`, an item reader,
    /// batcher or result writer.
    static func usesDistributedMap(_ text: String) -> Bool {
        ["\"ItemReader\"", "\"ItemBatcher\"", "\"ResultWriter\"", "\"DISTRIBUTED\""].contains { text.contains($0) }
    }

    /// Runs `body` on every element with at most one task per core, keeping the results in order.
    static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], _ body: @escaping @Sendable (Element) async -> Result
    ) async -> [Result] {
        await withTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: elements.count)
            var next = 0
            func start() {
                guard next < elements.count else { return }
                let index = next
                let element = elements[index]
                group.addTask { (index, await body(element)) }
                next += 1
            }
            for _ in 0..<max(ProcessInfo.processInfo.activeProcessorCount, 1) { start() }
            while let (index, result) = await group.next() {
                results[index] = result
                start()
            }
            return results.map { $0! }
        }
    }
}
