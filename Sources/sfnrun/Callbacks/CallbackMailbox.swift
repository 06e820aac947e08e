import Foundation
import StatesLanguage

/// A folder through which `sfnrun callback` reaches the `.waitForTaskToken` tasks of a running
/// `sfnrun start --callback-dir` (the command-line stand-in for SendTaskSuccess, SendTaskFailure
/// and SendTaskHeartbeat).
///
/// Each callback is one JSON file, written under a temporary name and renamed into place so the
/// reader never sees half a file: `{"taskToken": …, "output": …}`, `{"taskToken": …, "error": …,
/// "cause": …}` or `{"taskToken": …, "heartbeat": true}`.
struct CallbackMailbox: Sendable {
    /// What a callback asks for.
    enum Message: Sendable, Equatable {
        case success(JSONValue)
        case failure(error: String, cause: String?)
        case heartbeat
    }

    let directory: URL
    /// The folder as the user wrote it, for messages.
    let path: String

    init(path: String) {
        self.path = path
        directory = URL(fileURLWithPath: path, isDirectory: true)
    }

    /// `post` found no folder: no `sfnrun start --callback-dir` is watching it.
    struct MissingFolder: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "no callback folder at '\(path)'; give the folder of a running 'sfnrun start --callback-dir'"
        }
    }

    /// Creates the folder (for `sfnrun start --callback-dir`).
    func prepare() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes a callback for `token`.
    ///
    /// - Throws: ``MissingFolder`` when the folder does not exist.
    func post(_ message: Message, token: String) throws {
        var object: JSONObject = ["taskToken": .string(token)]
        switch message {
        case .success(let output): object["output"] = output
        case .failure(let error, let cause):
            object["error"] = .string(error)
            if let cause { object["cause"] = .string(cause) }
        case .heartbeat: object["heartbeat"] = true
        }
        // Only `sfnrun start --callback-dir` makes the folder: a mistyped one must not look delivered.
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw MissingFolder(path: path) }
        let name = UUID().uuidString
        let temporary = directory.appendingPathComponent(".\(name).tmp")
        try Data(JSONValue.object(object).jsonBytes()).write(to: temporary)
        try FileManager.default.moveItem(at: temporary, to: directory.appendingPathComponent("\(name).json"))
    }

    /// Reads and removes every waiting callback; unreadable files are reported and removed too.
    func drain() -> [Result<(token: String, message: Message), CommandFailure>] {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        var found: [Result<(token: String, message: Message), CommandFailure>] = []
        for file in files.sorted(by: { $0.lastPathComponent < $1.lastPathComponent })
        where file.pathExtension == "json" && !file.lastPathComponent.hasPrefix(".") {
            defer { try? FileManager.default.removeItem(at: file) }
            guard let data = try? Data(contentsOf: file), let value = try? JSONValue(parsing: data),
                let token = value["taskToken"]?.stringValue
            else {
                found.append(.failure(CommandFailure("error: \(file.path): not a callback (expected {\"taskToken\": …})")))
                continue
            }
            if let output = value["output"] {
                found.append(.success((token, .success(output))))
            } else if let error = value["error"]?.stringValue {
                found.append(.success((token, .failure(error: error, cause: value["cause"]?.stringValue))))
            } else if value["heartbeat"] == true {
                found.append(.success((token, .heartbeat)))
            } else {
                found.append(.failure(CommandFailure("error: \(file.path): callback has no output, error or heartbeat")))
            }
        }
        return found
    }

    /// Delivers waiting callbacks to `execution` until the surrounding task is cancelled.
    ///
    /// A callback for a token no task waits on yet is retried for `patience` seconds before it is
    /// reported: a resumed execution reopens its tokens only when its replay reaches them.
    func serve(_ execution: Execution, io: any TerminalIO, patience: Double = 10) async {
        var waiting: [(token: String, message: Message, since: Date)] = []
        while !Task.isCancelled {
            var batch = waiting
            waiting = []
            for item in drain() {
                switch item {
                case .failure(let problem):
                    for line in problem.lines { io.error(line) }
                case .success(let (token, message)):
                    batch.append((token, message, Date()))
                }
            }
            for (token, message, since) in batch {
                do {
                    switch message {
                    case .success(let output): try execution.sendTaskSuccess(taskToken: token, output: output)
                    case .failure(let error, let cause):
                        try execution.sendTaskFailure(taskToken: token, error: error, cause: cause)
                    case .heartbeat: try execution.sendTaskHeartbeat(taskToken: token)
                    }
                } catch {
                    if error.name.rawValue == "TaskDoesNotExist", Date().timeIntervalSince(since) < patience {
                        waiting.append((token, message, since))
                        continue
                    }
                    io.error("error: callback for task token '\(token)': \(error.cause ?? error.name.rawValue)")
                }
            }
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
    }
}
