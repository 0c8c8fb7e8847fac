import ChatClient
import Foundation
import Testing

/// The committed chat client's models against JSON as the server sends it.
@Suite("ChatClient models")
struct ModelCodingTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONCoding.decoder().decode(T.self, from: Data(json.utf8))
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONCoding.encoder().encode(value), as: UTF8.self)
    }

    @Test func aMessageDecodesWithAndWithoutFractionalSeconds() throws {
        let message = try Self.decode(
            Message.self,
            """
            {"id": "01HZX", "roomId": "r1", "clientId": "c1", "authorId": "u1", "text": "hi", "threadId": null,
             "replyCount": 0, "createdAt": "2024-05-01T12:00:00.250Z", "editedAt": "2024-05-01T12:00:01Z"}
            """)
        #expect(message.text == "hi")
        #expect(message.threadId == nil)
        #expect(message.createdAt == Date(timeIntervalSince1970: 1_714_564_800.25))
        #expect(message.editedAt == Date(timeIntervalSince1970: 1_714_564_801))
        let again = try Self.decode(Message.self, try Self.encode(message))
        #expect(again == message)
    }

    @Test func aRequiredNullIsSentAsNull() throws {
        let message = try Self.decode(
            Message.self,
            """
            {"id": "m", "roomId": "r", "clientId": "c", "authorId": "u", "text": "hi", "threadId": null,
             "replyCount": 0, "createdAt": "2024-05-01T12:00:00Z", "editedAt": null}
            """)
        let json = try Self.encode(message)
        #expect(json.contains(#""threadId":null"#))
        #expect(json.contains(#""editedAt":null"#))
        #expect(try Self.decode(Message.self, json) == message)
    }

    @Test func aBadDateIsADecodingError() {
        #expect(throws: DecodingError.self) {
            try Self.decode(
                PongEvent.self, #"{"serverTime": "yesterday"}"#)
        }
    }

    @Test func unknownEnumValuesAreKept() throws {
        let user = try Self.decode(
            User.self,
            #"{"id": "u1", "username": "ana", "displayName": "Ana", "status": "away", "lastSeenAt": null}"#)
        #expect(user.status == .unknown("away"))
        #expect(user.status.rawValue == "away")
        #expect(try Self.encode(user).contains(#""status":"away""#))
        #expect(PresenceStatus(rawValue: "online") == .online)
    }

    @Test func anAllOfMergesItsParts() throws {
        let event = try Self.decode(
            ErrorEvent.self,
            #"{"code": "not_found", "message": "no room", "requestId": "r-1", "action": "sendMessage"}"#)
        #expect(event.code == .notFound)
        #expect(event.action == "sendMessage")
        #expect(event.errors == nil)
    }

    @Test func anOptionalNullIsSentOnlyWhenAsked() throws {
        #expect(try Self.encode(UpdateRoomRequest(name: "x")) == #"{"name":"x"}"#)
        #expect(try Self.encode(UpdateRoomRequest(topic: .null)) == #"{"topic":null}"#)
        #expect(try Self.encode(UpdateRoomRequest(topic: .value("t"))) == #"{"topic":"t"}"#)
        let decoded = try Self.decode(UpdateRoomRequest.self, #"{"topic": null}"#)
        #expect(decoded.topic == .null)
        #expect(try Self.decode(UpdateRoomRequest.self, "{}").topic == nil)
    }

    @Test func realtimeEventsDecodeByTypeAndKeepUnknownOnes() throws {
        let decoder = JSONCoding.decoder()
        struct Frame: Decodable {
            let event: RealtimeEvent
            enum Keys: String, CodingKey { case type, data }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Keys.self)
                event = try RealtimeEvent(
                    type: container.decode(String.self, forKey: .type), from: container.superDecoder(forKey: .data))
            }
        }
        let typing = try decoder.decode(
            Frame.self,
            from: Data(#"{"type": "typing", "data": {"roomId": "r", "userId": "u", "isTyping": true}}"#.utf8))
        guard case .typing(let event) = typing.event else {
            Issue.record("expected typing, got \(typing.event)")
            return
        }
        #expect(event.isTyping)
        let future = try decoder.decode(Frame.self, from: Data(#"{"type": "reaction", "data": {"emoji": "👍"}}"#.utf8))
        guard case .unknown(let type, let data) = future.event else {
            Issue.record("expected unknown, got \(future.event)")
            return
        }
        #expect(type == "reaction")
        #expect(data["emoji"] == .string("👍"))
    }

    @Test func actionsNameThemselves() {
        let action = RealtimeAction.typing(TypingAction(roomId: "r", isTyping: true))
        #expect(action.name == "typing")
        #expect(RealtimeAction.heartbeat?.name == "ping")
    }
}
