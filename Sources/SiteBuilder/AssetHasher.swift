import APISpec
import Crypto
import Foundation

/// Gives CSS, JavaScript, images and fonts content-hashed names, after rewriting the references
/// inside stylesheets (`url()`, `@import`) and modules (import specifiers) to the hashed names of
/// what they point at. Files are hashed in dependency order, so a change anywhere changes the
/// name of everything that refers to it.
struct AssetHasher {
    static let hashedExtensions: Set<String> = [
        "css", "js", "mjs", "svg", "png", "jpg", "jpeg", "gif", "webp", "avif", "woff", "woff2", "ttf", "otf",
        "eot",
    ]

    struct Asset: Equatable {
        var path: String
        var data: Data
        /// `sha384-…`, for `integrity` attributes.
        var integrity: String
        /// The source paths of the modules and stylesheets this one refers to.
        var dependencies: [String]
    }

    /// The hashed assets by source path.
    private(set) var assets: [String: Asset] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    /// `files` are all the site's files by source path; `siteName` prefixes paths in diagnostics.
    init(files: [String: Data], siteName: String) {
        let hashable = files.keys.filter { Self.hashedExtensions.contains(SitePath.pathExtension(of: $0)) }.sorted()
        var references: [String: [(TextReference, String)]] = [:]
        for path in hashable {
            references[path] = resolvedReferences(of: path, in: files, siteName: siteName)
        }
        var state: [String: Bool] = [:]  // false while on the stack, true when done
        func visit(_ path: String, _ stack: [String]) {
            if state[path] == true { return }
            if state[path] == false {
                let cycle = stack.drop(while: { $0 != path }) + [path]
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "import cycle \(cycle.joined(separator: " → ")): content hashes need an order; "
                            + "move what the modules share into a module of its own", file: "\(siteName)/\(path)"))
                return
            }
            state[path] = false
            let refs = references[path] ?? []
            for (_, target) in refs where references[target] != nil { visit(target, stack + [path]) }
            state[path] = true
            hash(path, data: files[path]!, references: refs)
        }
        for path in hashable { visit(path, []) }
    }

    private mutating func hash(_ path: String, data: Data, references: [(TextReference, String)]) {
        var bytes = data
        let targets = Dictionary(references.map { ($0.0.range, $0.1) }, uniquingKeysWith: { first, _ in first })
        if references.contains(where: { assets[$0.1] != nil }) {
            bytes = Data(
                [UInt8](data).replacing(references.map(\.0)) { reference in
                    guard let target = targets[reference.range], let asset = assets[target] else { return nil }
                    return Self.rewrite(reference.value, toName: SitePath.name(of: asset.path))
                })
        }
        let digest = sha256Hex(bytes)
        let integrity = "sha384-" + Data(SHA384.hash(data: bytes)).base64EncodedString()
        let dependencies = references.map(\.1).filter { Self.hashedExtensions.contains(SitePath.pathExtension(of: $0)) }
        assets[path] = Asset(
            path: SitePath.hashed(path, hash: String(digest.prefix(8))), data: bytes, integrity: integrity,
            dependencies: Array(Set(dependencies)).sorted())
    }

    /// The references of a stylesheet or module that point into the site, with their targets;
    /// references to files that do not exist are diagnosed.
    private mutating func resolvedReferences(
        of path: String, in files: [String: Data], siteName: String
    )
        -> [(TextReference, String)]
    {
        let ext = SitePath.pathExtension(of: path)
        guard ext == "css" || ext == "js" || ext == "mjs", let data = files[path] else { return [] }
        let bytes = [UInt8](data)
        let found = ext == "css" ? CSSReferences.find(in: bytes) : ModuleSpecifiers.find(in: bytes)
        var resolved: [(TextReference, String)] = []
        for reference in found {
            var location: SourceLocation {
                let (line, column) = bytes.location(of: reference.range.lowerBound)
                return SourceLocation(line: line, column: column)
            }
            guard let local = SitePath.local(reference.value), !local.path.isEmpty else { continue }
            if ext != "css", !local.path.hasPrefix("/"), !local.path.hasPrefix("./"), !local.path.hasPrefix("../") {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "bare module specifier '\(reference.value)': browsers load only relative ('./x.js'), "
                            + "absolute ('/x.js') or full URLs; write the path to the file",
                        file: "\(siteName)/\(path)", location: location))
                continue
            }
            guard let target = SitePath.resolve(local.path, from: path), files[target] != nil else {
                diagnostics.append(
                    Diagnostic(
                        .error, "'\(reference.value)' does not exist in the site; fix the path or add the file",
                        file: "\(siteName)/\(path)", location: location))
                continue
            }
            resolved.append((reference, target))
        }
        return resolved
    }

    /// `value` with its file name replaced by `name`, keeping folders, query and fragment.
    static func rewrite(_ value: String, toName name: String) -> String {
        guard let local = SitePath.local(value) else { return value }
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name
        guard let slash = local.path.lastIndex(of: "/") else { return encoded + local.suffix }
        return local.path[...slash] + encoded + local.suffix
    }
}
