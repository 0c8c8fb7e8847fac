import Foundation
import OpenAPIKit
import OpenAPIKit30
import OpenAPIKitCompat

public enum Probe {
    public static func run(_ path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var t = Date()
        let (node, diags) = SourceReader().read(data, file: path)
        print("read", Date().timeIntervalSince(t), diags)
        t = Date()
        if node?["openapi"]?.string?.hasPrefix("3.1") == true {
            let doc = try OpenAPIKit.OpenAPI.Document(from: SpecNodeDecoder(node: node!, path: nil))
            print("decode31", Date().timeIntervalSince(t), doc.paths.count)
        } else {
            let doc = try OpenAPIKit30.OpenAPI.Document(from: SpecNodeDecoder(node: node!, path: nil))
            print("decode30", Date().timeIntervalSince(t), doc.paths.count)
            t = Date()
            let d31 = doc.convert(to: .v3_1_0)
            print("convert", Date().timeIntervalSince(t), d31.paths.count)
        }
    }
}
