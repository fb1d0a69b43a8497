import CreditCore
import Foundation
import Testing

@Suite("Ledger hash chain")
struct LedgerChainTests {
    @Test(
        "SHA-256 matches the standard's test vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func sha256(input: String, digest: String) {
        #expect(LedgerChain.sha256Hex(Array(input.utf8)) == digest)
    }

    @Test("a million 'a's")
    func sha256Long() {
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(LedgerChain.sha256Hex(input) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a known two-entry chain keeps its hashes, so ledgers written before still verify")
    func knownChain() {
        let credit = LedgerEntry(
            id: "e-1", person: "P-0001", module: "ЦОР-36", hours: 36, form: .distance,
            occurredAt: Date(timeIntervalSince1970: 1_740_836_499),
            recordedAt: Date(timeIntervalSince1970: 1_767_225_600),
            source: .moodle(site: "ripk", courseID: 2, userID: 4), idempotencyKey: "ripk/2/4")
        let reversal = LedgerEntry(
            id: "e-2", person: "P-0001", module: "ЦОР-36", hours: 36, form: .distance, kind: .reversal(of: "e-1"),
            occurredAt: Date(timeIntervalSince1970: 1_767_225_600),
            recordedAt: Date(timeIntervalSince1970: 1_767_225_700),
            source: .manual(operator: "Иванова", document: "Приказ №12"), idempotencyKey: "reverse/e-1",
            batch: "B-2026-01", note: "исправление: курс отчислен")
        // Written by the ledger's first SHA-256 implementation (and by any other SHA-256 of the
        // same canonical text): a change of hash library must leave them as they are.
        let first = "b8e6218427f8769fa6de9c6560c7b35d0212e8ad422749a2312a42305eb9e301"
        let second = "03ba986590332838d0d1af959b1d5f19c8e80f345493fbc472de7fb1ffa740a8"
        #expect(LedgerChain.hash(of: credit, following: LedgerChain.genesis) == first)
        #expect(LedgerChain.hash(of: reversal, following: first) == second)
        #expect(LedgerChain.verify([(credit, first), (reversal, second)], head: (second, 2)).isIntact)
    }

    @Test("an edited entry, a removed entry and a removed tail are each found")
    func verify() {
        var ledger = LedgerWriter()
        for module in ["m1", "m2", "m3", "m4"] { ledger.credit(module, 12, on: "2026-02-01") }
        var chained: [(entry: LedgerEntry, storedHash: String)] = []
        var previous = LedgerChain.genesis
        for entry in ledger.entries {
            previous = LedgerChain.hash(of: entry, following: previous)
            chained.append((entry, previous))
        }
        let head = (hash: previous, count: 4)
        #expect(LedgerChain.verify(chained, head: head).isIntact)

        var edited = chained
        edited[1].entry.hours = 36
        #expect(LedgerChain.verify(edited, head: head).problem == .entryAltered(position: 2, id: "e-2"))

        var removed = chained
        removed.remove(at: 2)
        #expect(LedgerChain.verify(removed, head: head).problem == .entryAltered(position: 3, id: "e-4"))

        #expect(LedgerChain.verify(chained.dropLast(), head: head).problem == .entriesMissing(expected: 4, found: 3))
    }
}
