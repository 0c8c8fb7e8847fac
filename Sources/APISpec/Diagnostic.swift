/// A problem found in a user's input, printed like a compiler's:
/// `path:line:column: error: message (at /json/pointer)`.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Equatable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    public var severity: Severity
    public var message: String
    /// The file the problem is in, as the user named it.
    public var file: String
    public var location: SourceLocation?
    /// The JSON pointer of the offending value in the document, when there is one.
    public var pointer: String?

    public init(
        _ severity: Severity,
        _ message: String,
        file: String,
        location: SourceLocation? = nil,
        pointer: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.file = file
        self.location = location
        self.pointer = pointer
    }

    public var description: String {
        var text = file
        if let location { text += ":\(location.line):\(location.column)" }
        text += ": \(severity.rawValue): \(message)"
        if let pointer { text += " (at \(pointer.isEmpty ? "/" : pointer))" }
        return text
    }
}

/// A line and column in a source file, both counted from 1; columns count Unicode scalars.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}
