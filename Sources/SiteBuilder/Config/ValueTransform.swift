import Foundation

/// A change applied to a config value before it replaces a legacy site's placeholder.
///
/// Written in `chatsite.yaml` as `transform: strip-scheme`, and chained with `|`:
/// `transform: "strip-scheme|append:/messages"` applies them left to right.
enum ValueTransform: Sendable, Equatable {
    /// Drops a leading `scheme://`: `https://chat.example.com` → `chat.example.com`.
    case stripScheme
    /// Adds text at the end: `append:/messages`.
    case append(String)
    /// Adds text at the start: `prepend:https://`.
    case prepend(String)
    /// Keeps `scheme://host[:port]`.
    case origin
    /// Keeps `host[:port]`.
    case host
    /// Drops trailing slashes.
    case trimSlash

    /// The names accepted in `transform:`, for messages.
    static let names = "strip-scheme, append:SUFFIX, prepend:PREFIX, origin, host, trim-slash"

    /// Parses one transform, or returns nil for an unknown one.
    init?(_ text: String) {
        switch text {
        case "strip-scheme": self = .stripScheme
        case "origin": self = .origin
        case "host": self = .host
        case "trim-slash": self = .trimSlash
        default:
            if text.hasPrefix("append:") {
                self = .append(String(text.dropFirst("append:".count)))
            } else if text.hasPrefix("prepend:") {
                self = .prepend(String(text.dropFirst("prepend:".count)))
            } else {
                return nil
            }
        }
    }

    /// Parses a `|`-separated chain; the unknown parts are returned instead when there are any.
    static func chain(_ text: String) -> Result<[ValueTransform], ChainError> {
        var transforms: [ValueTransform] = []
        var unknown: [String] = []
        for part in text.split(separator: "|", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            if let transform = ValueTransform(name) { transforms.append(transform) } else { unknown.append(name) }
        }
        return unknown.isEmpty ? .success(transforms) : .failure(ChainError(unknown: unknown))
    }

    /// The parts of a chain that name no transform.
    struct ChainError: Error {
        var unknown: [String]
    }

    /// The transformed value.
    func apply(to value: String) -> String {
        switch self {
        case .stripScheme: return URLParts.withoutScheme(value) ?? value
        case .append(let suffix): return value + suffix
        case .prepend(let prefix): return prefix + value
        case .origin: return URLParts(value)?.origin ?? value
        case .host: return URLParts(value)?.hostAndPort ?? value
        case .trimSlash:
            var result = Substring(value)
            while result.hasSuffix("/") { result = result.dropLast() }
            return String(result)
        }
    }
}
