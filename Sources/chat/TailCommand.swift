import ArgumentParser
import ChatClient
import Foundation

/// `chat tail ROOM`: the room's messages as they arrive, over the WebSocket, until Ctrl-C.
struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Follow a room live until Ctrl-C.",
        discussion: """
            Prints new, edited and deleted messages of the room. After a dropped connection it \
            reconnects and catches up with the messages it missed, so none is lost or shown twice.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The room's id or name.")
    var room: String

    @Option(help: "Show this many recent messages first (at most 100).")
    var last = 0

    func run() async throws {
        try await running(options) { session in
            let client = session.client
            let roomId = try await client.room(room).id
            let printer = TailPrinter(json: options.json, names: try await client.userNames())
            let recent = last > 0 ? try await client.listMessages(roomId: roomId, limit: min(last, 100)).items : []
            for message in recent.reversed() { try await printer.created(message) }
            let realtime = client.realtime(options: RealtimeOptions(connector: NIOWebSocketConnector()))
            try await realtime.connect()
            let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            signal(SIGINT, SIG_IGN)
            interrupt.setEventHandler { Task { await realtime.close() } }
            interrupt.resume()
            defer { interrupt.cancel() }
            if !options.json { FileHandle.standardError.write(Data("following \(room); Ctrl-C to stop\n".utf8)) }
            let catchUp = Task {
                // After a reconnect, the messages sent while the connection was down.
                var wasOpen = true
                for await state in realtime.states {
                    if state == .open, !wasOpen { try await printer.catchUp(client, roomId: roomId) }
                    wasOpen = state == .open
                }
            }
            defer { catchUp.cancel() }
            for await event in realtime.events {
                switch event {
                case .messageCreated(let message) where message.roomId == roomId:
                    if await printer.needsNames(message) {
                        await printer.learn((try? await client.userNames()) ?? [:])
                    }
                    try await printer.created(message)
                case .messageUpdated(let message) where message.roomId == roomId:
                    try await printer.updated(message)
                case .messageDeleted(let deleted) where deleted.roomId == roomId:
                    try await printer.deleted(deleted.messageId)
                case .roomDeleted(let deleted) where deleted.roomId == roomId:
                    await realtime.close()
                    throw ChatError("the room was deleted, or you were removed from it")
                default:
                    break
                }
            }
        }
    }
}

/// Prints what `tail` sees, each message once, and remembers the newest for catching up.
actor TailPrinter {
    let json: Bool
    private var names: [String: String]
    private var seen: Set<String> = []
    private var newest: String?

    init(json: Bool, names: [String: String]) {
        self.json = json
        self.names = names
    }

    func needsNames(_ message: Message) -> Bool { names[message.authorId] == nil }
    func learn(_ more: [String: String]) { names.merge(more) { _, new in new } }

    func created(_ message: Message) throws {
        guard seen.insert(message.id).inserted else { return }
        if message.id > (newest ?? "") { newest = message.id }
        if json { return try Output.json(Event(event: "created", message: message)) }
        Output.say(Output.line(message, authors: names))
    }

    func updated(_ message: Message) throws {
        if json { return try Output.json(Event(event: "updated", message: message)) }
        Output.say("edited " + Output.line(message, authors: names))
    }

    func deleted(_ id: String) throws {
        if json { return try Output.json(["event": "deleted", "messageId": id]) }
        Output.say("deleted \(id)")
    }

    /// Prints the messages newer than the newest seen (ids are time-ordered), oldest first.
    func catchUp(_ client: Client, roomId: String) async throws {
        guard let start = newest else { return }
        var after = start
        while true {
            let page = try await client.listMessages(roomId: roomId, limit: 100, after: after).items
            for message in page.reversed() { try created(message) }
            guard page.count == 100, let next = page.first?.id else { return }
            after = next
        }
    }

    struct Event: Encodable {
        var event: String
        var message: Message
    }
}
