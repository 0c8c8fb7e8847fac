import Foundation
import SiteBuilder
import Testing

@Suite("Site files")
struct SiteFileTests {
    @Test func outputFilesCompareByPathDataAndHashing() {
        let file = OutputFile(path: "app.js", data: Data("x".utf8), isHashed: false)
        #expect(file != OutputFile(path: "app.js", data: Data("x".utf8), isHashed: true))
    }
}
