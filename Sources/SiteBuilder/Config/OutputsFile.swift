import APISpec
import Foundation

/// The stack outputs in one outputs file, whichever tool wrote it; the format is detected from the content.
struct OutputsFile: Sendable {
    /// The tool whose output the file is.
    enum Format: String, Sendable {
        case describeStacks = "aws cloudformation describe-stacks"
        case cdk = "cdk deploy --outputs-file"
        case terraform = "terraform output -json"
    }

    /// One output: its name, value and, except for Terraform, its stack.
    struct Output: Sendable, Equatable {
        var name: String
        var value: String
        var stack: String?
    }

    var path: String
    var format: Format
    /// The outputs in the file's order (stacks in their order, then outputs in theirs).
    var outputs: [Output]

    /// Reads and parses `path`; the diagnostic names the file, with line and column for JSON errors.
    static func read(path: String) -> Result<OutputsFile, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Diagnostic(.error, "cannot read the outputs file; check the path", file: path))
        }
        return parse(data, path: path)
    }

    static func parse(_ data: Data, path: String) -> Result<OutputsFile, Diagnostic> {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            return .failure(jsonError(error, data: data, path: path))
        }
        if let root = json as? [String: Any] {
            if let stacks = root["Stacks"] as? [Any] { return describeStacks(stacks, path: path) }
            let groups = root.values.compactMap { $0 as? [String: Any] }
            if groups.count == root.count {
                if groups.allSatisfy({ $0["value"] != nil }) {
                    return .success(terraform(root, path: path))
                }
                if groups.allSatisfy({ $0.values.allSatisfy { $0 is String } }) {
                    return .success(cdk(root, path: path))
                }
            }
        }
        return .failure(
            Diagnostic(
                .error,
                "the outputs file's shape is not one chatsite reads; give the JSON written by "
                    + "`aws cloudformation describe-stacks` ({\"Stacks\": [...]}), `cdk deploy --outputs-file` "
                    + "({\"Stack\": {\"Output\": \"value\"}}) or `terraform output -json` ({\"name\": {\"value\": ...}})",
                file: path, location: SourceLocation(line: 1, column: 1)))
    }

    private static func describeStacks(_ stacks: [Any], path: String) -> Result<OutputsFile, Diagnostic> {
        var outputs: [Output] = []
        for case let stack as [String: Any] in stacks {
            let name = stack["StackName"] as? String
            for case let output as [String: Any] in stack["Outputs"] as? [Any] ?? [] {
                guard let key = output["OutputKey"] as? String, let value = output["OutputValue"] as? String else {
                    continue
                }
                outputs.append(Output(name: key, value: value, stack: name))
            }
        }
        return .success(OutputsFile(path: path, format: .describeStacks, outputs: outputs))
    }

    private static func cdk(_ root: [String: Any], path: String) -> OutputsFile {
        var outputs: [Output] = []
        for stack in root.keys.sorted() {
            let values = root[stack] as? [String: String] ?? [:]
            for name in values.keys.sorted() { outputs.append(Output(name: name, value: values[name]!, stack: stack)) }
        }
        return OutputsFile(path: path, format: .cdk, outputs: outputs)
    }

    private static func terraform(_ root: [String: Any], path: String) -> OutputsFile {
        var outputs: [Output] = []
        for name in root.keys.sorted() {
            // Lists and maps have no single value to put in the config; they are left out.
            switch (root[name] as? [String: Any])?["value"] {
            case let text as String: outputs.append(Output(name: name, value: text, stack: nil))
            case let number as NSNumber: outputs.append(Output(name: name, value: number.stringValue, stack: nil))
            default: continue
            }
        }
        return OutputsFile(path: path, format: .terraform, outputs: outputs)
    }

    private static func jsonError(_ error: any Error, data: Data, path: String) -> Diagnostic {
        var detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        var location: SourceLocation?
        if let range = detail.range(of: " around character ") {
            let offset = Int(detail[range.upperBound...].prefix { $0.isNumber }) ?? 0
            location = TextPosition.location(ofByte: offset, in: data)
            detail = String(detail[..<range.lowerBound])
        } else if detail.lowercased().contains("end of file") {
            location = TextPosition.location(ofByte: data.count, in: data)
        }
        while detail.hasSuffix(".") { detail.removeLast() }
        let reason = detail.prefix(1).lowercased() + detail.dropFirst()
        return Diagnostic(
            .error, "the outputs file is not valid JSON (\(reason)); write it with the tool's JSON output",
            file: path, location: location)
    }
}
