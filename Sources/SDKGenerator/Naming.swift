/// Identifier making shared by the renderers: words from any spec name, cased and made unique.
enum Naming {
    /// Splits a spec name into words at separators, case changes and digits-to-letters.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        for character in name {
            guard character.isLetter || character.isNumber, character.isASCII else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previous = nil
                continue
            }
            if let previous, !current.isEmpty {
                let lowerToUpper = (previous.isLowercase || previous.isNumber) && character.isUppercase
                if lowerToUpper { words.append(current); current = "" }
            }
            current.append(character)
            previous = character
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `get-user by id` → `getUserById`.
    static func camelCase(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return "" }
        return lowerFirst(first) + parts.dropFirst().map(upperFirst).joined()
    }

    /// `issuing.card` → `IssuingCard`.
    static func pascalCase(_ name: String) -> String {
        words(name).map(upperFirst).joined()
    }

    static func upperFirst(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    static func lowerFirst(_ word: String) -> String {
        // Keep acronyms readable: `URLPath` → `urlPath`, `ID` → `id`.
        let upperRun = word.prefix { $0.isUppercase }
        if upperRun.count > 1 && upperRun.count < word.count {
            return upperRun.dropLast().lowercased() + word.dropFirst(upperRun.count - 1)
        }
        if upperRun.count == word.count { return word.lowercased() }
        return word.prefix(1).lowercased() + word.dropFirst()
    }
}

/// Hands out unique names: a taken or reserved name gets a numeric suffix.
struct NameAllocator {
    private var taken: Set<String>

    init(reserved: Set<String> = []) {
        taken = reserved
    }

    mutating func claim(_ preferred: String) -> String {
        var name = preferred
        var suffix = 2
        while taken.contains(name) {
            name = preferred + String(suffix)
            suffix += 1
        }
        taken.insert(name)
        return name
    }
}
