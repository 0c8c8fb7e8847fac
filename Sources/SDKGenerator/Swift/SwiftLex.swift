/// Swift lexical rules for the generated client: literals nothing can break out of, comments
/// that stay comments, and identifiers that are valid, unreserved and escaped.
enum SwiftLex {
    static let keywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
        "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "private", "precedencegroup",
        "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case",
        "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat",
        "return", "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try", "_", "Type", "Protocol", "some", "any", "async", "package",
    ]

    /// Names a member may not have even in backticks (they clash with what every type has, or
    /// with a `CodingKey`'s members).
    static let reservedMembers: Set<String> = [
        "self", "Self", "Type", "Protocol", "init", "deinit", "subscript", "_", "stringValue", "intValue",
        "hashValue",
    ]

    /// Type names the generated code uses from Swift, Foundation or the runtime.
    static let reservedTypes: Set<String> = [
        "Any", "AnyObject", "Array", "Bool", "Character", "Codable", "CodingKey", "CodingKeys", "Data", "Date",
        "Decodable", "Decoder", "Dictionary", "Double", "Duration", "Encodable", "Encoder", "Equatable", "Error",
        "Float", "Hashable", "Mirror", "Int", "Int32", "Int64", "Never", "Optional", "Result", "Sendable", "Set",
        "String", "Task", "UInt", "URL", "URLRequest", "URLSession", "URLError", "UUID", "Void", "JSONDecoder",
        "JSONEncoder", "DecodingError", "EncodingError", "Foundation", "FoundationNetworking", "Swift",
        // The runtime's own public and internal names.
        "JSONValue", "Nullable", "Indirect", "OpenEnum", "Model", "JSONCoding", "AnyCodingKey", "Client",
        "HTTPTransport", "URLSessionTransport", "Credential", "CredentialContext", "SecurityScheme", "RetryPolicy",
        "HTTPResponse", "RawResponse", "APIError", "ClientError", "OperationRequest", "ParameterEncoding", "Pages",
        "RealtimeEventProtocol", "RealtimeActionProtocol", "RealtimeOptions", "RealtimeState", "RealtimeError",
        "RealtimeConnection", "ActionFrame", "EventFrame", "Auth", "Realtime", "RealtimeEvent", "RealtimeAction",
        "WebSocketChannel", "WebSocketConnector", "URLSessionWebSocketConnector", "URLSessionWebSocketChannel",
    ]

    /// A string literal: quotes, backslashes (so no `\(` interpolation), line breaks and other
    /// control characters are escaped.
    static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _
            where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar == "\u{2028}" || scalar == "\u{2029}":
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Spec text as `///` comment lines: split at every kind of line break, so nothing can end
    /// the comment; tabs become spaces, trailing blanks go.
    static func docLines(_ text: String?) -> [String] {
        guard let text else { return [] }
        var lines: [String] = []
        var current = ""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\n" where previous == "\r": continue
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                lines.append(current.trimmingTrailingWhitespace())
                current = ""
            case "\t": current += "    "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: current += " "
            default: current.unicodeScalars.append(scalar)
            }
        }
        lines.append(current.trimmingTrailingWhitespace())
        while lines.last?.isEmpty == true { lines.removeLast() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        return lines
    }

    /// Spec text on one comment line.
    static func inline(_ text: String) -> String {
        docLines(text).joined(separator: " ")
    }

    /// A type identifier from any spec name: Pascal-cased, never empty, never a reserved name.
    static func typeName(_ name: String) -> String {
        var result = Naming.pascalCase(name)
        if result.isEmpty { result = "Type" }
        if result.first!.isNumber { result = "T" + result }
        if reservedTypes.contains(result) || keywords.contains(result) { result += "Model" }
        return result
    }

    /// A value identifier (property, case, parameter, method) from any spec name, unescaped.
    static func valueName(_ name: String, fallback: String = "value", reserved: Set<String> = []) -> String {
        var result = Naming.camelCase(name)
        if result.isEmpty { result = fallback }
        if result.first!.isNumber { result = "_" + result }
        if reservedMembers.contains(result) || reserved.contains(result) { result += "_" }
        return result
    }

    /// An identifier as code: in backticks when it is a keyword.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }
}
