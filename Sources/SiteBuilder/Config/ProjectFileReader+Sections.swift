import APISpec
import Yams

extension ProjectFileReader {
    /// `keys:` — `name: { required: false }`; a key declared as `name:` or `name: {}` is required.
    mutating func readKeys(_ node: Yams.Node) -> [ProjectFile.DeclaredKey] {
        guard let mapping = mapping(node, field: "keys", what: "a mapping of key names to { required: … }") else {
            return []
        }
        var keys: [ProjectFile.DeclaredKey] = []
        for (keyNode, value) in mapping {
            let name = keyNode.string ?? ""
            if ConfigKeys.standard.contains(name) {
                error("'\(name)' is a standard key and always required; remove it from keys", at: keyNode)
                continue
            }
            guard ConfigKeys.isValidName(name) else {
                error(
                    "key name '\(name)' must be camelCase letters and digits starting with a lowercase letter, "
                        + "such as supportEmail", at: keyNode)
                continue
            }
            var isRequired = true
            if !Self.isNull(value) {
                guard
                    let options = self.mapping(
                        value, field: "keys.\(name)", what: "a mapping such as { required: false }")
                else { continue }
                for (option, optionValue) in options {
                    guard option.string == "required" else {
                        error(
                            "unknown option '\(option.string ?? "")' for key '\(name)'; the only option is required",
                            at: option)
                        continue
                    }
                    if Self.isBool(optionValue), let flag = optionValue.bool {
                        isRequired = flag
                    } else {
                        error(
                            "'keys.\(name).required' must be true or false, not \(describe(optionValue))",
                            at: optionValue)
                    }
                }
            }
            keys.append(ProjectFile.DeclaredKey(name: name, isRequired: isRequired))
        }
        return keys
    }

    /// `outputs:` — `OutputName: configKey`.
    mutating func readOutputs(_ node: Yams.Node, known: [String]) -> [ProjectFile.OutputRule] {
        guard let mapping = mapping(node, field: "outputs", what: "a mapping of output names to config keys") else {
            return []
        }
        var rules: [ProjectFile.OutputRule] = []
        for (nameNode, keyNode) in mapping {
            let name = nameNode.string ?? ""
            guard let key = string(keyNode, field: "outputs.\(name)", what: "a config key") else { continue }
            guard known.contains(key) else {
                error(
                    "output '\(name)' maps to unknown config key '\(key)'; the keys are \(Self.keyList(known)) "
                        + "(declare others under keys)", at: keyNode)
                continue
            }
            rules.append(ProjectFile.OutputRule(outputName: name, key: key))
        }
        return rules
    }

    /// `stages:` — `name: { key: value, … }`.
    mutating func readStages(_ node: Yams.Node, known: [String]) -> [ProjectFile.Stage] {
        guard let mapping = mapping(node, field: "stages", what: "a mapping of stage names to their values") else {
            return []
        }
        var stages: [ProjectFile.Stage] = []
        for (nameNode, body) in mapping {
            let name = nameNode.string ?? ""
            var values: [String: ProjectFile.Located] = [:]
            if !Self.isNull(body) {
                guard
                    let entries = self.mapping(
                        body, field: "stages.\(name)", what: "a mapping of config keys to values")
                else { continue }
                for (keyNode, valueNode) in entries {
                    let key = keyNode.string ?? ""
                    guard known.contains(key) else {
                        error(
                            "stage '\(name)' sets unknown config key '\(key)'; the keys are \(Self.keyList(known)) "
                                + "(declare others under keys)", at: keyNode)
                        continue
                    }
                    guard let text = string(valueNode, field: "stages.\(name).\(key)", what: "a string") else {
                        continue
                    }
                    values[key] = ProjectFile.Located(text: text, location: location(of: valueNode))
                }
            }
            stages.append(ProjectFile.Stage(name: name, values: values, location: location(of: nameNode)))
        }
        return stages
    }

    /// `placeholders:` — `TEXT: key` or `TEXT: { key: …, transform: … }`.
    mutating func readPlaceholders(_ node: Yams.Node, known: [String]) -> [ProjectFile.Placeholder] {
        guard let mapping = mapping(node, field: "placeholders", what: "a mapping of placeholder texts to config keys")
        else { return [] }
        var placeholders: [ProjectFile.Placeholder] = []
        for (textNode, value) in mapping {
            let text = textNode.string ?? ""
            guard !text.isEmpty else {
                error("a placeholder's text must not be empty", at: textNode)
                continue
            }
            var keyNode = value
            var transforms: [ValueTransform] = []
            if let options = value.mapping {
                for (option, _) in options where !["key", "transform"].contains(option.string ?? "") {
                    error(
                        "unknown option '\(option.string ?? "")' for placeholder '\(text)'; the options are key and transform",
                        at: option)
                }
                guard let key = options["key"] else {
                    error("placeholder '\(text)' needs a key: { key: userPoolId }", at: value)
                    continue
                }
                keyNode = key
                if let transformNode = options["transform"] {
                    guard let chain = string(transformNode, field: "placeholders.\(text).transform", what: "a string")
                    else { continue }
                    switch ValueTransform.chain(chain) {
                    case .success(let parsed): transforms = parsed
                    case .failure(let failure):
                        let names = failure.unknown.map { "'\($0)'" }.joined(separator: ", ")
                        error(
                            "unknown transform \(names) for placeholder '\(text)'; the transforms are "
                                + "\(ValueTransform.names), chained with |", at: transformNode)
                        continue
                    }
                }
            }
            guard let key = string(keyNode, field: "placeholders.\(text)", what: "a config key or { key:, transform: }")
            else { continue }
            guard known.contains(key) else {
                error(
                    "placeholder '\(text)' uses unknown config key '\(key)'; the keys are \(Self.keyList(known)) "
                        + "(declare others under keys)", at: keyNode)
                continue
            }
            placeholders.append(
                ProjectFile.Placeholder(text: text, key: key, transforms: transforms, location: location(of: textNode)))
        }
        return placeholders
    }

    private mutating func mapping(_ node: Yams.Node, field: String, what: String) -> Yams.Node.Mapping? {
        if let mapping = node.mapping { return mapping }
        error("'\(field)' must be \(what), not \(describe(node))", at: node)
        return nil
    }
}
