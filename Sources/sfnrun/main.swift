import Foundation

// The whole program: everything else is testable in-process through SFNRun.run(arguments:io:).
let status = await SFNRun.run(arguments: Array(CommandLine.arguments.dropFirst()), io: StandardTerminalIO())
exit(status.rawValue)
