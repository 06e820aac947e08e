extension CommandTaskHandler {
    /// The task's result, or its error, from how the command ended and what it printed.
    func result(of outcome: ProcessOutcome, request: TaskRequest) throws(StatesError) -> JSONValue {
        if outcome.stopReason == .timedOut {
            // Worded as the engine words its own TimeoutSeconds failure, whichever timer fires first.
            throw StatesError(
                .timeout, cause: "The task did not complete within \(request.timeoutSeconds ?? 0) seconds.")
        }
        switch outcome.termination {
        case .exited(0):
            break
        case .exited(let status):
            if let error = printedError(outcome) { throw error }
            throw StatesError(
                .taskFailed,
                cause: errorText(outcome)
                    ?? "The command exited with status \(status) and wrote nothing to standard error.")
        case .signalled(let signal):
            var cause = "The command was killed by signal \(signal) (\(Self.signalName(signal)))."
            if let text = errorText(outcome) { cause += " Its standard error ends with:\n" + text }
            throw StatesError(.taskFailed, cause: cause)
        case .unknown:
            throw StatesError(
                .taskFailed, cause: "The command's exit status was lost (another part of the program reaped it).")
        }
        if outcome.isOutputTruncated {
            throw StatesError(
                .dataLimitExceeded,
                cause: "The command wrote more than \(options.maximumOutputBytes) bytes to standard output.")
        }
        if outcome.output.allSatisfy(Self.isWhitespace) { return .null }
        do {
            return try JSONValue(parsing: outcome.output)
        } catch {
            throw StatesError(
                .taskFailed,
                cause:
                    "The command's standard output is not JSON (\(error)); it begins: \(Self.excerpt(outcome.output))")
        }
    }

    /// The `{"Error": …, "Cause": …}` object a failing command printed, if it printed one.
    private func printedError(_ outcome: ProcessOutcome) -> StatesError? {
        guard let printed = try? JSONValue(parsing: outcome.output), case .string(let name)? = printed["Error"],
            !name.isEmpty
        else { return nil }
        let cause: String?
        switch printed["Cause"] {
        case nil, .null?: cause = errorText(outcome)
        case .string(let text)?: cause = text
        case let value?: cause = value.jsonString()
        }
        return StatesError(ErrorName(rawValue: name), cause: cause)
    }

    /// The end of standard error, trimmed, saying how much came before it; `nil` when there was none.
    private func errorText(_ outcome: ProcessOutcome) -> String? {
        var text = String(decoding: outcome.errorTail, as: UTF8.self)
        while let last = text.unicodeScalars.last, last.properties.isWhitespace { text.unicodeScalars.removeLast() }
        guard !text.isEmpty else { return nil }
        guard outcome.droppedErrorBytes > 0 else { return text }
        return "[\(outcome.droppedErrorBytes) earlier bytes of standard error not shown]\n" + text
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The first 200 characters of `bytes`, with control characters escaped, for error messages.
    static func excerpt(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(800), as: UTF8.self)
        var shown = ""
        for character in text.prefix(200) {
            if let ascii = character.asciiValue, ascii < 0x20 || ascii == 0x7F {
                shown += ascii == 0x0A ? "\\n" : "\\u{\(String(ascii, radix: 16))}"
            } else {
                shown.append(character)
            }
        }
        return text.count > 200 || bytes.count > 800 ? shown + "…" : shown
    }

    /// The usual name of a signal number.
    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 6: "SIGABRT", 8: "SIGFPE", 9: "SIGKILL",
            11: "SIGSEGV", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM",
        ]
        return names[signal] ?? "signal \(signal)"
    }
}
