import APISpec
import Mustache

/// The site's layouts (`_layouts/<name>.html`), each Mustache template compiled once.
///
/// All layouts are one Mustache library, so a layout may include another as a partial (`{{> nav}}`).
struct LayoutSet: Sendable {
    private let library: MustacheLibrary
    /// The diagnostic of each layout whose template does not compile.
    private let broken: [String: Diagnostic]
    /// Where layouts live, as the user sees it (`Site/_layouts`).
    let directory: String

    init(templates: [String: String], directory: String) {
        var library = MustacheLibrary()
        var broken: [String: Diagnostic] = [:]
        let tags = templates.mapValues { LayoutTags($0) }
        for (name, text) in templates {
            if let problem = Self.problem(name, tags: tags, directory: directory) {
                broken[name] = problem
                continue
            }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                let message = "the layout '\(name)' is not a valid Mustache template: \(Self.describe(error.error))"
                broken[name] = Diagnostic(
                    .error, message, file: Self.file(name, in: directory),
                    location: LayoutTags.editorLocation(
                        line: error.context.lineNumber, column: error.context.columnNumber, in: text))
            } catch {
                let message = "the layout '\(name)' is not a valid Mustache template: \(error)"
                broken[name] = Diagnostic(.error, message, file: Self.file(name, in: directory))
            }
        }
        self.library = library
        self.broken = broken
        self.directory = directory
        self.names = templates.keys.sorted()
    }

    static func file(_ name: String, in directory: String) -> String { "\(directory)/\(name).html" }

    /// The names of the layouts, sorted.
    let names: [String]

    /// The layout `name` applied to `context`, or the reason it cannot be.
    func render(_ name: String, context: [String: String]) -> Result<String, LayoutProblem> {
        if let diagnostic = broken[name] { return .failure(.broken(diagnostic)) }
        guard let text = library.render(context, withTemplate: name) else { return .failure(.missing) }
        return .success(text)
    }

    /// Why a layout could not be applied.
    enum LayoutProblem: Error {
        case missing
        case broken(Diagnostic)
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not closed ('}}' missing)"
        case .expectedSectionEnd: return "a section is never closed ('{{/name}}' missing)"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "an inheritance section holds a tag it may not"
        case .textInsideInheritSection: return "an inheritance section holds text"
        case .invalidConfigVariableSyntax: return "a config variable tag is malformed"
        case .unrecognisedConfigVariable: return "a config variable is unknown"
        }
    }
}
