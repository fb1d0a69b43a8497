import CreditReports
import Foundation

/// The plan report's table as a bar chart: for each month, one bar for the learners planned and one
/// for the learners trained (the sums of the month's rows over forms and categories), their heights
/// proportional to the numbers, the tallest bar ``plotHeight`` high. The plan page's template draws
/// it as inline SVG, so every text in it is escaped like any other value of a page.
struct PlanChart: Sendable {
    struct Month: Sendable, Equatable {
        var month: String
        var planned: Int
        var trained: Int
    }

    static let plotHeight = 200.0
    static let barWidth = 16.0
    static let gap = 4.0
    static let monthWidth = 2 * barWidth + gap + 14
    /// Room left of the bars for the scale, and below them for the month labels.
    static let left = 44.0
    static let top = 12.0
    static let bottom = 28.0

    let months: [Month]

    /// The months of `table` (a ``ReportKind/plan`` table), in its order.
    init(table: ReportTable) {
        let keys = table.columns.map(\.key)
        guard let month = keys.firstIndex(of: "month"), let planned = keys.firstIndex(of: "planned"),
            let trained = keys.firstIndex(of: "trained")
        else {
            months = []
            return
        }
        var order: [String] = []
        var sums: [String: (planned: Int, trained: Int)] = [:]
        for row in table.rows {
            let name = row[month].plainText(.ru)
            if sums[name] == nil { order.append(name) }
            sums[name, default: (0, 0)].planned += Self.number(row[planned])
            sums[name, default: (0, 0)].trained += Self.number(row[trained])
        }
        months = order.map { Month(month: $0, planned: sums[$0]!.planned, trained: sums[$0]!.trained) }
    }

    /// The largest number on the chart (at least 1, so that an empty plan draws no bars).
    var scaleMaximum: Int { max(1, months.map { max($0.planned, $0.trained) }.max() ?? 0) }

    var width: Double { Self.left + Double(months.count) * Self.monthWidth + 8 }
    var height: Double { Self.top + Self.plotHeight + Self.bottom }
    var baseline: Double { Self.top + Self.plotHeight }

    /// The height of a bar for `value`.
    func barHeight(_ value: Int) -> Double { Double(value) / Double(scaleMaximum) * Self.plotHeight }

    /// The chart's geometry and labels, as the template reads them.
    var values: [String: Any] {
        [
            "width": Self.format(width), "height": Self.format(height), "left": Self.format(Self.left),
            "top": Self.format(Self.top), "baseline": Self.format(baseline), "right": Self.format(width - 8),
            "maximum": scaleMaximum, "maximumY": Self.format(Self.top + 4),
            "scaleX": Self.format(Self.left - 6), "baselineY": Self.format(baseline + 4),
            "months": months.enumerated().map { index, month -> [String: Any] in
                let x = Self.left + Double(index) * Self.monthWidth + 7
                let plannedHeight = barHeight(month.planned)
                let trainedHeight = barHeight(month.trained)
                return [
                    "month": month.month, "planned": month.planned, "trained": month.trained,
                    "barWidth": Self.format(Self.barWidth),
                    "plannedX": Self.format(x), "plannedY": Self.format(baseline - plannedHeight),
                    "plannedHeight": Self.format(plannedHeight),
                    "trainedX": Self.format(x + Self.barWidth + Self.gap),
                    "trainedY": Self.format(baseline - trainedHeight), "trainedHeight": Self.format(trainedHeight),
                    "labelX": Self.format(x + Self.barWidth + Self.gap / 2), "labelY": Self.format(baseline + 16),
                ]
            },
        ]
    }

    /// A coordinate with at most two decimals (`168.63`, `200`).
    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private static func number(_ cell: ReportCell) -> Int {
        if case .integer(let value) = cell { return value }
        return 0
    }
}
