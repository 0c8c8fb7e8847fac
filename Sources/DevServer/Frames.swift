import ChatBackend
import Foundation

/// Server frames, `{"type": …, "data": …}`, as `x-chatsite-realtime` defines them.
enum Frames {
    private struct Frame<Payload: Encodable>: Encodable {
        var type: String
        var data: Payload
    }

    static func event<Payload: Encodable>(_ type: String, _ data: Payload) -> String? {
        guard let bytes = try? JSON.encoder.encode(Frame(type: type, data: data)) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func frame(for event: ChatEvent) -> String? {
        switch event {
        case .messageCreated(let message), .messageUpdated(let message):
            return Self.event(event.type, message)
        case .messageDeleted(let roomId, let messageId, let threadId):
            struct Deleted: Encodable {
                var roomId: String
                var messageId: String
                @ExplicitNull var threadId: String?
            }
            return Self.event(event.type, Deleted(roomId: roomId, messageId: messageId, threadId: threadId))
        case .roomDeleted(let roomId, let reason):
            return Self.event(event.type, ["roomId": roomId, "reason": reason])
        case .presence(let userId, let status, let lastSeenAt):
            struct Presence: Encodable {
                var userId: String
                var status: User.Status
                @ExplicitNull var lastSeenAt: Date?
            }
            return Self.event(event.type, Presence(userId: userId, status: status, lastSeenAt: lastSeenAt))
        case .typing(let roomId, let userId, let isTyping):
            struct Typing: Encodable {
                var roomId: String
                var userId: String
                var isTyping: Bool
            }
            return Self.event(event.type, Typing(roomId: roomId, userId: userId, isTyping: isTyping))
        case .roomUpdated:
            return nil  // rendered per recipient by the hub
        }
    }

    /// An `error` event: the API's error body plus the offending action.
    static func error(_ error: APIError, action: String?, requestId: String) -> String? {
        struct ErrorEvent: Encodable {
            var code: String
            var message: String
            var requestId: String
            var errors: [ChatError.FieldError]?
            @ExplicitNull var action: String?
        }
        return event(
            "error",
            ErrorEvent(
                code: error.code, message: error.message, requestId: requestId, errors: error.errors, action: action))
    }
}
