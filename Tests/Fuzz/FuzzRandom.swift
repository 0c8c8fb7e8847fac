/// SplitMix64: a small, fast, seedable generator, so input `n` of seed `s` is the same on every run
/// and can be made again from `(s, n)` alone.
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The generator for input `index` of run `seed`, independent of every other input.
    init(seed: UInt64, index: Int) {
        self.init(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15))
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int.random(in: 0..<bound, using: &self) }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A size that is usually small and sometimes huge: 1…`limit`, log-uniform.
    mutating func size(upTo limit: Int) -> Int {
        let bits = below(Int.bitWidth - limit.leadingZeroBitCount) + 1
        return min(limit, below(1 << bits) + 1)
    }
}
