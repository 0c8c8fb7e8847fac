import SDKGenerator
import Testing

/// Small schemas in, exact Swift out: one test per construct.
@Suite("Swift client types")
struct SwiftTypeSnippetTests {
    @Test func objectsWithRequiredOptionalNullableAndDefaultFields() throws {
        let sdk = try SwiftSnippets(
            Snippets.schemas(
                """
                Room:
                  type: object
                  description: A chat room.
                  required: [id, topic]
                  properties:
                    id: { type: string, description: The room's id. }
                    topic: { type: [string, 'null'] }
                    size: { type: integer, default: 10 }
                    last_seen: { type: string, format: date-time }
                    labels: { type: object, additionalProperties: { type: number } }
                """))
        #expect(
            sdk.declaration("Room") == """
                public struct Room: Model {
                    /// The room's id.
                    public var id: String
                    public var topic: String?
                    /// Default: `10`.
                    public var size: Int?
                    public var lastSeen: Date?
                    public var labels: [String: Double]?

                    public init(id: String, topic: String? = nil, size: Int? = 10, lastSeen: Date? = nil, labels: [String: Double]? = nil) {
                        self.id = id
                        self.topic = topic
                        self.size = size
                        self.lastSeen = lastSeen
                        self.labels = labels
                    }

                    public init(from decoder: any Decoder) throws {
                        let container = try decoder.container(keyedBy: AnyCodingKey.self)
                        self.id = try container.decode(String.self, forKey: "id")
                        self.topic = try container.decodeIfPresent(String.self, forKey: "topic")
                        self.size = try container.decodeIfPresent(Int.self, forKey: "size")
                        self.lastSeen = try container.decodeIfPresent(Date.self, forKey: "last_seen")
                        self.labels = try container.decodeIfPresent([String: Double].self, forKey: "labels")
                    }

                    public func encode(to encoder: any Encoder) throws {
                        var container = encoder.container(keyedBy: AnyCodingKey.self)
                        try container.encode(self.id, forKey: "id")
                        try container.encode(self.topic, forKey: "topic")
                        try container.encodeIfPresent(self.size, forKey: "size")
                        try container.encodeIfPresent(self.lastSeen, forKey: "last_seen")
                        try container.encodeIfPresent(self.labels, forKey: "labels")
                    }
                }
                """)
        #expect(sdk.sources.contains("/// A chat room.\npublic struct Room: "))
    }

    @Test func enumsKeepUnknownValues() throws {
        let sdk = try SwiftSnippets(
            Snippets.schemas(
                """
                Status: { type: string, enum: [online, in-call, unknown, ''] }
                Level: { type: integer, enum: [1, 2] }
                Mixed: { enum: [1, a] }
                """))
        #expect(
            sdk.declaration("Status") == """
                public enum Status: OpenEnum {
                    case online
                    case inCall
                    case unknown_
                    case empty
                    /// A value this version of the client does not know.
                    case unknown(String)

                    public init(rawValue: String) {
                        switch rawValue {
                        case "online": self = .online
                        case "in-call": self = .inCall
                        case "unknown": self = .unknown_
                        case "": self = .empty
                        default: self = .unknown(rawValue)
                        }
                    }

                    public var rawValue: String {
                        switch self {
                        case .online: "online"
                        case .inCall: "in-call"
                        case .unknown_: "unknown"
                        case .empty: ""
                        case .unknown(let value): value
                        }
                    }
                }
                """)
        #expect(sdk.declaration("Level").hasPrefix("public enum Level: OpenEnum {\n    case value1\n    case value2\n"))
        #expect(sdk.declaration("Mixed") == "public typealias Mixed = JSONValue")
    }

    @Test func oneOfWithADiscriminatorSwitchesOnIt() throws {
        let sdk = try SwiftSnippets(
            Snippets.schemas(
                """
                Cat: { type: object, required: [kind], properties: { kind: { type: string } } }
                Dog: { type: object, required: [kind], properties: { kind: { type: string } } }
                Pet:
                  oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }]
                  discriminator: { propertyName: kind, mapping: { dog: '#/components/schemas/Dog' } }
                Id: { anyOf: [{ type: string }, { type: integer }, { type: 'null' }] }
                """))
        #expect(
            sdk.declaration("Pet") == """
                public enum Pet: Model {
                    case cat(Cat)
                    case dog(Dog)

                    public init(from decoder: any Decoder) throws {
                        switch (try? decoder.discriminator("kind")) ?? "" {
                        case "Cat": self = .cat(try Cat(from: decoder))
                            return
                        case "dog": self = .dog(try Dog(from: decoder))
                            return
                        default: break
                        }
                        if let value = try? Cat(from: decoder) {
                            self = .cat(value)
                            return
                        }
                        if let value = try? Dog(from: decoder) {
                            self = .dog(value)
                            return
                        }
                        throw decoder.noBranch("Pet")
                    }

                    public func encode(to encoder: any Encoder) throws {
                        switch self {
                        case .cat(let value): try value.encode(to: encoder)
                        case .dog(let value): try value.encode(to: encoder)
                        }
                    }
                }
                """)
        // A nullable named union is declared without its null; references to it are optional.
        #expect(
            sdk.declaration("Id").hasPrefix(
                "public enum Id: Model {\n    case string(String)\n    case int(Int)\n\n"))
    }

    @Test func allOfMergesObjectsAndComposesTheRest() throws {
        let sdk = try SwiftSnippets(
            Snippets.schemas(
                """
                Base: { type: object, required: [id], properties: { id: { type: string } } }
                Cat: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: object, properties: { meows: { type: boolean } } }] }
                Either: { oneOf: [{ type: string }, { type: integer }] }
                Both: { allOf: [{ $ref: '#/components/schemas/Base' }, { $ref: '#/components/schemas/Either' }] }
                """))
        #expect(
            sdk.declaration("Cat").hasPrefix(
                "public struct Cat: Model {\n    public var id: String\n    public var meows: Bool?\n"
            ))
        #expect(sdk.declaration("Both").contains("    public var base: Base\n    public var either: Either\n"))
        #expect(
            sdk.declaration("Both").contains(
                "        base = try Base(from: decoder)\n        either = try Either(from: decoder)\n"))
    }

    @Test func recursiveTypesAreBoxed() throws {
        let sdk = try SwiftSnippets(
            Snippets.schemas(
                """
                Node:
                  type: object
                  required: [children]
                  properties:
                    children: { type: array, items: { $ref: '#/components/schemas/Node' } }
                    parent: { $ref: '#/components/schemas/Node' }
                    link: { $ref: '#/components/schemas/Link' }
                Link: { type: object, required: [to], properties: { to: { $ref: '#/components/schemas/Node' } } }
                Expr: { oneOf: [{ type: integer }, { type: object, required: [not], properties: { not: { $ref: '#/components/schemas/Expr' } } }] }
                Loop: { type: array, items: { $ref: '#/components/schemas/Loop' } }
                """))
        let node = sdk.declaration("Node")
        #expect(
            node.contains(
                "    public var children: [Node]\n    @Indirect public var parent: Node?\n    @Indirect public var link: Link?\n"
            ))
        #expect(sdk.declaration("Link").contains("    @Indirect public var to: Node\n"))
        #expect(sdk.declaration("Expr").hasPrefix("public indirect enum Expr: Model {"))
        #expect(sdk.declaration("Loop") == "public typealias Loop = JSONValue")
        #expect(try sdk.typecheck() == nil)
    }

    @Test func readOnlyIsOptionalInWhatIsSentAndNullsAreTristate() throws {
        let sdk = try SwiftSnippets(
            """
            openapi: 3.1.0
            info: { title: T, version: '1' }
            paths:
              /things:
                patch:
                  operationId: patchThing
                  requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } } }
                  responses: { '204': { description: done } }
            components:
              schemas:
                Thing:
                  type: object
                  required: [id, name]
                  properties:
                    id: { type: string, readOnly: true }
                    name: { type: string }
                    note: { type: [string, 'null'] }
            """)
        #expect(
            sdk.declaration("Thing").contains(
                "    public var id: String?\n    public var name: String\n    public var note: Nullable<String>?\n"))
    }
}
