import Foundation

/// The precompressed variants of one body: each is present only when it is smaller than the body.
public struct Encodings: Sendable, Equatable {
    /// The gzip member (level 9, no time or name in its header); nil when it would not be smaller.
    public var gzip: Data?
    /// The brotli stream (quality 11, window 22); nil when it would not be smaller.
    public var brotli: Data?

    /// Variants as given; ``Precompressor`` drops the ones that are not smaller before making one.
    public init(gzip: Data? = nil, brotli: Data? = nil) {
        self.gzip = gzip
        self.brotli = brotli
    }

    /// No variants: what an incompressible body gets.
    public static let none = Encodings()
}
