/// A small document tree the generators build, written out as JSON or YAML text.
indirect enum TreeText {
    case object([(String, TreeText)])
    case array([TreeText])
    case string(String)
    /// Written as is: numbers, `true`, `null`, or deliberately broken text.
    case raw(String)

    var json: String {
        var text = ""
        writeJSON(into: &text)
        return text
    }

    var yaml: String {
        var text = ""
        writeYAML(into: &text, indent: 0)
        return text + "\n"
    }

    private func writeJSON(into text: inout String) {
        switch self {
        case .object(let members):
            text += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { text += "," }
                text += Self.quoted(key) + ":"
                value.writeJSON(into: &text)
            }
            text += "}"
        case .array(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                item.writeJSON(into: &text)
            }
            text += "]"
        case .string(let value): text += Self.quoted(value)
        case .raw(let value): text += value
        }
    }

    private func writeYAML(into text: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .object(let members) where !members.isEmpty:
            for (index, (key, value)) in members.enumerated() {
                if index > 0 || indent > 0 { text += "\n" + pad }
                text += Self.quoted(key) + ":"
                value.writeYAMLValue(into: &text, indent: indent + 2)
            }
        case .array(let items) where !items.isEmpty:
            for (index, item) in items.enumerated() {
                if index > 0 || indent > 0 { text += "\n" + pad }
                text += "-"
                item.writeYAMLValue(into: &text, indent: indent + 2)
            }
        default:
            writeJSON(into: &text)
        }
    }

    private func writeYAMLValue(into text: inout String, indent: Int) {
        switch self {
        case .object(let members) where !members.isEmpty: writeYAML(into: &text, indent: indent)
        case .array(let items) where !items.isEmpty: writeYAML(into: &text, indent: indent)
        default:
            text += " "
            writeJSON(into: &text)
        }
    }

    static func quoted(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case _ where scalar.value < 0x20:
                text += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
