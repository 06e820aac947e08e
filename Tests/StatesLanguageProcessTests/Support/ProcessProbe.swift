import Foundation
import StatesLanguageProcess

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A scratch folder for pid files and side-effect files, removed when the value is dropped.
final class ScratchFolder: Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-process-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Checks on processes from the outside, as a user would with `kill -0`.
enum ProcessProbe {
    /// Whether a process with this id exists (a zombie counts: it has not been reaped).
    static func exists(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    /// The pid a command wrote into `path`, waiting for it to appear (up to three minutes: the whole test
    /// suite runs in parallel on few cores, and other suites block threads with their own processes).
    static func pid(in path: String) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(180)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
                let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return pid
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw ProbeError(message: "no pid file at \(path)")
    }

    /// Waits up to `seconds` for the process to be gone; returns whether it is.
    static func waitUntilGone(_ pid: Int32, seconds: Double = 60) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while exists(pid), Date() < deadline { try? await Task.sleep(for: .milliseconds(5)) }
        return !exists(pid)
    }

    /// The descriptors this test process has open.
    static var openDescriptors: Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [])
    }

    /// The pipes this test process has open: each descriptor with what it points to (`pipe:[inode]`),
    /// so a descriptor number reused for another pipe counts as a different one.
    static var openPipes: Set<String> {
        var pipes = Set<String>()
        for descriptor in openDescriptors {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(descriptor)")) ?? ""
            if target.hasPrefix("pipe:") { pipes.insert("\(descriptor) \(target)") }
        }
        return pipes
    }

    struct ProbeError: Error { var message: String }
}

/// A request for a Task state named `state`, as the engine would make it.
func taskRequest(
    _ input: JSONValue = .object(JSONObject()), state: String = "Reboot",
    resource: String = "arn:aws:states:::aws-sdk:ec2:rebootInstances", retryCount: Int = 0, taskToken: String? = nil,
    timeoutSeconds: Int? = nil, clock: any ExecutionClock = SystemClock(),
    heartbeat: @escaping @Sendable () -> Void = {}
) throws -> TaskRequest {
    TaskRequest(
        resource: try ResourceARN(resource), input: input, stateName: state, retryCount: retryCount,
        taskToken: taskToken, timeoutSeconds: timeoutSeconds,
        context: [
            "Execution": ["Id": "arn:aws:states:us-east-1:123456789012:execution:m:run-1", "Name": "run-1"],
            "StateMachine": ["Name": "m"],
        ], clock: clock, sendHeartbeat: heartbeat)
}

/// Options with a short grace period, so tests that stop commands stay quick.
func quickOptions(_ supervisor: CommandSupervisor = CommandSupervisor()) -> CommandTaskOptions {
    var options = CommandTaskOptions(supervisor: supervisor)
    options.terminationGracePeriod = 0.2
    return options
}
