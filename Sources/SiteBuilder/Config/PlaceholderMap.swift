import APISpec
import Foundation

/// A legacy site's placeholders (`YOUR_USER_POOL_ID`, …) and the config values that replace them,
/// as declared under `placeholders:` in `chatsite.yaml`.
///
/// ```swift
/// let map = PlaceholderMap(project: project, config: config)
/// let script = map.apply(to: source)
/// diagnostics += map.leftovers(in: Data(script.utf8), path: "dist/main.js")
/// ```
public struct PlaceholderMap: Sendable {
    struct Replacement: Sendable {
        var text: [UInt8]
        var value: [UInt8]
        var placeholder: ProjectFile.Placeholder
    }

    /// Longest placeholder first, for placeholders that are not words (`{{api}}` and `{{api}}/x`).
    let replacements: [Replacement]

    /// The placeholders of `project` with their transformed values from `config`; a placeholder whose key
    /// has no value is left out (``ConfigResolver`` has already reported it).
    public init(project: ProjectFile, config: ResolvedConfig) {
        replacements = project.placeholders.compactMap { placeholder in
            guard let value = config[placeholder.key] else { return nil }
            let transformed = placeholder.transforms.reduce(value) { $1.apply(to: $0) }
            return Replacement(
                text: Array(placeholder.text.utf8), value: Array(transformed.utf8), placeholder: placeholder)
        }
        .sorted { $0.text.count > $1.text.count }
    }

    /// Whether the project declares no placeholders (a site that is not a legacy one).
    public var isEmpty: Bool { replacements.isEmpty }

    /// `text` with every declared placeholder replaced, in one pass: a value that happens to contain a
    /// placeholder's text is not replaced again.
    public func apply(to text: String) -> String {
        apply(to: Data(text.utf8)).map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// A file's bytes with every declared placeholder replaced, or nil when it has none: the bytes are
    /// never decoded, so a file that is not UTF-8 comes out as it went in.
    public func apply(to data: Data) -> Data? {
        guard !replacements.isEmpty else { return nil }
        let bytes = Array(data)
        var replaced = false
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if let match = replacement(at: index, in: bytes) {
                result += match.value
                index += match.text.count
                replaced = true
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return replaced ? Data(result) : nil
    }

    /// The declared placeholders still in a built file, each at its line and column, as errors; and, as
    /// warnings, other `YOUR_…` words that look like placeholders nobody declared (first occurrence of each).
    public func leftovers(in data: Data, path: String) -> [Diagnostic] {
        guard !replacements.isEmpty else { return [] }
        let bytes = Array(data)
        var diagnostics: [Diagnostic] = []
        var undeclared: Set<String> = []
        var index = 0
        while index < bytes.count {
            if let match = replacement(at: index, in: bytes) {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "placeholder \(match.placeholder.text) is still in the built file; it stands for "
                            + "\(match.placeholder.key) — make sure this file goes through placeholder replacement, "
                            + "or remove the placeholder", file: path,
                        location: TextPosition.location(ofByte: index, in: data)))
                index += match.text.count
            } else if let word = Self.placeholderWord(at: index, in: bytes) {
                if undeclared.insert(word).inserted {
                    diagnostics.append(
                        Diagnostic(
                            .warning,
                            "\(word) looks like a placeholder but is not declared; declare it under placeholders in "
                                + "chatsite.yaml if the build should replace it", file: path,
                            location: TextPosition.location(ofByte: index, in: data)))
                }
                index += word.utf8.count
            } else {
                index += 1
            }
        }
        return diagnostics
    }

    /// The placeholder at `index`. A placeholder that starts or ends with a word character (`A-Z`, `a-z`, `0-9`,
    /// `_`) matches only there a word starts or ends: `YOUR_API` is not found inside `YOUR_API_KEY`.
    private func replacement(at index: Int, in bytes: [UInt8]) -> Replacement? {
        replacements.first { candidate in
            let end = index + candidate.text.count
            guard end <= bytes.count, bytes[index] == candidate.text[0],
                bytes[index..<end].elementsEqual(candidate.text)
            else { return false }
            let opensWord = Self.isWordByte(candidate.text[0]) && index > 0 && Self.isWordByte(bytes[index - 1])
            let closesWord =
                Self.isWordByte(candidate.text[candidate.text.count - 1]) && end < bytes.count
                && Self.isWordByte(bytes[end])
            return !opensWord && !closesWord
        }
    }

    /// A `YOUR_[A-Z0-9_]+` word starting at `index`, not inside a longer identifier.
    static func placeholderWord(at index: Int, in bytes: [UInt8]) -> String? {
        let prefix = Array("YOUR_".utf8)
        guard index + prefix.count < bytes.count, bytes[index..<index + prefix.count].elementsEqual(prefix),
            index == 0 || !isWordByte(bytes[index - 1])
        else { return nil }
        var end = index + prefix.count
        while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
        let word = bytes[index..<end]
        guard word.count > prefix.count, word.allSatisfy({ !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) })
        else { return nil }
        return String(decoding: word, as: UTF8.self)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }
}
