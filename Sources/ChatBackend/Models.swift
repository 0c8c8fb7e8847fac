import Foundation

/// A chat user, as `GET /me` and `GET /users` return it.
public struct User: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case online, offline }

    public var id: String
    public var username: String
    public var displayName: String
    public var status: Status
    public var lastSeenAt: Date?

    public init(id: String, username: String, displayName: String, status: Status = .offline, lastSeenAt: Date? = nil) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.status = status
        self.lastSeenAt = lastSeenAt
    }

    enum CodingKeys: String, CodingKey { case id, username, displayName, status, lastSeenAt }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(username, forKey: .username)
        try container.encode(displayName, forKey: .displayName)
        try container.encode(status, forKey: .status)
        try container.encode(lastSeenAt, forKey: .lastSeenAt)  // required and nullable in the contract
    }
}

/// A room (conversation, channel, group) as one member sees it: `unreadCount` is theirs.
public struct Room: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var topic: String?
    public var ownerId: String
    public var members: [String]
    public var createdAt: Date
    public var lastActivityAt: Date
    public var lastMessage: MessagePreview?
    public var unreadCount: Int

    enum CodingKeys: String, CodingKey {
        case id, name, topic, ownerId, members, createdAt, lastActivityAt, lastMessage, unreadCount
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(topic, forKey: .topic)  // required and nullable in the contract
        try container.encode(ownerId, forKey: .ownerId)
        try container.encode(members, forKey: .members)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(lastActivityAt, forKey: .lastActivityAt)
        try container.encodeIfPresent(lastMessage, forKey: .lastMessage)
        try container.encode(unreadCount, forKey: .unreadCount)
    }
}

/// A message. `threadId` is the id of the thread's root for replies, nil for top-level messages.
public struct Message: Codable, Sendable, Equatable {
    public var id: String
    public var roomId: String
    public var clientId: String
    public var authorId: String
    public var text: String
    public var threadId: String?
    public var replyCount: Int
    public var createdAt: Date
    public var editedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, roomId, clientId, authorId, text, threadId, replyCount, createdAt, editedAt
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(roomId, forKey: .roomId)
        try container.encode(clientId, forKey: .clientId)
        try container.encode(authorId, forKey: .authorId)
        try container.encode(text, forKey: .text)
        try container.encode(threadId, forKey: .threadId)
        try container.encode(replyCount, forKey: .replyCount)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(editedAt, forKey: .editedAt)
    }

    public var preview: MessagePreview {
        MessagePreview(id: id, authorId: authorId, text: text, threadId: threadId, createdAt: createdAt)
    }
}

/// The short form of a message shown in room lists and thread summaries.
public struct MessagePreview: Codable, Sendable, Equatable {
    public var id: String
    public var authorId: String
    public var text: String
    public var threadId: String?
    public var createdAt: Date

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(authorId, forKey: .authorId)
        try container.encode(text, forKey: .text)
        try container.encode(threadId, forKey: .threadId)
        try container.encode(createdAt, forKey: .createdAt)
    }

    enum CodingKeys: String, CodingKey { case id, authorId, text, threadId, createdAt }
}

/// A thread: a root message and its replies, listed by latest activity.
public struct ChatThread: Codable, Sendable, Equatable {
    public var id: String
    public var roomId: String
    public var root: MessagePreview
    public var replyCount: Int
    public var participantIds: [String]
    public var lastMessageAt: Date
    public var lastReply: MessagePreview?

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(roomId, forKey: .roomId)
        try container.encode(root, forKey: .root)
        try container.encode(replyCount, forKey: .replyCount)
        try container.encode(participantIds, forKey: .participantIds)
        try container.encode(lastMessageAt, forKey: .lastMessageAt)
        try container.encode(lastReply, forKey: .lastReply)
    }

    enum CodingKeys: String, CodingKey { case id, roomId, root, replyCount, participantIds, lastMessageAt, lastReply }
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
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor }
}
