import Foundation
import OpenAPIKit
import Synchronization

/// Checks JSON values against the spec's schemas, the way API Gateway's request validator does
/// but completely: types and nullability, required and unknown properties, lengths, patterns,
/// formats, enums, ranges, array bounds and uniqueness, `allOf`/`anyOf`/`oneOf`/`not`, and `$ref`s.
public struct SchemaValidator: Sendable {
    /// One offending value: where (a JSON pointer under the caller's prefix) and why.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var pointer: String
        public var message: String
        public var description: String { "\(pointer): \(message)" }
    }

    public let components: OpenAPI.Components
    private let patterns = PatternCache()

    public init(components: OpenAPI.Components) { self.components = components }

    /// The problems of `value` against `schema`; empty when it is valid.
    public func validate(_ value: SpecNode, against schema: JSONSchema, at pointer: String = "") -> [Problem] {
        var problems: [Problem] = []
        check(value, schema, pointer, &problems, depth: 0)
        return problems
    }

    private func check(
        _ value: SpecNode, _ schema: JSONSchema, _ pointer: String, _ problems: inout [Problem], depth: Int
    ) {
        func fail(_ message: String) { problems.append(Problem(pointer: pointer, message: message)) }
        guard depth < 64 else { return fail("The value nests too deeply.") }
        if case .null = value.value {
            if !schema.nullable, !schema.isFragment { fail("Must not be null.") }
            return
        }
        if let allowed = schema.allowedValues, !allowed.contains(where: { value.matches($0) }) {
            let names = allowed.map { "\($0.value)" }.joined(separator: ", ")
            fail("Must be one of: \(names).")
            return
        }
        switch schema.value {
        case .reference(let reference, _):
            guard let target = try? components.lookup(reference) else {
                return fail("Unresolvable schema \(reference).")
            }
            check(value, target, pointer, &problems, depth: depth + 1)
        case .boolean:
            if value.bool == nil { fail("Must be a boolean, not \(value.kindName).") }
        case .integer(_, let context):
            guard case .number(let text) = value.value, let number = Double(text), number == number.rounded() else {
                return fail("Must be an integer, not \(value.kindName).")
            }
            checkRange(
                number, minimum: context.minimum.map { (Double($0.value), $0.exclusive) },
                maximum: context.maximum.map { (Double($0.value), $0.exclusive) }, fail)
        case .number(_, let context):
            guard case .number(let text) = value.value, let number = Double(text) else {
                return fail("Must be a number, not \(value.kindName).")
            }
            checkRange(
                number, minimum: context.minimum.map { ($0.value, $0.exclusive) },
                maximum: context.maximum.map { ($0.value, $0.exclusive) }, fail)
        case .string(let core, let context):
            guard let text = value.string else { return fail("Must be a string, not \(value.kindName).") }
            let length = text.count
            if length < context.minLength { fail("Must have at least \(context.minLength) characters.") }
            if let maximum = context.maxLength, length > maximum { fail("Must have at most \(maximum) characters.") }
            if let pattern = context.pattern, !patterns.matches(text, pattern) { fail("Must match \(pattern).") }
            if let problem = Self.formatProblem(text, core.format.rawValue) { fail(problem) }
        case .array(_, let context):
            guard let items = value.array else { return fail("Must be an array, not \(value.kindName).") }
            if items.count < context.minItems { fail("Must have at least \(context.minItems) items.") }
            if let maximum = context.maxItems, items.count > maximum { fail("Must have at most \(maximum) items.") }
            if context.uniqueItems {
                var seen: Set<[UInt8]> = []
                for (index, item) in items.enumerated() where !seen.insert(item.jsonBytes()).inserted {
                    problems.append(Problem(pointer: "\(pointer)/\(index)", message: "Duplicates an earlier item."))
                }
            }
            if let itemSchema = context.items {
                for (index, item) in items.enumerated() {
                    check(item, itemSchema, "\(pointer)/\(index)", &problems, depth: depth + 1)
                }
            }
        case .object(_, let context):
            guard let object = value.object else { return fail("Must be an object, not \(value.kindName).") }
            checkObject(object, context, pointer, &problems, depth: depth)
        case .all(let schemas, _):
            for part in schemas { check(value, part, pointer, &problems, depth: depth + 1) }
        case .one(let schemas, _):
            let matching = schemas.filter { validate(value, against: $0, at: pointer).isEmpty }.count
            if matching != 1 { fail("Must match exactly one of \(schemas.count) schemas; matches \(matching).") }
        case .any(let schemas, _):
            if !schemas.contains(where: { validate(value, against: $0, at: pointer).isEmpty }) {
                fail("Must match at least one of \(schemas.count) schemas.")
            }
        case .not(let schema, _):
            if validate(value, against: schema, at: pointer).isEmpty { fail("Must not match the excluded schema.") }
        case .null:
            fail("Must be null.")
        case .fragment:
            break
        }
    }

    private func checkObject(
        _ object: SpecObject, _ context: JSONSchema.ObjectContext, _ pointer: String, _ problems: inout [Problem],
        depth: Int
    ) {
        let missing = context.requiredProperties.filter { !object.contains($0) }
        for name in missing {
            problems.append(Problem(pointer: "\(pointer)/\(Self.escape(name))", message: "Is required."))
        }
        // OpenAPIKit counts required properties into minProperties; report it only when nothing is missing.
        if missing.isEmpty, object.count < context.minProperties {
            problems.append(
                Problem(pointer: pointer, message: "Must have at least \(context.minProperties) properties."))
        }
        for (name, member) in object.members {
            let memberPointer = "\(pointer)/\(Self.escape(name))"
            if let schema = context.properties[name] {
                check(member, schema, memberPointer, &problems, depth: depth + 1)
            } else {
                switch context.additionalProperties {
                case .a(false): problems.append(Problem(pointer: memberPointer, message: "Is not a known property."))
                case .b(let schema): check(member, schema, memberPointer, &problems, depth: depth + 1)
                default: break
                }
            }
        }
    }

    private func checkRange(
        _ number: Double, minimum: (Double, Bool)?, maximum: (Double, Bool)?, _ fail: (String) -> Void
    ) {
        if let (bound, exclusive) = minimum, exclusive ? number <= bound : number < bound {
            fail("Must be \(exclusive ? "more than" : "at least") \(Self.format(bound)).")
        }
        if let (bound, exclusive) = maximum, exclusive ? number >= bound : number > bound {
            fail("Must be \(exclusive ? "less than" : "at most") \(Self.format(bound)).")
        }
    }

    static func formatProblem(_ text: String, _ format: String) -> String? {
        switch format {
        case "date-time":
            let parser = ISO8601DateFormatter()
            parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if parser.date(from: text) != nil { return nil }
            parser.formatOptions = [.withInternetDateTime]
            return parser.date(from: text) == nil ? "Must be an RFC 3339 date-time." : nil
        case "uuid":
            return UUID(uuidString: text) == nil ? "Must be a UUID." : nil
        case "uri":
            return URL(string: text)?.scheme == nil ? "Must be an absolute URI." : nil
        default:
            return nil
        }
    }

    public static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}

/// Compiled patterns, shared by every validation (patterns are ECMA-262; Swift's Regex reads the
/// subset specs use).
private final class PatternCache: Sendable {
    private let compiled = Mutex<[String: Regex<AnyRegexOutput>?]>([:])

    func matches(_ text: String, _ pattern: String) -> Bool {
        let regex = compiled.withLock { cache in
            if let entry = cache[pattern] { return entry }
            let entry = try? Regex(pattern)
            cache[pattern] = entry
            return entry
        }
        guard let regex else { return true }  // a pattern Swift cannot read is not enforced
        return (try? regex.firstMatch(in: text)) != nil
    }
}

extension SpecNode {
    /// Whether this value equals an enum member decoded by OpenAPIKit.
    func matches(_ candidate: AnyCodable) -> Bool {
        switch (value, candidate.value) {
        case (.string(let text), let other as String): text == other
        case (.bool(let flag), let other as Bool): flag == other
        case (.number(let text), let other as Int): Double(text) == Double(other)
        case (.number(let text), let other as Double): Double(text) == other
        default: false
        }
    }
}
