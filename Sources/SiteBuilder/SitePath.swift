import Foundation

/// Paths inside a site: `/`-separated, no leading slash, no `.` or `..` parts.
enum SitePath {
    /// A reference as written in a file, split into the path part and what follows it (`?…#…`).
    struct Reference {
        var path: String
        var suffix: String
        var fragment: String? {
            guard let hash = suffix.firstIndex(of: "#") else { return nil }
            return String(suffix[suffix.index(after: hash)...])
        }
    }

    /// Splits `value`, or returns nil when it does not point into the site: a URL with a scheme
    /// (`https:`, `data:`, `mailto:` …), a protocol-relative `//host`, or nothing at all.
    static func local(_ value: String) -> Reference? {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("//") || hasScheme(trimmed) { return nil }
        let end = trimmed.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? trimmed.endIndex
        return Reference(path: String(trimmed[..<end]), suffix: String(trimmed[end...]))
    }

    /// The site path `reference` points at from the file `from`; nil when it climbs above the root.
    /// An empty reference path (`#top`, `?x`) points at `from` itself.
    static func resolve(_ reference: String, from: String) -> String? {
        let decoded = reference.removingPercentEncoding ?? reference
        if decoded.isEmpty { return from }
        var parts: [Substring] = decoded.hasPrefix("/") ? [] : directory(of: from).split(separator: "/")
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        var path = parts.joined(separator: "/")
        if decoded.hasSuffix("/") && !path.isEmpty { path += "/" }
        return path
    }

    /// The folder part of a site path, with no trailing slash (`""` for the root).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The file name of a site path.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The extension, lower-cased, without the dot (`""` when none).
    static func pathExtension(of path: String) -> String {
        let name = name(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// `app.js` with hash `1a2b3c4d` → `app.1a2b3c4d.js`, in the same folder.
    static func hashed(_ path: String, hash: String) -> String {
        let ext = pathExtension(of: path)
        guard !ext.isEmpty else { return path + "." + hash }
        return String(path.dropLast(ext.count + 1)) + "." + hash + "." + String(path.suffix(ext.count))
    }

    private static func hasScheme(_ value: String) -> Bool {
        guard let colon = value.firstIndex(of: ":"), let first = value.first, first.isLetter else { return false }
        return value[..<colon].allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }
}

extension SitePath {
    /// The relative URL path from a file in folder `directory` to the site path `target`.
    static func relative(from directory: String, to target: String) -> String {
        let from = directory.split(separator: "/")
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let path = (ups + to[common...].map(String.init)).joined(separator: "/")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        return ups.isEmpty ? "./" + encoded : encoded
    }
}
