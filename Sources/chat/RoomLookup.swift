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

    /// User names by id, for the given ids (one `listUsers` walk).
    func userNames() async throws -> [String: String] {
        var names: [String: String] = [:]
        for try await page in listUsersPages(limit: 100) {
            for user in page.items { names[user.id] = user.username }
        }
        return names
    }

    /// User ids for user names or ids.
    func userIds(_ references: [String]) async throws -> [String] {
        guard !references.isEmpty else { return [] }
        var byName: [String: String] = [:]
        var ids: Set<String> = []
        for try await page in listUsersPages(limit: 100) {
            for user in page.items {
                byName[user.username.lowercased()] = user.id
                ids.insert(user.id)
            }
        }
        return try references.map { reference in
            if ids.contains(reference) { return reference }
            guard let id = byName[reference.lowercased()] else {
                throw ChatError("no user '\(reference)'; they must have signed in once")
            }
            return id
        }
    }
}
