import Foundation
import Testing

@testable import APISpec

/// Each kind of bad input gets one exact diagnostic: what is wrong, where, and what to do.
@Suite("Bad input")
struct BadInputTests {
    func diagnostics(_ text: String, file: String = "bad.yaml") -> [String] {
        SpecLoader().load(Data(text.utf8), path: file).diagnostics.map(\.description)
    }

    @Test func emptyFile() {
        #expect(
            diagnostics("") == [
                "bad.yaml: error: the file is empty; expected an OpenAPI or Swagger document in YAML or JSON"
            ])
        #expect(
            diagnostics(" \n\n  \n") == [
                "bad.yaml: error: the file is empty; expected an OpenAPI or Swagger document in YAML or JSON"
            ])
    }

    @Test func binaryGarbage() {
        let garbage = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0xFF, 0xFE])
        #expect(
            SpecLoader().load(garbage, path: "logo.png").diagnostics.map(\.description) == [
                "logo.png: error: the file is binary (a NUL byte at offset 8), not YAML or JSON text"
            ])
        #expect(
            SpecLoader().load(Data([0x6F, 0x70, 0xC3, 0x28, 0xFF]), path: "bad.yaml").diagnostics.map(\.description)
                == [
                    "bad.yaml: error: the file is not valid UTF-8 text; save it as UTF-8 YAML or JSON"
                ])
    }

    @Test func notASpec() {
        #expect(
            diagnostics("name: my-app\nversion: 2\n") == [
                "bad.yaml:1:1: error: not an OpenAPI document: no 'openapi' or 'swagger' field at the top level; "
                    + "add `openapi: 3.1.0` (or check that this is the right file) (at /)"
            ])
        #expect(
            diagnostics("just some text\n") == [
                "bad.yaml:1:1: error: not an OpenAPI document: the top level is a string, expected a mapping with an "
                    + "'openapi' or 'swagger' field (at /)"
            ])
        #expect(
            diagnostics("[1, 2]", file: "list.json") == [
                "list.json:1:1: error: not an OpenAPI document: the top level is an array, expected a mapping with an "
                    + "'openapi' or 'swagger' field (at /)"
            ])
    }

    @Test func unsupportedVersions() {
        #expect(
            diagnostics("openapi: 3.0\ninfo: {title: t, version: '1'}\npaths: {}\n") == [
                "bad.yaml:1:10: error: the 'openapi' field must be a string such as \"3.1.0\", found a number 3.0 "
                    + "(quote it in YAML) (at /openapi)"
            ])
        #expect(
            diagnostics("openapi: '4.0.0'\n") == [
                "bad.yaml:1:10: error: unsupported OpenAPI version '4.0.0'; chatsite reads 3.1.x, 3.0.x and Swagger 2.0 "
                    + "(at /openapi)"
            ])
    }

    @Test func invalidJSON() {
        #expect(
            diagnostics("{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\"title\": \"x\",}\n}", file: "bad.json") == [
                "bad.json:3:25: error: invalid JSON: unexpected '}'; expected a quoted member name"
            ])
    }

    @Test func invalidYAML() {
        #expect(
            diagnostics("openapi: 3.1.0\ninfo:\n  title: [unclosed\n") == [
                "bad.yaml:4:1: error: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence"
            ])
    }

    @Test func yamlAliasBomb() {
        var text = "openapi: 3.1.0\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            let items = Array(repeating: previous, count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(items)]\n"
        }
        let start = Date()
        #expect(
            diagnostics(text) == [
                "bad.yaml:2:34: error: the YAML expands to more than 100000 values through aliases (an alias bomb?); "
                    + "remove the repeated '*alias' references"
            ])
        #expect(Date().timeIntervalSince(start) < 10, "the alias budget must stop expansion early")
    }

    @Test func deepNesting() {
        let depth = 100_000
        #expect(
            diagnostics(String(repeating: "[", count: depth), file: "deep.json") == [
                "deep.json:1:257: error: invalid JSON: nesting is deeper than 256 levels"
            ])
        #expect(
            diagnostics("openapi: 3.1.0\nx: " + String(repeating: "[", count: depth)) == [
                "bad.yaml:2:1: error: nesting is deeper than 256 levels"
            ])
        #expect(
            diagnostics("openapi: 3.1.0\nx:\n" + String(repeating: "- ", count: depth) + "end\n") == [
                "bad.yaml:3:1: error: nesting is deeper than 256 levels"
            ])
    }

    @Test func missingReference() {
        let text = """
            openapi: 3.1.0
            info: {title: Chat, version: '1'}
            paths:
              /rooms:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Rooms'}
            components:
              schemas:
                Room: {type: object}
            """
        #expect(
            diagnostics(text) == [
                "bad.yaml:11:30: error: '$ref' target '#/components/schemas/Rooms' does not exist: "
                    + "'/components/schemas' has no 'Rooms'; check the name or add the definition "
                    + "(at /paths/~1rooms/get/responses/200/content/application~1json/schema/$ref)"
            ])
    }

    @Test func missingReferenceInJSON() {
        let text = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
             "paths": {},
             "components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}}}}
            """
        #expect(
            diagnostics(text, file: "bad.json") == [
                "bad.json:3:43: error: '$ref' target '#/components/schemas/B' does not exist: "
                    + "'/components/schemas' has no 'B'; check the name or add the definition (at /components/schemas/A/$ref)"
            ])
    }

    @Test func recursiveSchemaLoads() throws {
        let text = """
            openapi: 3.1.0
            info: {title: Threads, version: '1'}
            paths: {}
            components:
              schemas:
                Message:
                  type: object
                  properties:
                    text: {type: string}
                    replies:
                      type: array
                      items: {$ref: '#/components/schemas/Message'}
                    parent: {$ref: '#/components/schemas/Message'}
            """
        let spec = SpecLoader().load(Data(text.utf8), path: "ok.yaml")
        #expect(spec.diagnostics.isEmpty)
        #expect(spec.schemaCount == 1)
    }

    @Test func referencesInExampleDataAreData() {
        let text = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths: {}
            components:
              examples:
                Group: {value: {members: [{$ref: 'https://api.example.com/Users/1'}]}}
              schemas:
                Link:
                  type: object
                  example: {$ref: '#/not/a/reference'}
                  examples: [{$ref: '#/nor/this'}]
                  default: {$ref: '#/nor/that'}
            """
        #expect(diagnostics(text) == [])
    }

    @Test func relativeFileReferencesAreBundled() throws {
        let folder = try Fixtures.folder([
            "api.yaml": """
            openapi: 3.1.0
            info: {title: Chat, version: '1'}
            paths:
              /rooms:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: 'models/room.yaml#/components/schemas/Room'}
                    default: {$ref: 'common.yaml#/components/responses/Error'}
            """,
            "models/room.yaml": """
            components:
              schemas:
                Room:
                  type: object
                  properties:
                    owner: {$ref: '#/components/schemas/User'}
                    parent: {$ref: '#/components/schemas/Room'}
                User: {type: object}
            """,
            "common.yaml": """
            components:
              responses:
                Error:
                  description: error
                  content:
                    application/json:
                      schema: {$ref: 'models/room.yaml#/components/schemas/User'}
            """,
        ])
        let spec = SpecLoader().load(path: folder.appendingPathComponent("api.yaml").path)
        #expect(spec.diagnostics.map(\.description) == [])
        let document = try #require(spec.document)
        #expect(document.components.schemas.keys.map(\.rawValue) == ["Room", "User"])
        #expect(document.components.responses.keys.map(\.rawValue) == ["Error"])
        let room = try #require(document.components.schemas["Room"])
        #expect(room.objectContext?.properties["parent"]?.reference?.name == "Room")
    }

    @Test func missingRelativeFile() throws {
        let folder = try Fixtures.folder([
            "api.yaml": """
            openapi: 3.1.0
            info: {title: Chat, version: '1'}
            paths: {}
            components:
              schemas:
                Room: {$ref: 'models/nope.yaml#/Room'}
                User: {$ref: 'models/user.yaml#/components/schemas/Person'}
            """,
            "models/user.yaml": "components:\n  schemas:\n    User: {type: object}\n",
        ])
        let path = folder.appendingPathComponent("api.yaml").path
        let texts = SpecLoader().load(path: path).diagnostics.map {
            $0.description.replacingOccurrences(of: folder.path + "/", with: "")
        }
        #expect(
            texts == [
                "api.yaml:6:18: error: cannot read 'models/nope.yaml' named by '$ref' 'models/nope.yaml#/Room': "
                    + "no such file (at /components/schemas/Room/$ref)",
                "api.yaml:7:18: error: '$ref' target 'models/user.yaml#/components/schemas/Person' does not exist: "
                    + "'/components/schemas' in 'models/user.yaml' has no 'Person' (at /components/schemas/User/$ref)",
            ])
    }

    @Test func duplicateOperationIds() {
        let text = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /a:
                get: {operationId: list, responses: {'200': {description: ok}}}
              /b:
                get: {operationId: list, responses: {'200': {description: ok}}}
            """
        #expect(
            diagnostics(text) == [
                "bad.yaml:7:24: error: duplicate operationId 'list' (first used at /paths/~1a/get); operationIds must be "
                    + "unique (at /paths/~1b/get/operationId)"
            ])
    }

    @Test func undeclaredPathParameter() {
        let text = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /rooms/{roomId}:
                get: {operationId: getRoom, responses: {'200': {description: ok}}}
            """
        #expect(
            diagnostics(text) == [
                "bad.yaml:5:10: error: path template variable '{roomId}' has no matching `in: path` parameter; declare it "
                    + "under the path or the operation's parameters (at /paths/~1rooms~1{roomId}/get)"
            ])
    }

    @Test func decodingErrorIsLocated() {
        let text = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /a:
                get:
                  responses:
                    '200': {description: 7}
            """
        #expect(
            diagnostics(text) == [
                "bad.yaml:7:16: error: Found neither a $ref nor a Response in .responses.200 for the GET endpoint under "
                    + "`/a`. Response could not be decoded because: Expected `description` value to be parsable as String "
                    + "but it was not. (at /paths/~1a/get/responses/200)"
            ])
    }

    @Test func strictTurnsWarningsIntoFailure() {
        let text = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths: {}
            components:
              schemas:
                Remote: {$ref: 'https://example.com/schemas.yaml#/Remote'}
            """
        let spec = SpecLoader().load(Data(text.utf8), path: "w.yaml")
        #expect(spec.warnings.count == 1)
        #expect(!spec.failed())
        #expect(spec.failed(strict: true))
    }
}

@Suite("JSON numbers")
struct JSONNumberTests {
    @Test(arguments: ["0", "-1", "12", "1.5", "-0.25e3", "1E+9", "10e-2"])
    func numbers(text: String) { #expect(SpecNode.isJSONNumber(text)) }

    @Test(arguments: ["", "-", "01", ".5", "5.", "+1", "1_000", "0x1F", "1e", "1.5.2", "NaN", " 1"])
    func notNumbers(text: String) { #expect(!SpecNode.isJSONNumber(text)) }
}

/// Found by the fuzzer: `chatsite check` on a spec with 100,000 paths took five minutes, counting operations.
struct LargeSpecTests {
    @Test func operationCountIsLinear() throws {
        let paths = (1..<10_000).map { "  /p\($0): {}" }
        let text =
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /p0: {get: {responses: {'200': {description: ok}}}}\n"
            + paths.joined(separator: "\n") + "\n"
        let spec = SpecLoader().load(Data(text.utf8), path: "large.yaml")
        #expect(spec.errors.isEmpty)
        let started = ContinuousClock.now
        #expect(spec.operationCount == 1)
        // Quadratic counting takes seconds here; linear takes milliseconds.
        #expect(ContinuousClock.now - started < .seconds(1))
    }
}
