import APISpec
import Foundation

extension ConfigResolver {
    /// The values one outputs file gives: for each key, its best-matching output (the later one on a tie,
    /// with a warning when tied outputs disagree). Warns when no output of the file gives any key.
    func collect(_ file: OutputsFile, diagnostics: inout [Diagnostic]) -> [String: ConfigCandidate] {
        let matcher = OutputMatcher(project: project.outputRules)
        let keys = Set(project.allKeys)
        var best: [String: (output: OutputsFile.Output, strength: OutputMatcher.Strength)] = [:]
        var ties: [String: [String]] = [:]
        for output in file.outputs {
            guard let (key, strength) = matcher.match(output.name), keys.contains(key) else { continue }
            if let current = best[key] {
                if strength < current.strength { continue }
                if strength == current.strength, current.output.value != output.value {
                    ties[key, default: [Self.label(current.output)]].append(Self.label(output))
                } else if strength > current.strength {
                    ties[key] = nil
                }
            }
            best[key] = (output, strength)
        }
        for key in project.allKeys {
            guard let names = ties[key], let chosen = best[key] else { continue }
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "outputs \(names.joined(separator: ", ")) could each give \(key); using the last, "
                        + "\(Self.label(chosen.output)) — give one stack's outputs, or map the right output under "
                        + "outputs in \(project.displayPath)", file: file.path))
        }
        if best.isEmpty {
            let names = file.outputs.map(\.name)
            let listed = names.isEmpty ? "it has no outputs" : "its outputs are \(names.joined(separator: ", "))"
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "no output in this \(file.format.rawValue) file gives a config key (\(listed)); "
                        + "map them under outputs in \(project.displayPath)", file: file.path))
        }
        return best.mapValues {
            ConfigCandidate(
                value: $0.output.value.trimmingCharacters(in: .whitespacesAndNewlines),
                source: .output($0.output, file: file.path))
        }
    }

    /// `UserPoolId of stack ChatStack`, or the name alone for Terraform.
    static func label(_ output: OutputsFile.Output) -> String {
        output.name + (output.stack.map { " of stack \($0)" } ?? "")
    }
}
