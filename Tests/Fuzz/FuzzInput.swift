/// One generated input: a spec file or one file of the site, and how it was made.
struct FuzzInput {
    enum Target: String {
        case spec
        case site
    }

    var target: Target
    /// The spec's file name, or the file's path inside the site.
    var path: String
    var bytes: [UInt8]
    /// What was done to make it, for the report.
    var label: String

    static let specDictionary =
        [
            "$ref: ", "\"$ref\": \"", "&a ", "*a", "<<: ", ": ", "- ", "[", "{", "'", "\"", "\t", "\n  ", "!!str ",
            "!!binary ", "? ", "|", ">-", "%YAML 1.1\n", "---\n", "...\n", "#", "~", "\\", "type: ", "allOf: ",
            "properties: ", "items: ", "required: ", "discriminator: ", "$ref: '#'\n", "\u{FEFF}",
        ] + SpecGenerator.oddValues + SpecGenerator.oddReferences.map { "'\($0)'" }

    /// Input `index` of run `seed`: always the same bytes for the same corpus, seed and index.
    static func make(seed: UInt64, index: Int, corpus: Corpus, only: Target?) -> FuzzInput {
        var random = FuzzRandom(seed: seed, index: index)
        let target = only ?? (random.chance(55) ? .spec : .site)
        return target == .spec ? spec(&random, corpus) : site(&random, corpus)
    }

    private static func spec(_ random: inout FuzzRandom, _ corpus: Corpus) -> FuzzInput {
        switch random.below(10) {
        case 0..<4:
            let (name, bytes) = random.pick(corpus.specs)
            let other = random.pick(corpus.specs).bytes
            let mutated = ByteMutator(dictionary: specDictionary).mutate(bytes, with: other, random: &random)
            return FuzzInput(target: .spec, path: name, bytes: mutated, label: "mutated \(name)")
        case 4..<7:
            let swagger = random.chance(25)
            var generator = SpecGenerator(random: random)
            let tree = generator.document(swagger: swagger)
            random = generator.random
            let json = random.chance(40)
            var bytes = Array((json ? tree.json : tree.yaml).utf8)
            if random.chance(20) {
                bytes = ByteMutator(dictionary: specDictionary).mutate(bytes, with: [], random: &random)
            }
            let name = "generated.\(json ? "json" : "yaml")"
            return FuzzInput(target: .spec, path: name, bytes: bytes, label: "generated \(swagger ? "2.0" : "3.x")")
        default:
            let (label, bytes) = SpecAttacks.make(&random)
            return FuzzInput(target: .spec, path: "attack.yaml", bytes: bytes, label: label)
        }
    }

    private static func site(_ random: inout FuzzRandom, _ corpus: Corpus) -> FuzzInput {
        if random.chance(50) {
            let path = random.pick(corpus.sitePaths)
            let other = corpus.site[random.pick(corpus.sitePaths)] ?? []
            let mutator = ByteMutator(dictionary: SiteAttacks.dictionary(for: path))
            let bytes = mutator.mutate(corpus.site[path] ?? [], with: other, random: &random)
            return FuzzInput(target: .site, path: path, bytes: bytes, label: "mutated \(path)")
        }
        let (label, path, bytes) = SiteAttacks.make(&random)
        return FuzzInput(target: .site, path: path, bytes: bytes, label: label)
    }
}
