import Foundation

/// Who is online: a user is online while they have at least one open realtime connection.
public actor Presence {
    private var connections: [String: Int] = [:]
    private var lastSeen: [String: Date] = [:]

    public init() {}

    /// Counts a new connection; returns true when the user just came online.
    public func connect(_ userId: String, at date: Date = Date()) -> Bool {
        connections[userId, default: 0] += 1
        lastSeen[userId] = date
        return connections[userId] == 1
    }

    /// Counts a closed connection; returns true when the user just went offline.
    public func disconnect(_ userId: String, at date: Date = Date()) -> Bool {
        guard let count = connections[userId] else { return false }
        lastSeen[userId] = date
        if count <= 1 {
            connections[userId] = nil
            return true
        }
        connections[userId] = count - 1
        return false
    }

    public func isOnline(_ userId: String) -> Bool { connections[userId] != nil }

    /// The user with their current status and last-seen time.
    public func apply(to user: User) -> User {
        var copy = user
        copy.status = isOnline(user.id) ? .online : .offline
        if let seen = lastSeen[user.id] { copy.lastSeenAt = seen }
        return copy
    }
}
