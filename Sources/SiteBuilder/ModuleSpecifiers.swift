/// Finds the module specifiers of an ES module: `import … from "x"`, `import "x"`,
/// `export … from "x"`, `import("x")` with a literal, and `new URL("x", import.meta.url)`.
enum ModuleSpecifiers {
    static func find(in bytes: [UInt8]) -> [TextReference] {
        let tokenizer = JSTokenizer(bytes: bytes)
        let tokens = tokenizer.tokens()
        var found: [Int] = []  // indexes of string tokens that are specifiers
        func isName(_ index: Int, _ name: String) -> Bool {
            tokens.indices.contains(index) && tokens[index].kind == .name && tokenizer.text(tokens[index]) == name
        }
        func isPunctuator(_ index: Int, _ text: String) -> Bool {
            tokens.indices.contains(index) && tokens[index].kind == .punctuator && tokenizer.text(tokens[index]) == text
        }
        func isString(_ index: Int) -> Bool { tokens.indices.contains(index) && tokens[index].kind == .string }
        /// The string after the next `from`, scanning at most to a `;` or the token limit.
        func fromClause(after start: Int) {
            var index = start
            while index < min(tokens.count, start + 400), !isPunctuator(index, ";") {
                if isName(index, "from"), isString(index + 1) {
                    found.append(index + 1)
                    return
                }
                if isName(index, "import") || isName(index, "export") { return }
                index += 1
            }
        }
        for index in tokens.indices where tokens[index].kind == .name && !isPunctuator(index - 1, ".") {
            switch tokenizer.text(tokens[index]) {
            case "import":
                if isPunctuator(index + 1, "("), isString(index + 2),
                    isPunctuator(index + 3, ")") || isPunctuator(index + 3, ",")
                {
                    found.append(index + 2)
                } else if isString(index + 1) {
                    found.append(index + 1)
                } else if !isPunctuator(index + 1, "."), !isPunctuator(index + 1, "(") {
                    fromClause(after: index + 1)
                }
            case "export" where isPunctuator(index + 1, "*") || isPunctuator(index + 1, "{"):
                fromClause(after: index + 1)
            case "new"
            where isName(index + 1, "URL") && isPunctuator(index + 2, "(") && isString(index + 3)
                && isPunctuator(index + 4, ",") && isName(index + 5, "import") && isPunctuator(index + 6, ".")
                && isName(index + 7, "meta"):
                found.append(index + 3)
            default:
                break
            }
        }
        return found.map { TextReference(value: tokenizer.text(tokens[$0]), range: tokens[$0].range) }
    }
}
