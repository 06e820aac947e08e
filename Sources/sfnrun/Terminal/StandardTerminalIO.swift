import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real process: stdout, stderr, stdin, `ProcessInfo`'s environment and the stop signals.
struct StandardTerminalIO: TerminalIO {
    func writeOutput(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

    func writeError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    var isErrorTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    func readInput() throws -> [UInt8] {
        Array(try FileHandle.standardInput.readToEnd() ?? Data())
    }

    /// Ignores each stop signal's default action and delivers it through a Dispatch signal source.
    ///
    /// A signal that was already ignored when sfnrun started (SIGHUP under `nohup`, SIGINT for a
    /// background job of a non-interactive shell) stays ignored: whoever started sfnrun asked for that.
    func watchStopSignals(_ handler: @escaping @Sendable (StopSignal) -> Void) -> SignalWatch {
        var watched: [(signal: StopSignal, source: SignalSourceBox)] = []
        for stop in StopSignal.allCases {
            let previous = signal(stop.number, SIG_IGN)
            if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            let box = SignalSourceBox(DispatchSource.makeSignalSource(signal: stop.number, queue: .global()))
            box.source.setEventHandler { handler(stop) }
            box.source.resume()
            watched.append((stop, box))
        }
        let sources = watched
        return SignalWatch {
            for (stop, box) in sources {
                box.source.cancel()
                signal(stop.number, SIG_DFL)
            }
        }
    }
}

/// Carries a signal source into the cancel closure.
// @unchecked: Dispatch sources are thread-safe; the reference itself never changes.
private final class SignalSourceBox: @unchecked Sendable {
    let source: any DispatchSourceSignal
    init(_ source: any DispatchSourceSignal) { self.source = source }
}
