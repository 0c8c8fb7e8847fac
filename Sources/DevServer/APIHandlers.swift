import ChatBackend
import Foundation
import Hummingbird

/// One handler per `operationId` of the chat spec, each a few lines over `ChatService`.
struct APIHandlers: Sendable {
    typealias Handler = @Sendable (ValidatedRequest, _ caller: String?) async throws -> Response

    let service: ChatService
    let hub: RealtimeHub
    let sequencer: EventSequencer
    /// Asked per request: the server's port is known only once it listens (`--port 0`).
    let config: @Sendable () async -> ClientConfig

    var table: [String: Handler] {
        [
            "getConfig": { _, _ in try JSON.response(await config()) },
            "getHealth": { _, _ in try JSON.response(["status": "ok", "version": ServerInfo.version]) },
            "getMe": { _, caller in try JSON.response(try await service.me(caller!)) },
            "listUsers": { request, _ in
                let status = request.string("status").flatMap(User.Status.init(rawValue:))
                return try JSON.response(
                    try await service.users(
                        limit: request.int("limit") ?? 20, cursor: request.string("cursor"), status: status))
            },
            "listRooms": { request, caller in
                try JSON.response(
                    try await service.rooms(
                        for: caller!, limit: request.int("limit") ?? 20, cursor: request.string("cursor")))
            },
            "createRoom": { request, caller in
                struct Body: Decodable {
                    var name: String
                    var members: [String]
                    var topic: String?
                }
                let body = try request.decode(Body.self)
                let (room, events) = try await service.createRoom(
                    by: caller!, name: body.name, members: body.members, topic: body.topic)
                await hub.deliver(events)
                return try JSON.response(room, status: .created)
            },
            "getRoom": { request, caller in
                try JSON.response(try await service.room(request.string("roomId")!, for: caller!))
            },
            "updateRoom": { request, caller in
                let body = request.body?.object
                let topic: String?? = body?.contains("topic") == true ? .some(body?["topic"]?.string) : .none
                let (room, events) = try await service.updateRoom(
                    request.string("roomId")!, by: caller!, name: body?["name"]?.string, topic: topic,
                    addMembers: body?["addMembers"]?.array?.compactMap(\.string) ?? [],
                    removeMembers: body?["removeMembers"]?.array?.compactMap(\.string) ?? [])
                await hub.deliver(events)
                return try JSON.response(room)
            },
            "deleteRoom": { request, caller in
                await hub.deliver(try await service.deleteRoom(request.string("roomId")!, by: caller!))
                return Response(status: .noContent)
            },
            "listMessages": { request, caller in
                try JSON.response(
                    try await service.messages(
                        in: request.string("roomId")!, for: caller!, limit: request.int("limit") ?? 50,
                        before: request.string("before"), after: request.string("after")))
            },
            "createMessage": { request, caller in
                struct Body: Decodable {
                    var clientId: String
                    var text: String
                    var threadId: String?
                }
                let body = try request.decode(Body.self)
                let (message, created) = try await sequencer.apply(delivering: hub) {
                    let (message, created, events) = try await service.send(
                        to: request.string("roomId")!, by: caller!, clientId: body.clientId, text: body.text,
                        threadId: body.threadId)
                    return ((message, created), events)
                }
                return try JSON.response(message, status: created ? .created : .ok)
            },
            "getMessage": { request, caller in
                try JSON.response(
                    try await service.message(request.string("messageId")!, in: request.string("roomId")!, for: caller!)
                )
            },
            "updateMessage": { request, caller in
                struct Body: Decodable { var text: String }
                let text = try request.decode(Body.self).text
                let message = try await sequencer.apply(delivering: hub) {
                    try await service.edit(
                        request.string("messageId")!, in: request.string("roomId")!, by: caller!, text: text)
                }
                return try JSON.response(message)
            },
            "deleteMessage": { request, caller in
                try await sequencer.apply(delivering: hub) {
                    (
                        (),
                        try await service.delete(
                            request.string("messageId")!, in: request.string("roomId")!, by: caller!)
                    )
                }
                return Response(status: .noContent)
            },
            "listThreads": { request, caller in
                try JSON.response(
                    try await service.threads(
                        in: request.string("roomId")!, for: caller!, limit: request.int("limit") ?? 20,
                        cursor: request.string("cursor")))
            },
            "listThreadMessages": { request, caller in
                try JSON.response(
                    try await service.threadMessages(
                        request.string("threadId")!, in: request.string("roomId")!, for: caller!,
                        last: request.int("last") ?? 10))
            },
        ]
    }
}

/// What `GET /config` returns: the values the frontend needs, pointing at this server.
struct ClientConfig: Codable, Sendable {
    var region: String
    var userPoolId: String
    var userPoolClientId: String
    var cognitoDomain: String
    var redirectUri: String
    var apiUrl: String
    var websocketUrl: String
}

public enum ServerInfo {
    public static let version = "0.1.0"
}
