import Foundation

/// A chat user, as `GET /me` and `GET /users` return it.
public struct User: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case online, offline }

    public var id: String
    public var username: String
    public var displayName: String
    public var status: Status
    @ExplicitNull public var lastSeenAt: Date?

    public init(id: String, username: String, displayName: String, status: Status = .offline, lastSeenAt: Date? = nil) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.status = status
        self.lastSeenAt = lastSeenAt
    }
}

/// A room (conversation, channel, group) as one member sees it: `unreadCount` is theirs.
public struct Room: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    @ExplicitNull public var topic: String?
    public var ownerId: String
    public var members: [String]
    public var createdAt: Date
    public var lastActivityAt: Date
    /// Left out while the room has no messages.
    public var lastMessage: MessagePreview?
    public var unreadCount: Int
}

/// A message. `threadId` is the id of the thread's root for replies, nil for top-level messages.
public struct Message: Codable, Sendable, Equatable {
    public var id: String
    public var roomId: String
    public var clientId: String
    public var authorId: String
    public var text: String
    @ExplicitNull public var threadId: String?
    public var replyCount: Int
    public var createdAt: Date
    @ExplicitNull public var editedAt: Date?

    public var preview: MessagePreview {
        MessagePreview(id: id, authorId: authorId, text: text, threadId: threadId, createdAt: createdAt)
    }
}

/// The short form of a message shown in room lists and thread summaries.
public struct MessagePreview: Codable, Sendable, Equatable {
    public var id: String
    public var authorId: String
    public var text: String
    @ExplicitNull public var threadId: String?
    public var createdAt: Date
}

/// A thread: a root message and its replies, listed by latest activity.
public struct ChatThread: Codable, Sendable, Equatable {
    public var id: String
    public var roomId: String
    public var root: MessagePreview
    public var replyCount: Int
    public var participantIds: [String]
    public var lastMessageAt: Date
    @ExplicitNull public var lastReply: MessagePreview?
}

/// The root of a thread and its last replies, oldest first.
public struct ThreadMessages: Codable, Sendable, Equatable {
    public var roomId: String
    public var threadId: String
    public var root: Message
    public var items: [Message]
    public var hasMore: Bool
}

/// One page of a cursor-paginated list; `nextCursor` is nil on the last page.
public struct Page<Item: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var items: [Item]
    @ExplicitNull public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
