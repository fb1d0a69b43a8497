import BridgeConfig
import CreditCore
import Foundation
import Yams

/// `mappings check` on a generated region at 1×, 2× and 4× its size: the example region of
/// `Mappings/` plus a file of generated modules, each taught by one course. Checking must grow
/// linearly: a ratio near 2 between sizes, not near 4.
struct MappingBenchmark {
    struct Size: Encodable {
        let modules: Int
        let bytes: Int
        /// Yams alone, composing the generated file.
        let parseSeconds: Double
        /// The whole check: reading every file, then validating the region.
        let checkSeconds: Double
        /// `MappingValidator` alone, on the region as read.
        let validateSeconds: Double
        let diagnostics: Int
    }

    let modules: Int
    let examples: URL

    /// A modules file of `count` generated modules (`GEN-0000001`…), valid against the example region.
    static func generatedModules(_ count: Int) -> String {
        var text = "version: 1\nmodules:\n"
        text.reserveCapacity(count * 140)
        for index in 0..<count {
            let number = String(index).leftPadded(to: 7)
            text += """
                  - id: GEN-\(number)
                    title: "Generated module \(index)"
                    hours: \(2 + index % 35)
                    form: distance
                    courses:
                      - { site: ripk, idnumber: GEN-C-\(number) }

                """
        }
        return text
    }

    func run(log: (String) -> Void) throws -> [Size] {
        let names = try FileManager.default.contentsOfDirectory(atPath: examples.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        let example = try names.map { name in
            MappingLoader.File(
                name: "Mappings/\(name)",
                text: try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8))
        }
        return try [1, 2, 4].map { factor in
            let count = modules * factor
            let generated = Self.generatedModules(count)
            let files = example + [MappingLoader.File(name: "generated/modules.yaml", text: generated)]
            log("\(count) generated modules, \(generated.utf8.count / 1_024) KiB …")
            let parse = try Self.time { _ = try Yams.compose(yaml: generated) }
            var result: MappingLoader.Result?
            let check = try Self.time { result = MappingLoader().load(files: files) }
            let validate = try Self.time { _ = MappingValidator().validate(result!.mapping) }
            return Size(
                modules: count, bytes: generated.utf8.count, parseSeconds: parse, checkSeconds: check,
                validateSeconds: validate, diagnostics: result!.diagnostics.count)
        }
    }

    private static func time(_ work: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try work()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
