import APISpec

/// Where a config value came from: the text shown to the user, and the file and position diagnostics point at.
struct ConfigSource: Sendable, Equatable {
    /// `flag --set`, `environment CHATSITE_API_URL`, `chatsite.yaml stage prod (line 12)`,
    /// `outputs stack.json (output WebApiEndpoint of stack ChatStack)`.
    var description: String
    /// The file a diagnostic about the value names: `--set`, `environment`, the project or outputs file.
    var file: String
    var location: SourceLocation?

    static let flag = ConfigSource(description: "flag --set", file: "--set")

    static func environment(_ variable: String) -> ConfigSource {
        ConfigSource(description: "environment \(variable)", file: "environment")
    }

    static func stage(_ name: String, file: String, location: SourceLocation) -> ConfigSource {
        ConfigSource(description: "\(file) stage \(name) (line \(location.line))", file: file, location: location)
    }

    static func output(_ output: OutputsFile.Output, file: String) -> ConfigSource {
        let stack = output.stack.map { " of stack \($0)" } ?? ""
        return ConfigSource(description: "outputs \(file) (output \(output.name)\(stack))", file: file)
    }

    /// The same source, noting a change chatsite made to the value: `…, https:// added`.
    func noting(_ change: String) -> ConfigSource {
        ConfigSource(description: "\(description), \(change)", file: file, location: location)
    }

    func diagnostic(_ message: String, severity: Diagnostic.Severity = .error) -> Diagnostic {
        Diagnostic(severity, message, file: file, location: location)
    }
}

/// A value on its way to the resolved config, with its source.
struct ConfigCandidate: Sendable, Equatable {
    var value: String
    var source: ConfigSource
}
