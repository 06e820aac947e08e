import Foundation
import StatesLanguage
import Synchronization

/// The service models in a folder written by `scripts/aws/generate-shapes.py`: `index.json`
/// (names, aliases, botocore version), read when the catalog is made, and one gzip-compressed
/// `NAME.json.gz` per service, read and parsed the first time that service is asked for.
///
/// ``bundled`` is the folder shipped as the module's resource (every botocore service); a parsed
/// model stays cached for the life of the process, so only the services a run calls cost memory.
package final class ServiceModelCatalog: Sendable {
    /// Why a catalog or one of its models could not be read.
    package struct LoadError: Error, CustomStringConvertible {
        /// What went wrong, naming the file.
        package var description: String
    }

    /// The models bundled with StatesLanguageAWS (`Resources/ServiceModels`).
    package static let bundled: ServiceModelCatalog = {
        guard
            let index = Bundle.module.url(forResource: "index", withExtension: "json", subdirectory: "ServiceModels")
        else {
            return ServiceModelCatalog(failure: LoadError(description: "the bundled service models are missing"))
        }
        return ServiceModelCatalog(directory: index.deletingLastPathComponent())
    }()

    /// The folder holding the models.
    package let directory: URL?
    /// The services' names in `arn:aws:states:::aws-sdk:NAME:action`, sorted.
    package let names: [String]
    /// The botocore version the models were generated from (`1.43.11`).
    package let botocoreVersion: String
    /// Why the index could not be read; the catalog is then empty.
    package let failure: LoadError?
    /// Other accepted names (`events` for `eventbridge`, as optimized integrations spell it).
    let aliases: [String: String]
    private let known: Set<String>
    private let cache = Mutex<[String: ServiceModel]>([:])

    /// Reads `index.json` in `directory`; a catalog whose index cannot be read is empty and says why.
    package init(directory: URL) {
        self.directory = directory
        let indexFile = directory.appendingPathComponent("index.json")
        do {
            let index = try JSONValue(parsing: String(contentsOf: indexFile, encoding: .utf8))
            guard let services = index["services"]?.objectValue else {
                throw LoadError(description: "\(indexFile.path): no \"services\" object")
            }
            names = services.keys.sorted()
            botocoreVersion = index["botocore"]?.stringValue ?? "unknown"
            var aliases: [String: String] = [:]
            for (alias, name) in index["aliases"]?.objectValue ?? JSONObject() { aliases[alias] = name.stringValue }
            self.aliases = aliases
            failure = nil
        } catch {
            names = []
            botocoreVersion = "unknown"
            aliases = [:]
            failure = error as? LoadError ?? LoadError(description: "\(indexFile.path): \(error)")
        }
        known = Set(names)
    }

    private init(failure: LoadError) {
        directory = nil
        names = []
        botocoreVersion = "unknown"
        aliases = [:]
        known = []
        self.failure = failure
    }

    /// Whether `name` (or an alias of it) names a service, without reading its model.
    package func contains(_ name: String) -> Bool { known.contains(aliases[name] ?? name) }

    /// The model of the service `name` (or an alias), read on first use; `nil` for unknown names.
    ///
    /// - Throws: ``LoadError`` when the service's file cannot be read, decompressed or parsed.
    package func model(named name: String) throws(LoadError) -> ServiceModel? {
        let name = aliases[name] ?? name
        guard known.contains(name), let directory else { return nil }
        if let cached = cache.withLock({ $0[name] }) { return cached }
        let file = directory.appendingPathComponent("\(name).json.gz")
        let model: ServiceModel
        do {
            let compressed = try [UInt8](Data(contentsOf: file))
            let text = String(decoding: try Gzip.decompress(compressed), as: UTF8.self)
            model = try ServiceModel(compact: JSONValue(parsing: text))
        } catch {
            throw LoadError(description: "\(file.path): \(error)")
        }
        // Two tasks may parse the same model at once; the first one stored wins, both are equal.
        return cache.withLock { cache in
            if let earlier = cache[name] { return earlier }
            cache[name] = model
            return model
        }
    }
}
