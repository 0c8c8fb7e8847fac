import Foundation
import Testing

@testable import ChatBackend

/// The chat rules over a real SQLite store (in memory, or a file where durability matters).
@Suite("Chat service")
struct ChatServiceTests {
    let service: ChatService

    init() async throws {
        service = ChatService(store: try SQLiteChatStore())
        for name in ["alice", "bob", "carol"] {
            _ = try await service.register(id: "u-\(name)", username: name, displayName: name.capitalized)
        }
    }

    func room(_ members: [String] = ["u-bob"], name: String = "General") async throws -> Room {
        try await service.createRoom(by: "u-alice", name: name, members: members).0
    }

    @Test func createRoomValidatesLikeTheSeeds() async throws {
        await #expect(
            throws: ChatError.validation([.init(pointer: "/body/members", message: "Name at least one other member.")])
        ) {
            _ = try await service.createRoom(by: "u-alice", name: "x", members: [])
        }
        await #expect(
            throws: ChatError.validation([
                .init(pointer: "/body/name", message: "The name must have 1 to 100 characters."),
                .init(pointer: "/body/members/1", message: "'u-bob' is listed twice."),
                .init(pointer: "/body/members/2", message: "Do not list yourself; you are the owner."),
                .init(pointer: "/body/members/3", message: "No user 'u-nobody'."),
            ])
        ) {
            _ = try await service.createRoom(
                by: "u-alice", name: "  ", members: ["u-bob", "u-bob", "u-alice", "u-nobody"])
        }
        let (room, deliveries) = try await service.createRoom(by: "u-alice", name: " Team ", members: ["u-bob"])
        #expect(room.name == "Team")
        #expect(room.members == ["u-alice", "u-bob"])
        #expect(room.ownerId == "u-alice")
        #expect(deliveries == [Delivery(.roomUpdated(roomId: room.id), to: ["u-alice", "u-bob"])])
        #expect(TimeOrderedID.isValid(room.id))
    }

    @Test func roomsAreHiddenFromNonMembers() async throws {
        let room = try await room()
        await #expect(throws: ChatError.notFound("No room '\(room.id)'.")) {
            _ = try await service.room(room.id, for: "u-carol")
        }
        #expect(try await service.room(room.id, for: "u-bob").name == "General")
    }

    @Test func sendIsIdempotentByClientId() async throws {
        let room = try await room()
        let (first, created, events) = try await service.send(to: room.id, by: "u-alice", clientId: "c-1", text: "hi")
        #expect(created)
        #expect(events == [Delivery(.messageCreated(first), to: ["u-alice", "u-bob"])])
        let (again, createdAgain, eventsAgain) = try await service.send(
            to: room.id, by: "u-alice", clientId: "c-1", text: "hi")
        #expect(!createdAgain)
        #expect(again == first)
        #expect(eventsAgain.isEmpty)
        await #expect(throws: ChatError.conflict("Client id 'c-1' was already used for a different message.")) {
            _ = try await service.send(to: room.id, by: "u-alice", clientId: "c-1", text: "other")
        }
        // Another author may use the same client id.
        #expect(try await service.send(to: room.id, by: "u-bob", clientId: "c-1", text: "yo").created)
    }

    @Test func historyPagesNewestFirst() async throws {
        let room = try await room()
        var sent: [Message] = []
        for index in 0..<25 {
            sent.append(try await service.send(to: room.id, by: "u-alice", clientId: "c\(index)", text: "m\(index)").0)
        }
        let first = try await service.messages(in: room.id, for: "u-bob", limit: 10)
        #expect(first.items.map(\.text) == (15..<25).reversed().map { "m\($0)" })
        let second = try await service.messages(in: room.id, for: "u-bob", limit: 10, before: first.nextCursor)
        #expect(second.items.map(\.text) == (5..<15).reversed().map { "m\($0)" })
        let third = try await service.messages(in: room.id, for: "u-bob", limit: 10, before: second.nextCursor)
        #expect(third.items.map(\.text) == (0..<5).reversed().map { "m\($0)" })
        #expect(third.nextCursor == nil)
        let newer = try await service.messages(in: room.id, for: "u-bob", limit: 3, after: sent[20].id)
        #expect(newer.items.map(\.text) == ["m23", "m22", "m21"])
        await #expect(throws: ChatError.invalid("/query", "Give 'before' or 'after', not both.")) {
            _ = try await service.messages(in: room.id, for: "u-bob", before: sent[1].id, after: sent[0].id)
        }
    }

    @Test func editAndDeleteOwnMessagesOnly() async throws {
        let room = try await room()
        let message = try await service.send(to: room.id, by: "u-alice", clientId: "c", text: "hello").0
        await #expect(throws: ChatError.forbidden("You can only edit your own messages.")) {
            _ = try await service.edit(message.id, in: room.id, by: "u-bob", text: "hacked")
        }
        let (edited, events) = try await service.edit(message.id, in: room.id, by: "u-alice", text: "hello!")
        #expect(edited.text == "hello!")
        #expect(edited.editedAt != nil)
        #expect(events == [Delivery(.messageUpdated(edited), to: ["u-alice", "u-bob"])])
        await #expect(throws: ChatError.notFound("No message 'nope' in this room.")) {
            _ = try await service.delete("nope", in: room.id, by: "u-alice")
        }
        await #expect(throws: ChatError.forbidden("You can only delete your own messages.")) {
            _ = try await service.delete(message.id, in: room.id, by: "u-bob")
        }
        let deleted = try await service.delete(message.id, in: room.id, by: "u-alice")
        #expect(
            deleted == [
                Delivery(
                    .messageDeleted(roomId: room.id, messageId: message.id, threadId: nil), to: ["u-alice", "u-bob"])
            ])
        #expect(try await service.messages(in: room.id, for: "u-alice").items.isEmpty)
    }

    @Test func threadsByLatestActivity() async throws {
        let room = try await room(["u-bob", "u-carol"])
        let a = try await service.send(to: room.id, by: "u-alice", clientId: "a", text: "topic A").0
        let b = try await service.send(to: room.id, by: "u-bob", clientId: "b", text: "topic B").0
        for index in 0..<12 {
            _ = try await service.send(
                to: room.id, by: index % 2 == 0 ? "u-bob" : "u-carol", clientId: "ra\(index)",
                text: "reply \(index)", threadId: a.id)
        }
        _ = try await service.send(to: room.id, by: "u-alice", clientId: "rb", text: "on B", threadId: b.id)
        let threads = try await service.threads(in: room.id, for: "u-carol")
        #expect(threads.items.map(\.id) == [b.id, a.id])
        #expect(threads.items[1].replyCount == 12)
        #expect(threads.items[1].participantIds == ["u-alice", "u-bob", "u-carol"])
        let last = try await service.threadMessages(a.id, in: room.id, for: "u-bob", last: 10)
        #expect(last.root.id == a.id)
        #expect(last.items.map(\.text) == (2..<12).map { "reply \($0)" })
        #expect(last.hasMore)
        // Replies stay out of the room's timeline.
        #expect(try await service.messages(in: room.id, for: "u-bob").items.map(\.text) == ["topic B", "topic A"])
        await #expect(throws: ChatError.invalid("/body/threadId", "A reply cannot start a thread; reply to the root."))
        {
            _ = try await service.send(
                to: room.id, by: "u-bob", clientId: "x", text: "nested", threadId: last.items[0].id)
        }
    }

    @Test func roomsListByActivityWithUnreadCounts() async throws {
        let quiet = try await room(name: "Quiet")
        let busy = try await room(name: "Busy")
        let message = try await service.send(to: busy.id, by: "u-alice", clientId: "1", text: "one").0
        _ = try await service.send(to: busy.id, by: "u-alice", clientId: "2", text: "two")
        let page = try await service.rooms(for: "u-bob", limit: 1)
        #expect(page.items.map(\.name) == ["Busy"])
        #expect(page.items[0].unreadCount == 2)
        #expect(page.items[0].lastMessage?.text == "two")
        let rest = try await service.rooms(for: "u-bob", limit: 1, cursor: page.nextCursor)
        #expect(rest.items.map(\.id) == [quiet.id])
        #expect(try await service.markRead(busy.id, messageId: message.id, by: "u-bob").unreadCount == 1)
        #expect(try await service.rooms(for: "u-alice").items.map(\.unreadCount) == [0, 0])
    }

    @Test func ownerRulesForUpdateAndDelete() async throws {
        let room = try await room(["u-bob"])
        let (renamed, _) = try await service.updateRoom(
            room.id, by: "u-bob", name: "Renamed", topic: .some("t"), addMembers: ["u-carol"], removeMembers: [])
        #expect(renamed.name == "Renamed")
        #expect(renamed.members == ["u-alice", "u-bob", "u-carol"])
        await #expect(throws: ChatError.forbidden("Only the owner can remove other members.")) {
            _ = try await service.updateRoom(
                room.id, by: "u-bob", name: nil, topic: nil, addMembers: [], removeMembers: ["u-carol"])
        }
        let (_, removal) = try await service.updateRoom(
            room.id, by: "u-alice", name: nil, topic: nil, addMembers: [], removeMembers: ["u-carol"])
        #expect(removal.contains(Delivery(.roomDeleted(roomId: room.id, reason: "removed"), to: ["u-carol"])))
        await #expect(throws: ChatError.forbidden("Only the room's owner can delete it.")) {
            _ = try await service.deleteRoom(room.id, by: "u-bob")
        }
        #expect(
            try await service.deleteRoom(room.id, by: "u-alice") == [
                Delivery(.roomDeleted(roomId: room.id, reason: "deleted"), to: ["u-alice", "u-bob"])
            ])
        await #expect(throws: ChatError.notFound("No room '\(room.id)'.")) {
            _ = try await service.room(room.id, for: "u-alice")
        }
    }

    @Test func dataSurvivesReopeningTheFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chat-\(UUID()).sqlite").path
        let first = ChatService(store: try SQLiteChatStore(path: path))
        _ = try await first.register(id: "u-a", username: "a", displayName: "A")
        _ = try await first.register(id: "u-b", username: "b", displayName: "B")
        let room = try await first.createRoom(by: "u-a", name: "R", members: ["u-b"]).0
        let sent = try await first.send(to: room.id, by: "u-a", clientId: "c", text: "kept").0
        let reopened = ChatService(store: try SQLiteChatStore(path: path))
        #expect(try await reopened.messages(in: room.id, for: "u-b").items == [sent])
    }

    @Test func idsAreTimeOrderedAndMonotonic() {
        let generator = TimeOrderedID()
        let now = Date()
        let ids = (0..<1000).map { _ in generator.next(now: now) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        #expect(generator.next(now: now.addingTimeInterval(1)) > ids.last!)
        #expect(TimeOrderedID.encode(time: 0, high: 0, low: 0) == "00000000000000000000000000")
        #expect(TimeOrderedID.encode(time: 1_469_918_176_385, high: 0, low: 0).hasPrefix("01ARYZ6S41"))
    }
}
