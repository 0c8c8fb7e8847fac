/// A Swagger parameter list sorted by where each entry goes in OpenAPI 3.
struct ParameterSplit {
    /// The body parameter as written, or a `$ref` to a shared one.
    enum Body {
        case inline(SpecNode, JSONPointer)
        /// A `$ref` to the shared body parameter `name`; `entry` is the list entry holding it.
        case shared(name: String, entry: SpecNode, pointer: JSONPointer)
    }

    /// A formData parameter, resolved when it was a `$ref` to a shared one.
    struct Field {
        var name: String
        var node: SpecNode
        var pointer: JSONPointer
    }

    /// Converted query, path and header parameters (and references to shared ones).
    var parameters: [SpecNode] = []
    var body: Body?
    var fields: [Field] = []
}

extension SwaggerConverter {
    /// Sorts a `parameters` list into 3.0 parameters, a body and form fields.
    mutating func split(_ list: SpecNode, at pointer: JSONPointer) -> ParameterSplit {
        var result = ParameterSplit()
        for (position, entry) in (list.array ?? []).enumerated() {
            let entryPointer = pointer.appending(String(position))
            let reference = entry["$ref"]
            if let name = Self.target(of: reference, in: "parameters"), let shared = sharedParameters[name] {
                switch shared["in"]?.string {
                case "body": result.body = .shared(name: name, entry: entry, pointer: entryPointer)
                case "formData":
                    let fieldName = shared["name"]?.string ?? name
                    result.fields.append(
                        .init(name: fieldName, node: shared, pointer: JSONPointer(["parameters", name])))
                default: result.parameters.append(Self.rewritingReference(entry))
                }
                continue
            }
            switch entry["in"]?.string {
            case _ where reference != nil: result.parameters.append(Self.rewritingReference(entry))
            case "body": result.body = .inline(entry, entryPointer)
            case "formData":
                result.fields.append(.init(name: entry["name"]?.string ?? "", node: entry, pointer: entryPointer))
            default: result.parameters.append(parameter(entry, at: entryPointer))
            }
        }
        return result
    }

    /// The shared parameters as components: plain ones as `parameters`, body ones as
    /// `requestBodies`; formData ones are inlined where used, with a warning.
    mutating func sharedParameterComponents(_ node: SpecNode) -> (SpecNode?, SpecNode?) {
        guard let object = node.object else { return (node, nil) }
        var plain = SpecObject()
        var bodies = SpecObject()
        for (name, value) in object.members {
            let pointer = JSONPointer(["parameters", name])
            switch value["in"]?.string {
            case "body":
                bodies[name] = requestBody(fromBody: value, consumes: documentConsumes, at: pointer)
            case "formData":
                warn(
                    "formData parameter '\(name)' cannot be a component in OpenAPI 3; it is inlined into the request "
                        + "body of each operation that references it", value, pointer)
            default:
                plain[name] = value["$ref"] != nil ? Self.rewritingReference(value) : parameter(value, at: pointer)
            }
        }
        // An empty section stays empty; one that held only body or form parameters goes.
        let keepPlain = !plain.isEmpty || object.isEmpty
        return (
            keepPlain ? Self.node(.object(plain), at: node) : nil,
            bodies.isEmpty ? nil : Self.node(.object(bodies), at: node)
        )
    }

    /// A query, path or header parameter: the type fields move into `schema`, and
    /// `collectionFormat` becomes `style` and `explode`.
    mutating func parameter(_ node: SpecNode, at pointer: JSONPointer) -> SpecNode {
        guard let object = node.object else { return node }
        let location = object["in"]?.string ?? "query"
        var result = SpecObject()
        for (key, value) in object.members {
            if Self.simpleSchemaKeys.contains(key) || key == "collectionFormat" || key == "schema" { continue }
            if key == "allowEmptyValue", location != "query" {
                warn(
                    "allowEmptyValue applies only to query parameters in OpenAPI 3; dropped from this \(location) "
                        + "parameter", value, pointer.appending(key))
                continue
            }
            result[key] = value
        }
        if object["type"]?.string == "array" {
            let (style, explode) = style(object["collectionFormat"], in: location, at: pointer)
            let anchor = object["collectionFormat"] ?? object["type"]!
            result["style"] = Self.node(.string(style), at: anchor)
            if let explode { result["explode"] = Self.node(.bool(explode), at: anchor) }
        }
        if object.keys.contains(where: Self.simpleSchemaKeys.contains) || object["schema"] == nil {
            result["schema"] = simpleSchema(node, extensions: false, at: pointer)
        } else if let schema = object["schema"] {
            result["schema"] = self.schema(schema, at: pointer.appending("schema"))
        }
        return Self.node(.object(result), at: node)
    }

    /// A response header: the type fields move into `schema`.
    mutating func header(_ node: SpecNode, at pointer: JSONPointer) -> SpecNode {
        guard let object = node.object else { return node }
        var result = SpecObject()
        for (key, value) in object.members where !Self.simpleSchemaKeys.contains(key) && key != "collectionFormat" {
            result[key] = value
        }
        if object["type"]?.string == "array" { _ = style(object["collectionFormat"], in: "header", at: pointer) }
        result["schema"] = simpleSchema(node, extensions: false, at: pointer)
        return Self.node(.object(result), at: node)
    }

    /// The 3.0 `style` and `explode` for an array's `collectionFormat`, with a warning when the
    /// format has no equivalent where the array is sent. `in` is the parameter's location.
    mutating func style(_ format: SpecNode?, in location: String, at pointer: JSONPointer) -> (String, Bool?) {
        let name = format?.string ?? "csv"
        let isForm = ["query", "formData", "cookie"].contains(location)
        let fallback: (String, Bool?) = isForm ? ("form", false) : ("simple", nil)
        let fallbackText = isForm ? "style: form, explode: false" : "style: simple"
        func approximate(_ reason: String) -> (String, Bool?) {
            warn("\(reason); converted as 'csv' (\(fallbackText))", format!, pointer.appending("collectionFormat"))
            return fallback
        }
        let delimited = ["ssv": "spaceDelimited", "pipes": "pipeDelimited"]
        switch name {
        case "csv": return fallback
        case "tsv": return approximate("collectionFormat 'tsv' has no OpenAPI 3 equivalent")
        case "multi" where isForm: return ("form", true)
        case _ where delimited[name] != nil && (location == "query" || location == "formData"):
            return (delimited[name]!, false)
        case "multi", "ssv", "pipes":
            return approximate("collectionFormat '\(name)' is not supported on \(location) parameters in OpenAPI 3")
        default:
            return approximate("unknown collectionFormat '\(name)' (expected csv, ssv, tsv, pipes or multi)")
        }
    }
}
