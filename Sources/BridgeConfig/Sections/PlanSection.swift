import CreditCore

/// Reads `plan:` — learners to train per month, form and category:
///
/// ```yaml
/// plan:
///   2025-09:
///     in-person: { methodist: 30, teacher: 100 }
///     distance: { teacher: 20 }
/// ```
enum PlanSection {
    static func read(_ value: YAMLValue) -> TrainingPlan {
        guard let months = value.mapping else { return TrainingPlan() }
        var lines: [TrainingPlan.Line] = []
        for (key, monthValue) in months.allEntries() {
            guard let month = YearMonth(key) else {
                monthValue.error("'\(key)' is not a month; write it as yyyy-MM, e.g. 2025-09")
                continue
            }
            guard let forms = monthValue.mapping else { continue }
            for (formKey, formValue) in forms.allEntries() {
                guard let form = StudyForm(rawValue: formKey) else {
                    formValue.error(
                        "unknown form '\(formKey)'; expected one of: \(StudyForm.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                    continue
                }
                guard let categories = formValue.mapping else { continue }
                for (categoryKey, countValue) in categories.allEntries() {
                    guard let category = LearnerCategory(rawValue: categoryKey) else {
                        countValue.error(
                            "unknown category '\(categoryKey)'; expected one of: \(LearnerCategory.allCases.map(\.rawValue).joined(separator: ", "))"
                        )
                        continue
                    }
                    guard let count = countValue.int else { continue }
                    guard count >= 0 else {
                        countValue.error("a planned number of learners cannot be negative")
                        continue
                    }
                    lines.append(
                        .init(
                            month: month, form: form, category: category, learners: count, location: countValue.location
                        ))
                }
            }
        }
        return TrainingPlan(lines: lines)
    }
}
