import Foundation
import GRDB

/// The local `ChatStore`: one SQLite file in WAL mode (or an in-memory database), with versioned
/// migrations. Message rows keep the production key shape: `pk = ROOM#{roomId}`, `sk = MSG#{id}`.
public final class SQLiteChatStore: ChatStore {
    private let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        // In WAL mode, NORMAL survives a crash or `kill -9` of the process (the WAL is in the OS
        // before a commit returns); only a power cut can lose the last commits. FULL would fsync
        // every message, for a local dev server.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        writer = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(writer)
    }

    /// A throwaway in-memory database.
    public init() throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        writer = try DatabaseQueue(configuration: configuration)
        try Self.migrator.migrate(writer)
    }

    /// Writes the WAL back into the main file; called at shutdown.
    public func checkpoint() throws {
        if let pool = writer as? DatabasePool { _ = try pool.writeWithoutTransaction { try $0.checkpoint(.truncate) } }
    }

    // MARK: Users

    public func upsertUser(_ user: User) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO users (id, username, display_name, last_seen_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name
                    """,
                arguments: [user.id, user.username, user.displayName, user.lastSeenAt.map(Self.milliseconds)])
        }
    }

    public func user(id: String) async throws -> User? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(Self.user)
        }
    }

    public func user(username: String) async throws -> User? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE username = ?", arguments: [username]).map(Self.user)
        }
    }

    public func users(after cursor: String?, limit: Int) async throws -> [User] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM users WHERE username > ? ORDER BY username LIMIT ?",
                arguments: [cursor ?? "", limit]
            ).map(Self.user)
        }
    }

    public func setLastSeen(userId: String, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE users SET last_seen_at = ? WHERE id = ?", arguments: [Self.milliseconds(date), userId])
        }
    }

    // MARK: Rooms

    public func insertRoom(_ room: StoredRoom) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO rooms (id, name, topic, owner_id, created_at, last_activity_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    room.id, room.name, room.topic, room.ownerId, Self.milliseconds(room.createdAt),
                    Self.milliseconds(room.lastActivityAt),
                ])
            try Self.setMembers(room.members, of: room.id, in: db)
        }
    }

    public func room(id: String) async throws -> StoredRoom? {
        try await writer.read { db in try Self.room(id: id, in: db) }
    }

    public func updateRoom(_ room: StoredRoom) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE rooms SET name = ?, topic = ?, last_activity_at = ? WHERE id = ?",
                arguments: [room.name, room.topic, Self.milliseconds(room.lastActivityAt), room.id])
            try Self.setMembers(room.members, of: room.id, in: db)
        }
    }

    public func deleteRoom(id: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM messages WHERE pk = ?", arguments: ["ROOM#" + id])
            try db.execute(sql: "DELETE FROM rooms WHERE id = ?", arguments: [id])
        }
    }

    public func rooms(of userId: String, after cursor: ActivityCursor?, limit: Int) async throws -> [StoredRoom] {
        try await writer.read { db in
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT r.id FROM rooms r JOIN members m ON m.room_id = r.id
                    WHERE m.user_id = ? AND (r.last_activity_at < ? OR (r.last_activity_at = ? AND r.id < ?))
                    ORDER BY r.last_activity_at DESC, r.id DESC LIMIT ?
                    """,
                arguments: [
                    userId, cursor.map { Self.milliseconds($0.time) } ?? Int64.max,
                    cursor.map { Self.milliseconds($0.time) } ?? Int64.max, cursor?.id ?? "", limit,
                ])
            return try ids.compactMap { try Self.room(id: $0, in: db) }
        }
    }

    public func lastRead(userId: String, roomId: String) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT last_read_id FROM members WHERE room_id = ? AND user_id = ?",
                arguments: [roomId, userId])
        }
    }

    public func setLastRead(userId: String, roomId: String, messageId: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE members SET last_read_id = ? WHERE room_id = ? AND user_id = ?
                    AND (last_read_id IS NULL OR last_read_id < ?)
                    """,
                arguments: [messageId, roomId, userId, messageId])
        }
    }

    public func unreadCount(userId: String, roomId: String, after messageId: String?) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM messages WHERE pk = ? AND sk > ? AND author_id <> ?",
                arguments: ["ROOM#" + roomId, "MSG#" + (messageId ?? ""), userId]) ?? 0
        }
    }

    // MARK: Messages

    public func insertMessage(_ message: Message) async throws -> Message? {
        try await writer.write { db in
            if let existing = try Row.fetchOne(
                db, sql: "SELECT * FROM messages WHERE room_id = ? AND author_id = ? AND client_id = ?",
                arguments: [message.roomId, message.authorId, message.clientId])
            {
                return Self.message(existing)
            }
            let created = Self.milliseconds(message.createdAt)
            try db.execute(
                sql: """
                    INSERT INTO messages (pk, sk, room_id, id, client_id, author_id, text, thread_id,
                                          reply_count, created_at, edited_at, thread_last_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, NULL, NULL)
                    """,
                arguments: [
                    "ROOM#" + message.roomId, "MSG#" + message.id, message.roomId, message.id, message.clientId,
                    message.authorId, message.text, message.threadId, created,
                ])
            if let threadId = message.threadId {
                try db.execute(
                    sql: """
                        UPDATE messages SET reply_count = reply_count + 1, thread_last_at = ?, last_reply_id = ?
                        WHERE pk = ? AND sk = ?
                        """,
                    arguments: [created, message.id, "ROOM#" + message.roomId, "MSG#" + threadId])
            }
            try db.execute(
                sql: "UPDATE rooms SET last_activity_at = MAX(last_activity_at, ?), last_message_id = ? WHERE id = ?",
                arguments: [created, message.id, message.roomId])
            return nil
        }
    }

    public func message(roomId: String, id: String) async throws -> Message? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM messages WHERE pk = ? AND sk = ?", arguments: ["ROOM#" + roomId, "MSG#" + id]
            ).map(Self.message)
        }
    }

    public func updateMessage(_ message: Message) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE messages SET text = ?, edited_at = ? WHERE pk = ? AND sk = ?",
                arguments: [
                    message.text, message.editedAt.map(Self.milliseconds), "ROOM#" + message.roomId,
                    "MSG#" + message.id,
                ])
        }
    }

    public func deleteMessage(roomId: String, id: String) async throws {
        try await writer.write { db in
            let pk = "ROOM#" + roomId
            let threadId = try String.fetchOne(
                db, sql: "SELECT thread_id FROM messages WHERE pk = ? AND sk = ?", arguments: [pk, "MSG#" + id])
            try db.execute(
                sql: "DELETE FROM messages WHERE pk = ? AND (sk = ? OR thread_id = ?)",
                arguments: [pk, "MSG#" + id, id])
            if let threadId {
                // Recount the thread the reply belonged to.
                try db.execute(
                    sql: """
                        UPDATE messages SET
                          reply_count = (SELECT COUNT(*) FROM messages WHERE pk = ?1 AND thread_id = ?2),
                          last_reply_id = (SELECT MAX(id) FROM messages WHERE pk = ?1 AND thread_id = ?2),
                          thread_last_at = (SELECT MAX(created_at) FROM messages WHERE pk = ?1 AND thread_id = ?2)
                        WHERE pk = ?1 AND sk = 'MSG#' || ?2
                        """,
                    arguments: [pk, threadId])
            }
            try db.execute(
                sql: "UPDATE rooms SET last_message_id = (SELECT MAX(id) FROM messages WHERE pk = ?) WHERE id = ?",
                arguments: [pk, roomId])
        }
    }

    public func messages(roomId: String, before: String?, after: String?, limit: Int) async throws -> [Message] {
        try await writer.read { db in
            let pk = "ROOM#" + roomId
            if let after {
                let rows = try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM messages WHERE pk = ? AND sk > ? AND thread_id IS NULL ORDER BY sk ASC LIMIT ?",
                    arguments: [pk, "MSG#" + after, limit])
                return rows.map(Self.message).reversed()
            }
            return try Row.fetchAll(
                db,
                sql: "SELECT * FROM messages WHERE pk = ? AND sk < ? AND thread_id IS NULL ORDER BY sk DESC LIMIT ?",
                arguments: [pk, before.map { "MSG#" + $0 } ?? "MSG#~", limit]
            ).map(Self.message)
        }
    }

    public func replies(
        roomId: String, threadId: String, last limit: Int
    ) async throws -> (
        items: [Message], hasMore: Bool
    ) {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM messages WHERE pk = ? AND thread_id = ? ORDER BY sk DESC LIMIT ?",
                arguments: ["ROOM#" + roomId, threadId, limit + 1])
            return (rows.prefix(limit).map(Self.message).reversed(), rows.count > limit)
        }
    }

    public func threads(roomId: String, after cursor: ActivityCursor?, limit: Int) async throws -> [StoredThread] {
        try await writer.read { db in
            let after = cursor.map { Self.milliseconds($0.time) } ?? Int64.max
            let roots = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM messages WHERE pk = ? AND reply_count > 0
                    AND (thread_last_at < ? OR (thread_last_at = ? AND id < ?))
                    ORDER BY thread_last_at DESC, id DESC LIMIT ?
                    """,
                arguments: ["ROOM#" + roomId, after, after, cursor?.id ?? "~", limit])
            return try roots.map { row in
                let root = Self.message(row)
                let lastReply: Message? = try (row["last_reply_id"] as String?).flatMap { id in
                    try Row.fetchOne(
                        db, sql: "SELECT * FROM messages WHERE pk = ? AND sk = ?",
                        arguments: ["ROOM#" + roomId, "MSG#" + id]
                    ).map(Self.message)
                }
                let participants = try String.fetchAll(
                    db,
                    sql: """
                        SELECT author_id FROM messages WHERE pk = ? AND (sk = ? OR thread_id = ?)
                        GROUP BY author_id ORDER BY MIN(sk)
                        """,
                    arguments: ["ROOM#" + roomId, "MSG#" + root.id, root.id])
                let lastAt = (row["thread_last_at"] as Int64?).map(Self.date) ?? root.createdAt
                return StoredThread(
                    root: root, lastMessageAt: lastAt, lastReply: lastReply, participantIds: participants)
            }
        }
    }
}
