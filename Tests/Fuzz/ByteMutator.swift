import Foundation

/// Generic mutations of bytes: flips, interesting bytes, deletions, duplications, truncation,
/// splices from another file and insertion of tokens from a format's dictionary.
struct ByteMutator {
    /// Tokens that mean something to the format being fuzzed (`$ref: '#/x'`, `<script>`, `url(`).
    var dictionary: [String]

    static let interestingBytes: [UInt8] = [
        0x00, 0xFF, 0xFE, 0xC0, 0xC3, 0x80, 0xED, 0xF4, 0x7F, 0x0A, 0x0D, 0x09, 0x20, 0x22, 0x27, 0x5C, 0x7B,
        0x7D, 0x5B, 0x5D, 0x3C, 0x3E, 0x3A, 0x2D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x60,
    ]

    func mutate(_ input: [UInt8], with other: [UInt8], random: inout FuzzRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + random.below(8)) { mutateOnce(&bytes, other: other, random: &random) }
        return bytes
    }

    private func mutateOnce(_ bytes: inout [UInt8], other: [UInt8], random: inout FuzzRandom) {
        let position = random.below(bytes.count + 1)
        switch random.below(9) {
        case 0 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] ^= UInt8(1) << UInt8(random.below(8))
        case 1 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] = random.pick(Self.interestingBytes)
        case 2:
            let length = min(bytes.count - position, random.size(upTo: 256))
            bytes.removeSubrange(position..<(position + length))
        case 3 where !bytes.isEmpty:
            let start = random.below(bytes.count)
            let length = min(bytes.count - start, random.size(upTo: 512))
            let copies = random.chance(10) ? random.size(upTo: 200) : 1
            let chunk = Array(bytes[start..<(start + length)])
            bytes.insert(contentsOf: (0..<copies).flatMap { _ in chunk }, at: position)
        case 4:
            bytes.removeSubrange(position...)
        case 5 where !other.isEmpty:
            // Splice: this file up to a point, then another file from a point.
            let from = random.below(other.count)
            bytes = Array(bytes[..<position]) + other[from..<min(other.count, from + random.size(upTo: 1 << 16))]
        case 6 where !dictionary.isEmpty, 7 where !dictionary.isEmpty:
            bytes.insert(contentsOf: Array(random.pick(dictionary).utf8), at: position)
        default:
            bytes.insert(random.pick(Self.interestingBytes), at: position)
        }
    }
}
