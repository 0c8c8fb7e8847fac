import CBrotli
import Foundation

/// Brotli through the system `libbrotlienc`, one-shot: no encoder state outlives a call, so nothing
/// here needs a lock. No C type leaves this file.
enum Brotli {
    /// The highest quality, the one precompressed assets are worth the time for.
    static let maximumQuality: Int32 = 11
    /// A 4 MiB window (2^22), brotli's default, larger than any asset a chat site ships.
    static let defaultWindowBits: Int32 = 22

    /// The brotli stream for `data`, or nil when the encoder fails or the input is empty.
    static func compress(
        _ data: Data,
        quality: Int32 = maximumQuality,
        windowBits: Int32 = defaultWindowBits
    ) -> Data? {
        guard !data.isEmpty else { return nil }
        let bound = BrotliEncoderMaxCompressedSize(data.count)
        guard bound > 0 else { return nil }  // 0: the bound does not fit in size_t
        var output = Data(count: bound)
        var size = bound
        let succeeded = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { buffer in
                BrotliEncoderCompress(
                    quality, windowBits, BROTLI_MODE_GENERIC,
                    input.count, input.bindMemory(to: UInt8.self).baseAddress,
                    &size, buffer.bindMemory(to: UInt8.self).baseAddress
                )
            }
        }
        guard succeeded == BROTLI_TRUE else { return nil }
        output.count = size
        return output
    }
}
