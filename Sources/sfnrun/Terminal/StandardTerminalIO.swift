import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real process: stdout, stderr, stdin, `ProcessInfo`'s environment and SIGINT.
struct StandardTerminalIO: TerminalIO {
    func writeOutput(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

    func writeError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    var isErrorTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    func readInput() throws -> [UInt8] {
        Array(try FileHandle.standardInput.readToEnd() ?? Data())
    }

    /// Ignores SIGINT's default action and delivers it through a Dispatch signal source instead.
    func watchInterrupts(_ handler: @escaping @Sendable () -> Void) -> InterruptWatch {
        signal(SIGINT, SIG_IGN)
        let box = SignalSourceBox(DispatchSource.makeSignalSource(signal: SIGINT, queue: .global()))
        box.source.setEventHandler(handler: handler)
        box.source.resume()
        return InterruptWatch {
            box.source.cancel()
            signal(SIGINT, SIG_DFL)
        }
    }
}

/// Carries a signal source into the cancel closure.
// @unchecked: Dispatch sources are thread-safe; the reference itself never changes.
private final class SignalSourceBox: @unchecked Sendable {
    let source: any DispatchSourceSignal
    init(_ source: any DispatchSourceSignal) { self.source = source }
}
