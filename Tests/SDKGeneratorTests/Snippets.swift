import APISpec
import Foundation
import SDKGenerator
import Testing

/// Generates the JS SDK for a small spec written inline, for snippet tests.
struct Snippets {
    let files: [String: String]

    init(_ yaml: String, options: JSOptions = JSOptions()) throws {
        let spec = SpecLoader().load(Data(yaml.utf8), path: "snippet.yaml", decode: false)
        let (translated, problems) = ModelTranslator().translate(spec)
        let errors = (spec.errors + problems).map(\.description).joined(separator: "\n")
        #expect(errors.isEmpty, "\(errors)")
        let model = try #require(translated)
        files = Dictionary(
            uniqueKeysWithValues: JSGenerator(options: options).generate(model).map { ($0.path, $0.contents) })
    }

    var js: String { files["index.js"] ?? "" }
    var dts: String { files["index.d.ts"] ?? "" }

    /// The declaration of `name` in `index.d.ts`, from its `export` line to its end.
    func declaration(_ name: String) -> String {
        let lines = dts.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard
            let start = lines.firstIndex(where: {
                $0.hasPrefix("export interface \(name) ") || $0.hasPrefix("export type \(name) ")
            })
        else { return "" }
        if lines[start].hasSuffix(";") || lines[start].hasSuffix("{}") { return lines[start] }
        let end = lines[start...].firstIndex { $0 == "}" || $0 == "};" } ?? start
        return lines[start...end].joined(separator: "\n")
    }

    /// The line of `index.js` that starts with `prefix`.
    func jsLine(_ prefix: String) -> String {
        js.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init) ?? ""
    }

    /// Wraps schemas into a minimal OpenAPI 3.1 document.
    static func schemas(_ body: String, version: String = "3.1.0") -> String {
        """
        openapi: \(version)
        info: { title: Snippet, version: 1.0.0 }
        paths: {}
        components:
          schemas:
        \(body.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        """
    }
}
