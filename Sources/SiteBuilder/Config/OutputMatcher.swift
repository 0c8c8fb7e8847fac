/// Decides which config key a stack output gives.
///
/// Names compare case-insensitively, ignoring `_` and `-`, so Terraform's `user_pool_id` is `UserPoolId`.
/// A trailing 8-hex-digit CDK hash is ignored (`UserPoolIdE4A1B2C3`), and a name that ends with a mapped
/// name at a word boundary matches too (`ChatApiEndpointE4A1B2C3` gives apiUrl, like `ApiEndpoint`),
/// with less weight than an exact match.
struct OutputMatcher: Sendable {
    /// The mapping used when the project file says nothing: output name → config key.
    static let defaults: [(name: String, key: String)] = [
        ("UserPoolId", "userPoolId"),
        ("ClientId", "userPoolClientId"), ("UserPoolClientId", "userPoolClientId"), ("AppClientId", "userPoolClientId"),
        ("UserPoolDomainName", "cognitoDomain"), ("CognitoDomain", "cognitoDomain"),
        ("UserPoolDomain", "cognitoDomain"),
        ("RedirectUri", "redirectUri"), ("CallbackUrl", "redirectUri"), ("WebsiteURL", "redirectUri"),
        ("WebsiteUrl", "redirectUri"), ("SiteUrl", "redirectUri"),
        ("WebApiEndpoint", "apiUrl"), ("ApiEndpoint", "apiUrl"), ("ApiUrl", "apiUrl"), ("RestApiEndpoint", "apiUrl"),
        ("RestApiUrl", "apiUrl"),
        ("WebSocketApiEndpoint", "websocketUrl"), ("WebSocketUrl", "websocketUrl"),
        ("WebsocketEndpoint", "websocketUrl"), ("WebSocketApiUrl", "websocketUrl"),
        ("Region", "region"), ("AwsRegion", "region"),
    ]

    /// How good a match is; a key takes the output with the best match.
    enum Strength: Int, Comparable {
        case defaultSuffix = 1, projectSuffix, defaultExact, projectExact

        static func < (lhs: Strength, rhs: Strength) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private struct Rule {
        var name: String
        var normalized: String
        var key: String
        var fromProject: Bool
    }

    private let rules: [Rule]

    /// The project's rules first; a default rule for an output name the project maps is dropped.
    init(project: [ProjectFile.OutputRule]) {
        let own = project.map {
            Rule(name: $0.outputName, normalized: Self.normalize($0.outputName), key: $0.key, fromProject: true)
        }
        let taken = Set(own.map(\.normalized))
        let defaults = Self.defaults.map {
            Rule(name: $0.name, normalized: Self.normalize($0.name), key: $0.key, fromProject: false)
        }
        rules = own + defaults.filter { !taken.contains($0.normalized) }
    }

    /// The key the output `name` gives and how strongly, or nil when no rule matches it.
    func match(_ name: String) -> (key: String, strength: Strength)? {
        let bare = Self.withoutHash(name)
        let normalized = Self.normalize(bare)
        if let rule = rules.first(where: { $0.normalized == normalized || $0.normalized == Self.normalize(name) }) {
            return (rule.key, rule.fromProject ? .projectExact : .defaultExact)
        }
        let starts = Self.wordStarts(bare)
        let suffixRules = rules.filter { rule in
            normalized.hasSuffix(rule.normalized) && starts.contains(normalized.count - rule.normalized.count)
        }
        // The longest suffix decides: `ChatWebSocketApiEndpoint` is a WebSocket, not a REST `ApiEndpoint`.
        guard
            let best = suffixRules.max(by: {
                ($0.fromProject ? 1 : 0, $0.normalized.count) < ($1.fromProject ? 1 : 0, $1.normalized.count)
            })
        else { return nil }
        return (best.key, best.fromProject ? .projectSuffix : .defaultSuffix)
    }

    /// The output names mapped to `key`, the project's first: for "add an output named …" advice.
    func outputNames(for key: String) -> [String] { rules.filter { $0.key == key }.map(\.name) }

    static func normalize(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    /// `name` without a trailing CDK hash of 8 upper-case hex digits.
    static func withoutHash(_ name: String) -> String {
        let tail = name.suffix(8)
        guard name.count > 8, tail.allSatisfy({ $0.isNumber || ("A"..."F").contains($0) }) else { return name }
        return String(name.dropLast(8))
    }

    /// The offsets, in the normalized name, where a word starts (after the first):
    /// `ChatApiEndpoint` → 4, 7; `chat_api_url` → 4, 7; `WebsiteURL` → 7.
    static func wordStarts(_ name: String) -> Set<Int> {
        var starts: Set<Int> = []
        var count = 0
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            if character == "_" || character == "-" {
                if count > 0 { starts.insert(count) }
                continue
            }
            if index > 0, character.isUppercase {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    starts.insert(count)
                }
            }
            count += 1
        }
        return starts
    }
}
