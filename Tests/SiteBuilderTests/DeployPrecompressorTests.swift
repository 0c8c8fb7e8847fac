import CompressNIO
import Foundation
import NIOCore
import Testing

@testable import SiteBuilder

@Suite("Deploy: precompression")
struct DeployPrecompressorTests {
    static let css = Data(
        (0..<200).map { ".room-\($0) { color: #333; margin: 0 auto; padding: 4px 8px; }\n" }.joined().utf8
    )

    @Test func gzipRoundTripsThroughCompressNIO() throws {
        let gzip = try #require(Gzip.compress(Self.css))
        #expect(Array(gzip.prefix(10)) == [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255])  // no name, MTIME 0, OS unknown
        var buffer = ByteBuffer(bytes: gzip)
        let decompressed = try buffer.decompress(with: .gzip())
        #expect(Data(decompressed.readableBytesView) == Self.css)
    }

    @Test func brotliRoundTripsThroughLibbrotlidec() throws {
        let brotli = try #require(Brotli.compress(Self.css))
        #expect(brotli.count < Self.css.count / 10)
        let decoder = try #require(BrotliDecoder.system, "libbrotlidec.so.1 is needed to check brotli output")
        #expect(decoder.decompress(brotli, expectedSize: Self.css.count) == Self.css)
    }

    @Test func compressionIsDeterministic() throws {
        #expect(Gzip.compress(Self.css) == Gzip.compress(Self.css))
        #expect(Brotli.compress(Self.css) == Brotli.compress(Self.css))
        #expect(Precompressor().encodings(of: Self.css) == Precompressor().encodings(of: Self.css))
    }

    @Test func variantsThatAreNotSmallerAreDropped() throws {
        var generator = SplitMix64(seed: 42)
        let noise = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        #expect(Precompressor().encodings(of: noise) == .none)
        #expect(Precompressor().encodings(of: Data("a".utf8)) == .none)
        #expect(Precompressor().encodings(of: Data()) == .none)

        let both = Precompressor().encodings(of: Self.css)
        #expect(try #require(both.gzip).count < Self.css.count)
        #expect(try #require(both.brotli).count < Self.css.count)
    }

    @Test func theCacheAnswersForContentItHasCompressed() {
        let compressor = Precompressor()
        let first = compressor.encodings(of: Self.css)
        let second = compressor.encodings(of: Data(Self.css))
        #expect(first == second)
        #expect(compressor.statistics == .init(hits: 1, misses: 1))

        compressor.retain(only: [])
        #expect(compressor.cachedCount == 0)
        _ = compressor.encodings(of: Self.css)
        #expect(compressor.statistics == .init(hits: 1, misses: 2))
    }
}

/// A deterministic generator for incompressible test data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The system brotli decoder, loaded at run time: the package links only the encoder, and neither the
/// `brotli` command nor Python's `brotli` module is installed here.
struct BrotliDecoder: @unchecked Sendable {
    // BrotliDecoderResult BrotliDecoderDecompress(size_t, const uint8_t*, size_t*, uint8_t*)
    typealias Decompress =
        @convention(c) (
            Int, UnsafePointer<UInt8>?, UnsafeMutablePointer<Int>?, UnsafeMutablePointer<UInt8>?
        ) -> Int32
    let function: Decompress

    static let system: BrotliDecoder? = {
        for name in ["libbrotlidec.so.1", "libbrotlidec.so", "libbrotlidec.dylib"] {
            guard let handle = dlopen(name, RTLD_NOW), let symbol = dlsym(handle, "BrotliDecoderDecompress") else {
                continue
            }
            return BrotliDecoder(function: unsafeBitCast(symbol, to: Decompress.self))
        }
        return nil
    }()

    func decompress(_ data: Data, expectedSize: Int) -> Data? {
        var output = [UInt8](repeating: 0, count: expectedSize + 1)
        var size = output.count
        let success: Int32 = 1
        let result = data.withUnsafeBytes { input in
            function(input.count, input.bindMemory(to: UInt8.self).baseAddress, &size, &output)
        }
        return result == success ? Data(output.prefix(size)) : nil
    }
}
