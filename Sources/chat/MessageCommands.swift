import ArgumentParser
import ChatClient
import Foundation

/// `chat send ROOM TEXT`: sends once, however often the request is retried.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send a message.",
        discussion: """
            Each send has a client id (a new UUID unless --client-id gives one); the server stores a \
            message once per client id, so retries, and a script running the same send again with \
            the same --client-id, never post it twice.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The room's id or name.")
    var room: String

    @Argument(help: "The text, or - to read it from standard input.")
    var text: String

    @Option(help: "The message's client id, for a send that may be repeated.")
    var clientId: String?

    @Option(help: "Reply in the thread of this message id.")
    var thread: String?

    func run() async throws {
        try await running(options) { session in
            let client = session.client
            let body = text == "-" ? readAll() : text
            guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ChatError("the message is empty; give some text")
            }
            let roomId = try await client.room(room).id
            let request = CreateMessageRequest(
                clientId: clientId ?? UUID().uuidString.lowercased(), text: body, threadId: thread)
            let message = try await client.createMessage(roomId: roomId, body: request)
            if options.json { return try Output.json(message) }
            Output.say("sent \(message.id)")
        }
    }

    private func readAll() -> String {
        var lines: [String] = []
        while let line = readLine(strippingNewline: true) { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

/// `chat history ROOM`: the newest messages, oldest first, paging back with --before or --all.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show a room's messages, oldest first.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The room's id or name.")
    var room: String

    @Option(help: "How many messages (the newest; with --all, per page).")
    var limit = 50

    @Option(help: "Only messages older than this message id (to page back).")
    var before: String?

    @Flag(help: "Every message of the room, all pages.")
    var all = false

    func validate() throws {
        guard (1...100).contains(limit) else { throw ValidationError("--limit must be 1 to 100, not \(limit)") }
    }

    func run() async throws {
        try await running(options) { session in
            let client = session.client
            let roomId = try await client.room(room).id
            var newestFirst: [Message] = []
            if all {
                for try await page in client.listMessagesPages(roomId: roomId, limit: limit, before: before) {
                    newestFirst += page.items
                }
            } else {
                newestFirst = try await client.listMessages(roomId: roomId, limit: limit, before: before).items
            }
            let messages = Array(newestFirst.reversed())
            if options.json {
                for message in messages { try Output.json(message) }
                return
            }
            let names = try await client.userNames()
            for message in messages { Output.say(Output.line(message, authors: names)) }
            if !all, newestFirst.count == limit, let oldest = messages.first {
                Output.say("(older: chat history \(room) --before \(oldest.id))")
            }
        }
    }
}
