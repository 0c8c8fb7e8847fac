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
    func closeCode(seconds: Int = 10) async -> Int? {
        await onOwnThread { [descriptor] in Self.closeCode(descriptor, seconds: seconds) }
    }

    private static func closeCode(_ descriptor: Int32, seconds: Int) -> Int? {
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
