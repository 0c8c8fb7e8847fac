import APISpec

/// The API reference page, generated from the spec and shown in the site's `page` layout.
///
/// The page lists the API's servers and authentication schemes, then every operation grouped by
/// tag (method and path, operationId, summary, description, security, parameters, request body,
/// responses and examples), every schema of `components/schemas` with its properties, and the
/// realtime protocol when the spec has the `x-chatsite-realtime` extension. Operations and
/// schemas have stable anchors (`reference.html#op-listRooms`, `#schema-Message`). Spec text is
/// HTML-escaped; descriptions are CommonMark, rendered in safe mode.
///
/// ```swift
/// let spec = SpecLoader().load(path: "OpenAPI/chat-api.yaml", decode: false)
/// let renderer = PageRenderer(layouts: ["page": layoutText])
/// let (page, problems) = APIReferencePage.render(spec: spec, path: "reference.html", renderer: renderer)
/// ```
public enum APIReferencePage {
    /// The page's usual path in the site.
    public static let defaultPath = "reference.html"

    /// Renders the reference page of a loaded spec (OpenAPI 3.1, 3.0, or Swagger 2.0 as the
    /// loader upgraded it); only the loader's checked tree (`spec.root`) is read.
    ///
    /// - Parameters:
    ///   - spec: The loaded spec; loading with `decode: false` is enough, and faster.
    ///   - path: Where the page goes in the site, such as `reference.html`.
    ///   - renderer: The site's page renderer; its `page` layout frames the reference.
    /// - Returns: The page, or nil when the spec has no document or the layout is missing or
    ///   broken; and the diagnostics.
    public static func render(spec: LoadedSpec, path: String, renderer: PageRenderer) -> (SiteFile?, [Diagnostic]) {
        guard let root = spec.root, let document = root.object else {
            let message =
                "cannot write the API reference page \(path): the spec could not be read; fix its errors first"
            return (nil, [Diagnostic(.error, message, file: spec.file)])
        }
        var writer = APIReferenceWriter(root: root, document: document, realtime: spec.realtime)
        let content = writer.write()
        let page = PageRenderer.Page(
            path: path, source: spec.file, content: content, title: writer.title, description: writer.summary,
            what: "the API reference page \(path)", canChooseLayout: false)
        return renderer.render(page)
    }
}
