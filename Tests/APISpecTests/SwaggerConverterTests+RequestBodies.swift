import Foundation
import Testing

@testable import APISpec

extension SwaggerConverterTests {
    @Test func bodyParameterBecomesRequestBody() throws {
        let (tree, warnings) = try convert(
            """
            swagger: "2.0"
            consumes: [application/json, text/plain]
            paths:
              /pets:
                post:
                  consumes: [application/json, application/xml]
                  parameters:
                  - in: body
                    name: pet
                    description: The pet.
                    required: true
                    x-codegen-name: newPet
                    schema: {$ref: "#/definitions/Pet"}
                  responses: {"201": {description: Created}}
                put:
                  parameters:
                  - {in: body, name: pet, schema: {type: string}}
                  responses: {"204": {description: Saved}}
            """)
        #expect(warnings == [])
        let post = try #require(tree.at("/paths/~1pets/post"))
        #expect(post.object?.keys == ["requestBody", "responses"])
        #expect(
            tree.json("/paths/~1pets/post/requestBody") == """
                {"description":"The pet.","required":true,"x-codegen-name":"newPet","content":{\
                "application/json":{"schema":{"$ref":"#/components/schemas/Pet"}},\
                "application/xml":{"schema":{"$ref":"#/components/schemas/Pet"}}}}
                """)
        #expect(tree.at("/paths/~1pets/post/requestBody")?.location == SourceLocation(line: 8, column: 9))
        #expect(
            tree.json("/paths/~1pets/put/requestBody") == """
                {"content":{"application/json":{"schema":{"type":"string"}},"text/plain":{"schema":{"type":"string"}}}}
                """)
    }

    @Test func bodyWithoutConsumesIsJSON() throws {
        let (tree, _) = try convert(
            """
            swagger: "2.0"
            paths:
              /pets:
                post:
                  parameters: [{in: body, name: pet, schema: {type: object}}]
                  responses: {"201": {description: Created}}
            """)
        #expect(
            tree.json("/paths/~1pets/post/requestBody")
                == #"{"content":{"application/json":{"schema":{"type":"object"}}}}"#)
    }

    @Test func formDataParametersBecomeOneObject() throws {
        let (tree, warnings) = try convert(
            """
            swagger: "2.0"
            consumes: [application/json]
            paths:
              /avatars:
                post:
                  parameters:
                  - {name: owner, in: formData, required: true, type: string, description: Who., x-max: 3}
                  - {name: image, in: formData, type: file}
                  responses: {"204": {description: Saved}}
              /login:
                post:
                  consumes: [application/x-www-form-urlencoded]
                  parameters:
                  - {name: user, in: formData, type: string, allowEmptyValue: true}
                  - {name: roles, in: formData, type: array, items: {type: string}}
                  - {name: ids, in: formData, type: array, items: {type: integer}, collectionFormat: multi}
                  responses: {"204": {description: Saved}}
            """)
        #expect(
            tree.json("/paths/~1avatars/post/requestBody") == """
                {"content":{"multipart/form-data":{"schema":{"type":"object","properties":{\
                "owner":{"description":"Who.","type":"string","x-max":3},\
                "image":{"type":"string","format":"binary"}},"required":["owner"]}}},"required":true}
                """)
        #expect(
            tree.json("/paths/~1login/post/requestBody") == """
                {"content":{"application/x-www-form-urlencoded":{"schema":{"type":"object","properties":{\
                "user":{"type":"string"},"roles":{"type":"array","items":{"type":"string"}},\
                "ids":{"type":"array","items":{"type":"integer"}}}},\
                "encoding":{"roles":{"style":"form","explode":false}}}}}
                """)
        #expect(
            warnings == [
                "api.yaml:7:9: warning: formData parameters need a form media type, but consumes lists only "
                    + "application/json; the form is sent as 'multipart/form-data' (add it to consumes) "
                    + "(at /paths/~1avatars/post/parameters/0)",
                "api.yaml:14:67: warning: allowEmptyValue has no OpenAPI 3 equivalent for form fields; dropped "
                    + "(at /paths/~1login/post/parameters/0/allowEmptyValue)",
            ])
    }

    @Test func sharedParametersBecomeComponents() throws {
        let (tree, warnings) = try convert(
            """
            swagger: "2.0"
            parameters:
              limit: {name: limit, in: query, type: integer}
              newRoom: {name: room, in: body, required: true, schema: {$ref: "#/definitions/Room"}}
              topic: {name: topic, in: formData, type: string}
            paths:
              /rooms:
                post:
                  parameters:
                  - $ref: "#/parameters/limit"
                  - $ref: "#/parameters/newRoom"
                  responses: {"201": {description: Created}}
              /topics:
                post:
                  parameters: [{$ref: "#/parameters/topic"}]
                  responses: {"201": {description: Created}}
            """)
        #expect(
            tree.json("/components") == """
                {"parameters":{"limit":{"name":"limit","in":"query","schema":{"type":"integer"}}},\
                "requestBodies":{"newRoom":{"required":true,"content":{"application/json":{\
                "schema":{"$ref":"#/components/schemas/Room"}}}}}}
                """)
        #expect(tree.json("/paths/~1rooms/post/parameters") == ##"[{"$ref":"#/components/parameters/limit"}]"##)
        #expect(tree.json("/paths/~1rooms/post/requestBody") == ##"{"$ref":"#/components/requestBodies/newRoom"}"##)
        #expect(tree.at("/paths/~1rooms/post/requestBody")?.location == SourceLocation(line: 11, column: 9))
        #expect(
            tree.json("/paths/~1topics/post/requestBody") == """
                {"content":{"application/x-www-form-urlencoded":{"schema":{"type":"object","properties":{\
                "topic":{"type":"string"}}}}}}
                """)
        #expect(tree.at("/paths/~1topics/post/parameters") == nil)
        #expect(
            warnings == [
                "api.yaml:5:10: warning: formData parameter 'topic' cannot be a component in OpenAPI 3; it is inlined "
                    + "into the request body of each operation that references it (at /parameters/topic)"
            ])
    }

    @Test func pathLevelBodyAndFormParametersMoveToOperations() throws {
        let (tree, _) = try convert(
            """
            swagger: "2.0"
            paths:
              /rooms/{id}:
                parameters:
                - {name: id, in: path, required: true, type: string}
                - {name: note, in: formData, type: string}
                - {name: tag, in: formData, type: string}
                put:
                  parameters: [{name: tag, in: formData, type: integer}]
                  responses: {"204": {description: Saved}}
                patch:
                  responses: {"204": {description: Saved}}
            """)
        #expect(
            tree.json("/paths/~1rooms~1{id}/parameters") == """
                [{"name":"id","in":"path","required":true,"schema":{"type":"string"}}]
                """)
        #expect(
            tree.json("/paths/~1rooms~1{id}/put/requestBody/content/application~1x-www-form-urlencoded/schema") == """
                {"type":"object","properties":{"note":{"type":"string"},"tag":{"type":"integer"}}}
                """)
        #expect(
            tree.json("/paths/~1rooms~1{id}/patch/requestBody/content/application~1x-www-form-urlencoded/schema") == """
                {"type":"object","properties":{"note":{"type":"string"},"tag":{"type":"string"}}}
                """)
    }

    @Test func bodyAndFormDataTogetherKeepTheBody() throws {
        let (tree, warnings) = try convert(
            """
            swagger: "2.0"
            paths:
              /notes:
                post:
                  parameters:
                  - {name: text, in: formData, type: string}
                  - {name: note, in: body, schema: {type: string}, example: hi}
                  responses: {"201": {description: Created}}
            """)
        #expect(
            tree.json("/paths/~1notes/post/requestBody")
                == #"{"content":{"application/json":{"schema":{"type":"string"}}}}"#)
        #expect(
            warnings == [
                "api.yaml:6:9: warning: an operation cannot have both a body parameter and formData parameters; the "
                    + "formData parameters are dropped (send the fields as properties of the body's schema) "
                    + "(at /paths/~1notes/post/parameters/0)",
                "api.yaml:7:65: warning: 'example' is not a field of a body parameter; dropped "
                    + "(at /paths/~1notes/post/parameters/1/example)",
            ])
    }

    @Test func sharedBodyUsedWithOtherMediaTypesWarns() throws {
        let (tree, warnings) = try convert(
            """
            swagger: "2.0"
            parameters:
              note: {name: note, in: body, schema: {type: string}}
            paths:
              /notes:
                post:
                  consumes: [text/plain]
                  parameters: [{$ref: "#/parameters/note"}]
                  responses: {"201": {description: Created}}
            """)
        #expect(tree.json("/components/parameters") == nil)
        #expect(
            tree.json("/components/requestBodies/note/content") == #"{"application/json":{"schema":{"type":"string"}}}"#
        )
        #expect(
            warnings == [
                "api.yaml:8:27: warning: the shared request body 'note' has the document's media types "
                    + "(application/json), not this operation's consumes (text/plain); inline it to keep them "
                    + "(at /paths/~1notes/post/parameters/0/$ref)"
            ])
    }
}
