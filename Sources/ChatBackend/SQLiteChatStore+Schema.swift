import Foundation
import GRDB

extension SQLiteChatStore {
    /// The schema, one migration per version; never edit a shipped migration, add the next one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE users (
                      id TEXT PRIMARY KEY,
                      username TEXT NOT NULL UNIQUE,
                      display_name TEXT NOT NULL,
                      last_seen_at INTEGER
                    );
                    CREATE TABLE rooms (
                      id TEXT PRIMARY KEY,
                      name TEXT NOT NULL,
                      topic TEXT,
                      owner_id TEXT NOT NULL,
                      created_at INTEGER NOT NULL,
                      last_activity_at INTEGER NOT NULL,
                      last_message_id TEXT
                    );
                    CREATE TABLE members (
                      room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                      user_id TEXT NOT NULL,
                      position INTEGER NOT NULL,
                      last_read_id TEXT,
                      PRIMARY KEY (room_id, user_id)
                    );
                    CREATE INDEX members_by_user ON members(user_id);
                    -- The production single-table shape: partition ROOM#{roomId}, sort MSG#{ulid}.
                    CREATE TABLE messages (
                      pk TEXT NOT NULL,
                      sk TEXT NOT NULL,
                      room_id TEXT NOT NULL,
                      id TEXT NOT NULL,
                      client_id TEXT NOT NULL,
                      author_id TEXT NOT NULL,
                      text TEXT NOT NULL,
                      thread_id TEXT,
                      reply_count INTEGER NOT NULL DEFAULT 0,
                      created_at INTEGER NOT NULL,
                      edited_at INTEGER,
                      thread_last_at INTEGER,
                      last_reply_id TEXT,
                      PRIMARY KEY (pk, sk)
                    ) WITHOUT ROWID;
                    CREATE UNIQUE INDEX messages_by_client ON messages(room_id, author_id, client_id);
                    CREATE INDEX messages_by_thread ON messages(pk, thread_id, sk);
                    CREATE INDEX threads_by_activity ON messages(pk, thread_last_at) WHERE reply_count > 0;
                    """)
        }
        return migrator
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    static func user(_ row: Row) -> User {
        User(
            id: row["id"], username: row["username"], displayName: row["display_name"],
            lastSeenAt: (row["last_seen_at"] as Int64?).map(date))
    }

    static func message(_ row: Row) -> Message {
        Message(
            id: row["id"], roomId: row["room_id"], clientId: row["client_id"], authorId: row["author_id"],
            text: row["text"], threadId: row["thread_id"], replyCount: row["reply_count"],
            createdAt: date(row["created_at"]), editedAt: (row["edited_at"] as Int64?).map(date))
    }

    static func room(id: String, in db: Database) throws -> StoredRoom? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM rooms WHERE id = ?", arguments: [id]) else {
            return nil
        }
        let members = try String.fetchAll(
            db, sql: "SELECT user_id FROM members WHERE room_id = ? ORDER BY position", arguments: [id])
        let last = try (row["last_message_id"] as String?).flatMap { messageId in
            try Row.fetchOne(
                db, sql: "SELECT * FROM messages WHERE pk = ? AND sk = ?",
                arguments: ["ROOM#" + id, "MSG#" + messageId])
        }.map(message)
        return StoredRoom(
            id: id, name: row["name"], topic: row["topic"], ownerId: row["owner_id"], members: members,
            createdAt: date(row["created_at"]), lastActivityAt: date(row["last_activity_at"]),
            lastMessage: last?.preview)
    }

    static func setMembers(_ members: [String], of roomId: String, in db: Database) throws {
        let placeholders = members.map { _ in "?" }.joined(separator: ",")
        try db.execute(
            sql:
                "DELETE FROM members WHERE room_id = ? AND user_id NOT IN (\(placeholders.isEmpty ? "''" : placeholders))",
            arguments: StatementArguments([roomId] + members))
        for (position, member) in members.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO members (room_id, user_id, position) VALUES (?, ?, ?)
                    ON CONFLICT(room_id, user_id) DO UPDATE SET position = excluded.position
                    """,
                arguments: [roomId, member, position])
        }
    }
}
