import APISpec
import ChatBackend
import Foundation
import OpenAPIKit

/// Handles client frames, `{"action": …, "data": …}`: checks `data` against the action's schema
/// from `x-chatsite-realtime`, runs it, and answers with events (or an `error` event).
struct RealtimeActions: Sendable {
    let service: ChatService
    let hub: RealtimeHub
    let sequencer: EventSequencer
    let schemas: [String: JSONSchema]
    let validator: SchemaValidator

    init(spec: LoadedSpec, service: ChatService, hub: RealtimeHub, sequencer: EventSequencer) {
        self.service = service
        self.hub = hub
        self.sequencer = sequencer
        let components = spec.document?.components ?? .noComponents
        var schemas: [String: JSONSchema] = [:]
        for action in spec.realtime?.actions ?? [] {
            schemas[action.name] = components.schemas[.init(stringLiteral: action.schemaName)]
        }
        self.schemas = schemas
        validator = SchemaValidator(components: components)
    }

    /// Handles one text frame from `connection`.
    func handle(_ text: String, from connection: RealtimeConnection) async {
        let requestId = RequestMiddleware<ChatRequestContext>.newID()
        var action: String?
        do {
            let frame = try Self.parse(text)
            action = frame.action
            guard let schema = schemas[frame.action] else {
                let known = schemas.keys.sorted().joined(separator: ", ")
                throw APIError.validation([.init(pointer: "/action", message: "Unknown action; use one of: \(known).")])
            }
            let data = frame.data ?? SpecNode(.object(SpecObject()), at: .init(line: 1, column: 1))
            let problems = validator.validate(data, against: schema, at: "/data")
            guard problems.isEmpty else {
                throw APIError.validation(problems.map { .init(pointer: $0.pointer, message: $0.message) })
            }
            try await run(frame.action, data, connection)
        } catch let error as ChatError {
            await hub.reply(Frames.error(APIError(error), action: action, requestId: requestId), on: connection)
        } catch let error as APIError {
            await hub.reply(Frames.error(error, action: action, requestId: requestId), on: connection)
        } catch {
            let failure = APIError(.internalServerError, "internal", "The action failed: \(error)")
            await hub.reply(Frames.error(failure, action: action, requestId: requestId), on: connection)
        }
    }

    private func run(_ action: String, _ data: SpecNode, _ connection: RealtimeConnection) async throws {
        let user = connection.userId
        func string(_ key: String) -> String? { data[key]?.string }
        func int(_ key: String) -> Int? { if case .number(let text) = data[key]?.value { Int(text) } else { nil } }
        switch action {
        case "sendMessage":
            let (roomId, clientId, text, threadId) = (
                string("roomId")!, string("clientId")!, string("text")!, string("threadId")
            )
            let (message, created) = try await sequencer.apply(delivering: hub) {
                let (message, created, events) = try await service.send(
                    to: roomId, by: user, clientId: clientId, text: text, threadId: threadId)
                return ((message, created), events)
            }
            // A replay is answered to the sender only.
            if !created { await hub.reply(Frames.event("messageCreated", message), on: connection) }
        case "typing":
            let roomId = string("roomId")!
            let room = try await service.room(roomId, for: user)
            let others = room.members.filter { $0 != user }
            await hub.deliver([
                Delivery(.typing(roomId: roomId, userId: user, isTyping: data["isTyping"]?.bool ?? false), to: others)
            ])
        case "markRead":
            let room = try await service.markRead(string("roomId")!, messageId: string("messageId")!, by: user)
            await hub.send(Frames.event("roomUpdated", room), to: [user])
        case "getLastMessages":
            let thread = try await service.threadMessages(
                string("threadId")!, in: string("roomId")!, for: user, last: int("last") ?? 10)
            await hub.reply(Frames.event("lastMessages", thread), on: connection)
        case "getThreads":
            let roomId = string("roomId")!
            let page = try await service.threads(
                in: roomId, for: user, limit: int("limit") ?? 20, cursor: string("cursor"))
            struct ThreadsEvent: Encodable {
                var roomId: String
                var items: [ChatThread]
                @ExplicitNull var nextCursor: String?
            }
            await hub.reply(
                Frames.event("threads", ThreadsEvent(roomId: roomId, items: page.items, nextCursor: page.nextCursor)),
                on: connection)
        case "ping":
            var pong = ["serverTime": JSON.timestamp(Date())]
            if let nonce = string("nonce") { pong["nonce"] = nonce }
            await hub.reply(Frames.event("pong", pong), on: connection)
        default:
            throw APIError(.notImplemented, "not_implemented", "The dev server does not run action '\(action)' yet.")
        }
    }

    static func parse(_ text: String) throws -> (action: String, data: SpecNode?) {
        let node: SpecNode
        do {
            node = try SpecNode.parseJSON(Data(text.utf8))
        } catch {
            throw APIError.validation([.init(pointer: "", message: "The frame is not JSON: \(error).")])
        }
        guard let object = node.object else {
            throw APIError.validation([
                .init(pointer: "", message: "The frame must be an object with 'action' and 'data'.")
            ])
        }
        guard let action = object["action"]?.string else {
            throw APIError.validation([.init(pointer: "/action", message: "Is required: the name of the action.")])
        }
        return (action, object["data"])
    }
}
