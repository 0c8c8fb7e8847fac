import SDKGenerator
import Testing

/// Small operations in, exact JavaScript metadata and declarations out.
@Suite("JS SDK operations")
struct OperationSnippetTests {
    static func spec(_ paths: String, components: String = "{}", security: String = "") -> String {
        """
        openapi: 3.1.0
        info: { title: Snippet, version: 1.0.0 }
        servers: [{ url: 'https://{host}/v1', variables: { host: { default: api.example.com } } }]
        \(security)
        paths:
        \(paths.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        components: \(components)
        """
    }

    @Test func parametersKeepTheirStyleAndExplode() throws {
        let sdk = try Snippets(
            Self.spec(
                """
                /items/{id}:
                  get:
                    operationId: getItem
                    parameters:
                      - { name: id, in: path, required: true, style: label, schema: { type: array, items: { type: string } } }
                      - { name: tags, in: query, explode: false, schema: { type: array, items: { type: string } } }
                      - { name: filter, in: query, style: deepObject, schema: { type: object, additionalProperties: { type: string } } }
                      - { name: X-Trace, in: header, schema: { type: string } }
                      - { name: session, in: cookie, schema: { type: string } }
                      - { name: body, in: query, schema: { type: string } }
                    responses: { '204': { description: done } }
                """))
        #expect(
            sdk.jsLine("const $getItem") == """
                const $getItem = { id: "getItem", method: "GET", path: "/items/{id}", params: [["id", "id", "path", "label", false], \
                ["tags", "tags", "query", "form", false], ["filter", "filter", "query", "deepObject", false], \
                ["X-Trace", "X-Trace", "header", "simple", false], ["session", "session", "cookie", "form", true], \
                ["body_query", "body", "query", "form", true]], security: [] };
                """)
        #expect(sdk.declaration("GetItemArgs").contains("  \"X-Trace\"?: string;"))
        #expect(sdk.declaration("GetItemArgs").contains("  id: string[];"))
        #expect(
            sdk.dts.contains(
                "export declare function getItem(client: Client, args: GetItemArgs, options?: RequestOptions & { raw?: false }): Promise<void>;"
            ))
        #expect(sdk.jsLine("export const BASE_URL") == #"export const BASE_URL = "https://api.example.com/v1";"#)
    }

    @Test func aMissingOrReservedOperationIdGetsASaneName() throws {
        let sdk = try Snippets(
            Self.spec(
                """
                /rooms/{roomId}/messages:
                  get:
                    parameters: [{ name: roomId, in: path, required: true, schema: { type: string } }]
                    responses: { '200': { description: ok } }
                  delete:
                    operationId: delete
                    parameters: [{ name: roomId, in: path, required: true, schema: { type: string } }]
                    responses: { '204': { description: ok } }
                /repos/get-content:
                  get:
                    operationId: repos/get-content
                    responses: { '200': { description: ok } }
                """))
        #expect(sdk.js.contains("export function getRoomsByRoomIdMessages(client, args, options) {"))
        #expect(sdk.js.contains("export function delete_(client, args, options) {"))
        #expect(sdk.js.contains("export function reposGetContent(client, args, options) {"))
        #expect(sdk.jsLine("const $reposGetContent").contains(#"id: "repos/get-content""#))
    }

    @Test func bodiesAndResponsesByMediaType() throws {
        let sdk = try Snippets(
            Self.spec(
                """
                /upload:
                  post:
                    operationId: upload
                    requestBody:
                      content: { multipart/form-data: { schema: { type: object, properties: { file: { type: string, format: binary } } } } }
                    responses: { '200': { description: ok, content: { application/pdf: { schema: { type: string, format: binary } } } } }
                /form:
                  put:
                    operationId: sendForm
                    requestBody: { required: true, content: { application/x-www-form-urlencoded: { schema: { type: object, properties: { a: { type: string } } } } } }
                    responses: { '200': { description: ok, content: { text/plain: { schema: { type: string } } } } }
                """))
        #expect(
            sdk.jsLine("const $upload") == """
                const $upload = { id: "upload", method: "POST", path: "/upload", body: "multipart", type: "multipart/form-data", security: [], binary: true };
                """)
        #expect(sdk.jsLine("const $sendForm").contains(#"body: "form", type: "application/x-www-form-urlencoded""#))
        #expect(sdk.dts.contains("options?: RequestOptions & { raw?: false }): Promise<Blob>;"))
        #expect(sdk.dts.contains("export type SendFormRaw = RawResponse<200, string>;"))
        #expect(sdk.declaration("UploadArgs").contains("  body?: {\n    file?: Blob;\n  };"))
    }

    @Test func securityIsPerOperation() throws {
        let sdk = try Snippets(
            Self.spec(
                """
                /open:
                  get: { operationId: open, security: [], responses: { '200': { description: ok } } }
                /either:
                  get:
                    operationId: either
                    security: [{ key: [] }, { basic: [] }, {}]
                    responses: { '200': { description: ok } }
                /default:
                  get: { operationId: byDefault, responses: { '200': { description: ok } } }
                """,
                components: """
                    { securitySchemes: { token: { type: http, scheme: bearer }, basic: { type: http, scheme: basic }, \
                    key: { type: apiKey, in: query, name: api_key } } }
                    """,
                security: "security: [{ token: [] }]"))
        #expect(sdk.jsLine("const $open").hasSuffix("security: [] };"))
        #expect(sdk.jsLine("const $either").hasSuffix(#"security: [["key"], ["basic"], []] };"#))
        #expect(sdk.jsLine("const $byDefault").hasSuffix(#"security: [["token"]] };"#))
        #expect(sdk.jsLine("  key:") == #"  key: { type: "apiKey", in: "query", name: "api_key" },"#)
        #expect(
            sdk.dts.contains(
                "  token?: Credential<string>;\n  basic?: Credential<BasicCredential>;\n  key?: Credential<string>;\n}")
        )
    }

    @Test func cursorPagesAndIdempotentPosts() throws {
        let sdk = try Snippets(
            Self.spec(
                """
                /things:
                  get:
                    operationId: listThings
                    parameters: [{ name: cursor, in: query, schema: { type: string } }]
                    responses:
                      '200':
                        description: ok
                        content: { application/json: { schema: { $ref: '#/components/schemas/Page' } } }
                  post:
                    operationId: createThing
                    requestBody: { required: true, content: { application/json: { schema: { type: object, required: [clientId], properties: { clientId: { type: string } } } } } }
                    responses: { '201': { description: ok } }
                """,
                components: """
                    { schemas: { Page: { type: object, required: [items], properties: { items: { type: array, items: { type: string } }, nextCursor: { type: [string, 'null'] } } } } }
                    """))
        #expect(
            sdk.js.contains(
                """
                export function listThingsPages(client, args, options) {
                  return $paginate(listThings, client, args, options, ["cursor"], "nextCursor");
                }
                """))
        #expect(sdk.jsLine("const $createThing").contains("idempotent: true"))
        #expect(!sdk.jsLine("const $listThings").contains("idempotent"))
        #expect(sdk.dts.contains("AsyncGenerator<Page, void, undefined>;"))
    }

    @Test func realtimeActionsAndEventsAreTyped() throws {
        let sdk = try Snippets(
            """
            openapi: 3.1.0
            info: { title: T, version: 1.0.0 }
            paths: {}
            components:
              schemas:
                Say: { type: object, required: [text], properties: { text: { type: string } } }
                Ping: { type: object, properties: { nonce: { type: string } } }
                Said: { type: object, properties: { at: { type: string, format: date-time } } }
            x-chatsite-realtime:
              connect: { path: /ws, tokenQuery: token }
              actions:
                say: { summary: Say something, schema: { $ref: '#/components/schemas/Say' } }
                ping: { schema: { $ref: '#/components/schemas/Ping' } }
              events:
                said: { schema: { $ref: '#/components/schemas/Said' } }
            """)
        #expect(
            sdk.js.contains(
                #"super(options, { path: "/ws", tokenQuery: "token", ping: "ping", events: { said: "Said" }, dates: DATES });"#
            ))
        #expect(
            sdk.js.contains(
                "  /**\n   * Say something\n   */\n  say(data) {\n    return this.send(\"say\", data);\n  }"))
        #expect(sdk.dts.contains("  say(data: Say): void;"))
        #expect(sdk.dts.contains("  ping(data?: Ping): void;"))
        #expect(sdk.dts.contains("export interface RealtimeEvents {\n  said: Said;\n}"))
    }

    @Test func theAPIGatewayFacadeUsesTheConsoleSDKNames() throws {
        let sdk = try Snippets(
            Self.spec(
                """
                /conversations/{id}:
                  get:
                    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                    responses: { '200': { description: ok } }
                  post:
                    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                    requestBody: { content: { application/json: { schema: { type: string } } } }
                    responses: { '204': { description: ok } }
                /:
                  get: { responses: { '200': { description: ok } } }
                """), options: JSOptions(apiGatewayFacade: true))
        let facade = try #require(sdk.files["apigClient.js"])
        #expect(facade.contains(#"  conversationsIdGet: { id: "getConversationsById", method: "GET""#))
        #expect(facade.contains(#"  conversationsIdPost: { id: "postConversationsById", method: "POST""#))
        #expect(facade.contains(#"  rootGet: { id: "get", method: "GET", path: "/""#))
        let types = try #require(sdk.files["apigClient.d.ts"])
        #expect(
            types.contains(
                "conversationsIdPost(params: { id: string }, body?: string, additionalParams?: AdditionalParams): Promise<ApigResponse<void>>;"
            ))
    }
}
