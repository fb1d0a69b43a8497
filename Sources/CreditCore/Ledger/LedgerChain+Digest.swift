import Crypto
import Foundation

extension LedgerChain {
    /// SHA-256 (FIPS 180-4) of `bytes`, by swift-crypto, as 64 lowercase hexadecimal characters:
    /// the digest the chain is made of.
    public static func sha256Hex(_ bytes: some DataProtocol) -> String {
        let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
