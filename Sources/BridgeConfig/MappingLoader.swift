import CreditCore
import Foundation
import Yams

/// Reads a region's mapping files and checks them, reporting every problem with file, line and key.
///
/// Every `*.yaml` (or `*.yml`) file of the folder is read; each holds a `version` and any of the
/// sections `sites`, `modules`, `programs`, `institution`, `institution_requisites`, `numbering`, `centres`,
/// `centre_field`, `categories`, `plan`, `persons`, `identity`. Sections with lists may be split over several files.
///
/// ```swift
/// let result = try MappingLoader().load(directory: URL(fileURLWithPath: "Mappings"))
/// if result.diagnostics.hasErrors { … }
/// let region = result.configuration   // the mapping, and how each Moodle site is reached
/// ```
public struct MappingLoader: Sendable {
    /// A mapping file's name (as it should appear in messages) and text.
    public struct File: Sendable {
        public var name: String
        public var text: String

        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// The region as read, and what is wrong with it.
    public struct Result: Sendable {
        public var configuration: RegionConfiguration
        public var diagnostics: [Diagnostic]
        public var files: [String]

        /// The domain part of the region: sites, modules, programs, organisation.
        public var mapping: RegionMapping {
            get { configuration.mapping }
            set { configuration.mapping = newValue }
        }

        /// Whether the mapping is free of errors (warnings allowed).
        public var isValid: Bool { !diagnostics.hasErrors }
    }

    /// Why a folder could not be read at all.
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    public init() {}

    /// Reads every YAML file of `directory`, in name order.
    ///
    /// - Throws: ``ReadError`` when the folder cannot be listed or holds no YAML file.
    public func load(directory: URL) throws -> Result {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            throw ReadError(
                description:
                    "cannot read the mapping folder \(directory.relativePath): it does not exist or is not readable")
        }
        guard !names.isEmpty else {
            throw ReadError(description: "the mapping folder \(directory.relativePath) holds no .yaml file")
        }
        let files = try names.map { name in
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ReadError(description: "cannot read \(url.path)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ReadError(description: "\(url.path) is not UTF-8 text; save it as UTF-8")
            }
            return File(name: displayPath(directory: directory, name: name), text: text)
        }
        return load(files: files)
    }

    /// Reads and checks mapping files given as text.
    public func load(files: [File]) -> Result {
        let collector = DiagnosticCollector()
        var mapping = RegionMapping()
        var connections: [SiteConnection] = []
        for file in files {
            read(file, into: &mapping, connections: &connections, collector: collector)
        }
        collector.append(contentsOf: MappingValidator().validate(mapping))
        collector.append(contentsOf: ConnectionValidator().validate(connections))
        // A site defined twice is reported; as `RegionMapping.site(_:)`, its first entry counts.
        let configuration = RegionConfiguration(
            mapping: mapping,
            connections: Dictionary(connections.map { ($0.site, $0) }, uniquingKeysWith: { first, _ in first }))
        return Result(
            configuration: configuration, diagnostics: collector.diagnostics.sortedByLocation(),
            files: files.map(\.name))
    }

    private func read(
        _ file: File, into mapping: inout RegionMapping, connections: inout [SiteConnection],
        collector: DiagnosticCollector
    ) {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: file.text) else {
                collector.error(
                    "the file is empty; it needs at least `version: \(RegionMapping.supportedVersion)`",
                    at: SourceLocation(file: file.name, line: 1), key: nil)
                return
            }
            root = node
        } catch let error as YamlError {
            collector.error(
                "not valid YAML: \(error.summary)", at: SourceLocation(file: file.name, line: error.line ?? 1), key: nil
            )
            return
        } catch {
            collector.error("not valid YAML", at: SourceLocation(file: file.name, line: 1), key: nil)
            return
        }
        let document = YAMLValue(node: root, file: file.name, path: "", diagnostics: collector)
        guard let keys = document.mapping else { return }
        defer { keys.rejectUnknownKeys() }
        if let version = keys.int("version"), version != RegionMapping.supportedVersion {
            keys.optional("version")?.error(
                "unsupported version \(version); this MoodleBridge reads version \(RegionMapping.supportedVersion)")
        }
        if let value = keys.optional("sites") {
            let entries = SitesSection.read(value)
            mapping.sites += entries.map(\.site)
            connections += entries.map(\.connection)
        }
        if let value = keys.optional("modules") { mapping.modules += ModulesSection.read(value) }
        if let value = keys.optional("programs") { mapping.programs += ProgramsSection.read(value) }
        if let value = keys.optional("centres") {
            mapping.organisation.centres += OrganisationSection.readCentres(value)
        }
        if let value = keys.optional("institution") { mapping.organisation.institution = value.string }
        if let value = keys.optional("institution_requisites") {
            mapping.organisation.requisites += value.list?.compactMap(\.string) ?? []
        }
        if let value = keys.optional("numbering") {
            NumberingSection.read(value, into: &mapping.organisation.numbering)
        }
        if let value = keys.optional("centre_field") { mapping.organisation.centreField = value.string }
        if let value = keys.optional("categories") {
            OrganisationSection.readCategories(value, into: &mapping.organisation)
        }
        if let value = keys.optional("plan") { mapping.plan.lines += PlanSection.read(value).lines }
        if let value = keys.optional("persons") { mapping.persons += PersonsSection.read(value) }
        if let value = keys.optional("identity") { IdentitySection.read(value, into: &mapping.organisation) }
    }

    private func displayPath(directory: URL, name: String) -> String {
        let relative = directory.relativePath
        return relative.isEmpty || relative == "." ? name : "\(relative)/\(name)"
    }
}

extension YamlError {
    /// The line of the problem, when the parser knows it.
    fileprivate var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            mark.line
        default:
            nil
        }
    }

    fileprivate var summary: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        default:
            "\(self)"
        }
    }
}
