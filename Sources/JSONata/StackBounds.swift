#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps deep evaluation from overflowing the thread stack.
///
/// Evaluation is recursive. Before it starts, the current thread's stack is
/// measured; when it is too small for the configured depth the evaluation runs
/// on a helper thread with a big enough stack. Either way the evaluator stops
/// with `U1001` well before the stack's end.
enum StackBounds {
    /// Stack bytes one evaluation level may use: measured at about 2 KB in release
    /// builds and 13 KB in debug builds, with some headroom.
    #if DEBUG
    static let bytesPerLevel = 16 * 1024
    #else
    static let bytesPerLevel = 3 * 1024
    #endif
    /// Room kept free below the limit for built-ins that recurse without counting levels.
    static let reserve = 256 * 1024
    /// The largest helper-thread stack requested; deeper limits rely on the stack guard alone.
    static let maximumStack = 256 << 20

    static func requiredBytes(forDepth depth: Int) -> Int {
        min(max(depth, 64), maximumStack / bytesPerLevel) * bytesPerLevel + 2 * reserve
    }

    /// The current thread's lowest usable stack address when at least `bytes` remain, else `nil`.
    static func limitIfAvailable(bytes: Int) -> UInt? {
        guard let low = currentStackLow() else { return nil }
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        guard here > low, here - low >= UInt(bytes) else { return nil }
        return low + UInt(reserve)
    }

    /// A per-thread slot caching the stack's low address (reading it can mean parsing
    /// /proc/self/maps for the main thread).
    private static let cacheKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    private static func currentStackLow() -> UInt? {
        if let cached = pthread_getspecific(cacheKey) {
            let value = UInt(bitPattern: cached)
            return value == 1 ? nil : value
        }
        let low = queryStackLow()
        pthread_setspecific(cacheKey, UnsafeRawPointer(bitPattern: low ?? 1))
        return low
    }

    private static func queryStackLow() -> UInt? {
        #if canImport(Darwin)
        let thread = pthread_self()
        let top = UInt(bitPattern: pthread_get_stackaddr_np(thread))
        let size = UInt(pthread_get_stacksize_np(thread))
        return top > size ? top - size : nil
        #else
        // pthread_getattr_np is a GNU extension the Glibc module does not export; look it up at run time.
        typealias GetAttr = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_getattr_np") else { return nil }
        let getAttributes = unsafeBitCast(symbol, to: GetAttr.self)
        var attributes = pthread_attr_t()
        guard getAttributes(pthread_self(), &attributes) == 0 else { return nil }
        defer { pthread_attr_destroy(&attributes) }
        var address: UnsafeMutableRawPointer? = nil
        var size = 0
        guard pthread_attr_getstack(&attributes, &address, &size) == 0, let address else { return nil }
        return UInt(bitPattern: address)
        #endif
    }

    private final class Job: @unchecked Sendable {
        // @unchecked: `work` writes its result under the outcome's mutex, and the caller reads it
        // under the same mutex once told it is there.
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }

    /// The result of the helper thread's work, handed over under a mutex and a condition.
    private final class Outcome<T>: @unchecked Sendable {
        // @unchecked: `result` is written and read only with `mutex` locked. The mutex and condition
        // are allocated, so they have stable addresses.
        private var result: Result<T, JSONataError>?
        private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

        init() {
            pthread_mutex_init(mutex, nil)
            pthread_cond_init(condition, nil)
        }

        deinit {
            pthread_cond_destroy(condition)
            pthread_mutex_destroy(mutex)
            condition.deallocate()
            mutex.deallocate()
        }

        func deliver(_ value: Result<T, JSONataError>) {
            pthread_mutex_lock(mutex)
            result = value
            pthread_cond_signal(condition)
            pthread_mutex_unlock(mutex)
        }

        func wait() -> Result<T, JSONataError> {
            pthread_mutex_lock(mutex)
            while result == nil { pthread_cond_wait(condition, mutex) }
            let value = result!
            pthread_mutex_unlock(mutex)
            return value
        }
    }

    /// Runs `body` on a helper thread with a stack of `bytes` and waits for its result.
    ///
    /// `leftovers` runs on the helper thread after the caller has the result: what it frees is off
    /// the caller's path (a stopped evaluation's values, which can take a tenth of a second to free).
    static func runOnLargeStack<T>(
        bytes: Int, _ body: @escaping (UInt) throws(JSONataError) -> T, leftovers: @escaping () -> Void = {}
    ) throws(JSONataError) -> T {
        let outcome = Outcome<T>()
        let job = Job {
            let limit = StackBounds.limitIfAvailable(bytes: 0) ?? 0
            outcome.deliver(Result { () throws(JSONataError) -> T in try body(limit) })
            leftovers()
        }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        let pageRounded = (bytes + 65535) & ~65535
        pthread_attr_setstacksize(&attributes, pageRounded)
        let context = Unmanaged.passRetained(job).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t? = nil
        #else
        var thread = pthread_t()
        #endif
        let status = pthread_create(&thread, &attributes, { raw in
            #if canImport(Darwin)
            let job = Unmanaged<Job>.fromOpaque(raw).takeRetainedValue()
            #else
            let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
            #endif
            job.work()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Job>.fromOpaque(context).release()
            // no helper thread: run here with whatever stack there is
            defer { leftovers() }
            return try body(limitIfAvailable(bytes: 0) ?? 0)
        }
        #if canImport(Darwin)
        pthread_detach(thread!)
        #else
        pthread_detach(thread)
        #endif
        return try outcome.wait().get()
    }
}
