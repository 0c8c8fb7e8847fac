import Foundation

/// Where the chat's data lives. Every query is one a DynamoDB single table can answer: messages
/// are keyed by room partition (`ROOM#{roomId}`) and time-ordered message id (`MSG#{messageId}`),
/// rooms per user come from a membership index ordered by activity, and a client id maps to at
/// most one message per author and room (a conditional put). `SQLiteChatStore` is the local one.
public protocol ChatStore: Sendable {
    func upsertUser(_ user: User) async throws
    func user(id: String) async throws -> User?
    func user(username: String) async throws -> User?
    /// Users ordered by username, after `cursor` (a username).
    func users(after cursor: String?, limit: Int) async throws -> [User]
    func setLastSeen(userId: String, at date: Date) async throws

    func insertRoom(_ room: StoredRoom) async throws
    func room(id: String) async throws -> StoredRoom?
    func updateRoom(_ room: StoredRoom) async throws
    /// Deletes the room, its members and its messages.
    func deleteRoom(id: String) async throws
    /// The user's rooms, most recent activity first, after `cursor` in that order.
    func rooms(of userId: String, after cursor: ActivityCursor?, limit: Int) async throws -> [StoredRoom]
    func lastRead(userId: String, roomId: String) async throws -> String?
    func setLastRead(userId: String, roomId: String, messageId: String) async throws
    /// Messages by others after `messageId` (all of them when nil).
    func unreadCount(userId: String, roomId: String, after messageId: String?) async throws -> Int

    /// Inserts the message unless its author already sent one with the same client id in the room;
    /// then returns that earlier message and inserts nothing. Updates the room's and thread's activity.
    func insertMessage(_ message: Message) async throws -> Message?
    func message(roomId: String, id: String) async throws -> Message?
    func updateMessage(_ message: Message) async throws
    /// Deletes the message, and with a thread root its replies.
    func deleteMessage(roomId: String, id: String) async throws
    /// Top-level messages, newest first: older than `before`, or newer than `after` (then the
    /// `limit` oldest of those), or the newest.
    func messages(roomId: String, before: String?, after: String?, limit: Int) async throws -> [Message]
    /// The last `limit` replies of a thread, oldest first, and whether there are earlier ones.
    func replies(roomId: String, threadId: String, last limit: Int) async throws -> (items: [Message], hasMore: Bool)
    /// The room's thread roots by latest reply, newest first.
    func threads(roomId: String, after cursor: ActivityCursor?, limit: Int) async throws -> [StoredThread]
}

/// A room as stored: the parts that are the same for every member.
public struct StoredRoom: Sendable, Equatable {
    public var id: String
    public var name: String
    public var topic: String?
    public var ownerId: String
    public var members: [String]
    public var createdAt: Date
    public var lastActivityAt: Date
    public var lastMessage: MessagePreview?
}

/// A thread root with its reply summary.
public struct StoredThread: Sendable, Equatable {
    public var root: Message
    public var lastMessageAt: Date
    public var lastReply: Message?
    public var participantIds: [String]
}

/// A position in a list ordered by activity time, then id: what a page's `nextCursor` encodes.
public struct ActivityCursor: Sendable, Equatable {
    public var time: Date
    public var id: String

    public init(time: Date, id: String) {
        self.time = time
        self.id = id
    }

    /// The opaque text clients pass back.
    public var text: String {
        Data("\(Int64(time.timeIntervalSince1970 * 1000)):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public init?(text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8),
            let colon = decoded.firstIndex(of: ":"), let milliseconds = Int64(decoded[..<colon])
        else { return nil }
        self.time = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        self.id = String(decoded[decoded.index(after: colon)...])
    }
}
