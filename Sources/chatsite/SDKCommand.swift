import APISpec
import ArgumentParser
import Foundation
import SDKGenerator

/// `chatsite sdk --lang js --out DIR`: generate SDKs from the spec.
struct SDKCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sdk",
        abstract: "Generate the client SDKs from the API spec.",
        discussion: """
            --lang js writes a zero-dependency ES module SDK: index.js, index.d.ts, runtime.js, \
            runtime.d.ts, package.json and README.md (with --apigateway also apigClient.js). \
            --lang swift writes a Foundation-only Swift package: Package.swift, README.md and \
            Sources/<module>/ (the runtime, Client+Auth.swift, TypesN.swift, OperationsN.swift, \
            Realtime.swift). --lang all writes the JavaScript SDK to <out>/js and the Swift package \
            to <out>/swift. Files already in the output folder that the SDK does not own are left \
            alone. Exits 1 when the spec has errors; nothing is written then.
            """
    )

    enum Language: String, ExpressibleByArgument, CaseIterable {
        case js, swift, all
    }

    enum DateMode: String, ExpressibleByArgument, CaseIterable {
        case date, string
    }

    @Option(help: "The SDK language: js, swift or all.")
    var lang: Language

    @Option(help: "The API spec.", completion: .file(extensions: ["yaml", "yml", "json"]))
    var spec = "OpenAPI/chat-api.yaml"

    @Option(help: "The output folder.", completion: .directory)
    var out: String

    @Option(help: "The JS package name (default: from the spec's title).")
    var packageName: String?

    @Option(help: "The JS package version (default: the spec's version when it is semver).")
    var packageVersion: String?

    @Option(help: "How date-time fields reach JavaScript: date (Date objects) or string.")
    var dates = DateMode.date

    @Option(help: "The Swift module name (default: from the spec's title).")
    var moduleName: String?

    @Flag(help: "Also emit apigClient.js, with API Gateway's console SDK method names and call shape.")
    var apigateway = false

    func validate() throws {
        if let moduleName, !SwiftGenerator.isModuleName(moduleName) {
            throw ValidationError(
                "--module-name '\(moduleName)' is not a valid Swift module name: use letters, digits and '_', not starting with a digit"
            )
        }
        if let packageName, packageName.wholeMatch(of: /(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*/) == nil {
            throw ValidationError(
                "--package-name '\(packageName)' is not a valid npm name: use lowercase letters, digits, '-', '.', '_'")
        }
    }

    func run() throws {
        // The SDK reads the checked tree, not OpenAPIKit's document: decoding is most of a load.
        let loaded = SpecLoader().load(path: spec, decode: false)
        let (translated, problems) = ModelTranslator().translate(loaded)
        let diagnostics = loaded.diagnostics + problems
        guard let model = translated, !diagnostics.contains(where: { $0.severity == .error }) else {
            let text = diagnostics.map { "\($0)\n" }.joined()
            FileHandle.standardError.write(
                Data((text + "chatsite sdk: \(spec) has errors; nothing was written\n").utf8))
            throw ExitCode(1)
        }
        let options = JSOptions(
            packageName: packageName, packageVersion: packageVersion, dates: dates == .date,
            apiGatewayFacade: apigateway)
        let swift = SwiftOptions(moduleName: moduleName)
        let files: [GeneratedFile]
        switch lang {
        case .js: files = JSGenerator(options: options).generate(model)
        case .swift: files = SwiftGenerator(options: swift).generate(model)
        case .all:
            files =
                JSGenerator(options: options).generate(model).map {
                    GeneratedFile(path: "js/" + $0.path, contents: $0.contents)
                }
                + SwiftGenerator(options: swift).generate(model).map {
                    GeneratedFile(path: "swift/" + $0.path, contents: $0.contents)
                }
        }
        do {
            try GeneratedFile.write(files, to: out)
        } catch {
            FileHandle.standardError.write(
                Data("chatsite sdk: cannot write to \(out): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        // Like a compiler's -disable-free: the process ends now, so skip freeing the big document
        // and model trees.
        _ = Unmanaged.passRetained(Keep((loaded, model, files)))
        print(
            "Wrote the \(lang == .js ? "JavaScript SDK" : lang == .swift ? "Swift client" : "JavaScript SDK and Swift client") for \(model.title) \(model.version) to \(out): \(model.operations.count) operations, \(model.types.count) types, \(files.count) files."
        )
    }
}

/// Holds values past the end of a command so that their memory is never freed.
private final class Keep<T> {
    let value: T
    init(_ value: T) { self.value = value }
}
