#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ChildProcess {
    /// Signals a child must not inherit as ignored or blocked: shells and tools rely on their defaults
    /// (`sfnrun` itself ignores SIGINT, SIGTERM and SIGHUP while it watches for them).
    private static let defaultedSignals: [Int32] = [
        SIGPIPE, SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGCHLD, SIGALRM, SIGUSR1, SIGUSR2, SIGTSTP, SIGTTIN, SIGTTOU,
    ]

    /// Spawns the program with the given descriptors as its 0, 1, 2 and 3, in a new process group,
    /// with default signal handling and no other inherited descriptors.
    ///
    /// - Returns: the process id.
    /// - Throws: ``SystemCallError`` when `posix_spawn` fails.
    static func spawn(
        _ configuration: ProcessConfiguration, input: Int32, output: Int32, error: Int32, heartbeat: Int32
    ) throws(SystemCallError) -> pid_t {
        // Move the child's ends above 3 first, so no dup2 below overwrites another one's source.
        var sources: [Int32] = []
        defer { for index in sources.indices { SystemCall.close(&sources[index]) } }
        for fd in [input, output, error, heartbeat] {
            let moved = fcntl(fd, F_DUPFD_CLOEXEC, 10)
            guard moved >= 0 else { throw SystemCallError("fcntl", errno) }
            sources.append(moved)
        }

        #if canImport(Glibc)
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #else
            var actions: posix_spawn_file_actions_t?
            var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        for (target, source) in sources.enumerated() {
            posix_spawn_file_actions_adddup2(&actions, source, Int32(target))
        }
        var flags = Int32(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        #if canImport(Glibc)
            // Where the platform cannot close the rest, every descriptor this module opens is close-on-exec.
            _ = SystemCall.closeDescriptors(from: Int32(sources.count), in: &actions)
        #else
            flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))
        posix_spawnattr_setpgroup(&attributes, 0)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in defaultedSignals { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = configuration.arguments.map { strdup($0) }
        let envp = configuration.environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let status = (argv + [nil]).withUnsafeBufferPointer { arguments in
            (envp + [nil]).withUnsafeBufferPointer { environment in
                posix_spawn(
                    &pid, configuration.executable, &actions, &attributes,
                    UnsafeMutablePointer(mutating: arguments.baseAddress!),
                    UnsafeMutablePointer(mutating: environment.baseAddress!))
            }
        }
        guard status == 0 else { throw SystemCallError("posix_spawn \(configuration.executable)", status) }
        return pid
    }
}
