/// Random API descriptions built from OpenAPI's grammar, mostly well-shaped and sometimes
/// wrong in one place: wrong types, huge numbers, `$ref` cycles and dangling or hostile `$ref`s.
struct SpecGenerator {
    var random: FuzzRandom
    private var schemaNames: [String] = []

    init(random: FuzzRandom) { self.random = random }

    /// Values that do not belong where they are put, or numbers no parser should trust.
    static let oddValues = [
        "[]", "{}", "null", "true", "0", "-1", "1e999999", "-1e999999", "1e-999999", "99999999999999999999999999",
        "18446744073709551616", "-0", "0.0000000000000000000000001", "\"\"", "\"\\u0000\"", "\"\\ud800\"",
        "[[[[[[]]]]]]", "{\"$ref\": \"#\"}", "{\"$ref\": 1}", "\"#/\"",
    ]

    /// `$ref` targets that do not exist, point at themselves, leave the folder or name special files.
    static let oddReferences = [
        "#", "#/", "#/nope", "#/components", "#/components/schemas", "#/components/schemas/~2", "#/paths/~1a",
        "#components/schemas/A", "##", "#/components/schemas/A/properties/self", "#/info/title", "#/openapi",
        "other.yaml", "other.yaml#/A", "./", "../", "/", "/dev/zero", "/dev/stdin", "/dev/urandom",
        "/proc/self/fd/0", "/proc/self/mem", "/etc/passwd#/x", "http://example.invalid/x.yaml#/A",
        "file:///etc/passwd", "%zz", "#/%zz", "#/components/schemas/%41", "", " ", "#/a~", "\u{0}",
        String(repeating: "../", count: 200) + "x", "#" + String(repeating: "/a", count: 5000),
    ]

    mutating func document(swagger: Bool) -> TreeText {
        schemaNames = (0..<(1 + random.below(6))).map { "S\($0)" }
        var members: [(String, TreeText)] = []
        members.append(swagger ? ("swagger", .string("2.0")) : ("openapi", .string(random.pick(["3.1.0", "3.0.3"]))))
        members.append(("info", .object([("title", .string("fuzz")), ("version", .string("1"))])))
        var paths: [(String, TreeText)] = []
        for index in 0..<random.below(5) { paths.append(("/p\(index)/{id}", pathItem(swagger: swagger))) }
        members.append(("paths", .object(paths)))
        let schemas = schemaNames.map { ($0, schema(depth: 0)) }
        if swagger {
            members.append(("definitions", .object(schemas)))
        } else {
            members.append(("components", .object([("schemas", .object(schemas))])))
        }
        if random.chance(20) {
            members.append(("x-realtime", .object([("actions", odd()), ("events", .array([odd()]))])))
        }
        return wrongInPlaces(.object(members))
    }

    private mutating func pathItem(swagger: Bool) -> TreeText {
        var operations: [(String, TreeText)] = []
        for method in ["get", "post", "put", "delete", "patch"] where random.chance(40) {
            var operation: [(String, TreeText)] = [("operationId", .string(random.pick(["op", "op", "a b", "", "x"])))]
            operation.append(("parameters", .array((0..<random.below(3)).map { _ in parameter(swagger: swagger) })))
            if !swagger, random.chance(50) {
                operation.append(
                    ("requestBody", .object([("content", .object([("application/json", media())]))])))
            }
            let code = random.pick(["200", "201", "204", "default", "4XX", "999", "abc", "2000"])
            let response: TreeText =
                swagger
                ? .object([("description", .string("ok")), ("schema", schema(depth: 0))])
                : .object([("description", .string("ok")), ("content", .object([("application/json", media())]))])
            operation.append(("responses", .object([(code, response)])))
            operations.append((method, .object(operation)))
        }
        if random.chance(10) { operations.append(("$ref", .string(reference()))) }
        return .object(operations)
    }

    private mutating func parameter(swagger: Bool) -> TreeText {
        var members: [(String, TreeText)] = [
            ("name", .string(random.pick(["id", "q", "", "a b"]))),
            ("in", .string(random.pick(["path", "query", "header", "cookie", "body", "formData", "nowhere"]))),
        ]
        if random.chance(50) { members.append(("required", .raw(random.pick(["true", "false", "\"yes\""])))) }
        if swagger {
            members.append(("type", .string(random.pick(["string", "integer", "array", "file", "object"]))))
        } else {
            members.append(("schema", schema(depth: 1)))
        }
        return random.chance(10) ? .object([("$ref", .string(reference()))]) : .object(members)
    }

    private mutating func media() -> TreeText { .object([("schema", schema(depth: 0))]) }

    mutating func schema(depth: Int) -> TreeText {
        if depth > 4 || random.chance(25) { return .object([("$ref", .string(reference()))]) }
        var members: [(String, TreeText)] = []
        let type = random.pick(["object", "array", "string", "integer", "number", "boolean", "null", "file"])
        members.append(("type", random.chance(10) ? .array([.string(type), .string("null")]) : .string(type)))
        switch type {
        case "object":
            let properties = (0..<random.below(4)).map { ("p\($0)", schema(depth: depth + 1)) }
            members.append(("properties", .object(properties)))
            if random.chance(30) { members.append(("required", .array([.string("p0"), .string("missing")]))) }
            if random.chance(20) { members.append(("additionalProperties", schema(depth: depth + 1))) }
        case "array":
            members.append(("items", schema(depth: depth + 1)))
        case "string":
            if random.chance(30) { members.append(("enum", .array([.string("a"), .raw("1"), .raw("null")]))) }
            if random.chance(20) { members.append(("pattern", .string(random.pick(["[", "(a+)+$", "\\", "^x$"])))) }
        default:
            if random.chance(30) { members.append(("minimum", .raw(random.pick(Self.oddValues)))) }
        }
        if random.chance(15) {
            let keyword = random.pick(["allOf", "oneOf", "anyOf"])
            members.append((keyword, .array((0..<random.below(3)).map { _ in schema(depth: depth + 1) })))
        }
        if random.chance(10) {
            members.append(("discriminator", .object([("propertyName", .string("p0"))])))
        }
        return .object(members)
    }

    private mutating func reference() -> String {
        if random.chance(70), !schemaNames.isEmpty {
            return "#/components/schemas/" + random.pick(schemaNames + ["Missing"])
        }
        return random.pick(Self.oddReferences)
    }

    private mutating func odd() -> TreeText { .raw(random.pick(Self.oddValues)) }

    /// Replaces a few values anywhere in the tree with values of the wrong type.
    private mutating func wrongInPlaces(_ tree: TreeText) -> TreeText {
        guard random.chance(50) else { return tree }
        return replacing(tree, chance: 3 + random.below(10))
    }

    private mutating func replacing(_ tree: TreeText, chance: Int) -> TreeText {
        if random.chance(chance) { return odd() }
        switch tree {
        case .object(let members): return .object(members.map { ($0.0, replacing($0.1, chance: chance)) })
        case .array(let items): return .array(items.map { replacing($0, chance: chance) })
        default: return tree
        }
    }
}
