import Foundation
import OpenAPIKit

/// Loads an API description (OpenAPI 3.1, 3.0 or Swagger 2.0; YAML or JSON) into OpenAPIKit's
/// 3.1 document, with every problem found reported as a located `Diagnostic`.
///
/// ```swift
/// let spec = SpecLoader().load(path: "OpenAPI/chat-api.yaml")
/// spec.diagnostics.forEach { print($0) }
/// if let document = spec.document { print(document.info.title) }
/// ```
public struct SpecLoader: Sendable {
    var reader = SourceReader()

    public init() {}

    /// Loads the file at `path`; diagnostics name it as given. With `decode: false` the document
    /// stops at the checked, bundled (and for Swagger 2.0 upgraded) tree, `root`: the SDK
    /// generators read that, and skip OpenAPIKit's decoding, the slowest step of a load.
    public func load(path: String, decode: Bool = true) -> LoadedSpec {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = exists ? (isDirectory.boolValue ? "it is a directory" : "permission denied") : "no such file"
            return LoadedSpec(
                file: path, diagnostics: [Diagnostic(.error, "cannot read the spec: \(reason)", file: path)])
        }
        return load(data, path: path, decode: decode)
    }

    /// Loads `data`, read from `path` (which names it in diagnostics and anchors relative `$ref`s).
    public func load(_ data: Data, path: String, decode: Bool = true) -> LoadedSpec {
        var spec = LoadedSpec(file: path)
        let (tree, problems) = reader.read(data, file: path)
        spec.diagnostics += problems
        guard var root = tree else { return spec.sorted() }
        let version: SpecVersion
        switch SpecVersion.detect(in: root, file: path) {
        case .success(let detected): version = detected
        case .failure(let diagnostic):
            spec.diagnostics.append(diagnostic)
            return spec.sorted()
        }
        spec.sourceVersion = version

        var resolver = ReferenceResolver(reader: reader, isSwagger: version == .swagger2)
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        root = resolver.resolve(root, source: .init(path: absolute, displayName: path, root: root, isRoot: true))
        spec.diagnostics += resolver.diagnostics

        if version == .swagger2 {
            let (converted, warnings) = SwaggerConverter(file: path).convert(root)
            root = converted
            spec.diagnostics += warnings
        }

        let (realtime, realtimeProblems) = RealtimeProtocol.read(from: root, file: path)
        spec.realtime = realtime
        spec.diagnostics += realtimeProblems
        spec.root = root
        guard decode else { return spec.sorted() }

        switch DocumentDecoder(file: path).decode(root, version: version) {
        case .success(let document):
            spec.document = document
            spec.diagnostics += SpecChecks(file: path, root: root).run(on: document)
        case .failure(let diagnostic):
            spec.diagnostics.append(diagnostic)
        }
        return spec.sorted()
    }
}

/// The result of loading a spec: the document when it could be read, and every diagnostic.
public struct LoadedSpec: Sendable {
    public var file: String
    public var sourceVersion: SpecVersion?
    /// The document as OpenAPI 3.1; nil when the file could not be read as a document at all.
    public var document: OpenAPI.Document?
    public var realtime: RealtimeProtocol?
    /// The tree after `$ref` checks, bundling and the Swagger 2.0 upgrade (3.0 or 3.1 shaped).
    public var root: SpecNode?
    public var diagnostics: [Diagnostic] = []

    public init(file: String, diagnostics: [Diagnostic] = []) {
        self.file = file
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// Whether the load failed: any error, or with `strict` any warning too. (A document that could not
    /// be decoded always comes with an error, so this holds for loads with and without decoding.)
    public func failed(strict: Bool = false) -> Bool {
        root == nil || diagnostics.contains { $0.severity == .error || strict }
    }

    fileprivate func sorted() -> LoadedSpec {
        var copy = self
        copy.diagnostics = diagnostics.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element, rhs.element)
            if a.file != b.file { return a.file == file || (b.file != file && a.file < b.file) }
            let (la, lb) = (a.location ?? .init(line: 0, column: 0), b.location ?? .init(line: 0, column: 0))
            if la.line != lb.line { return la.line < lb.line }
            if la.column != lb.column { return la.column < lb.column }
            return lhs.offset < rhs.offset
        }.map(\.element)
        return copy
    }
}
