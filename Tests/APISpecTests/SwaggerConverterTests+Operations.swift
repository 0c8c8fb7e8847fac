import Foundation
import Testing

@testable import APISpec

extension SwaggerConverterTests {
    @Test func queryParameterFieldsMoveIntoSchema() throws {
        let (tree, warnings) = try convert(
            """
            swagger: "2.0"
            paths:
              /rooms:
                get:
                  parameters:
                  - name: limit
                    in: query
                    description: Page size.
                    type: integer
                    format: int32
                    minimum: 1
                    maximum: 100
                    exclusiveMaximum: true
                    multipleOf: 5
                    default: 20
                    allowEmptyValue: true
                    x-go-name: Limit
                  - name: q
                    in: query
                    type: string
                    minLength: 2
                    maxLength: 30
                    pattern: "^[a-z]+$"
                    enum: [ab, cd]
                  - name: X-Trace
                    in: header
                    type: string
                    allowEmptyValue: true
                  responses: {"200": {description: OK}}
            """)
        #expect(
            tree.json("/paths/~1rooms/get/parameters/0") == """
                {"name":"limit","in":"query","description":"Page size.","allowEmptyValue":true,"x-go-name":"Limit",\
                "schema":{"type":"integer","format":"int32","minimum":1,"maximum":100,"exclusiveMaximum":true,\
                "multipleOf":5,"default":20}}
                """)
        #expect(
            tree.json("/paths/~1rooms/get/parameters/1/schema") == """
                {"type":"string","minLength":2,"maxLength":30,"pattern":"^[a-z]+$","enum":["ab","cd"]}
                """)
        #expect(
            tree.json("/paths/~1rooms/get/parameters/2")
                == #"{"name":"X-Trace","in":"header","schema":{"type":"string"}}"#)
        #expect(
            warnings == [
                "api.yaml:28:26: warning: allowEmptyValue applies only to query parameters in OpenAPI 3; dropped from "
                    + "this header parameter (at /paths/~1rooms/get/parameters/2/allowEmptyValue)"
            ])
    }

    @Test(
        "collectionFormat becomes style and explode",
        arguments: [
            ("query", "csv", #""style":"form","explode":false"#),
            ("query", "multi", #""style":"form","explode":true"#),
            ("query", "ssv", #""style":"spaceDelimited","explode":false"#),
            ("query", "pipes", #""style":"pipeDelimited","explode":false"#),
            ("path", "csv", #""style":"simple""#),
            ("header", "csv", #""style":"simple""#),
        ])
    func collectionFormat(location: String, format: String, style: String) throws {
        let (tree, warnings) = try convert(
            """
            swagger: "2.0"
            paths:
              /rooms/{ids}:
                get:
                  parameters:
                  - {name: ids, in: \(location), required: true, type: array, items: {type: string}, \
            collectionFormat: \(format)}
                  responses: {"200": {description: OK}}
            """)
        #expect(warnings == [])
        #expect(
            tree.json("/paths/~1rooms~1{ids}/get/parameters/0") == """
                {"name":"ids","in":"\(location)","required":true,\(style),\
                "schema":{"type":"array","items":{"type":"string"}}}
                """)
    }

    @Test func collectionFormatsWithoutEquivalentWarn() throws {
        let (tree, warnings) = try convert(
            """
            swagger: "2.0"
            paths:
              /rooms/{ids}:
                get:
                  parameters:
                  - {name: tags, in: query, type: array, items: {type: string}, collectionFormat: tsv}
                  - {name: ids, in: path, required: true, type: array, items: {type: string}, collectionFormat: multi}
                  responses: {"200": {description: OK}}
            """)
        #expect(tree.json("/paths/~1rooms~1{ids}/get/parameters/0/style") == #""form""#)
        #expect(tree.json("/paths/~1rooms~1{ids}/get/parameters/0/explode") == "false")
        #expect(tree.json("/paths/~1rooms~1{ids}/get/parameters/1/style") == #""simple""#)
        #expect(
            warnings == [
                "api.yaml:6:87: warning: collectionFormat 'tsv' has no OpenAPI 3 equivalent; converted as 'csv' "
                    + "(style: form, explode: false) (at /paths/~1rooms~1{ids}/get/parameters/0/collectionFormat)",
                "api.yaml:7:101: warning: collectionFormat 'multi' is not supported on path parameters in OpenAPI 3; "
                    + "converted as 'csv' (style: simple) (at /paths/~1rooms~1{ids}/get/parameters/1/collectionFormat)",
            ])
    }

    @Test func operationSchemesAreDroppedWithAWarning() throws {
        let (tree, warnings) = try convert(
            """
            swagger: "2.0"
            paths:
              /rooms:
                get:
                  schemes: [http, ws]
                  responses: {"200": {description: OK}}
            """)
        #expect(tree.at("/paths/~1rooms/get/schemes") == nil)
        #expect(
            warnings == [
                "api.yaml:5:16: warning: operation-level schemes (http, ws) have no OpenAPI 3 equivalent; dropped, so "
                    + "the document's servers apply (in OpenAPI 3, give the operation its own 'servers' if it needs "
                    + "others) (at /paths/~1rooms/get/schemes)"
            ])
    }

    @Test func responsesGetContentPerProducedType() throws {
        let (tree, warnings) = try convert(
            """
            swagger: "2.0"
            produces: [application/json, application/xml]
            responses:
              NotFound: {description: Missing., schema: {$ref: "#/definitions/Error"}}
            paths:
              /rooms:
                get:
                  produces: [application/json]
                  responses:
                    "200":
                      description: OK
                      schema: {type: array, items: {$ref: "#/definitions/Room"}}
                      examples: {application/json: [{id: 1}], text/csv: "id\\n1"}
                      headers:
                        X-Rate-Limit: {type: integer, format: int32, description: Calls left., x-unit: calls}
                      x-cache: 60
                    "204": {description: Empty, examples: {application/json: {}}}
                    "404": {$ref: "#/responses/NotFound"}
                    x-note: kept
            """)
        #expect(
            tree.json("/paths/~1rooms/get/responses") == """
                {"200":{"description":"OK","content":{"application/json":{"schema":{"type":"array",\
                "items":{"$ref":"#/components/schemas/Room"}},"example":[{"id":1}]}},\
                "headers":{"X-Rate-Limit":{"description":"Calls left.","x-unit":"calls",\
                "schema":{"type":"integer","format":"int32"}}},"x-cache":60},\
                "204":{"description":"Empty"},"404":{"$ref":"#/components/responses/NotFound"},"x-note":"kept"}
                """)
        #expect(
            tree.json("/components/responses/NotFound") == """
                {"description":"Missing.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}},\
                "application/xml":{"schema":{"$ref":"#/components/schemas/Error"}}}}
                """)
        #expect(
            warnings == [
                "api.yaml:13:61: warning: example for 'text/csv' dropped: the operation does not produce that media "
                    + "type; add it to produces to keep it (at /paths/~1rooms/get/responses/200/examples/text~1csv)",
                "api.yaml:17:66: warning: example for 'application/json' dropped: the response has no schema, so it "
                    + "has no content in OpenAPI 3; add a schema to keep it "
                    + "(at /paths/~1rooms/get/responses/204/examples/application~1json)",
                "api.yaml:18:23: warning: the shared response 'NotFound' has the document's media types "
                    + "(application/json, application/xml), not this operation's produces (application/json); "
                    + "inline it to keep them (at /paths/~1rooms/get/responses/404/$ref)",
            ])
    }

    @Test func nestedItemsAndFileParameters() throws {
        let (tree, warnings) = try convert(
            """
            swagger: "2.0"
            paths:
              /grid:
                get:
                  parameters:
                  - name: rows
                    in: query
                    type: array
                    collectionFormat: pipes
                    items: {type: array, collectionFormat: ssv, items: {type: integer, x-unit: px}}
                  - {name: X-Blob, in: header, type: file}
                  responses: {"200": {description: OK}}
            """)
        #expect(
            tree.json("/paths/~1grid/get/parameters/0") == """
                {"name":"rows","in":"query","style":"pipeDelimited","explode":false,"schema":{"type":"array",\
                "items":{"type":"array","items":{"type":"integer","x-unit":"px"}}}}
                """)
        #expect(tree.json("/paths/~1grid/get/parameters/1/schema") == #"{"type":"string","format":"binary"}"#)
        #expect(
            warnings == [
                "api.yaml:10:48: warning: collectionFormat 'ssv' of nested items has no OpenAPI 3 equivalent; dropped "
                    + "(describe the inner separator in the description) "
                    + "(at /paths/~1grid/get/parameters/0/items/collectionFormat)"
            ])
    }
}
