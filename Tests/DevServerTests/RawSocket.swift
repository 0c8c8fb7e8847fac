import Foundation

#if canImport(Glibc)
import Glibc
#endif

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
/// connection; what came so far if that takes more than `seconds`.
func rawExchange(port: Int, _ bytes: [UInt8], seconds: Int = 5) async throws -> String {
    let descriptor = try connectedSocket(port: port)
    return await onOwnThread {
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        var received = [UInt8]()
        var block = [UInt8](repeating: 0, count: 65536)
        while case let count = recv(descriptor, &block, block.count, 0), count > 0 { received += block[0..<count] }
        return String(decoding: received, as: UTF8.self)
    }
}

/// Runs blocking socket reads on a thread of their own: on the tests' cooperative pool they could
/// hold every thread the server under test needs to answer them.
func onOwnThread<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}
