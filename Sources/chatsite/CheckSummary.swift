import APISpec

/// The one-screen summary `chatsite check` prints after the diagnostics.
struct CheckSummary {
    var spec: LoadedSpec

    var text: String {
        var lines = ["\(spec.file): \(spec.versionDescription)"]
        if let document = spec.document {
            lines.append(row("title", "\(document.info.title) \(document.info.version)"))
            lines.append(row("operations", "\(spec.operationCount) on \(document.paths.count) paths"))
            lines.append(row("schemas", "\(spec.schemaCount)"))
            let schemes = spec.securitySchemeNames
            lines.append(row("security", schemes.isEmpty ? "none" : schemes.joined(separator: ", ")))
        }
        if let realtime = spec.realtime {
            lines.append(
                row(
                    "realtime", "\(realtime.actions.count) actions, \(realtime.events.count) events at \(realtime.path)"
                ))
            lines.append(row("  actions", list(realtime.actions.map(\.name))))
            lines.append(row("  events", list(realtime.events.map(\.name))))
        }
        let (errors, warnings) = (spec.errors.count, spec.warnings.count)
        lines.append(
            errors == 0
                ? "ok: no errors, \(plural(warnings, "warning"))"
                : "failed: \(plural(errors, "error")), \(plural(warnings, "warning"))")
        return lines.joined(separator: "\n")
    }

    private func row(_ label: String, _ value: String) -> String {
        "  " + label.padding(toLength: 12, withPad: " ", startingAt: 0) + value
    }

    /// Names joined with commas, cut to one line.
    private func list(_ names: [String]) -> String {
        var text = ""
        for (index, name) in names.enumerated() {
            let next = text.isEmpty ? name : text + ", " + name
            if next.count > 90 { return text + ", … (\(names.count - index) more)" }
            text = next
        }
        return text.isEmpty ? "none" : text
    }

    private func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
