import ChatBackend
import Foundation

/// Fixtures for `chatsite serve --seed FILE`:
/// `{"users": [{"id", "username", "displayName"}], "rooms": [{"id"?, "name", "owner", "members", "messages": [{"author", "text"}]}]}`.
public enum SeedData {
    struct File: Decodable {
        struct SeedUser: Decodable {
            var id: String
            var username: String
            var displayName: String?
        }

        struct SeedRoom: Decodable {
            var name: String
            var owner: String
            var members: [String]
            var topic: String?
            var messages: [SeedMessage]?
        }

        struct SeedMessage: Decodable {
            var author: String
            var text: String
        }

        var users: [SeedUser]
        var rooms: [SeedRoom]?
    }

    /// Loads the file; users are upserted, rooms and their messages created anew.
    public static func load(
        path: String, into service: ChatService
    ) async throws -> (users: Int, rooms: Int, messages: Int) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let file = try JSONDecoder().decode(File.self, from: data)
        for user in file.users {
            _ = try await service.register(
                id: user.id, username: user.username, displayName: user.displayName ?? user.username)
        }
        var messages = 0
        for room in file.rooms ?? [] {
            let created = try await service.createRoom(
                by: room.owner, name: room.name, members: room.members.filter { $0 != room.owner }, topic: room.topic
            ).0
            for (index, message) in (room.messages ?? []).enumerated() {
                _ = try await service.send(
                    to: created.id, by: message.author, clientId: "seed-\(index)", text: message.text)
                messages += 1
            }
        }
        return (file.users.count, file.rooms?.count ?? 0, messages)
    }
}
