/// The hand-written `Codable` members: structs that send `null` or keep undeclared keys, and the
/// order in which a union tries its cases.
extension SwiftTypeRenderer {
    /// `init(from:)` for a struct with `additionalProperties`: each declared key, then the rest.
    static func decoding(
        _ properties: [SwiftDeclaration.Property], _ additional: SwiftDeclaration.AdditionalProperties,
        _ writer: inout CodeWriter
    ) {
        writer.line()
        writer.block("public init(from decoder: any Decoder) throws {") { writer in
            writer.line("let container = try decoder.container(keyedBy: CodingKeys.self)")
            for property in properties {
                let name = SwiftLex.escaped(property.name)
                let call =
                    if property.tristate {
                        "decodeIfPresent(Nullable<\(property.type.base)>.self"
                    } else if property.optional || property.type.nullable {
                        "decodeIfPresent(\(property.type.base).self"
                    } else {
                        "decode(\(property.type.base).self"
                    }
                writer.line("self.\(name) = try container.\(call), forKey: .\(name))")
            }
            writer.line(
                "self.\(SwiftLex.escaped(additional.name)) = try decoder.additionalProperties(\(additional.valueType).self, besides: CodingKeys.self)"
            )
        }
    }

    /// `encode(to:)` that writes a nil required property as `null` and the undeclared keys.
    static func encoding(
        _ properties: [SwiftDeclaration.Property], _ additional: SwiftDeclaration.AdditionalProperties?,
        _ writer: inout CodeWriter
    ) {
        writer.line()
        writer.block("public func encode(to encoder: any Encoder) throws {") { writer in
            writer.line("var container = encoder.container(keyedBy: CodingKeys.self)")
            for property in properties {
                let name = SwiftLex.escaped(property.name)
                let method = property.optional || property.tristate ? "encodeIfPresent" : "encode"
                writer.line("try container.\(method)(self.\(name), forKey: .\(name))")
            }
            if let additional {
                writer.line(
                    "try encoder.encodeAdditionalProperties(self.\(SwiftLex.escaped(additional.name)), besides: CodingKeys.self)"
                )
            }
        }
    }

    /// The cases tried first, when their required keys are all in the object: those with the
    /// most keys first, then in declaration order. Empty when that order would change nothing
    /// (the keyed cases already lead, most keys first).
    static func fullMatches(_ cases: [SwiftDeclaration.UnionCase]) -> [SwiftDeclaration.UnionCase] {
        let keyed = cases.enumerated().filter { !$0.element.keys.isEmpty }
            .sorted { ($0.element.keys.count, -$0.offset) > ($1.element.keys.count, -$1.offset) }
        let leading = keyed.map(\.offset) == Array(0..<keyed.count)
        return leading ? [] : keyed.map(\.element)
    }

    /// The doc comment lines that say how a union's decoding picks its case.
    static func decodingRule(
        _ cases: [SwiftDeclaration.UnionCase], _ discriminator: SwiftDeclaration.Discriminator?
    ) -> [String] {
        var lines: [String] = []
        if let discriminator, !discriminator.values.isEmpty {
            lines.append(
                "Decoding switches on `\(SwiftLex.inline(discriminator.property))`; when it is missing or unknown, the rule below applies."
            )
        }
        if fullMatches(cases).isEmpty {
            lines.append("Decoding takes the first case, in declaration order, that decodes.")
        } else {
            lines.append("Decoding first tries the cases whose required properties are all in the object (the case")
            lines.append("with most properties first), then takes the first case, in declaration order, that decodes.")
        }
        return lines
    }
}
