import Foundation
import Synchronization

@testable import sfnrun

/// A terminal for in-process command tests: captures both streams, feeds standard input, fakes stop signals.
final class CapturedTerminalIO: TerminalIO {
    private struct Streams {
        var output = ""
        var error = ""
        var interruptWatches = 0
        var cancelledWatches = 0
    }

    private let streams = Mutex(Streams())
    let isErrorTerminal: Bool
    let environment: [String: String]
    let input: [UInt8]
    /// A signal delivered as soon as a command starts watching for stop signals.
    let immediateSignal: StopSignal?

    init(
        isErrorTerminal: Bool = false, environment: [String: String] = [:], input: String = "",
        immediateSignal: StopSignal? = nil
    ) {
        self.isErrorTerminal = isErrorTerminal
        // Each run keeps its executions in a store of its own unless the test chooses one.
        var environment = environment
        if environment["SFNRUN_STORE"] == nil {
            environment["SFNRUN_STORE"] = NSTemporaryDirectory() + "sfnrun-test-store-\(UUID().uuidString)"
        }
        self.environment = environment
        self.input = Array(input.utf8)
        self.immediateSignal = immediateSignal
    }

    var output: String { streams.withLock { $0.output } }
    var error: String { streams.withLock { $0.error } }
    var errorLines: [String] { error.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    /// How many signal watches were opened and how many closed again.
    var watches: (opened: Int, cancelled: Int) { streams.withLock { ($0.interruptWatches, $0.cancelledWatches) } }

    func writeOutput(_ text: String) { streams.withLock { $0.output += text } }
    func writeError(_ text: String) { streams.withLock { $0.error += text } }
    func readInput() throws -> [UInt8] { input }

    func watchStopSignals(_ handler: @escaping @Sendable (StopSignal) -> Void) -> SignalWatch {
        streams.withLock { $0.interruptWatches += 1 }
        if let immediateSignal { handler(immediateSignal) }
        return SignalWatch { self.streams.withLock { $0.cancelledWatches += 1 } }
    }
}

/// Runs `sfnrun` in-process.
func sfnrun(_ arguments: [String], io: CapturedTerminalIO = CapturedTerminalIO()) async -> (ExitCode, CapturedTerminalIO) {
    let status = await SFNRun.run(arguments: arguments, io: io)
    return (status, io)
}
