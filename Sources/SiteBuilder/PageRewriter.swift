import APISpec
import Foundation

/// Rewrites one HTML page through libxml2: references to hashed names, `integrity` on scripts
/// and stylesheets, module preloads, and the build's additions to `<head>` (the CSP, the inline
/// config, the dev server's live-reload script). Collects the page's ids and links for the
/// link check, and diagnoses what the CSP would block.
struct PageRewriter {
    /// What the build adds to every page's `<head>`.
    struct HeadAdditions: Hashable {
        var contentSecurityPolicy: String?
        /// The config JSON for `<script id="chatsite-config" type="application/json">`.
        var configJSON: String?
        /// Root-relative URLs of scripts to add (the dev server's live reload).
        var scripts: [String] = []
    }

    struct Link: Hashable {
        var target: String
        var fragment: String
        var line: Int
    }

    struct Result {
        var data: Data
        var ids: Set<String> = []
        var links: [Link] = []
        var diagnostics: [Diagnostic] = []
    }

    let assets: [String: AssetHasher.Asset]
    /// Every file the built site will have, by source path.
    let files: Set<String>
    let additions: HeadAdditions
    let siteName: String

    private static let urlAttributes: [String: [String]] = [
        "script": ["src"], "link": ["href"], "img": ["src", "srcset"], "source": ["src", "srcset"],
        "video": ["src", "poster"], "audio": ["src"], "track": ["src"], "iframe": ["src"], "embed": ["src"],
        "object": ["data"], "a": ["href"], "area": ["href"], "input": ["src"],
    ]
    static let dataScriptTypes: Set<String> = [
        "application/json", "importmap", "application/ld+json", "speculationrules",
    ]

    func rewrite(_ path: String, data: Data) -> Result {
        let file = "\(siteName)/\(path)"
        guard let document = HTMLDocument(data: data, path: file) else {
            return Result(data: data, diagnostics: [Diagnostic(.error, "libxml2 cannot parse this page", file: file)])
        }
        var result = Result(data: Data(), diagnostics: document.problems)
        var preloads: [String] = []
        var charset: HTMLElement?
        document.forEachElement { element in
            let name = element.name
            if let id = element["id"] { result.ids.insert(id) }
            if name == "a", let anchor = element["name"] { result.ids.insert(anchor) }
            if charset == nil, name == "meta", element["charset"] != nil { charset = element }
            checkPolicy(element, file: file, into: &result.diagnostics)
            // The script or stylesheet the element loads, before its reference is rewritten. Other links
            // (icons, font preloads) get no integrity: the fetch that uses them would not carry it.
            let rel = Set((element["rel"] ?? "").lowercased().split(separator: " "))
            let source =
                name == "script"
                ? element["src"]
                : name == "link" && !rel.isDisjoint(with: ["stylesheet", "modulepreload"])
                    ? element["href"] : nil
            let loaded = source.flatMap(SitePath.local).flatMap { SitePath.resolve($0.path, from: path) }
                .flatMap { assets[$0] }
            for attribute in Self.urlAttributes[name] ?? [] {
                guard let value = element[attribute] else { continue }
                let rewritten =
                    attribute == "srcset"
                    ? Self.rewriteSourceSet(value) { rewriteURL($0, in: path, element: element, into: &result) }
                    : rewriteURL(value, in: path, element: element, into: &result)
                if rewritten != value { element[attribute] = rewritten }
            }
            guard let loaded else { return }
            element["integrity"] = loaded.integrity
            if name == "script", element["type"] == "module" { preloads += modules(under: loaded) }
        }
        addToHead(document, page: path, preloads: preloads, after: charset)
        result.data = document.serialized()
        return result
    }

    /// Rewrites one URL to the hashed name of what it points at, and checks that it exists.
    private func rewriteURL(_ value: String, in page: String, element: HTMLElement, into result: inout Result) -> String
    {
        guard let local = SitePath.local(value) else { return value }
        let file = "\(siteName)/\(page)"
        guard var target = SitePath.resolve(local.path, from: page) else {
            result.diagnostics.append(
                Diagnostic(
                    .error, "'\(value)' climbs above the site's root", file: file,
                    location: SourceLocation(line: element.line, column: 1)))
            return value
        }
        if target.isEmpty || target.hasSuffix("/") { target += "index.html" }
        if let asset = assets[target] { return AssetHasher.rewrite(value, toName: SitePath.name(of: asset.path)) }
        if files.contains(target) {
            if element.name == "a" || element.name == "area" {
                result.links.append(Link(target: target, fragment: local.fragment ?? "", line: element.line))
            }
            return value
        }
        let what = element.name == "a" || element.name == "area" ? "broken link" : "missing file"
        result.diagnostics.append(
            Diagnostic(
                .error,
                "\(what): '\(value)' (in <\(element.name)>) points at '\(target)', which the site does not have",
                file: file, location: SourceLocation(line: element.line, column: 1)))
        return value
    }

    /// The hashed modules a module script loads, depth first, for `<link rel="modulepreload">`.
    private func modules(under asset: AssetHasher.Asset) -> [String] {
        var seen: [String] = []
        func visit(_ dependencies: [String]) {
            for source in dependencies where !seen.contains(source) {
                guard let dependency = assets[source], ["js", "mjs"].contains(SitePath.pathExtension(of: source))
                else { continue }
                seen.append(source)
                visit(dependency.dependencies)
            }
        }
        visit(asset.dependencies)
        return seen
    }
}
