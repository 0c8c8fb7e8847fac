import ChatClient
import Foundation

extension Client {
    /// Every room the caller is in, all pages.
    func allRooms() async throws -> [Room] {
        var rooms: [Room] = []
        for try await page in listRoomsPages(limit: 100) { rooms += page.items }
        return rooms
    }

    /// The room `reference` names: its id, else its name (any case). Ambiguous names are an error
    /// listing the ids to choose from.
    func room(_ reference: String) async throws -> Room {
        let rooms = try await allRooms()
        if let room = rooms.first(where: { $0.id == reference }) { return room }
        let named = rooms.filter { $0.name.caseInsensitiveCompare(reference) == .orderedSame }
        switch named.count {
        case 1: return named[0]
        case 0:
            throw ChatError("no room '\(reference)' among your \(rooms.count) rooms; `chat rooms` lists them")
        default:
            throw ChatError(
                "\(named.count) rooms are named '\(reference)'; give one of their ids: "
                    + named.map(\.id).joined(separator: ", "))
        }
    }

    /// Every user, all pages.
    func allUsers() async throws -> [User] {
        var users: [User] = []
        for try await page in listUsersPages(limit: 100) { users += page.items }
        return users
    }

    /// User names by id.
    func userNames() async throws -> [String: String] {
        Dictionary(try await allUsers().map { ($0.id, $0.username) }, uniquingKeysWith: { first, _ in first })
    }

    /// User ids for user names or ids.
    func userIds(_ references: [String]) async throws -> [String] {
        guard !references.isEmpty else { return [] }
        let users = try await allUsers()
        return try references.map { reference in
            if users.contains(where: { $0.id == reference }) { return reference }
            guard let user = users.first(where: { $0.username.caseInsensitiveCompare(reference) == .orderedSame })
            else { throw ChatError("no user '\(reference)'; they must have signed in once") }
            return user.id
        }
    }
}
