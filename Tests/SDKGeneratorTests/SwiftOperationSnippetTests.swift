import SDKGenerator
import Testing

/// Operations in, exact Swift methods out; and a hostile spec that must not break out.
@Suite("Swift client operations")
struct SwiftOperationSnippetTests {
    static let spec = """
        openapi: 3.1.0
        info: { title: Chat, version: '1' }
        servers: [{ url: 'https://api.example.com/v1' }]
        security: [{ token: [] }]
        paths:
          /rooms/{roomId}/messages:
            get:
              operationId: listMessages
              parameters:
                - { name: roomId, in: path, required: true, schema: { type: string } }
                - { name: cursor, in: query, schema: { type: string } }
                - { name: tags, in: query, style: pipeDelimited, explode: false, schema: { type: array, items: { type: string } } }
              responses:
                '200':
                  description: A page.
                  content: { application/json: { schema: { $ref: '#/components/schemas/Page' } } }
                '404':
                  description: No room.
                  content: { application/json: { schema: { $ref: '#/components/schemas/Problem' } } }
            delete:
              operationId: clear
              security: []
              responses: { '204': { description: Cleared. } }
        components:
          securitySchemes:
            token: { type: http, scheme: bearer }
          schemas:
            Page: { type: object, required: [items], properties: { items: { type: array, items: { type: string } }, nextCursor: { type: string } } }
            Problem: { type: object, properties: { message: { type: string } } }
        """

    @Test func anOperationHasAnEasyARawAndAPagesMethod() throws {
        let sdk = try SwiftSnippets(Self.spec)
        #expect(
            sdk.method("listMessages") == """
                    public func listMessages(roomId: String, cursor: String? = nil, tags: [String]? = nil) async throws -> Page {
                        let raw = try await listMessagesRaw(roomId: roomId, cursor: cursor, tags: tags)
                        switch raw.value {
                        case .ok(let body): return body
                        default: throw raw.error("listMessages")
                        }
                    }
                """)
        #expect(
            sdk.method("listMessagesRaw") == """
                    public func listMessagesRaw(roomId: String, cursor: String? = nil, tags: [String]? = nil) async throws -> RawResponse<ListMessagesResponse> {
                        var request = OperationRequest("listMessages", "GET", "/rooms/{roomId}/messages", security: [["token"]], idempotent: true)
                        try request.path("roomId", roomId)
                        try request.query("cursor", cursor)
                        try request.query("tags", tags, style: "pipeDelimited", explode: false)
                        let response = try await send(request)
                        return RawResponse(value: try ListMessagesResponse(response), response: response)
                    }
                """)
        #expect(
            sdk.method("listMessagesPages") == """
                    public func listMessagesPages(roomId: String, cursor: String? = nil, tags: [String]? = nil) -> Pages<Page> {
                        Pages(
                            first: cursor,
                            fetch: { cursor in try await self.listMessages(roomId: roomId, cursor: cursor, tags: tags) },
                            next: { (page: Page) -> String? in page.nextCursor })
                    }
                """)
        #expect(
            sdk.declaration("ListMessagesResponse").contains(
                """
                    init(_ response: HTTPResponse) throws {
                        switch response.status {
                        case 200: self = .ok(try response.json(Page.self))
                        case 404: self = (try? response.json(Problem.self)).map(Self.notFound) ?? .undocumented
                        default: self = .undocumented
                        }
                    }
                """))
        #expect(
            sdk.method("clear") == """
                    public func clear() async throws {
                        let raw = try await clearRaw()
                        guard (200..<300).contains(raw.status) else { throw raw.error("clear") }
                    }
                """)
        #expect(sdk.files["Sources/Snippet/Client+Auth.swift"]!.contains("    public var token: Credential?\n"))
        #expect(
            sdk.files["Sources/Snippet/Client+Auth.swift"]!.contains(
                #"public static let defaultBaseURL = URL(string: "https://api.example.com/v1") ?? URL(string: "http://localhost")!"#
            ))
    }

    @Test func outputIsDeterministicAndSplitAcrossFiles() throws {
        let options = SwiftOptions(moduleName: "Snippet", typesPerFile: 1, operationsPerFile: 1)
        let first = try SwiftSnippets(Self.spec, options: options)
        #expect(first.files == (try SwiftSnippets(Self.spec, options: options)).files)
        #expect(
            first.files.keys.sorted() == [
                "Package.swift", "README.md", "Sources/Snippet/Client+Auth.swift", "Sources/Snippet/Operations1.swift",
                "Sources/Snippet/Operations2.swift", "Sources/Snippet/Runtime+Client.swift",
                "Sources/Snippet/Runtime+Coding.swift", "Sources/Snippet/Runtime+Request.swift",
                "Sources/Snippet/Types1.swift", "Sources/Snippet/Types2.swift",
            ])
        #expect(try first.typecheck() == nil)
    }

    /// Names and texts that try to end a comment, a string or a line, shadow Swift's types or
    /// collide; the output must still typecheck and keep them inert.
    @Test func aHostileSpecCannotBreakOut() throws {
        let sdk = try SwiftSnippets(
            #"""
            openapi: 3.1.0
            info: { title: "Evil\"; import Darwin //", version: "1\n#error(\"x\")" }
            servers: [{ url: "https://x.test/\"); fatalError(\"" }]
            paths:
              "/a/{id}\")\n#error(\"p\")":
                get:
                  operationId: "default"
                  summary: "line one\n#error(\"in a comment\")\r\n/// still a comment\u2028#error(\"ls\")"
                  parameters:
                    - { name: "id\")\n#error(\"p\")", in: path, required: true, schema: { type: string } }
                    - { name: self, in: query, schema: { type: string } }
                    - { name: Self, in: query, schema: { type: string } }
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/String' } } } }
              /b:
                get:
                  operationId: default_
                  responses: { '200': { description: ok } }
            components:
              schemas:
                String: { type: object, properties: { "class": { type: string }, "init": { type: integer }, "a b": { type: string }, "a_b": { type: string }, "1st": { type: boolean }, "\"\\\n": { type: string } } }
                Data: { type: string, enum: ["\")\n#error(\"e\")", "\\(x)", protocol] }
                Decoder: { type: object, properties: { value: { $ref: '#/components/schemas/Data' } } }
                protocol: { type: string, description: "*/ #error(\"c\") /*" }
            """#)
        let output = try sdk.typecheck()
        #expect(output == nil, "\(output ?? "")")
        #expect(!sdk.sources.contains("\n#error"))
        #expect(
            sdk.declaration("StringModel").contains("    public var `class`: String?\n    public var init_: Int?\n"))
        #expect(
            sdk.declaration("StringModel").contains(
                [
                    #"self.aB = try container.decodeIfPresent(String.self, forKey: "a b")"#,
                    #"        self.aB2 = try container.decodeIfPresent(String.self, forKey: "a_b")"#,
                    #"        self._1st = try container.decodeIfPresent(Bool.self, forKey: "1st")"#,
                ].joined(separator: "\n")))
        #expect(sdk.declaration("DataModel").contains(#"case "\")\n#error(\"e\")": self = ."#))
        #expect(sdk.declaration("ProtocolModel") == "public typealias ProtocolModel = String")
        #expect(
            sdk.method("`default`").hasPrefix(
                "    public func `default`(idErrorP: String, self_: String? = nil, self_2: String? = nil)"))
    }
}
