import APISpec
import Foundation
import Yams

extension ProjectFile {
    /// Reads the project file at `path`.
    ///
    /// - Returns: the project, or nil when the file is missing or has errors; and every problem
    ///   found, each with `path:line:column`.
    public static func load(path: String) -> (ProjectFile?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [Diagnostic(.error, "cannot read the project file; check the path", file: path)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [Diagnostic(.error, "the project file is not UTF-8 text", file: path)])
        }
        return parse(text, path: path)
    }

    /// The project with `site`, `spec` and `out` relative to the project file's folder rather than to
    /// the current one (for a file read from another folder, such as `web/chatsite.yaml`).
    public func resolvingPaths() -> ProjectFile {
        guard let path else { return self }
        let base = (path as NSString).deletingLastPathComponent
        guard !base.isEmpty else { return self }
        func relative(_ value: String) -> String { value.hasPrefix("/") ? value : base + "/" + value }
        var copy = self
        copy.site = relative(site)
        copy.spec = spec.map(relative)
        copy.out = relative(out)
        return copy
    }

    /// Reads the project file at `path` when there is one, and gives the defaults when there is none:
    /// `chatsite build` works without a project file.
    public static func loadIfPresent(path: String = "chatsite.yaml") -> (ProjectFile?, [Diagnostic]) {
        FileManager.default.fileExists(atPath: path) ? load(path: path) : (ProjectFile(), [])
    }

    /// Parses project-file text; `path` names it in messages.
    static func parse(_ text: String, path: String) -> (ProjectFile?, [Diagnostic]) {
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return (nil, [yamlDiagnostic(error, path: path)])
        }
        var reader = ProjectFileReader(path: path)
        let project = reader.read(root)
        return (reader.diagnostics.contains { $0.severity == .error } ? nil : project, reader.diagnostics)
    }

    private static func yamlDiagnostic(_ error: any Error, path: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(line: mark.line, column: mark.column) }
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { " \($0.text)" } ?? ""
            return Diagnostic(.error, "invalid YAML: \(problem)\(detail)", file: path, location: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return Diagnostic(
                .error, "duplicate key \(names); each key may appear once", file: path, location: at(context.mark))
        default:
            return Diagnostic(.error, "invalid YAML: \(error)", file: path)
        }
    }
}
