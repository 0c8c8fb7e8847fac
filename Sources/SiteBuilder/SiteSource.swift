import APISpec
import Foundation

/// The files of a site folder: everything but hidden files and `_`-prefixed folders and files,
/// whose `_layouts/*.html` are the Markdown layouts.
struct SiteSource {
    var files: [String: Data] = [:]
    /// Layout name → template text.
    var layouts: [String: String] = [:]

    /// Reads `directory`; `generated` names a folder whose files the build generates, so copies
    /// on disk (a developer's local SDK) are skipped rather than shipped.
    static func read(_ directory: String, skipping generated: String?, diagnostics: inout [Diagnostic]) -> SiteSource {
        var source = SiteSource()
        let root = URL(fileURLWithPath: directory)
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey], options: [])
        else {
            diagnostics.append(Diagnostic(.error, "cannot read the site folder; check the path", file: directory))
            return source
        }
        let rootPath = root.standardizedFileURL.path
        let realRoot = root.resolvingSymlinksInPath().path + "/"
        for case let url as URL in enumerator {
            let path = String(url.standardizedFileURL.path.dropFirst(rootPath.count + 1))
            let name = url.lastPathComponent
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            let isDirectory = values?.isDirectory ?? false
            if name.hasPrefix(".") || path == generated || (isDirectory && name.hasPrefix("_") && path != "_layouts") {
                if isDirectory { enumerator.skipDescendants() }
                continue
            }
            guard !isDirectory else { continue }
            // A link may point anywhere; only what stays inside the site is part of it.
            if values?.isSymbolicLink == true, !url.resolvingSymlinksInPath().path.hasPrefix(realRoot) {
                diagnostics.append(
                    Diagnostic(
                        .warning, "skipped: a symbolic link to a file outside the site", file: "\(directory)/\(path)"))
                continue
            }
            guard let data = try? Data(contentsOf: url) else {
                diagnostics.append(Diagnostic(.error, "cannot read this file", file: "\(directory)/\(path)"))
                continue
            }
            if path.hasPrefix("_layouts/") {
                if SitePath.pathExtension(of: path) == "html" {
                    let layout = String(SitePath.name(of: path).dropLast(5))
                    source.layouts[layout] = String(decoding: data, as: UTF8.self)
                }
            } else if !name.hasPrefix("_") {
                source.files[path] = data
            }
        }
        if FileManager.default.fileExists(atPath: rootPath) == false {
            diagnostics.append(
                Diagnostic(
                    .error, "the site folder does not exist; pass --site or set site: in chatsite.yaml", file: directory
                ))
        }
        return source
    }

    /// Whether placeholders are filled in this file: text formats only.
    static func isText(_ path: String) -> Bool {
        textExtensions.contains(SitePath.pathExtension(of: path))
    }

    private static let textExtensions: Set<String> = [
        "html", "htm", "js", "mjs", "css", "json", "txt", "svg", "xml", "webmanifest", "map",
    ]
}
