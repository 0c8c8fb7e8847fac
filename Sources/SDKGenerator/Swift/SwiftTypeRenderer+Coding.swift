/// The `Codable` members: structs decode and encode through string keys, and unions say in which
/// order they try their cases.
///
/// Structs get written-out `init(from:)` and `encode(to:)` keyed by string literals rather than
/// synthesized ones over a `CodingKeys` enum: each such enum brings its own raw-value, hashing and
/// key conformances, and for big specs (GitHub's has over 700 of them) that was a large share of
/// the client's compile time.
extension SwiftTypeRenderer {
    /// `init(from:)`: each declared key, then, with `additionalProperties`, every other key.
    static func decoding(
        _ properties: [SwiftDeclaration.Property], _ additional: SwiftDeclaration.AdditionalProperties?,
        _ writer: inout CodeWriter
    ) {
        writer.line()
        writer.block("public init(from decoder: any Decoder) throws {") { writer in
            // An object is required even when no key is declared.
            let binding = properties.isEmpty ? "_" : "let container"
            writer.line("\(binding) = try decoder.container(keyedBy: AnyCodingKey.self)")
            for property in properties {
                let call =
                    if property.tristate {
                        "decodeIfPresent(Nullable<\(property.type.base)>.self"
                    } else if property.optional || property.type.nullable {
                        "decodeIfPresent(\(property.type.base).self"
                    } else {
                        "decode(\(property.type.base).self"
                    }
                writer.line(
                    "self.\(SwiftLex.escaped(property.name)) = try container.\(call), forKey: \(SwiftLex.string(property.key)))"
                )
            }
            if let additional {
                writer.line(
                    "self.\(SwiftLex.escaped(additional.name)) = try decoder.additionalProperties(\(additional.valueType).self, besides: \(keys(properties)))"
                )
            }
        }
    }

    /// `encode(to:)`: a nil required property is written as `null`, a nil optional one left out.
    static func encoding(
        _ properties: [SwiftDeclaration.Property], _ additional: SwiftDeclaration.AdditionalProperties?,
        _ writer: inout CodeWriter
    ) {
        writer.line()
        writer.block("public func encode(to encoder: any Encoder) throws {") { writer in
            writer.line("\(properties.isEmpty ? "_" : "var container") = encoder.container(keyedBy: AnyCodingKey.self)")
            for property in properties {
                let method = property.optional || property.tristate ? "encodeIfPresent" : "encode"
                writer.line(
                    "try container.\(method)(self.\(SwiftLex.escaped(property.name)), forKey: \(SwiftLex.string(property.key)))"
                )
            }
            if let additional {
                writer.line(
                    "try encoder.encodeAdditionalProperties(self.\(SwiftLex.escaped(additional.name)), besides: \(keys(properties)))"
                )
            }
        }
    }

    /// The declared keys as a set literal.
    private static func keys(_ properties: [SwiftDeclaration.Property]) -> String {
        "[" + properties.map { SwiftLex.string($0.key) }.joined(separator: ", ") + "]"
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
