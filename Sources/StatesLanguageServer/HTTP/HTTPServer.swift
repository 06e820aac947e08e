import Dispatch
import Synchronization

/// A small HTTP/1.1 server on a TCP socket: keep-alive, concurrent connections and limits, with
/// requests answered by an async handler.
///
/// Sockets are non-blocking and watched by Dispatch sources on one serial queue, so a slow or
/// vanished client holds only its own buffers: it never blocks the others. Requests are handled in
/// a task group owned by ``serve(_:)``; one connection's requests are answered in order (a pipelined
/// request waits for the response before it).
///
/// ```swift
/// let server = try HTTPServer(configuration: .init(host: "127.0.0.1", port: 0))
/// print("listening on \(server.port)")
/// await server.serve { request in HTTPResponse(status: 200, body: Array("hello".utf8)) }
/// ```
public final class HTTPServer: Sendable {
    /// Where and how the server listens.
    public struct Configuration: Sendable {
        /// The address to bind: an IPv4 or IPv6 literal, or `localhost` (default `127.0.0.1`).
        public var host: String
        /// The port; 0 picks a free one (see ``HTTPServer/port``).
        public var port: Int
        /// Header and body limits.
        public var limits: HTTPRequestParser.Limits
        /// Seconds a connection may stay idle, or keep a request incomplete, before it is closed (default 60).
        public var idleTimeout: Double
        /// The most open connections; more are closed as soon as they are accepted (default 1024).
        public var maximumConnections: Int
        /// The response to bytes that are not a request the server accepts; the connection closes after it.
        public var errorResponse: @Sendable (HTTPParseError) -> HTTPResponse

        /// Creates a configuration.
        public init(
            host: String = "127.0.0.1", port: Int = 0, limits: HTTPRequestParser.Limits = .init(),
            idleTimeout: Double = 60, maximumConnections: Int = 1024,
            errorResponse: @escaping @Sendable (HTTPParseError) -> HTTPResponse = { error in
                HTTPResponse(
                    status: error.status, headers: [("Content-Type", "text/plain; charset=utf-8")],
                    body: Array((error.message + "\n").utf8))
            }
        ) {
            self.host = host
            self.port = port
            self.limits = limits
            self.idleTimeout = idleTimeout
            self.maximumConnections = maximumConnections
            self.errorResponse = errorResponse
        }
    }

    /// A handler for requests.
    public typealias Handler = @Sendable (HTTPRequest) async -> HTTPResponse

    /// The configuration.
    public let configuration: Configuration
    /// The port the server listens on (the one picked when the configuration asked for 0).
    public let port: Int
    /// The host the server listens on.
    public var host: String { configuration.host }

    let queue = DispatchQueue(label: "sfnrun.http")
    private let listener: Int32
    private let state: Mutex<State>

    private struct State {
        var isServing = false
        var isStopped = false
        var pending: AsyncStream<PendingRequest>.Continuation?
        var acceptSource: AcceptSource?
        var connections: [ObjectIdentifier: HTTPConnection] = [:]
    }

    /// Binds and listens; requests are taken once ``serve(_:)`` runs.
    ///
    /// - Throws: ``HTTPServerError`` when the address cannot be bound (in use, not local, invalid).
    public init(configuration: Configuration = Configuration()) throws(HTTPServerError) {
        self.configuration = configuration
        let (fd, port) = try Socket.listen(host: configuration.host, port: configuration.port)
        listener = fd
        self.port = port
        state = Mutex(State())
    }

    /// How many connections are open now.
    public var connectionCount: Int { state.withLock { $0.connections.count } }

    /// Serves requests with `handler` until ``stop()`` is called or the calling task is cancelled; then
    /// closes every connection and waits for the handlers running.
    public func serve(_ handler: @escaping Handler) async {
        let (stream, continuation) = AsyncStream<PendingRequest>.makeStream()
        let started = state.withLock { state -> Bool in
            guard !state.isServing, !state.isStopped else { return false }
            state.isServing = true
            state.pending = continuation
            return true
        }
        guard started else { return }
        let source = DispatchSource.makeReadSource(fileDescriptor: listener, queue: queue)
        source.setEventHandler { [weak self] in self?.acceptConnections() }
        let listener = listener
        source.setCancelHandler { Socket.close(listener) }
        let box = AcceptSource(source)
        state.withLock { $0.acceptSource = box }
        source.resume()
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                for await pending in stream {
                    group.addTask {
                        let response = await handler(pending.request)
                        pending.reply(response)
                    }
                }
            }
        } onCancel: {
            self.stop()
        }
    }

    /// Stops accepting, closes every connection (answering none of the requests still running) and
    /// makes ``serve(_:)`` return once the running handlers end.
    public func stop() {
        let (source, connections, pending, wasServing) = state.withLock {
            state -> (AcceptSource?, [HTTPConnection], AsyncStream<PendingRequest>.Continuation?, Bool) in
            let taken = (state.acceptSource, Array(state.connections.values), state.pending, state.isServing)
            state.isStopped = true
            state.acceptSource = nil
            state.connections = [:]
            state.pending = nil
            return taken
        }
        pending?.finish()
        if let source { source.source.cancel() } else if !wasServing { Socket.close(listener) }
        queue.async { for connection in connections { connection.close() } }
    }

    private func acceptConnections() {
        while let fd = Socket.accept(listener) {
            let connection = HTTPConnection(fd: fd, server: self)
            let accepted = state.withLock { state -> Bool in
                guard !state.isStopped, state.connections.count < configuration.maximumConnections else { return false }
                state.connections[ObjectIdentifier(connection)] = connection
                return true
            }
            if accepted { connection.start() } else { connection.close() }
        }
    }

    /// Hands a request to ``serve(_:)``'s task group; `reply` runs with the response.
    func submit(_ request: HTTPRequest, reply: @escaping @Sendable (HTTPResponse) -> Void) {
        let pending = state.withLock { $0.pending }
        guard let pending, case .enqueued = pending.yield(PendingRequest(request: request, reply: reply)) else {
            reply(HTTPResponse(status: 503, body: Array("The server is stopping.\n".utf8)))
            return
        }
    }

    /// Forgets a closed connection.
    func remove(_ connection: HTTPConnection) {
        _ = state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(connection)) }
    }
}

/// A request waiting for the handler, with where its response goes.
struct PendingRequest: Sendable {
    let request: HTTPRequest
    let reply: @Sendable (HTTPResponse) -> Void
}

/// Carries the listening socket's source in the server's locked state.
// @unchecked Sendable: Dispatch sources are thread-safe; the reference never changes.
final class AcceptSource: @unchecked Sendable {
    let source: any DispatchSourceRead
    init(_ source: any DispatchSourceRead) { self.source = source }
}
