import ChatClient
import Foundation

/// How `chat` prints: text for people, JSON for scripts (one object per line for streams).
enum Output {
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timestamp.string(from: date))
        }
        say(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// One line to standard output, unbuffered, so a pipe sees each line as it happens.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// `[2026-11-22 10:04] alice: hello` (local time), with `(edited)` and reply counts.
    static func line(_ message: Message, authors: [String: String]) -> String {
        let author = authors[message.authorId] ?? message.authorId
        var text = "[\(clock.string(from: message.createdAt))] \(author): \(printable(message.text))"
        if message.editedAt != nil { text += " (edited)" }
        if message.replyCount > 0 { text += " [\(message.replyCount) repl\(message.replyCount == 1 ? "y" : "ies")]" }
        return text
    }

    /// Text with control characters (escape sequences a message could carry) shown as `\u{…}`,
    /// so a message cannot repaint or retitle the terminal.
    static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t" {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    nonisolated(unsafe) static let timestamp: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    static let clock: DateFormatter = {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }()
}
