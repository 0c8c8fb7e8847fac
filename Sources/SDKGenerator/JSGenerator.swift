import Foundation

/// One file an SDK generator emits, relative to the output folder.
public struct GeneratedFile: Sendable, Equatable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// The JavaScript SDK generator: model → JS module → `index.js`, `index.d.ts`, the runtime,
/// `package.json` and a README (and the API Gateway facade when asked).
///
/// ```swift
/// let spec = SpecLoader().load(path: "OpenAPI/chat-api.yaml")
/// let model = ModelTranslator().translate(spec.document!, realtime: spec.realtime)
/// for file in JSGenerator().generate(model) { print(file.path) }
/// ```
public struct JSGenerator: Sendable {
    public var options: JSOptions

    public init(options: JSOptions = JSOptions()) {
        self.options = options
    }

    public func generate(_ model: SDKModel) -> [GeneratedFile] {
        let module = JSTranslator(model: model, options: options).translate()
        let package = PackageRenderer(
            module: module, name: options.packageName ?? PackageRenderer.packageName(model.title),
            facade: options.apiGatewayFacade)
        var files = [
            GeneratedFile(path: "index.js", contents: JSRenderer(module: module).render()),
            GeneratedFile(path: "index.d.ts", contents: DTSRenderer(module: module).render()),
            GeneratedFile(path: "runtime.js", contents: Self.runtimeJS),
            GeneratedFile(path: "runtime.d.ts", contents: Self.runtimeDTS),
            GeneratedFile(path: "package.json", contents: package.packageJSON()),
            GeneratedFile(path: "README.md", contents: package.readme()),
        ]
        if options.apiGatewayFacade {
            let facade = FacadeRenderer(module: module)
            files += [
                GeneratedFile(path: "apigClient.js", contents: facade.renderJS()),
                GeneratedFile(path: "apigClient.d.ts", contents: facade.renderDTS()),
            ]
        }
        return files
    }

    /// The hand-written runtime every SDK ships (`Sources/SDKGenerator/Runtime/`).
    static let runtimeJS = String(decoding: PackageResources.runtime_js, as: UTF8.self)
    static let runtimeDTS = String(decoding: PackageResources.runtime_d_ts, as: UTF8.self)
}

extension GeneratedFile {
    /// Writes the files under `directory`, creating it; other files there are left alone. Each
    /// file is replaced atomically, so a failed run never leaves half a file.
    public static func write(_ files: [GeneratedFile], to directory: String) throws {
        let base = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        for file in files {
            let url = base.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url, options: .atomic)
        }
    }
}
