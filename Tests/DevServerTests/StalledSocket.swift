import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A WebSocket client that completes the handshake and then never reads, with a tiny receive
/// buffer so the server's writes to it block after a few frames: a stalled client, for real.
final class StalledSocket {
    private let descriptor: Int32

    init(port: Int, token: String) throws {
        descriptor = try connectedSocket(port: port, receiveBuffer: 2048)
        let request =
            "GET /ws?token=\(token) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        _ = request.withCString { send(descriptor, $0, strlen($0), 0) }
        // Read the 101 response headers only; after that this client never reads again.
        var response = [UInt8]()
        var byte: UInt8 = 0
        while !response.suffix(4).elementsEqual([13, 10, 13, 10]), recv(descriptor, &byte, 1, 0) == 1 {
            response.append(byte)
        }
        guard String(decoding: response, as: UTF8.self).hasPrefix("HTTP/1.1 101") else {
            throw TestFailure("no upgrade: \(String(decoding: response, as: UTF8.self))")
        }
    }

    /// Starts reading at last: the code of the server's close frame, after whatever frames come
    /// before it; nil when the connection ends without one or nothing arrives for `seconds`.
    func closeCode(seconds: Int = 10) -> Int? {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received = [UInt8]()
        var block = [UInt8](repeating: 0, count: 65536)
        while true {
            // A server frame: FIN and opcode, then an unmasked 7-, 16- or 64-bit length.
            while received.count >= 2 {
                let short = Int(received[1] & 0x7F)
                let start = short == 126 ? 4 : short == 127 ? 10 : 2
                guard received.count >= start else { break }
                let length = start == 2 ? short : received[2..<start].reduce(0) { $0 << 8 | Int($1) }
                guard received.count >= start + length else { break }
                if received[0] & 0x0F == 8 {
                    return length >= 2 ? Int(received[start]) << 8 | Int(received[start + 1]) : 1005
                }
                received.removeFirst(start + length)
            }
            let count = recv(descriptor, &block, block.count, 0)
            guard count > 0 else { return nil }
            received += block[0..<count]
        }
    }

    deinit { close(descriptor) }
}

/// A TCP connection to the test server on 127.0.0.1, with a receive buffer of `receiveBuffer`
/// bytes when given (set before connecting, so that the window is that small too).
func connectedSocket(port: Int, receiveBuffer: Int32? = nil) throws -> Int32 {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    if var size = receiveBuffer {
        setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard connected == 0 else {
        close(descriptor)
        throw TestFailure("connect failed: \(errno)")
    }
    return descriptor
}

/// Sends `bytes` on a new connection and returns all the server sends until it closes the
/// connection; what came so far if that takes more than `seconds`. The blocking reads run on a
/// thread of their own: on the tests' cooperative pool they could hold every thread the server
/// under test needs to answer.
func rawExchange(port: Int, _ bytes: [UInt8], seconds: Int = 5) async throws -> String {
    let descriptor = try connectedSocket(port: port)
    return await withCheckedContinuation { continuation in
        Thread {
            defer { close(descriptor) }
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
            var received = [UInt8]()
            var block = [UInt8](repeating: 0, count: 65536)
            while case let count = recv(descriptor, &block, block.count, 0), count > 0 { received += block[0..<count] }
            continuation.resume(returning: String(decoding: received, as: UTF8.self))
        }.start()
    }
}
