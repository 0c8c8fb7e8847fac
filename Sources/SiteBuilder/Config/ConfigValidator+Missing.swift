import APISpec

extension ConfigValidator {
    /// Reports a key no source gave, when it is required or a placeholder needs it.
    mutating func reportMissing(_ key: String) {
        let users = project.placeholders.filter { $0.key == key }
        let isRequired = project.declaredKeys.first { $0.name == key }?.isRequired ?? true
        if isRequired {
            var message =
                "missing required config key '\(key)' (looked at \(lookedAt(key))); provide it with \(ways(key))"
            if !users.isEmpty {
                let names = users.map(\.text).joined(separator: ", ")
                message += "; placeholder\(users.count == 1 ? "" : "s") \(names) need\(users.count == 1 ? "s" : "") it"
            }
            let location = project.stages.first { $0.name == stage }?.location
            diagnostics.append(Diagnostic(.error, message, file: project.displayPath, location: location))
            return
        }
        for placeholder in users {
            diagnostics.append(
                Diagnostic(
                    .error,
                    "placeholder \(placeholder.text) needs config key '\(key)', which has no value; provide it with "
                        + ways(key), file: project.displayPath, location: placeholder.location))
        }
    }

    /// The sources consulted for `key`: `--set flags, environment CHATSITE_REGION, chatsite.yaml stage prod, …`.
    private func lookedAt(_ key: String) -> String {
        var places = ["--set flags", "environment \(ConfigKeys.environmentName(key))"]
        if let stage { places.append("\(project.displayPath) stage \(stage)") }
        if !outputsFiles.isEmpty { places.append("outputs \(outputsFiles.map(\.path).joined(separator: ", "))") }
        return places.joined(separator: ", ")
    }

    /// How to give `key` a value.
    private func ways(_ key: String) -> String {
        let names = OutputMatcher(project: project.outputRules).outputNames(for: key)
        let output =
            switch names.count {
            case 0: "an output mapped to it under outputs in \(project.displayPath)"
            case 1: "an output named \(names[0])"
            default: "an output named \(names.dropLast().joined(separator: ", ")) or \(names.last!)"
            }
        return "--set \(key)=…, the environment variable \(ConfigKeys.environmentName(key)), \(key): in a stage "
            + "of \(project.displayPath), or \(output)"
    }
}
