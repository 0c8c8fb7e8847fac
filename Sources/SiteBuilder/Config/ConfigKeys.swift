/// The config keys every chatsite frontend needs, and the names derived from a key.
enum ConfigKeys {
    /// The standard keys, in the order they are listed and emitted; all are required.
    /// They are the names the dev server's `/config.json` returns.
    static let standard = [
        "region", "userPoolId", "userPoolClientId", "cognitoDomain", "redirectUri", "apiUrl", "websocketUrl",
    ]

    /// The environment variable that sets `key`: `CHATSITE_` and the key in upper snake case,
    /// so `userPoolId` is read from `CHATSITE_USER_POOL_ID`.
    static func environmentName(_ key: String) -> String {
        var name = "CHATSITE_"
        for character in key {
            if character.isUppercase { name += "_" }
            name += character.uppercased()
        }
        return name
    }

    /// Whether `name` can be a declared key: a camelCase identifier such as `supportEmail`.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
    }
}
