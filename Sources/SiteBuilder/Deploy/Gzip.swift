import CompressNIO
import Foundation
import NIOCore

/// gzip at level 9 through CompressNIO, with a header that names no time, file or OS.
enum Gzip {
    /// The gzip member for `data`, or nil if zlib fails (it does not for in-memory input).
    ///
    /// zlib already writes `MTIME = 0` and no file name; the OS byte (offset 9) is the one field that
    /// differs between platforms (3 on Linux, 19 on macOS), so it is set to 255, "unknown" (RFC 1952 §2.3.1).
    /// The deflate stream itself depends only on the data, the level and the zlib version.
    static func compress(_ data: Data) -> Data? {
        var input = ByteBuffer(bytes: data)
        let configuration = ZlibConfiguration(
            windowSize: .window128k,
            compressionLevel: .bestCompression,
            memoryLevel: .memory256K
        )
        guard var output = try? input.compress(with: .gzip(configuration: configuration)),
            var bytes = output.readBytes(length: output.readableBytes),
            bytes.count >= headerSize
        else { return nil }
        bytes[osByteOffset] = unknownOS
        return Data(bytes)
    }

    private static let headerSize = 10
    private static let osByteOffset = 9
    private static let unknownOS: UInt8 = 255
}
