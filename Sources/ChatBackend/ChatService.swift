import Foundation

/// The chat's rules over a `ChatStore`: who may see and change what, and which events follow.
/// Every call names the caller (the `sub` of their token); nothing here knows about HTTP.
public struct ChatService: Sendable {
    public let store: any ChatStore
    public let presence: Presence
    let ids = TimeOrderedID()
    private let clock: @Sendable () -> Date

    public init(store: any ChatStore, presence: Presence = Presence(), now: @escaping @Sendable () -> Date = { Date() })
    {
        self.store = store
        self.presence = presence
        self.clock = now
    }

    /// The current time to the millisecond, the precision the store keeps.
    func now() -> Date { Date(timeIntervalSince1970: (clock().timeIntervalSince1970 * 1000).rounded(.down) / 1000) }

    // MARK: Users

    /// Records a user who signed in (the local sign-in calls this), keeping their id stable.
    public func register(id: String, username: String, displayName: String) async throws -> User {
        try await store.upsertUser(User(id: id, username: username, displayName: displayName))
        return try await me(id)
    }

    public func me(_ caller: String) async throws -> User {
        guard let user = try await store.user(id: caller) else { throw ChatError.notFound("No user '\(caller)'.") }
        return await presence.apply(to: user)
    }

    public func users(limit: Int = 20, cursor: String? = nil, status: User.Status? = nil) async throws -> Page<User> {
        var items: [User] = []
        var after = cursor
        // The status filter is applied after the fetch, so fetch until the page is full.
        while items.count < limit {
            let batch = try await store.users(after: after, limit: limit + 1)
            for user in batch.prefix(limit) {
                let current = await presence.apply(to: user)
                if status == nil || current.status == status { items.append(current) }
                if items.count == limit { break }
            }
            after = batch.prefix(limit).last?.username
            if batch.count <= limit { return Page(items: items, nextCursor: nil) }
        }
        return Page(items: items, nextCursor: items.last?.username)
    }

    // MARK: Rooms

    public func rooms(for caller: String, limit: Int = 20, cursor: String? = nil) async throws -> Page<Room> {
        let position = try cursor.map { text in
            guard let decoded = ActivityCursor(text: text) else {
                throw ChatError.invalid("/query/cursor", "The cursor is not one this API returned.")
            }
            return decoded
        }
        let stored = try await store.rooms(of: caller, after: position, limit: limit + 1)
        var items: [Room] = []
        for room in stored.prefix(limit) { items.append(try await view(room, for: caller)) }
        let next =
            stored.count > limit ? items.last.map { ActivityCursor(time: $0.lastActivityAt, id: $0.id).text } : nil
        return Page(items: items, nextCursor: next)
    }

    public func createRoom(
        by caller: String, name: String, members: [String], topic: String? = nil
    ) async throws
        -> (Room, [Delivery])
    {
        var problems: [ChatError.FieldError] = []
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 100 {
            problems.append(.init(pointer: "/body/name", message: "The name must have 1 to 100 characters."))
        }
        if members.isEmpty {
            problems.append(.init(pointer: "/body/members", message: "Name at least one other member."))
        }
        var seen: Set<String> = []
        for (index, member) in members.enumerated() {
            if member == caller {
                problems.append(
                    .init(pointer: "/body/members/\(index)", message: "Do not list yourself; you are the owner."))
            } else if !seen.insert(member).inserted {
                problems.append(.init(pointer: "/body/members/\(index)", message: "'\(member)' is listed twice."))
            } else if try await store.user(id: member) == nil {
                problems.append(.init(pointer: "/body/members/\(index)", message: "No user '\(member)'."))
            }
        }
        guard problems.isEmpty else { throw ChatError.validation(problems) }
        let time = now()
        let room = StoredRoom(
            id: ids.next(now: time), name: trimmed, topic: topic, ownerId: caller, members: [caller] + members,
            createdAt: time, lastActivityAt: time, lastMessage: nil)
        try await store.insertRoom(room)
        return (try await view(room, for: caller), [Delivery(.roomUpdated(roomId: room.id), to: room.members)])
    }

    public func room(_ roomId: String, for caller: String) async throws -> Room {
        try await view(try await memberRoom(roomId, caller), for: caller)
    }

    public func updateRoom(
        _ roomId: String, by caller: String, name: String?, topic: String??, addMembers: [String],
        removeMembers: [String]
    ) async throws -> (Room, [Delivery]) {
        var room = try await memberRoom(roomId, caller)
        let before = room.members
        if let name {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= 100 else {
                throw ChatError.invalid("/body/name", "The name must have 1 to 100 characters.")
            }
            room.name = trimmed
        }
        if let topic { room.topic = topic }
        for (index, member) in addMembers.enumerated() where !room.members.contains(member) {
            guard try await store.user(id: member) != nil else {
                throw ChatError.invalid("/body/addMembers/\(index)", "No user '\(member)'.")
            }
            room.members.append(member)
        }
        for member in removeMembers {
            if member == room.ownerId { throw ChatError.conflict("The owner cannot leave; delete the room instead.") }
            if member != caller && caller != room.ownerId {
                throw ChatError.forbidden("Only the owner can remove other members.")
            }
            room.members.removeAll { $0 == member }
        }
        room.lastActivityAt = max(room.lastActivityAt, now())
        try await store.updateRoom(room)
        let removed = before.filter { !room.members.contains($0) }
        var deliveries = [Delivery(.roomUpdated(roomId: room.id), to: room.members)]
        if !removed.isEmpty {
            deliveries.append(Delivery(.roomDeleted(roomId: room.id, reason: "removed"), to: removed))
        }
        return (try await view(room, for: caller), deliveries)
    }

    public func deleteRoom(_ roomId: String, by caller: String) async throws -> [Delivery] {
        let room = try await memberRoom(roomId, caller)
        guard room.ownerId == caller else { throw ChatError.forbidden("Only the room's owner can delete it.") }
        try await store.deleteRoom(id: roomId)
        return [Delivery(.roomDeleted(roomId: roomId, reason: "deleted"), to: room.members)]
    }

    /// The room as `userId` sees it, with their unread count.
    public func view(_ room: StoredRoom, for userId: String) async throws -> Room {
        let lastRead = try await store.lastRead(userId: userId, roomId: room.id)
        let unread = try await store.unreadCount(userId: userId, roomId: room.id, after: lastRead)
        return Room(
            id: room.id, name: room.name, topic: room.topic, ownerId: room.ownerId, members: room.members,
            createdAt: room.createdAt, lastActivityAt: room.lastActivityAt, lastMessage: room.lastMessage,
            unreadCount: unread)
    }

    public func markRead(_ roomId: String, messageId: String, by caller: String) async throws -> Room {
        let room = try await memberRoom(roomId, caller)
        guard try await store.message(roomId: roomId, id: messageId) != nil else {
            throw ChatError.notFound("No message '\(messageId)' in this room.")
        }
        try await store.setLastRead(userId: caller, roomId: roomId, messageId: messageId)
        return try await view(room, for: caller)
    }

    /// The room, if `caller` is a member; otherwise not found, so room ids cannot be probed.
    func memberRoom(_ roomId: String, _ caller: String) async throws -> StoredRoom {
        guard let room = try await store.room(id: roomId), room.members.contains(caller) else {
            throw ChatError.notFound("No room '\(roomId)'.")
        }
        return room
    }
}
