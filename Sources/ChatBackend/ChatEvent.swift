import Foundation

/// Something the realtime layer pushes to room members, named as in `x-chatsite-realtime`.
public enum ChatEvent: Sendable, Equatable {
    case messageCreated(Message)
    case messageUpdated(Message)
    case messageDeleted(roomId: String, messageId: String, threadId: String?)
    /// The room changed; each recipient gets the room as they see it (their unread count).
    case roomUpdated(roomId: String)
    case roomDeleted(roomId: String, reason: String)
    case presence(userId: String, status: User.Status, lastSeenAt: Date?)
    case typing(roomId: String, userId: String, isTyping: Bool)

    /// The event's `type` in a server frame.
    public var type: String {
        switch self {
        case .messageCreated: "messageCreated"
        case .messageUpdated: "messageUpdated"
        case .messageDeleted: "messageDeleted"
        case .roomUpdated: "roomUpdated"
        case .roomDeleted: "roomDeleted"
        case .presence: "presence"
        case .typing: "typing"
        }
    }
}

/// An event and the users it goes to.
public struct Delivery: Sendable, Equatable {
    public var event: ChatEvent
    public var recipients: [String]

    public init(_ event: ChatEvent, to recipients: [String]) {
        self.event = event
        self.recipients = recipients
    }
}
