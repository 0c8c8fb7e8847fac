import Foundation

/// `.chatsite/manifest.json`: everything `chatsite deploy` needs to upload `dist/` and refresh CloudFront.
///
/// For each object: its key, headers, size and SHA-256, and the precompressed variants kept under
/// `.chatsite/encoded/`; the order to upload in, so that no page is live before its assets; and the
/// CloudFront invalidation paths against the previous build. The JSON has sorted keys, sorted lists and
/// no timestamps, so the same files (and the same previous manifest) give the same bytes.
public struct DeployManifest: Codable, Sendable, Equatable {
    /// The format this build writes. A previous manifest of another version is not compared against.
    public static let currentVersion = 1

    /// The manifest format, ``currentVersion`` when written by this build.
    public var version: Int
    /// Every uploadable object of `dist/` (nothing under `.chatsite/`), sorted by key.
    public var objects: [Object]
    /// The keys in upload phases: assets, then `config.json`, then HTML. Each phase must finish before the next.
    public var uploadPhases: [UploadPhase]
    /// What CloudFront must forget after the upload.
    public var invalidation: Invalidation
    /// Things the person deploying should know (an unreadable previous manifest, a policy CloudFront refuses).
    public var warnings: [String]

    /// One object to upload.
    public struct Object: Codable, Sendable, Equatable {
        /// The S3 key: the path inside `dist/`, no leading slash.
        public var key: String
        /// The `Content-Type` header, from ``ContentTypes``.
        public var contentType: String
        /// The `Cache-Control` header; see ``DeployArtifacts`` for the rules.
        public var cacheControl: String
        /// The SHA-256 of the body, lowercase hex.
        public var sha256: String
        /// The body's size in bytes.
        public var size: Int
        /// Whether the key carries the content's hash, so the object never changes.
        public var hashed: Bool
        /// The precompressed variants that are smaller than the body, brotli first; empty when none are.
        public var encodings: [Variant]
    }

    /// A precompressed copy of an object, written to `dist/.chatsite/encoded/`.
    public struct Variant: Codable, Sendable, Equatable {
        /// The `Content-Encoding` it is served with: `br` or `gzip`.
        public var contentEncoding: String
        /// Where it is inside `dist/`, e.g. `.chatsite/encoded/app.3f9a1c2e.js.br`.
        public var path: String
        /// Its size in bytes, smaller than the object's.
        public var size: Int
        /// Its SHA-256, lowercase hex.
        public var sha256: String
    }

    /// One upload phase.
    public struct UploadPhase: Codable, Sendable, Equatable {
        /// 1, 2 or 3, in upload order.
        public var phase: Int
        /// `assets`, `config` or `html`.
        public var name: String
        /// The keys to upload in this phase (hashed assets first in phase 1, then by key).
        public var keys: [String]
    }

    /// The CloudFront invalidation of this deploy.
    public struct Invalidation: Codable, Sendable, Equatable {
        /// Paths for `aws cloudfront create-invalidation --paths`, each starting with `/`, sorted.
        public var paths: [String]
        /// Why these paths: compared with the previous manifest, or why every unhashed path is listed.
        public var reason: String
    }

    /// The manifest as pretty-printed JSON with sorted keys, unescaped slashes and a final newline.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings, integers and booleans always encode.
        return try! encoder.encode(self) + Data("\n".utf8)
    }

    /// Reads a manifest written by ``json()``.
    ///
    /// - Throws: `DecodingError` when the data is not JSON or not a manifest.
    public static func decode(_ data: Data) throws -> DeployManifest {
        try JSONDecoder().decode(DeployManifest.self, from: data)
    }
}
