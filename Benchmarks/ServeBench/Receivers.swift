#if os(Linux)
import CEpoll
import Foundation
import Glibc
import Synchronization

/// The fan-out benchmark's 1,000 WebSocket receivers: plain sockets upgraded one by one, then
/// read by one thread on one `epoll` set, which parses frames straight from the bytes and records
/// how long each `messageCreated` frame took since the sender stamped it (`t=<ns since the epoch>`).
///
/// They run on the same two cores as the server they measure, so they must cost as little as
/// possible: NIO channels with a frame handler each cost a third more CPU than the server's own
/// fan-out at 100 messages/s, and that time was taken from the server. Linux only.
final class Receivers: Sendable {
    private let descriptors: [Int32]
    private let epoll: Int32
    private let stopped = Atomic<Bool>(false)
    private let received = Atomic<Int>(0)
    private let results = Mutex<[Double]?>(nil)

    /// Connects and upgrades `count` sockets, taking `paths` in turn.
    init(count: Int, port: Int, paths: [String]) throws {
        var descriptors: [Int32] = []
        for index in 0..<count {
            descriptors.append(try Self.upgraded(port: port, path: paths[index % paths.count]))
        }
        self.descriptors = descriptors
        epoll = epoll_create1(0)
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            var event = epoll_event()
            event.events = EPOLLIN.rawValue
            event.data.fd = descriptor
            guard epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, &event) == 0 else { throw Failure("epoll_ctl: \(errno)") }
        }
    }

    /// Frames timed so far.
    var deliveries: Int { received.load(ordering: .relaxed) }

    func start() {
        Thread { [self] in run() }.start()
    }

    /// Stops reading, closes the sockets, and returns every latency in milliseconds.
    func stop() -> [Double] {
        stopped.store(true, ordering: .relaxed)
        while results.withLock({ $0 == nil }) { usleep(1000) }
        for descriptor in descriptors { close(descriptor) }
        close(epoll)
        return results.withLock { $0 ?? [] }
    }

    /// Reads until `stop()`, then publishes the latencies.
    private func run() {
        var latencies: [Double] = []
        latencies.reserveCapacity(2_000_000)
        var pending: [Int32: [UInt8]] = [:]  // an incomplete frame, per socket
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while !stopped.load(ordering: .relaxed) {
            let ready = epoll_wait(epoll, &events, Int32(events.count), 50)
            for index in 0..<max(0, Int(ready)) {
                let descriptor = events[index].data.fd
                let count = read(descriptor, &buffer, buffer.count)
                guard count > 0 else { continue }
                var bytes = pending.removeValue(forKey: descriptor) ?? []
                bytes.append(contentsOf: buffer[0..<count])
                let used = bytes.withUnsafeBytes { Self.readFrames($0, into: &latencies) }
                if used < bytes.count { pending[descriptor] = Array(bytes[used...]) }
            }
            received.store(latencies.count, ordering: .relaxed)
        }
        results.withLock { $0 = latencies }
    }

    /// Reads the whole frames at the front of `bytes` (a server never masks), timing the text
    /// ones; returns how many bytes they took.
    static func readFrames(_ bytes: UnsafeRawBufferPointer, into latencies: inout [Double]) -> Int {
        var start = 0
        while bytes.count - start >= 2 {
            var header = 2
            var length = Int(bytes[start + 1] & 0x7f)
            if length >= 126 {
                header = length == 126 ? 4 : 10
                guard bytes.count - start >= header else { break }
                length = (start + 2..<start + header).reduce(0) { $0 << 8 | Int(bytes[$1]) }
            }
            guard bytes.count - start >= header + length else { break }
            let payload = UnsafeRawBufferPointer(rebasing: bytes[start + header..<start + header + length])
            if bytes[start] & 0x0f == 1, let latency = latency(of: payload) { latencies.append(latency) }
            start += header + length
        }
        return start
    }

    private static let event = Array("messageCreated".utf8)
    private static let stamp = Array("t=".utf8)

    /// Milliseconds since the stamp in a `messageCreated` frame.
    static func latency(of payload: UnsafeRawBufferPointer) -> Double? {
        guard find(event, in: payload) != nil, var index = find(stamp, in: payload) else { return nil }
        var sent = 0
        index += stamp.count
        while index < payload.count, payload[index] >= UInt8(ascii: "0"), payload[index] <= UInt8(ascii: "9") {
            sent = sent &* 10 &+ Int(payload[index] - UInt8(ascii: "0"))
            index += 1
        }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec * 1_000_000_000 + now.tv_nsec - sent) / 1e6
    }

    /// Where `needle` starts in `bytes` (a plain scan: Foundation's generic search cost more).
    static func find(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count)
        where needle.indices.allSatisfy({ bytes[start + $0] == needle[$0] }) {
            return start
        }
        return nil
    }

    /// A blocking socket that has completed the WebSocket upgrade for `path`.
    static func upgraded(port: Int, path: String) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var noDelay: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure("connect: \(errno)") }
        let request =
            "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        _ = request.withCString { send(descriptor, $0, strlen($0), 0) }
        // Byte by byte up to the blank line, so no frame after the head is read here.
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !head.suffix(4).elementsEqual([13, 10, 13, 10]), recv(descriptor, &byte, 1, 0) == 1 { head.append(byte) }
        guard String(decoding: head, as: UTF8.self).hasPrefix("HTTP/1.1 101") else {
            throw Failure("upgrade refused: \(String(decoding: head, as: UTF8.self))")
        }
        return descriptor
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
#endif
