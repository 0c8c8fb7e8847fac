/// JavaScript and TypeScript lexical rules: literals that nothing can break out of, and names
/// that are valid and not reserved.
enum JS {
    static let reservedWords: Set<String> = [
        "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default",
        "delete", "do", "else", "enum", "eval", "export", "extends", "false", "finally", "for", "function", "if",
        "implements", "import", "in", "instanceof", "interface", "let", "new", "null", "package", "private",
        "protected", "public", "return", "static", "super", "switch", "this", "throw", "true", "try", "typeof",
        "undefined", "var", "void", "while", "with", "yield", "NaN", "Infinity",
    ]

    /// Type names TypeScript or the runtime already use in an SDK's scope.
    static let reservedTypeNames: Set<String> = [
        "Array", "ArrayBuffer", "Blob", "Boolean", "Date", "Error", "File", "FormData", "Function", "Headers",
        "JSON", "Map", "Math", "Number", "Object", "Partial", "Promise", "Readonly", "Record", "Request",
        "Response", "Set", "String", "Symbol", "URL", "Uint8Array", "WebSocket", "AbortSignal", "any", "bigint",
        "boolean", "never", "number", "object", "string", "symbol", "unknown", "Client", "ClientConfig",
        "RequestOptions", "RawResponse", "ApiError", "Realtime", "RealtimeClient", "RealtimeOptions",
        "RealtimeEvents",
        "RealtimeActions", "Credential", "BasicCredential", "Auth",
    ]

    /// A double-quoted string literal. Line and paragraph separators are escaped too, so no
    /// text from a spec can end the literal or the line.
    static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u" + String(format4(scalar.value))
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func format4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// Text made safe inside a `/* */` comment: it cannot close the comment or break the line.
    /// (A scan by hand: Foundation's `replacingOccurrences` dominated generation time.)
    static func commentSafe(_ text: String) -> String {
        let risky = text.utf8.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\r") || $0 >= 0xE2 }
        guard risky else { return text }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "/" where previous == "*": out.append("\\"); out.append("/")
            case "\r", "\u{2028}", "\u{2029}": out.append(" ")
            default: out.append(scalar)
            }
            previous = scalar
        }
        return String(out)
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first == "$" || isASCIILetter(first) else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || $0 == "$" || isASCIILetter($0) || ("0"..."9").contains($0)
        }
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// A property key: bare when it is an identifier, quoted otherwise.
    static func propertyKey(_ name: String) -> String {
        isIdentifier(name) ? name : string(name)
    }

    /// A value identifier made from any spec name: camel-cased, never empty, never reserved.
    static func valueName(_ name: String) -> String {
        var result = Naming.camelCase(name)
        if result.isEmpty { result = "operation" }
        if result.first!.isNumber { result = "_" + result }
        if reservedWords.contains(result) { result += "_" }
        return result
    }

    /// A type identifier made from any spec name: Pascal-cased, never a global's or the runtime's.
    static func typeName(_ name: String) -> String {
        var result = Naming.pascalCase(name)
        if result.isEmpty { result = "Type" }
        if result.first!.isNumber { result = "T" + result }
        if reservedTypeNames.contains(result) || reservedWords.contains(result) { result += "Model" }
        return result
    }
}
