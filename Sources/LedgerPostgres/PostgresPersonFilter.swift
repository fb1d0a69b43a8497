#if PostgreSQL
    import CreditCore
    import PostgresNIO

    /// Which persons' rows a query reads: everyone's, one person's, or a ``PersonRange`` of them
    /// (as `verify` reads the ledger, one slice at a time).
    enum PersonFilter: Sendable {
        case everyone
        case only(PersonID)
        case within(PersonRange)
    }

    extension PostgresQuery.StringInterpolation {
        /// A condition on `column` keeping the rows `filter` names, its values bound.
        mutating func appendInterpolation(_ column: String, matches filter: PersonFilter) {
            switch filter {
            case .everyone:
                appendLiteral("TRUE")
            case .only(let person):
                appendLiteral("\(column) = ")
                appendInterpolation(person.rawValue)
            case .within(let range):
                appendLiteral("(")
                appendInterpolation(range.lower?.rawValue)
                appendLiteral("::text IS NULL OR \(column) >= ")
                appendInterpolation(range.lower?.rawValue)
                appendLiteral(") AND (")
                appendInterpolation(range.upper?.rawValue)
                appendLiteral("::text IS NULL OR \(column) < ")
                appendInterpolation(range.upper?.rawValue)
                appendLiteral(")")
            }
        }
    }
#endif
