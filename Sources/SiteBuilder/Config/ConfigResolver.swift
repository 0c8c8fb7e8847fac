import APISpec
import Foundation

/// Resolves the frontend's config from, highest precedence first: `--set` flags, `CHATSITE_…` environment
/// variables, the chosen stage of `chatsite.yaml`, and stack outputs files (a later file wins over an earlier one).
///
/// Every value is checked, and every problem is reported at once, each naming the key and its source.
/// ```swift
/// let resolver = ConfigResolver(project: project)
/// let (config, diagnostics) = resolver.resolve(stage: "prod", outputs: ["stack.json"], flags: ["apiUrl=https://…"])
/// ```
public struct ConfigResolver: Sendable {
    /// The project whose stages, output mapping, declared keys and placeholders are used.
    public var project: ProjectFile
    /// The environment `CHATSITE_…` variables are read from.
    public var environment: [String: String]

    /// Makes a resolver for `project`, reading `environment` (the process's by default).
    public init(project: ProjectFile, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.project = project
        self.environment = environment
    }

    /// Resolves and validates the config.
    ///
    /// - Parameters:
    ///   - stage: the `stages:` section of the project file to use, or nil for none.
    ///   - outputs: paths of outputs files (describe-stacks, CDK or Terraform JSON); a later file's values
    ///     win over an earlier one's.
    ///   - flags: the `--set` values, each `KEY=VALUE`; a later one wins for the same key.
    /// - Returns: the config, or nil when there is any error; and every error and warning found.
    public func resolve(stage: String?, outputs: [String], flags: [String]) -> (ResolvedConfig?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var values: [String: ConfigCandidate] = [:]
        var outputsFiles: [OutputsFile] = []
        for path in outputs {
            switch OutputsFile.read(path: path) {
            case .success(let file):
                outputsFiles.append(file)
                values.merge(collect(file, diagnostics: &diagnostics)) { _, later in later }
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        if let stage {
            values.merge(stageValues(stage, diagnostics: &diagnostics)) { _, stage in stage }
        }
        for key in project.allKeys {
            let variable = ConfigKeys.environmentName(key)
            // An empty variable counts as unset, as CI systems often define variables they leave empty.
            if let value = environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
                values[key] = ConfigCandidate(value: value, source: .environment(variable))
            }
        }
        values.merge(flagValues(flags, diagnostics: &diagnostics)) { _, flag in flag }
        var validator = ConfigValidator(project: project, stage: stage, outputsFiles: outputsFiles)
        let entries = validator.validate(values)
        diagnostics += validator.diagnostics
        let failed = diagnostics.contains { $0.severity == .error }
        return (failed ? nil : ResolvedConfig(entries), diagnostics)
    }

    private func stageValues(_ name: String, diagnostics: inout [Diagnostic]) -> [String: ConfigCandidate] {
        guard let stage = project.stages.first(where: { $0.name == name }) else {
            let names = project.stageNames
            let known =
                names.isEmpty
                ? "\(project.displayPath) defines no stages; add a stages: section"
                : "the stages in \(project.displayPath) are \(names.joined(separator: ", "))"
            diagnostics.append(Diagnostic(.error, "unknown stage '\(name)'; \(known)", file: project.displayPath))
            return [:]
        }
        return stage.values.mapValues { located in
            let source = ConfigSource.stage(name, file: project.displayPath, location: located.location)
            return ConfigCandidate(value: located.text.trimmingCharacters(in: .whitespacesAndNewlines), source: source)
        }
    }

    private func flagValues(_ flags: [String], diagnostics: inout [Diagnostic]) -> [String: ConfigCandidate] {
        var values: [String: ConfigCandidate] = [:]
        for flag in flags {
            guard let equals = flag.firstIndex(of: "="), equals != flag.startIndex else {
                diagnostics.append(
                    Diagnostic(
                        .error, "'\(flag)' is not KEY=VALUE; write it as --set userPoolId=us-east-1_AbC123xyz",
                        file: "--set"))
                continue
            }
            let key = String(flag[..<equals])
            guard project.allKeys.contains(key) else {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "'\(flag)' sets unknown config key '\(key)'; the keys are "
                            + "\(project.allKeys.joined(separator: ", ")) (declare others under keys in "
                            + "\(project.displayPath))", file: "--set"))
                continue
            }
            let value = flag[flag.index(after: equals)...].trimmingCharacters(in: .whitespacesAndNewlines)
            values[key] = ConfigCandidate(value: value, source: .flag)
        }
        return values
    }
}
