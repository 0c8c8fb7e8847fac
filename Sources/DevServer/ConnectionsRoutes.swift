import Foundation
import HTTPTypes
import Hummingbird

/// API Gateway's management API for WebSocket connections, so backend code written for AWS can
/// be exercised locally: `POST /@connections/{id}` (send the body as one frame), `GET` (the
/// connection's details) and `DELETE` (disconnect), plus `GET /@connections` to list them (which
/// AWS does not have; here it tells you the ids). Like the rest of the dev server, it is meant
/// for 127.0.0.1 and takes no credentials.
struct ConnectionsRoutes: Sendable {
    let hub: RealtimeHub

    func register(on router: Router<ChatRequestContext>) {
        router.get("/@connections") { _, _ -> Response in
            let connections = await hub.openConnections
            return try JSON.response(connections.map { Self.details($0) })
        }
        router.get("/@connections/:connectionId") { _, context -> Response in
            guard let connection = await hub.connection(try Self.id(context)) else { throw Self.gone }
            return try JSON.response(Self.details(connection))
        }
        router.post("/@connections/:connectionId") { request, context -> Response in
            let body = try await request.body.collect(upTo: 32 * 1024)
            guard await hub.post(String(buffer: body), to: try Self.id(context)) else { throw Self.gone }
            return Response(status: .ok)
        }
        router.delete("/@connections/:connectionId") { _, context -> Response in
            guard await hub.disconnect(try Self.id(context)) else { throw Self.gone }
            return Response(status: .noContent)
        }
    }

    static let gone = APIError(
        .gone, "gone", "No open connection with that id (API Gateway answers 410 GoneException).")

    static func id(_ context: ChatRequestContext) throws -> String {
        try context.parameters.require("connectionId").removingPercentEncoding ?? ""
    }

    /// The fields API Gateway's GetConnection returns.
    static func details(_ connection: RealtimeConnection) -> [String: String] {
        [
            "ConnectionId": connection.connectionId, "ConnectedAt": JSON.timestamp(connection.connectedAt),
            "LastActiveAt": JSON.timestamp(connection.lastActive.withLock { $0 }), "UserId": connection.userId,
            "SourceIp": connection.sourceIP, "UserAgent": connection.userAgent,
        ]
    }
}
