/// Renders type declarations as Swift source.
struct SwiftTypeRenderer {
    /// Writes `///` lines (nothing when there is nothing to say).
    static func docs(_ lines: [String], _ writer: inout CodeWriter) {
        for line in lines { writer.line(line.isEmpty ? "///" : "/// " + line) }
    }

    /// `T(from: decoder)` for any type as code (optionals spelled so that the call parses).
    static func decodeCall(_ type: String, _ decoder: String = "decoder") -> String {
        type.hasSuffix("?") ? "Optional<\(type.dropLast())>(from: \(decoder))" : "\(type)(from: \(decoder))"
    }

    static func render(_ declaration: SwiftDeclaration, _ writer: inout CodeWriter) {
        var lines = declaration.docs
        if case .union(let cases, let discriminator) = declaration.kind {
            lines += (lines.isEmpty ? [] : [""]) + decodingRule(cases, discriminator)
        }
        docs(lines, &writer)
        let name = declaration.name
        switch declaration.kind {
        case .alias(let target):
            writer.line("public typealias \(name) = \(target)")
        case .structure(let properties):
            writer.block("public struct \(name): Model {") { writer in
                structure(properties, declaration.additional, &writer)
            }
        case .openEnum(let raw, let cases):
            writer.block("public enum \(name): OpenEnum {") { writer in
                for item in cases { writer.line("case \(SwiftLex.escaped(item.name))") }
                writer.line("/// A value this version of the client does not know.")
                writer.line("case unknown(\(raw))")
                writer.line()
                writer.block("public init(rawValue: \(raw)) {") { writer in
                    writer.flatBlock("switch rawValue {", "}") { writer in
                        for item in cases {
                            writer.line("case \(item.literal): self = .\(SwiftLex.escaped(item.name))")
                        }
                        writer.line("default: self = .unknown(rawValue)")
                    }
                }
                writer.line()
                writer.block("public var rawValue: \(raw) {") { writer in
                    writer.flatBlock("switch self {", "}") { writer in
                        for item in cases { writer.line("case .\(SwiftLex.escaped(item.name)): \(item.literal)") }
                        writer.line("case .unknown(let value): value")
                    }
                }
            }
        case .union(let cases, let discriminator):
            let keyword = declaration.indirect ? "public indirect enum" : "public enum"
            writer.block("\(keyword) \(name): Model {") { writer in
                union(name, cases, discriminator, &writer)
            }
        case .composition(let parts):
            writer.block("public struct \(name): Model {") { writer in
                composition(parts, &writer)
            }
        }
    }

    private static func structure(
        _ properties: [SwiftDeclaration.Property], _ additional: SwiftDeclaration.AdditionalProperties?,
        _ writer: inout CodeWriter
    ) {
        for property in properties {
            docs(property.docs, &writer)
            let wrapper = property.boxed ? "@Indirect " : ""
            writer.line("\(wrapper)public var \(SwiftLex.escaped(property.name)): \(property.declaredType)")
        }
        if let additional {
            writer.line("/// The object's other members: every key not declared above.")
            writer.line("public var \(SwiftLex.escaped(additional.name)): [String: \(additional.valueType)]")
        }
        writer.line()
        var parameters = properties.map { property -> String in
            let optional = property.tristate || property.optional || property.type.nullable
            let fallback = optional ? " = \(property.defaultValue ?? "nil")" : ""
            return "\(SwiftLex.escaped(property.name)): \(property.declaredType)\(fallback)"
        }
        if let additional {
            parameters.append("\(SwiftLex.escaped(additional.name)): [String: \(additional.valueType)] = [:]")
        }
        writer.block("public init(\(parameters.joined(separator: ", "))) {") { writer in
            for property in properties {
                let name = SwiftLex.escaped(property.name)
                writer.line("self.\(name) = \(name)")
            }
            if let additional {
                writer.line("self.\(SwiftLex.escaped(additional.name)) = \(SwiftLex.escaped(additional.name))")
            }
        }
        decoding(properties, additional, &writer)
        encoding(properties, additional, &writer)
    }

    private static func union(
        _ name: String, _ cases: [SwiftDeclaration.UnionCase], _ discriminator: SwiftDeclaration.Discriminator?,
        _ writer: inout CodeWriter
    ) {
        for item in cases { writer.line("case \(SwiftLex.escaped(item.name))(\(item.type))") }
        writer.line()
        writer.block("public init(from decoder: any Decoder) throws {") { writer in
            if let discriminator, !discriminator.values.isEmpty {
                let property = SwiftLex.string(discriminator.property)
                writer.flatBlock("switch (try? decoder.discriminator(\(property))) ?? \"\" {", "}") { writer in
                    for (value, caseName) in discriminator.values {
                        let type = cases.first { $0.name == caseName }!.type
                        writer.line(
                            "case \(SwiftLex.string(value)): self = .\(SwiftLex.escaped(caseName))(try \(decodeCall(type)))"
                        )
                        writer.line("    return")
                    }
                    writer.line("default: break")
                }
            }
            for item in fullMatches(cases) {
                let keys = item.keys.map(SwiftLex.string).joined(separator: ", ")
                writer.block("if decoder.hasKeys([\(keys)]), let value = try? \(decodeCall(item.type)) {") { writer in
                    writer.line("self = .\(SwiftLex.escaped(item.name))(value)")
                    writer.line("return")
                }
            }
            for item in cases {
                writer.block("if let value = try? \(decodeCall(item.type)) {") { writer in
                    writer.line("self = .\(SwiftLex.escaped(item.name))(value)")
                    writer.line("return")
                }
            }
            writer.line("throw decoder.noBranch(\(SwiftLex.string(name)))")
        }
        writer.line()
        writer.block("public func encode(to encoder: any Encoder) throws {") { writer in
            writer.flatBlock("switch self {", "}") { writer in
                for item in cases {
                    writer.line("case .\(SwiftLex.escaped(item.name))(let value): try value.encode(to: encoder)")
                }
            }
        }
    }

    private static func composition(_ parts: [(name: String, type: String)], _ writer: inout CodeWriter) {
        for part in parts { writer.line("public var \(SwiftLex.escaped(part.name)): \(part.type)") }
        writer.line()
        let parameters = parts.map { "\(SwiftLex.escaped($0.name)): \($0.type)" }
        writer.block("public init(\(parameters.joined(separator: ", "))) {") { writer in
            for part in parts { writer.line("self.\(SwiftLex.escaped(part.name)) = \(SwiftLex.escaped(part.name))") }
        }
        writer.line()
        writer.block("public init(from decoder: any Decoder) throws {") { writer in
            for part in parts { writer.line("\(SwiftLex.escaped(part.name)) = try \(decodeCall(part.type))") }
        }
        writer.line()
        writer.block("public func encode(to encoder: any Encoder) throws {") { writer in
            for part in parts { writer.line("try \(SwiftLex.escaped(part.name)).encode(to: encoder)") }
        }
    }
}
