import Dispatch

/// One client connection: reads requests, hands them to the server one at a time, writes the
/// responses, and closes on `Connection: close`, errors, idleness or when the client goes away.
///
/// Every method runs on the server's serial queue.
// @unchecked Sendable: all mutable state is confined to `server.queue`; the reply closure hops back to it.
final class HTTPConnection: @unchecked Sendable {
    private let fd: Int32
    private let server: HTTPServer
    private let parser: HTTPRequestParser
    private var buffer: [UInt8] = []
    private var readSource: (any DispatchSourceRead)?
    private var writeSource: (any DispatchSourceWrite)?
    private var timer: (any DispatchSourceTimer)?
    private var output: [UInt8] = []
    private var outputOffset = 0
    /// A request is with the handler, or its response is being written.
    private var isBusy = false
    private var isReadSuspended = false
    private var sentContinue = false
    private var closesAfterWrite = false
    private var isClosed = false
    private var peerClosed = false
    private var lastActivity = DispatchTime.now()
    private var openSources = 0

    init(fd: Int32, server: HTTPServer) {
        self.fd = fd
        self.server = server
        parser = HTTPRequestParser(limits: server.configuration.limits)
    }

    func start() {
        let read = DispatchSource.makeReadSource(fileDescriptor: fd, queue: server.queue)
        read.setEventHandler { [self] in readAvailable() }
        read.setCancelHandler { [self] in sourceCancelled() }
        openSources += 1
        readSource = read
        read.resume()
        let timeout = server.configuration.idleTimeout
        let timer = DispatchSource.makeTimerSource(queue: server.queue)
        let interval = max(timeout / 4, 0.05)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [self] in checkIdle(timeout: timeout) }
        self.timer = timer
        timer.resume()
    }

    private func readAvailable() {
        guard !isClosed else { return }
        switch Socket.read(fd) {
        case .bytes(let bytes):
            lastActivity = .now()
            buffer += bytes
            process()
        case .wouldBlock:
            break
        case .closed:
            peerClosed = true
            // A client that sent its request and then half-closed still gets the response.
            if !isBusy { close() } else { pauseReading() }
        }
    }

    /// Takes the next whole request from the buffer, if no other is being handled.
    private func process() {
        guard !isBusy, !isClosed else { return }
        switch parser.parse(buffer[...]) {
        case .incomplete(let expectsContinue):
            if peerClosed {
                close()
                return
            }
            if expectsContinue, !sentContinue {
                sentContinue = true
                write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), then: nil)
            }
        case .failed(let error):
            isBusy = true
            pauseReading()
            buffer = []
            closesAfterWrite = true
            write(server.configuration.errorResponse(error).serialized(keepsAlive: false), then: nil)
        case .complete(let request, let consumed):
            buffer.removeFirst(consumed)
            sentContinue = false
            isBusy = true
            pauseReading()
            let keepsAlive = request.keepsAlive && !peerClosed
            let isHead = request.method == "HEAD"
            server.submit(request) { [self] response in
                server.queue.async { [self] in
                    guard !isClosed else { return }
                    if !keepsAlive { closesAfterWrite = true }
                    write(response.serialized(keepsAlive: keepsAlive, includesBody: !isHead)) { [self] in
                        isBusy = false
                        lastActivity = .now()
                        resumeReading()
                        process()
                    }
                }
            }
        }
    }

    private var afterWrite: (() -> Void)?

    private func write(_ bytes: [UInt8], then completion: (() -> Void)?) {
        output += bytes
        if let completion { afterWrite = completion }
        flush()
    }

    private func flush() {
        guard !isClosed else { return }
        while outputOffset < output.count {
            guard let written = Socket.write(fd, output[outputOffset...]) else {
                close()
                return
            }
            if written == 0 {
                if writeSource == nil {
                    let source = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: server.queue)
                    source.setEventHandler { [self] in flush() }
                    source.setCancelHandler { [self] in sourceCancelled() }
                    openSources += 1
                    writeSource = source
                    source.resume()
                }
                return
            }
            outputOffset += written
            lastActivity = .now()
        }
        output = []
        outputOffset = 0
        writeSource?.cancel()
        writeSource = nil
        if closesAfterWrite {
            close()
            return
        }
        let completion = afterWrite
        afterWrite = nil
        completion?()
    }

    private func pauseReading() {
        guard !isReadSuspended, let readSource else { return }
        isReadSuspended = true
        readSource.suspend()
    }

    private func resumeReading() {
        guard isReadSuspended, let readSource, !peerClosed else { return }
        isReadSuspended = false
        readSource.resume()
    }

    private func checkIdle(timeout: Double) {
        guard !isClosed, !isBusy || outputOffset < output.count else { return }
        let idle = Double(DispatchTime.now().uptimeNanoseconds - lastActivity.uptimeNanoseconds) / 1e9
        guard idle >= timeout else { return }
        if isBusy {
            // A client that stopped reading its response.
            close()
        } else if buffer.isEmpty {
            close()
        } else {
            // A request that never finished arriving.
            isBusy = true
            buffer = []
            closesAfterWrite = true
            write(
                HTTPResponse(status: 408, body: Array("The request did not arrive in time.\n".utf8))
                    .serialized(keepsAlive: false), then: nil)
        }
    }

    /// Closes the connection; any response still being prepared is dropped.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        timer?.cancel()
        timer = nil
        writeSource?.cancel()
        writeSource = nil
        if let readSource {
            // A suspended source must be resumed before it can be cancelled.
            if isReadSuspended { readSource.resume() }
            readSource.cancel()
        }
        readSource = nil
        if openSources == 0 { Socket.close(fd) }
        server.remove(self)
    }

    /// The descriptor is closed once no Dispatch source watches it any more.
    private func sourceCancelled() {
        openSources -= 1
        if openSources == 0, isClosed { Socket.close(fd) }
    }
}
