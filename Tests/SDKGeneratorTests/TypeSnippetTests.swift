import SDKGenerator
import Testing

/// Small schemas in, exact TypeScript out: one test per construct.
@Suite("JS SDK types")
struct TypeSnippetTests {
    @Test func objectsWithRequiredOptionalAndNullableFields() throws {
        let sdk = try Snippets(
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
                """))
        #expect(
            sdk.declaration("Room") == """
                export interface Room {
                  /** The room's id. */
                  id: string;
                  topic: string | null;
                  /** Default: `10`. */
                  size?: number;
                }
                """)
        #expect(sdk.dts.contains("/**\n * A chat room.\n */\nexport interface Room {"))
    }

    @Test func openAPI30NullableEnumsArraysAndMaps() throws {
        let sdk = try Snippets(
            Snippets.schemas(
                """
                Status: { type: string, enum: [online, offline], nullable: true }
                Tags: { type: array, items: { type: string } }
                Counts: { type: object, additionalProperties: { type: integer } }
                Loose: { type: object, properties: { a: { type: string } }, additionalProperties: true }
                Pair: { type: array, items: { oneOf: [{ type: string }, { type: integer }] } }
                """, version: "3.0.3"))
        #expect(sdk.declaration("Status") == #"export type Status = "online" | "offline" | null;"#)
        #expect(sdk.declaration("Tags") == "export type Tags = string[];")
        #expect(sdk.declaration("Counts") == "export type Counts = { [key: string]: number };")
        #expect(sdk.declaration("Loose") == "export interface Loose {\n  a?: string;\n  [key: string]: unknown;\n}")
        #expect(sdk.declaration("Pair") == "export type Pair = Array<string | number>;")
    }

    @Test func allOfIsAnIntersectionAndOneOfNarrowsOnTheDiscriminator() throws {
        let sdk = try Snippets(
            Snippets.schemas(
                """
                Base: { type: object, required: [id], properties: { id: { type: string } } }
                Cat: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: object, properties: { meows: { type: boolean } } }] }
                Dog: { type: object, required: [kind], properties: { kind: { type: string } } }
                Pet:
                  oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }]
                  discriminator: { propertyName: kind, mapping: { dog: '#/components/schemas/Dog' } }
                Maybe: { anyOf: [{ type: string }, { type: 'null' }] }
                """))
        #expect(sdk.declaration("Cat") == "export type Cat = Base & {\n  meows?: boolean;\n};")
        #expect(sdk.declaration("Pet") == #"export type Pet = (Cat & { kind: "Cat" }) | (Dog & { kind: "dog" });"#)
        #expect(sdk.declaration("Maybe") == "export type Maybe = string | null;")
    }

    @Test func recursiveTypesReferToThemselves() throws {
        let sdk = try Snippets(
            Snippets.schemas(
                """
                Node:
                  type: object
                  required: [children]
                  properties:
                    children: { type: array, items: { $ref: '#/components/schemas/Node' } }
                    parent: { $ref: '#/components/schemas/Node' }
                """))
        #expect(sdk.declaration("Node") == "export interface Node {\n  children: Node[];\n  parent?: Node;\n}")
    }

    @Test func readOnlyAndWriteOnlyMakeARequestView() throws {
        let sdk = try Snippets(
            """
            openapi: 3.1.0
            info: { title: T, version: 1.0.0 }
            paths:
              /users:
                post:
                  operationId: createUser
                  requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } }
                  responses: { '201': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } } }
            components:
              schemas:
                User:
                  type: object
                  required: [id, name]
                  properties:
                    id: { type: string, readOnly: true }
                    name: { type: string }
                    password: { type: string, writeOnly: true }
                    createdAt: { type: string, format: date-time, readOnly: true }
            """)
        #expect(
            sdk.declaration("User") == """
                export interface User {
                  /** Read-only. */
                  id: string;
                  name: string;
                  /** Read-only. */
                  createdAt?: Date;
                }
                """)
        #expect(
            sdk.declaration("UserInput") == """
                export interface UserInput {
                  name: string;
                  /** Write-only. */
                  password?: string;
                }
                """)
        #expect(sdk.dts.contains("  body: UserInput;"))
        #expect(sdk.dts.contains("options?: RequestOptions & { raw?: false }): Promise<User>;"))
    }

    @Test func datesCanStayStrings() throws {
        let yaml = Snippets.schemas("Event: { type: object, properties: { at: { type: string, format: date-time } } }")
        #expect(try Snippets(yaml).declaration("Event") == "export interface Event {\n  at?: Date;\n}")
        #expect(try Snippets(yaml).jsLine("  Event:") == "  Event: { at: 1 },")
        let strings = try Snippets(yaml, options: JSOptions(dates: false))
        #expect(strings.declaration("Event") == "export interface Event {\n  at?: string;\n}")
        #expect(strings.jsLine("const DATES") == "const DATES = null;")
    }

    @Test func namesFromTheSpecAreEscapedAndTextCannotBreakOut() throws {
        let sdk = try Snippets(
            Snippets.schemas(
                #"""
                issuing.card:
                  type: object
                  description: "Ends a comment */ alert(1) /*"
                  properties:
                    x-rate: { type: string, enum: ["a\"b", "c\u2028d"] }
                    class: { type: string }
                Date: { type: string }
                """#))
        #expect(
            sdk.declaration("IssuingCard") == #"""
                export interface IssuingCard {
                  "x-rate"?: "a\"b" | "c\u2028d";
                  class?: string;
                }
                """#)
        #expect(sdk.dts.contains(" * Ends a comment *\\/ alert(1) /*\n"))
        #expect(sdk.declaration("DateModel") == "export type DateModel = string;")
    }
}
