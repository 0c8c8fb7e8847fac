import Foundation

/// Which paths CloudFront must forget after an upload.
///
/// Hashed objects are never invalidated: their names are new whenever their content is. An unhashed
/// object is invalidated when it is new (CloudFront may hold a cached 403 for it), when its body,
/// type or cache policy changed, or when it was removed. A page `dir/index.html` also invalidates
/// `/dir/` (`/` for the root), the URL it is served at.
enum Invalidations {
    /// CloudFront allows at most this many paths in invalidations in progress; beyond it, `/*` is sent.
    static let maximumPaths = 3000

    /// The invalidation of `objects` against the previous build's manifest, and the warnings it raises.
    static func plan(
        objects: [DeployManifest.Object],
        previousManifest: Data?
    ) -> (invalidation: DeployManifest.Invalidation, warnings: [String]) {
        let unhashed = objects.filter { !$0.hashed }
        var warnings: [String] = []
        var changedKeys: [String]
        let reason: String
        switch readPrevious(previousManifest) {
        case .missing:
            changedKeys = unhashed.map(\.key)
            reason = "no previous manifest: every unhashed path is invalidated"
        case .unreadable(let why):
            changedKeys = unhashed.map(\.key)
            reason = "the previous manifest \(why): every unhashed path is invalidated"
            warnings.append(reason)
        case .manifest(let previous):
            let before = Dictionary(previous.objects.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
            let keys = Set(objects.map(\.key))
            changedKeys = unhashed.filter { object in
                guard let old = before[object.key] else { return true }
                return old.sha256 != object.sha256 || old.contentType != object.contentType
                    || old.cacheControl != object.cacheControl || old.hashed
            }.map(\.key)
            changedKeys += previous.objects.filter { !$0.hashed && !keys.contains($0.key) }.map(\.key)
            reason = "compared with the previous manifest: unhashed paths added, changed or removed"
        }
        var paths = Set(changedKeys.flatMap(urlPaths(forKey:)))
        if paths.count > maximumPaths {
            warnings.append(
                "\(paths.count) paths changed, more than CloudFront's \(maximumPaths) per invalidation: "
                    + "invalidating /* instead"
            )
            paths = ["/*"]
        }
        return (DeployManifest.Invalidation(paths: paths.sorted(), reason: reason), warnings)
    }

    /// The URL paths an object is served at: `/key`, and `/dir/` for `dir/index.html`.
    static func urlPaths(forKey key: String) -> [String] {
        var paths = ["/" + percentEncoded(key)]
        if key == "index.html" {
            paths.append("/")
        } else if key.hasSuffix("/index.html") {
            paths.append("/" + percentEncoded(String(key.dropLast("index.html".count))))
        }
        return paths
    }

    /// CloudFront wants unsafe characters in invalidation paths percent-encoded; `/` stays.
    static func percentEncoded(_ key: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in key.utf8 {
            let isUnreserved =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "-._~/".utf8.contains(byte)
            if isUnreserved {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private struct Version: Decodable {
        var version: Int
    }

    private enum Previous {
        case missing
        case unreadable(String)
        case manifest(DeployManifest)
    }

    private static func readPrevious(_ data: Data?) -> Previous {
        guard let data else { return .missing }
        guard (try? JSONSerialization.jsonObject(with: data)) != nil else {
            return .unreadable("is not JSON")
        }
        if let version = try? JSONDecoder().decode(Version.self, from: data).version,
            version != DeployManifest.currentVersion
        {
            return .unreadable("has version \(version), this build writes version \(DeployManifest.currentVersion)")
        }
        guard let manifest = try? DeployManifest.decode(data) else {
            return .unreadable("is not a chatsite deploy manifest")
        }
        return .manifest(manifest)
    }
}
