import Foundation
import Yams

/// Reads YAML text into a `SpecNode` tree through Yams, with two guards libyaml lacks:
/// a nesting limit checked before Yams composes (its composer recurses once per level), and a
/// budget on how many nodes aliases may expand to (a "billion laughs" file is a few hundred bytes).
enum YAMLReader {
    struct Failure: Error, Equatable {
        var message: String
        var location: SourceLocation?
    }

    static func parse(_ text: String, maxDepth: Int, maxNodes: Int) throws(Failure) -> SpecNode {
        if let (_, line) = YAMLDepthScan.firstLine(deeperThan: maxDepth, in: text) {
            throw Failure(
                message: "nesting is deeper than \(maxDepth) levels",
                location: SourceLocation(line: line, column: 1))
        }
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw failure(from: error)
        } catch {
            throw Failure(message: "cannot read YAML: \(error)", location: nil)
        }
        guard let root else { throw Failure(message: "the file holds no YAML document", location: nil) }
        var budget = maxNodes
        return try convert(root, budget: &budget, maxNodes: maxNodes)
    }

    private static func failure(from error: YamlError) -> Failure {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " \(context.text)" }
            return Failure(message: message, location: SourceLocation(line: mark.line, column: mark.column))
        case .reader(let problem, _, _, _):
            return Failure(message: "cannot read YAML: \(problem)", location: nil)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return Failure(
                message: "duplicate key \(names) in a mapping; each key may appear once",
                location: SourceLocation(line: context.mark.line, column: context.mark.column))
        default:
            return Failure(message: "cannot read YAML: \(error)", location: nil)
        }
    }

    private static func convert(_ node: Yams.Node, budget: inout Int, maxNodes: Int) throws(Failure) -> SpecNode {
        budget -= 1
        let location = node.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? .init(line: 1, column: 1)
        if budget < 0 {
            throw Failure(
                message: "the YAML expands to more than \(maxNodes) values through aliases (an alias bomb?); "
                    + "remove the repeated '*alias' references",
                location: location)
        }
        switch node {
        case .scalar(let scalar):
            return SpecNode(scalarValue(scalar, tag: Tag.Name(rawValue: node.tag.rawValue)), at: location)
        case .sequence(let sequence):
            var items: [SpecNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try convert(item, budget: &budget, maxNodes: maxNodes)) }
            return SpecNode(.array(items), at: location)
        case .mapping(let mapping):
            var object = SpecObject()
            var merged: [Yams.Node] = []
            for (key, value) in mapping {
                if key.tag.rawValue == Tag.Name.merge.rawValue {
                    merged.append(value)
                    continue
                }
                let name = key.scalar?.string ?? "\(key)"
                object[name] = try convert(value, budget: &budget, maxNodes: maxNodes)
            }
            // YAML merge keys (`<<: *base`): members not already present come from the merged mappings.
            for source in merged.flatMap({ $0.sequence.map(Array.init) ?? [$0] }) {
                guard case .object(let extra) = try convert(source, budget: &budget, maxNodes: maxNodes).value else {
                    continue
                }
                for (key, value) in extra.members where !object.contains(key) { object[key] = value }
            }
            return SpecNode(.object(object), at: location)
        case .alias:
            return SpecNode(.null, at: location)
        }
    }

    static func isJSONNumber(_ text: String) -> Bool { SpecNode.isJSONNumber(text) }

    private static func scalarValue(_ scalar: Yams.Node.Scalar, tag: Tag.Name) -> SpecNode.Value {
        let text = scalar.string
        switch tag {
        case .null: return .null
        case .bool: return Bool.construct(from: scalar).map(SpecNode.Value.bool) ?? .string(text)
        case .int:
            if let value = Int(text) { return .number(String(value)) }
            if let value = Int.construct(from: scalar) { return .number(String(value)) }
            return .string(text)
        case .float:
            if Self.isJSONNumber(text) { return .number(text) }
            guard let value = Double.construct(from: scalar), value.isFinite else { return .string(text) }
            if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int(value))) }
            return .number(String(value))
        default: return .string(text)
        }
    }
}
