import Foundation

extension ChatService {
    /// Sends a message. A retry with the same `clientId` (same author, same room) returns the
    /// first message with `created == false` and no events; a different text under a used client
    /// id is a conflict.
    public func send(
        to roomId: String, by caller: String, clientId: String, text: String, threadId: String? = nil
    ) async throws -> (message: Message, created: Bool, events: [Delivery]) {
        let room = try await memberRoom(roomId, caller)
        try Self.checkText(text)
        if let threadId {
            guard let root = try await store.message(roomId: roomId, id: threadId) else {
                throw ChatError.invalid("/body/threadId", "No message '\(threadId)' in this room to reply to.")
            }
            guard root.threadId == nil else {
                throw ChatError.invalid("/body/threadId", "A reply cannot start a thread; reply to the root.")
            }
        }
        let time = now()
        let message = Message(
            id: ids.next(now: time), roomId: roomId, clientId: clientId, authorId: caller, text: text,
            threadId: threadId, replyCount: 0, createdAt: time, editedAt: nil)
        if let earlier = try await store.insertMessage(message) {
            guard earlier.text == text, earlier.threadId == threadId else {
                throw ChatError.conflict("Client id '\(clientId)' was already used for a different message.")
            }
            return (earlier, false, [])
        }
        var events = [Delivery(.messageCreated(message), to: room.members)]
        if threadId != nil, let root = try await store.message(roomId: roomId, id: threadId!) {
            events.append(Delivery(.messageUpdated(root), to: room.members))  // its reply count changed
        }
        return (message, true, events)
    }

    /// A page of the room's top-level messages, newest first. `before` pages back (pass the
    /// previous page's `nextCursor`), `after` fetches what is newer than a message (catch-up).
    public func messages(
        in roomId: String, for caller: String, limit: Int = 50, before: String? = nil, after: String? = nil
    ) async throws -> Page<Message> {
        _ = try await memberRoom(roomId, caller)
        if before != nil && after != nil { throw ChatError.invalid("/query", "Give 'before' or 'after', not both.") }
        let items = try await store.messages(roomId: roomId, before: before, after: after, limit: limit + 1)
        let page = after == nil ? Array(items.prefix(limit)) : Array(items.suffix(limit))
        let hasMore = items.count > limit
        // Paging back, the cursor is the oldest id (pass it as `before`); forward, the newest (as `after`).
        return Page(items: page, nextCursor: hasMore ? (after == nil ? page.last?.id : page.first?.id) : nil)
    }

    public func message(_ messageId: String, in roomId: String, for caller: String) async throws -> Message {
        _ = try await memberRoom(roomId, caller)
        return try await existing(messageId, in: roomId)
    }

    public func edit(
        _ messageId: String, in roomId: String, by caller: String, text: String
    ) async throws
        -> (Message, [Delivery])
    {
        let room = try await memberRoom(roomId, caller)
        var message = try await existing(messageId, in: roomId)
        guard message.authorId == caller else { throw ChatError.forbidden("You can only edit your own messages.") }
        try Self.checkText(text)
        message.text = text
        message.editedAt = now()
        try await store.updateMessage(message)
        return (message, [Delivery(.messageUpdated(message), to: room.members)])
    }

    public func delete(_ messageId: String, in roomId: String, by caller: String) async throws -> [Delivery] {
        let room = try await memberRoom(roomId, caller)
        let message = try await existing(messageId, in: roomId)
        guard message.authorId == caller else { throw ChatError.forbidden("You can only delete your own messages.") }
        try await store.deleteMessage(roomId: roomId, id: messageId)
        return [
            Delivery(
                .messageDeleted(roomId: roomId, messageId: messageId, threadId: message.threadId), to: room.members)
        ]
    }

    /// The room's threads, most recent reply first.
    public func threads(
        in roomId: String, for caller: String, limit: Int = 20, cursor: String? = nil
    ) async throws
        -> Page<ChatThread>
    {
        _ = try await memberRoom(roomId, caller)
        let position = try cursor.map { text in
            guard let decoded = ActivityCursor(text: text) else {
                throw ChatError.invalid("/query/cursor", "The cursor is not one this API returned.")
            }
            return decoded
        }
        let stored = try await store.threads(roomId: roomId, after: position, limit: limit + 1)
        let items = stored.prefix(limit).map { thread in
            ChatThread(
                id: thread.root.id, roomId: roomId, root: thread.root.preview, replyCount: thread.root.replyCount,
                participantIds: thread.participantIds, lastMessageAt: thread.lastMessageAt,
                lastReply: thread.lastReply?.preview)
        }
        let next =
            stored.count > limit ? items.last.map { ActivityCursor(time: $0.lastMessageAt, id: $0.id).text } : nil
        return Page(items: items, nextCursor: next)
    }

    /// A thread's root and its last `last` replies, oldest first.
    public func threadMessages(
        _ threadId: String, in roomId: String, for caller: String, last: Int = 10
    ) async throws
        -> ThreadMessages
    {
        _ = try await memberRoom(roomId, caller)
        let root = try await existing(threadId, in: roomId)
        guard root.threadId == nil else { throw ChatError.notFound("No thread '\(threadId)' in this room.") }
        let (items, hasMore) = try await store.replies(roomId: roomId, threadId: threadId, last: last)
        return ThreadMessages(roomId: roomId, threadId: threadId, root: root, items: items, hasMore: hasMore)
    }

    private func existing(_ messageId: String, in roomId: String) async throws -> Message {
        guard let message = try await store.message(roomId: roomId, id: messageId) else {
            throw ChatError.notFound("No message '\(messageId)' in this room.")
        }
        return message
    }

    static func checkText(_ text: String) throws {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, text.count <= 4000 else {
            throw ChatError.invalid("/body/text", "The text must have 1 to 4000 characters, not only spaces.")
        }
    }
}
