/// The connect sources or form actions given to ``SecurityHeaders`` that are not origins.
///
/// Each problem is one sentence naming the value, what is wrong and what to write instead:
///
/// ```text
/// connect source "https://api.example.com; script-src *" contains ';': give only an origin, scheme://host[:port]
/// ```
public struct SecurityHeadersError: Error, Equatable, CustomStringConvertible {
    /// One sentence per refused value, in the order they were given (connect sources first).
    public var problems: [String]

    /// An error with the given problems.
    public init(problems: [String]) {
        self.problems = problems
    }

    /// The problems, one a line.
    public var description: String {
        problems.joined(separator: "\n")
    }
}
