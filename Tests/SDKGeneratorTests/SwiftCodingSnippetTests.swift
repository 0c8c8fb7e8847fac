import SDKGenerator
import Testing

/// Hand-written `Codable` members: required nulls sent as `null`, `additionalProperties` kept
/// next to declared properties, and unions that prefer the case whose required keys are present.
@Suite("Swift client coding")
struct SwiftCodingSnippetTests {
    @Test func requiredNullablePropertiesAreSentAsNull() throws {
        let sdk = try SwiftSnippets(
            Snippets.schemas(
                """
                Reply:
                  type: object
                  required: [id, threadId]
                  properties:
                    id: { type: string }
                    threadId: { type: [string, 'null'] }
                    note: { type: [string, 'null'] }
                """))
        #expect(
            sdk.declaration("Reply") == """
                public struct Reply: Model {
                    public var id: String
                    public var threadId: String?
                    public var note: String?

                    public init(id: String, threadId: String? = nil, note: String? = nil) {
                        self.id = id
                        self.threadId = threadId
                        self.note = note
                    }

                    public init(from decoder: any Decoder) throws {
                        let container = try decoder.container(keyedBy: AnyCodingKey.self)
                        self.id = try container.decode(String.self, forKey: "id")
                        self.threadId = try container.decodeIfPresent(String.self, forKey: "threadId")
                        self.note = try container.decodeIfPresent(String.self, forKey: "note")
                    }

                    public func encode(to encoder: any Encoder) throws {
                        var container = encoder.container(keyedBy: AnyCodingKey.self)
                        try container.encode(self.id, forKey: "id")
                        try container.encode(self.threadId, forKey: "threadId")
                        try container.encodeIfPresent(self.note, forKey: "note")
                    }
                }
                """)
    }

    @Test(arguments: [
        (
            "3.0",
            Snippets.schemas(
                "Reply: { type: object, required: [threadId], properties: { threadId: { type: string, nullable: true } } }",
                version: "3.0.3")
        ),
        (
            "2.0",
            """
            swagger: '2.0'
            info: { title: Snippet, version: 1.0.0 }
            paths: {}
            definitions:
              Reply: { type: object, required: [threadId], properties: { threadId: { type: string, x-nullable: true } } }
            """
        ),
    ])
    func everySpecVersionsNullableIsSentAsNull(version: String, spec: String) throws {
        let sdk = try SwiftSnippets(spec)
        #expect(
            sdk.declaration("Reply").contains(
                """
                    public var threadId: String?
                """), "\(version)")
        #expect(
            sdk.declaration("Reply").contains(#"try container.encode(self.threadId, forKey: "threadId")"#),
            "\(version)")
    }

    @Test func additionalPropertiesNextToDeclaredOnesAreKept() throws {
        let sdk = try SwiftSnippets(
            Snippets.schemas(
                """
                Scores:
                  type: object
                  required: [total]
                  properties:
                    total: { type: integer }
                    additionalProperties: { type: string }
                  additionalProperties: { type: number }
                Extra: { type: object, properties: { id: { type: string } }, additionalProperties: true }
                Labels: { type: object, additionalProperties: { type: string } }
                """))
        #expect(
            sdk.declaration("Scores") == """
                public struct Scores: Model {
                    public var total: Int
                    public var additionalProperties: String?
                    /// The object's other members: every key not declared above.
                    public var additionalProperties2: [String: Double]

                    public init(total: Int, additionalProperties: String? = nil, additionalProperties2: [String: Double] = [:]) {
                        self.total = total
                        self.additionalProperties = additionalProperties
                        self.additionalProperties2 = additionalProperties2
                    }

                    public init(from decoder: any Decoder) throws {
                        let container = try decoder.container(keyedBy: AnyCodingKey.self)
                        self.total = try container.decode(Int.self, forKey: "total")
                        self.additionalProperties = try container.decodeIfPresent(String.self, forKey: "additionalProperties")
                        self.additionalProperties2 = try decoder.additionalProperties(Double.self, besides: ["total", "additionalProperties"])
                    }

                    public func encode(to encoder: any Encoder) throws {
                        var container = encoder.container(keyedBy: AnyCodingKey.self)
                        try container.encode(self.total, forKey: "total")
                        try container.encodeIfPresent(self.additionalProperties, forKey: "additionalProperties")
                        try encoder.encodeAdditionalProperties(self.additionalProperties2, besides: ["total", "additionalProperties"])
                    }
                }
                """)
        #expect(sdk.declaration("Extra").contains("    public var additionalProperties: [String: JSONValue]\n"))
        #expect(sdk.declaration("Labels") == "public typealias Labels = [String: String]")
    }

    @Test func unionsPreferTheCaseWhoseRequiredKeysArePresent() throws {
        let sdk = try SwiftSnippets(
            Snippets.schemas(
                """
                Short: { type: object, required: [id], properties: { id: { type: string } } }
                Long: { type: object, required: [id, name], properties: { id: { type: string }, name: { type: string } } }
                Item:
                  description: One item.
                  oneOf:
                    - { type: string }
                    - { $ref: '#/components/schemas/Short' }
                    - { $ref: '#/components/schemas/Long' }
                Plain: { oneOf: [{ $ref: '#/components/schemas/Long' }, { $ref: '#/components/schemas/Short' }, { type: string }] }
                """))
        #expect(
            sdk.declaration("Item") == """
                public enum Item: Model {
                    case string(String)
                    case short(Short)
                    case long(Long)

                    public init(from decoder: any Decoder) throws {
                        if decoder.hasKeys(["id", "name"]), let value = try? Long(from: decoder) {
                            self = .long(value)
                            return
                        }
                        if decoder.hasKeys(["id"]), let value = try? Short(from: decoder) {
                            self = .short(value)
                            return
                        }
                        if let value = try? String(from: decoder) {
                            self = .string(value)
                            return
                        }
                        if let value = try? Short(from: decoder) {
                            self = .short(value)
                            return
                        }
                        if let value = try? Long(from: decoder) {
                            self = .long(value)
                            return
                        }
                        throw decoder.noBranch("Item")
                    }

                    public func encode(to encoder: any Encoder) throws {
                        switch self {
                        case .string(let value): try value.encode(to: encoder)
                        case .short(let value): try value.encode(to: encoder)
                        case .long(let value): try value.encode(to: encoder)
                        }
                    }
                }
                """)
        #expect(
            sdk.sources.contains(
                """
                /// One item.
                ///
                /// Decoding first tries the cases whose required properties are all in the object (the case
                /// with most properties first), then takes the first case, in declaration order, that decodes.
                public enum Item:
                """))
        // Already in the best order: nothing to check first.
        #expect(!sdk.declaration("Plain").contains("hasKeys"))
        #expect(
            sdk.sources.contains(
                "/// Decoding takes the first case, in declaration order, that decodes.\npublic enum Plain:"))
    }

    /// The three compiled and run: what is sent, and which case or members come back.
    @Test func theGeneratedCodingRoundTrips() throws {
        let sdk = try SwiftSnippets(
            Snippets.schemas(
                """
                Reply:
                  type: object
                  required: [id, threadId]
                  properties: { id: { type: string }, threadId: { type: [string, 'null'] }, note: { type: string } }
                Scores:
                  type: object
                  required: [total]
                  properties: { total: { type: integer }, additionalProperties: { type: string } }
                  additionalProperties: { type: number }
                Extra: { type: object, properties: { id: { type: string } }, additionalProperties: true }
                Short: { type: object, required: [id], properties: { id: { type: string } } }
                Long: { type: object, required: [id, name], properties: { id: { type: string }, name: { type: string } } }
                Item: { oneOf: [{ type: string }, { $ref: '#/components/schemas/Short' }, { $ref: '#/components/schemas/Long' }] }
                """))
        let output = try sdk.run(
            #"""
            import Foundation

            func json<T: Encodable>(_ value: T) throws -> String {
                String(decoding: try JSONCoding.encoder().encode(value), as: UTF8.self)
            }
            func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
                try JSONCoding.decoder().decode(T.self, from: Data(text.utf8))
            }
            func which(_ item: Item) -> String {
                switch item {
                case .string(let text): "string \(text)"
                case .short(let short): "short \(short.id)"
                case .long(let long): "long \(long.id) \(long.name)"
                }
            }

            print(try json(Reply(id: "r", threadId: nil)))
            print(try json(Reply(id: "r", threadId: "t", note: "n")))
            print(try decode(Reply.self, #"{"id": "r", "threadId": null}"#) == Reply(id: "r"))
            print(try decode(Reply.self, #"{"id": "r", "threadId": "t"}"#).threadId ?? "nil")
            let scores = try decode(Scores.self, #"{"total": 3, "additionalProperties": "x", "math": 1.5, "art": 2}"#)
            print(scores.total, scores.additionalProperties ?? "nil", scores.additionalProperties2.sorted { $0.key < $1.key })
            print(try json(scores))
            print(try decode(Scores.self, try json(scores)) == scores)
            print(try json(Scores(total: 1, additionalProperties2: ["total": 9, "x": 1])))
            print(try json(try decode(Extra.self, #"{"id": "e", "tags": ["a"], "gone": null}"#)))
            print(which(try decode(Item.self, #"{"id": "i", "name": "n"}"#)))
            print(which(try decode(Item.self, #"{"id": "i"}"#)))
            print(which(try decode(Item.self, #""s""#)))
            """#)
        #expect(
            output == """
                {"id":"r","threadId":null}
                {"id":"r","note":"n","threadId":"t"}
                true
                t
                3 x [(key: "art", value: 2.0), (key: "math", value: 1.5)]
                {"additionalProperties":"x","art":2,"math":1.5,"total":3}
                true
                {"total":1,"x":1}
                {"gone":null,"id":"e","tags":["a"]}
                long i n
                short i
                string s

                """)
    }
}
