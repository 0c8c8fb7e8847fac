import ArgumentParser
import ChatClient
import Foundation

/// `chat rooms`: the rooms you are in.
struct RoomsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rooms", abstract: "List your rooms.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await running(options) { session in
            let rooms = try await session.client.allRooms()
            if options.json { return try Output.json(rooms) }
            if rooms.isEmpty { Output.say("no rooms yet; `chat create NAME` makes one") }
            for room in rooms {
                let unread = room.unreadCount > 0 ? "  (\(room.unreadCount) unread)" : ""
                Output.say("\(room.id)  \(Output.printable(room.name))  \(room.members.count) members\(unread)")
            }
        }
    }
}

/// `chat create NAME [--member USER]…`: a new room.
struct CreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a room.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The room's name.")
    var name: String

    @Option(name: .customLong("member"), help: "A member to add, by user name or id (repeatable).")
    var members: [String] = []

    @Option(help: "The room's topic.")
    var topic: String?

    func run() async throws {
        try await running(options) { session in
            let client = session.client
            let ids = try await client.userIds(members)
            let room = try await client.createRoom(body: CreateRoomRequest(name: name, members: ids, topic: topic))
            if options.json { return try Output.json(room) }
            Output.say("created \(Output.printable(room.name)) (\(room.id)) with \(room.members.count) members")
        }
    }
}
