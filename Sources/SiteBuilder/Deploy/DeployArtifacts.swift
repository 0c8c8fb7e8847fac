import Dispatch
import Foundation
import Synchronization

/// The deploy artefacts of a build: the manifest, the precompressed variants and the CloudFront
/// headers policy, all under `dist/.chatsite/`, plus the paths to invalidate.
///
/// ```swift
/// let artifacts = DeployArtifacts.make(
///     files: built, previousManifest: try? Data(contentsOf: lastDeployed),
///     headers: headers, compressor: compressor)
/// for file in artifacts.files { try write(file) }       // .chatsite/manifest.json, …
/// artifacts.invalidations                               // ["/", "/index.html"]
/// ```
///
/// Cache-Control: `public, max-age=31536000, immutable` for hashed assets; `no-cache` for HTML pages
/// and the root `config.json`; `public, max-age=300` for other unhashed files (favicons, `robots.txt`,
/// the SDK's stable entry points), which may be five minutes stale in a browser after a deploy.
public struct DeployArtifacts: Sendable {
    /// The folder inside `dist/` that holds the artefacts; it is never uploaded as site content.
    public static let folder = ".chatsite"
    /// Where the manifest is written inside `dist/`.
    public static let manifestPath = ".chatsite/manifest.json"
    /// Where the CloudFront response headers policy is written inside `dist/`.
    public static let headersPolicyPath = ".chatsite/cloudfront-headers-policy.json"
    /// The folder of the precompressed variants: `<key>.br` and `<key>.gz`.
    public static let encodedFolder = ".chatsite/encoded"

    /// The files to write into `dist/`, sorted by path: the manifest, the headers policy, the variants.
    public var files: [OutputFile]
    /// The manifest, as written to ``manifestPath``.
    public var manifest: DeployManifest

    /// The CloudFront invalidation paths, each starting with `/`, sorted.
    public var invalidations: [String] { manifest.invalidation.paths }
    /// Warnings to print after the build (they are in the manifest too).
    public var warnings: [String] { manifest.warnings }

    /// Makes the deploy artefacts of a built site.
    ///
    /// - Parameters:
    ///   - files: the built site; anything under `.chatsite/` is ignored, and of two files with one key
    ///     the last wins.
    ///   - previousManifest: the manifest of the build that is live now (the last one deployed), to
    ///     invalidate only what changed; nil or unreadable invalidates every unhashed path.
    ///   - headers: the security headers written into the CloudFront policy.
    ///   - compressor: the precompression cache kept between builds; it ends up holding this build's
    ///     variants only.
    /// - Returns: the artefacts; the same arguments give byte-identical files.
    public static func make(
        files: [OutputFile],
        previousManifest: Data?,
        headers: SecurityHeaders,
        compressor: Precompressor
    ) -> DeployArtifacts {
        var byKey: [String: OutputFile] = [:]
        for file in files where !file.path.hasPrefix(folder + "/") { byKey[file.path] = file }
        let sources = byKey.values.sorted { $0.path < $1.path }
        let hashes = sources.map { sha256Hex($0.data) }
        let types = sources.map { ContentTypes.type(forPath: $0.path) }
        let encodings = precompress(sources, hashes: hashes, types: types, compressor: compressor)

        var output: [OutputFile] = []
        var objects: [DeployManifest.Object] = []
        for (index, source) in sources.enumerated() {
            let kind = ObjectKind(key: source.path, contentType: types[index])
            var variants: [DeployManifest.Variant] = []
            for (encoding, suffix, data) in [
                ("br", "br", encodings[index].brotli), ("gzip", "gz", encodings[index].gzip),
            ] {
                guard let data else { continue }
                let path = "\(encodedFolder)/\(source.path).\(suffix)"
                output.append(OutputFile(path: path, data: data, isHashed: false))
                variants.append(.init(contentEncoding: encoding, path: path, size: data.count, sha256: sha256Hex(data)))
            }
            objects.append(
                .init(
                    key: source.path, contentType: types[index],
                    cacheControl: kind.cacheControl(isHashed: source.isHashed),
                    sha256: hashes[index], size: source.data.count, hashed: source.isHashed, encodings: variants
                )
            )
        }

        let (invalidation, invalidationWarnings) = Invalidations.plan(
            objects: objects, previousManifest: previousManifest
        )
        let manifest = DeployManifest(
            version: DeployManifest.currentVersion,
            objects: objects,
            uploadPhases: uploadPhases(objects),
            invalidation: invalidation,
            warnings: invalidationWarnings + policyWarnings(headers)
        )
        output.append(OutputFile(path: manifestPath, data: manifest.json(), isHashed: false))
        output.append(
            OutputFile(path: headersPolicyPath, data: CloudFrontHeadersPolicy(headers: headers).json(), isHashed: false)
        )
        return DeployArtifacts(files: output.sorted { $0.path < $1.path }, manifest: manifest)
    }

    /// Phase 1 assets (hashed first, so unhashed files that name them find them), phase 2 config, phase 3 pages.
    private static func uploadPhases(_ objects: [DeployManifest.Object]) -> [DeployManifest.UploadPhase] {
        var keys: [ObjectKind: [String]] = [:]
        for object in objects {
            keys[ObjectKind(key: object.key, contentType: object.contentType), default: []].append(object.key)
        }
        let hashed = Set(objects.filter(\.hashed).map(\.key))
        return ObjectKind.allCases.map { kind in
            var phaseKeys = keys[kind] ?? []
            if kind == .asset {
                phaseKeys = phaseKeys.filter(hashed.contains) + phaseKeys.filter { !hashed.contains($0) }
            }
            return .init(phase: kind.rawValue, name: kind.phaseName, keys: phaseKeys)
        }
    }

    private static func policyWarnings(_ headers: SecurityHeaders) -> [String] {
        let length = headers.contentSecurityPolicy.utf8.count
        guard length > CloudFrontHeadersPolicy.maximumPolicyLength else { return [] }
        return [
            "the Content-Security-Policy is \(length) characters, CloudFront takes at most "
                + "\(CloudFrontHeadersPolicy.maximumPolicyLength): \(headersPolicyPath) will be refused; "
                + "list fewer connect sources or form actions"
        ]
    }

    /// The variants of every compressible source, compressed on all cores; `.none` for the rest.
    private static func precompress(
        _ sources: [OutputFile],
        hashes: [String],
        types: [String],
        compressor: Precompressor
    ) -> [Encodings] {
        let wanted = sources.indices.filter { ContentTypes.isCompressible(types[$0]) }
        let results = Mutex([Encodings](repeating: .none, count: sources.count))
        DispatchQueue.concurrentPerform(iterations: wanted.count) { item in
            let index = wanted[item]
            let made = compressor.encodings(
                of: sources[index].data, sha256: hashes[index], thorough: sources[index].isHashed)
            results.withLock { $0[index] = made }
        }
        compressor.retain(only: Set(wanted.map { hashes[$0] }))
        return results.withLock { $0 }
    }
}
