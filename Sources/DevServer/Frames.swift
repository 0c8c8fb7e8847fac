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
                var threadId: String?
                func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: CodingKeys.self)
                    try container.encode(roomId, forKey: .roomId)
                    try container.encode(messageId, forKey: .messageId)
                    try container.encode(threadId, forKey: .threadId)
                }
                enum CodingKeys: String, CodingKey { case roomId, messageId, threadId }
            }
            return Self.event(event.type, Deleted(roomId: roomId, messageId: messageId, threadId: threadId))
        case .roomDeleted(let roomId, let reason):
            return Self.event(event.type, ["roomId": roomId, "reason": reason])
        case .presence(let userId, let status, let lastSeenAt):
            struct Presence: Encodable {
                var userId: String
                var status: User.Status
                var lastSeenAt: Date?
                func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: CodingKeys.self)
                    try container.encode(userId, forKey: .userId)
                    try container.encode(status, forKey: .status)
                    try container.encode(lastSeenAt, forKey: .lastSeenAt)
                }
                enum CodingKeys: String, CodingKey { case userId, status, lastSeenAt }
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
            var action: String?
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(code, forKey: .code)
                try container.encode(message, forKey: .message)
                try container.encode(requestId, forKey: .requestId)
                try container.encodeIfPresent(errors, forKey: .errors)
                try container.encode(action, forKey: .action)
            }
            enum CodingKeys: String, CodingKey { case code, message, requestId, errors, action }
        }
        return event(
            "error",
            ErrorEvent(
                code: error.code, message: error.message, requestId: requestId, errors: error.errors, action: action))
    }
}
