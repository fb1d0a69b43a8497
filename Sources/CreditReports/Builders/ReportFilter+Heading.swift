import CreditCore
import Foundation

extension ReportFilter {
    /// The heading of a report narrowed by this filter: the institution, one line per criterion
    /// (site, centre by its name, category, period, learner, the day it stands at) and the day it
    /// was made.
    ///
    /// - Parameters:
    ///   - asOf: The day given by `--as-of`, if any (the report then describes the ledger at its end).
    ///   - madeOn: The day the report is made, in the region.
    ///   - persons: The ledger's learners, to name the learner by their name.
    public func heading(
        context: ReportContext, asOf: ReportDay? = nil, madeOn: ReportDay, persons: [PersonID: Person] = [:]
    ) -> ReportHeading {
        var criteria: [LocalizedText] = []
        if let site {
            let name = context.mapping.site(site)?.name ?? ""
            let text = name.isEmpty || name == site.rawValue ? site.rawValue : "\(site) — \(name)"
            criteria.append(LocalizedText(ru: "Сайт Moodle: \(text)", en: "Moodle site: \(text)"))
        }
        if let centre {
            let name = context.name(of: centre)
            criteria.append(LocalizedText(ru: "ММЦ: \(name)", en: "Centre: \(name)"))
        }
        if let category {
            let label = LabelTexts.category(category)
            criteria.append(LocalizedText(ru: "Категория: \(label.ru)", en: "Category: \(label.en)"))
        }
        switch (from, to) {
        case (let from?, let to?):
            criteria.append(
                LocalizedText(
                    ru: "Период: с \(from.russian) по \(to.russian)", en: "Period: \(from.russian) to \(to.russian)"))
        case (let from?, nil):
            criteria.append(LocalizedText(ru: "Период: с \(from.russian)", en: "Period: from \(from.russian)"))
        case (nil, let to?):
            criteria.append(LocalizedText(ru: "Период: по \(to.russian)", en: "Period: up to \(to.russian)"))
        case (nil, nil):
            break
        }
        if let person {
            let name = persons[person].map { "\($0.fullName) (\(person))" } ?? person.rawValue
            criteria.append(LocalizedText(ru: "Слушатель: \(name)", en: "Learner: \(name)"))
        }
        if let asOf {
            criteria.append(
                LocalizedText(ru: "По состоянию на конец дня \(asOf.russian)", en: "As of the end of \(asOf.russian)"))
        }
        return ReportHeading(
            institution: context.mapping.organisation.institution, criteria: criteria, madeOn: madeOn)
    }
}

extension ReportHeading {
    /// The warning of a report built without one site's data: the site could not be read.
    public static func siteNotRead(_ site: SiteID, reason: String) -> LocalizedText {
        LocalizedText(
            ru: "Данные неполные: сайт \(site) не прочитан (\(reason))",
            en: "Incomplete data: site \(site) could not be read (\(reason))")
    }
}
