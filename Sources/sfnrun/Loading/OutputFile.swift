import Foundation

/// Where a command's document goes: a file named with `-o`, or standard output.
enum OutputFile {
    /// Writes `text` to `path`, or to standard output when `path` is `nil` or `-`.
    ///
    /// - Throws: ``CommandFailure`` (exit 2) when the file cannot be written.
    static func write(_ text: String, to path: String?, io: any TerminalIO) throws(CommandFailure) {
        guard let path, path != "-" else {
            io.writeOutput(text)
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure("error: cannot write '\(path)': \(error.localizedDescription)")
        }
    }

    /// Creates `directory` and its parents if needed.
    static func makeDirectory(_ directory: String) throws(CommandFailure) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("error: cannot create the folder '\(directory)': \(error.localizedDescription)")
        }
    }
}
