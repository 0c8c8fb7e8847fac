import Foundation

/// Options for the Swift client.
public struct SwiftOptions: Sendable {
    /// The Swift module (and package) name; by default from the spec's title.
    public var moduleName: String?
    /// The most type declarations per `TypesN.swift`, so that big specs compile in parallel.
    public var typesPerFile: Int
    /// The most operations per `OperationsN.swift`.
    public var operationsPerFile: Int

    public init(moduleName: String? = nil, typesPerFile: Int = 150, operationsPerFile: Int = 40) {
        self.moduleName = moduleName
        self.typesPerFile = max(1, typesPerFile)
        self.operationsPerFile = max(1, operationsPerFile)
    }
}

/// The Swift client generator: model → Swift module → a package of `Package.swift`, the
/// hand-written runtime, the generated types, operations and realtime client, and a README.
///
/// ```swift
/// let (model, _) = ModelTranslator().translate(SpecLoader().load(path: "OpenAPI/chat-api.yaml", decode: false))
/// for file in SwiftGenerator(options: SwiftOptions(moduleName: "ChatClient")).generate(model!) { print(file.path) }
/// ```
public struct SwiftGenerator: Sendable {
    public var options: SwiftOptions

    public init(options: SwiftOptions = SwiftOptions()) {
        self.options = options
    }

    /// Whether `name` can be a Swift module name.
    public static func isModuleName(_ name: String) -> Bool {
        name.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/) != nil && !SwiftLex.keywords.contains(name)
    }

    public func generate(_ model: SDKModel) -> [GeneratedFile] {
        let module = SwiftTranslator(model: model, options: options).translate()
        let package = SwiftPackageRenderer(module: module)
        var sources: [GeneratedFile] = [
            GeneratedFile(path: "Runtime+Coding.swift", contents: Self.runtimeCoding),
            GeneratedFile(path: "Runtime+Client.swift", contents: Self.runtimeClient),
            GeneratedFile(path: "Runtime+Request.swift", contents: Self.runtimeRequest),
            GeneratedFile(path: "Client+Auth.swift", contents: package.client()),
        ]
        if let realtime = module.realtime {
            sources.append(GeneratedFile(path: "Runtime+Realtime.swift", contents: Self.runtimeRealtime))
            sources.append(GeneratedFile(path: "Realtime.swift", contents: package.realtime(realtime)))
        }
        let typeChunks = Self.chunks(module.types, options.typesPerFile)
        for (index, chunk) in typeChunks.enumerated() {
            var writer = source(package.header)
            for declaration in chunk {
                writer.line()
                SwiftTypeRenderer.render(declaration, &writer)
            }
            sources.append(GeneratedFile(path: Self.name("Types", index, typeChunks.count), contents: writer.text))
        }
        let operationChunks = Self.chunks(module.operations, options.operationsPerFile)
        for (index, chunk) in operationChunks.enumerated() {
            var writer = source(package.header)
            writer.line()
            writer.block("extension Client {") { writer in
                for (position, operation) in chunk.enumerated() {
                    if position > 0 { writer.line() }
                    SwiftOperationRenderer(operation: operation).renderMethods(&writer)
                }
            }
            for operation in chunk {
                writer.line()
                SwiftOperationRenderer(operation: operation).renderResponse(&writer)
            }
            sources.append(
                GeneratedFile(path: Self.name("Operations", index, operationChunks.count), contents: writer.text))
        }
        let folder = "Sources/\(module.moduleName)/"
        return [
            GeneratedFile(path: "Package.swift", contents: package.packageSwift()),
            GeneratedFile(path: "README.md", contents: package.readme(files: sources.map(\.path))),
        ] + sources.map { GeneratedFile(path: folder + $0.path, contents: $0.contents) }
    }

    private func source(_ header: String) -> CodeWriter {
        var writer = CodeWriter(indent: "    ")
        writer.line(header)
        writer.line("import Foundation")
        return writer
    }

    private static func chunks<T>(_ items: [T], _ size: Int) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }

    private static func name(_ base: String, _ index: Int, _ count: Int) -> String {
        count == 1 ? "\(base).swift" : "\(base)\(index + 1).swift"
    }

    /// The hand-written runtime every client ships (`Sources/SDKGenerator/Runtime/Swift/`).
    static let runtimeCoding = String(decoding: PackageResources.Coding_swift_txt, as: UTF8.self)
    static let runtimeClient = String(decoding: PackageResources.Client_swift_txt, as: UTF8.self)
    static let runtimeRequest = String(decoding: PackageResources.Request_swift_txt, as: UTF8.self)
    static let runtimeRealtime = String(decoding: PackageResources.Realtime_swift_txt, as: UTF8.self)
}
