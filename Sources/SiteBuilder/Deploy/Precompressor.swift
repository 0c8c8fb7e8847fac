import Foundation
import Synchronization

/// Makes the gzip and brotli variants of a build's objects, and remembers them between builds.
///
/// Brotli at quality 11 is the slowest step of `chatsite build`, and `chatsite serve` rebuilds on every
/// change, so results are cached by the SHA-256 of the content: an unchanged file is never compressed
/// twice. Keep one `Precompressor` per site for as long as the process runs and pass it to every
/// ``DeployArtifacts/make(files:previousManifest:headers:compressor:)``. Each build drops the entries
/// the build no longer has, so the cache holds one site's worth of variants.
///
/// ```swift
/// let compressor = Precompressor()
/// let variants = compressor.encodings(of: Data(css.utf8))
/// variants.brotli  // smaller than the CSS, or nil
/// ```
///
/// It is safe to use from several threads; the cache is behind a `Mutex`, and compression runs outside it.
public final class Precompressor: Sendable {
    /// How often the cache answered, for tests and `serve`'s logs.
    public struct Statistics: Sendable, Equatable {
        /// Bodies whose variants came from the cache.
        public var hits = 0
        /// Bodies that were compressed.
        public var misses = 0

        /// Counts as given.
        public init(hits: Int = 0, misses: Int = 0) {
            self.hits = hits
            self.misses = misses
        }
    }

    private struct State {
        var entries: [String: Encodings] = [:]
        var statistics = Statistics()
    }

    private let state = Mutex(State())

    /// An empty cache.
    public init() {}

    /// The cache's hit and miss counts since it was made.
    public var statistics: Statistics {
        state.withLock { $0.statistics }
    }

    /// How many bodies the cache holds variants for.
    public var cachedCount: Int {
        state.withLock { $0.entries.count }
    }

    /// The gzip and brotli variants of `data` that are smaller than it, from the cache when it has them.
    ///
    /// This compresses whatever it is given; callers decide by content type whether a body is worth it
    /// (``DeployArtifacts`` skips PNG, WOFF2 and other compressed formats).
    public func encodings(of data: Data) -> Encodings {
        encodings(of: data, sha256: sha256Hex(data))
    }

    /// The variants of `data` whose SHA-256 (lowercase hex) the caller has computed already.
    func encodings(of data: Data, sha256: String) -> Encodings {
        let cached = state.withLock { state -> Encodings? in
            guard let entry = state.entries[sha256] else { return nil }
            state.statistics.hits += 1
            return entry
        }
        if let cached { return cached }
        let made = Self.compress(data)
        state.withLock { state in
            state.entries[sha256] = made
            state.statistics.misses += 1
        }
        return made
    }

    /// Forgets every body whose hash is not in `hashes`: what a rebuild does with the files it no longer has.
    func retain(only hashes: Set<String>) {
        state.withLock { state in
            state.entries = state.entries.filter { hashes.contains($0.key) }
        }
    }

    private static func compress(_ data: Data) -> Encodings {
        func smaller(_ variant: Data?) -> Data? {
            guard let variant, variant.count < data.count else { return nil }
            return variant
        }
        guard !data.isEmpty else { return .none }
        return Encodings(gzip: smaller(Gzip.compress(data)), brotli: smaller(Brotli.compress(data)))
    }
}
