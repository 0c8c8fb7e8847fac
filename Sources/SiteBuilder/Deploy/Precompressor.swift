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
        encodings(of: data, sha256: sha256Hex(data), thorough: true)
    }

    /// The variants of `data` whose SHA-256 (lowercase hex) the caller has computed already.
    /// `thorough` asks for brotli's best quality (11), worth its time for hashed assets, which are
    /// compressed once per content; pages and other unhashed files change with every build and get
    /// quality 5, about 15% larger and 30 times faster (9.6 ms against 0.3 ms for a 6 KB page).
    func encodings(of data: Data, sha256: String, thorough: Bool) -> Encodings {
        let key = Self.key(sha256, thorough: thorough)
        let cached = state.withLock { state -> Encodings? in
            guard let entry = state.entries[key] else { return nil }
            state.statistics.hits += 1
            return entry
        }
        if let cached { return cached }
        let made = Self.compress(data, brotliQuality: thorough ? Brotli.maximumQuality : Self.fastQuality)
        state.withLock { state in
            state.entries[key] = made
            state.statistics.misses += 1
        }
        return made
    }

    /// Forgets every body whose hash is not in `hashes`: what a rebuild does with the files it no longer has.
    func retain(only hashes: Set<String>) {
        state.withLock { state in
            state.entries = state.entries.filter { hashes.contains(String($0.key.prefix { $0 != ":" })) }
        }
    }

    /// Takes the variants a previous build wrote into `directory` (`manifest` is that build's
    /// manifest, the variants are in `.chatsite/encoded/`), each checked against the manifest's
    /// SHA-256, so a rebuild into the same folder compresses only what changed.
    public func reuse(manifest: Data?, in directory: String) {
        guard let manifest = manifest.flatMap({ try? DeployManifest.decode($0) }) else { return }
        var found: [String: Encodings] = [:]
        for object in manifest.objects {
            var encodings = Encodings.none
            var complete = true
            for variant in object.encodings {
                guard let body = FileManager.default.contents(atPath: directory + "/" + variant.path),
                    sha256Hex(body) == variant.sha256
                else {
                    complete = false
                    break
                }
                if variant.contentEncoding == "br" { encodings.brotli = body } else { encodings.gzip = body }
            }
            if complete { found[Self.key(object.sha256, thorough: object.hashed)] = encodings }
        }
        state.withLock { $0.entries.merge(found) { current, _ in current } }
    }

    static let fastQuality: Int32 = 5

    private static func key(_ sha256: String, thorough: Bool) -> String {
        sha256 + (thorough ? ":11" : ":5")
    }

    private static func compress(_ data: Data, brotliQuality: Int32) -> Encodings {
        func smaller(_ variant: Data?) -> Data? {
            guard let variant, variant.count < data.count else { return nil }
            return variant
        }
        guard !data.isEmpty else { return .none }
        return Encodings(
            gzip: smaller(Gzip.compress(data)), brotli: smaller(Brotli.compress(data, quality: brotliQuality)))
    }
}
