/// The `Content-Type` of every object the build uploads, from chatsite's own table.
///
/// The table is ours rather than the operating system's (`/etc/mime.types`, the macOS registry), so a
/// build gives the same headers on every machine. Text types carry `; charset=utf-8`; JSON, XML and SVG
/// declare their encoding themselves and get no parameter. An unknown extension is
/// `application/octet-stream`, which browsers download instead of rendering.
///
/// ```swift
/// ContentTypes.type(forPath: "assets/app.3f9a1c2e.js")  // "text/javascript; charset=utf-8"
/// ContentTypes.type(forPath: "LICENSE")                 // "application/octet-stream"
/// ```
public enum ContentTypes {
    /// The type of anything the table does not know.
    public static let fallback = "application/octet-stream"

    /// The `Content-Type` for an object key or file path, chosen by its extension (case-insensitive).
    ///
    /// - Parameter path: an object key such as `docs/index.html`; a leading slash or directories do not matter.
    /// - Returns: the type, with `; charset=utf-8` for text types; ``fallback`` when the extension is unknown.
    public static func type(forPath path: String) -> String {
        let ext = SitePath.pathExtension(of: path)
        return table[ext] ?? fallback
    }

    /// Whether gzip or brotli can make a body of this type meaningfully smaller.
    ///
    /// Images other than SVG and ICO, WOFF fonts, PDFs, media and archives are compressed already.
    static func isCompressible(_ contentType: String) -> Bool {
        let essence = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? contentType
        return essence.hasPrefix("text/") || compressibleNonText.contains(essence)
    }

    private static let utf8 = "; charset=utf-8"

    private static let table: [String: String] = [
        // Documents and code
        "html": "text/html" + utf8,
        "htm": "text/html" + utf8,
        "css": "text/css" + utf8,
        "js": "text/javascript" + utf8,  // RFC 9239
        "mjs": "text/javascript" + utf8,
        "cjs": "text/javascript" + utf8,
        // TypeScript declarations from the SDK: shown as text, never `video/mp2t` as the OS tables say.
        "ts": "text/plain" + utf8,
        "txt": "text/plain" + utf8,
        "md": "text/markdown" + utf8,
        "markdown": "text/markdown" + utf8,
        "csv": "text/csv" + utf8,
        "json": "application/json",  // RFC 8259: UTF-8 by definition, no charset parameter
        "map": "application/json",
        "webmanifest": "application/manifest+json",
        "xml": "application/xml",
        "yaml": "application/yaml",
        "yml": "application/yaml",
        "wasm": "application/wasm",
        "pdf": "application/pdf",
        "zip": "application/zip",
        // Images
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/x-icon",
        // Fonts
        "woff": "font/woff",
        "woff2": "font/woff2",
        "ttf": "font/ttf",
        "otf": "font/otf",
        // Media
        "mp4": "video/mp4",
        "webm": "video/webm",
        "mp3": "audio/mpeg",
    ]

    private static let compressibleNonText: Set<String> = [
        "application/json", "application/manifest+json", "application/xml", "application/yaml",
        "application/wasm", "image/svg+xml", "image/x-icon", "font/ttf", "font/otf",
    ]
}
