import CreditCore

/// Which kinds of finding a sync run of a site looked for everywhere on the site, so that one it
/// did not report is gone and the findings history may resolve it. A kind left out is never
/// resolved by the run: the run may simply not have looked.
///
/// - A **full** run reads every completion (report path) or every enrolment of every mapped course
///   (classic path) and the course list, so it covers unmapped courses, unmatched and ambiguous
///   users, invalid keys and unsafe names (every user of a completion is checked), and hour
///   mismatches; and credits revoked, awaiting Moodle's completion task or no longer verifiable
///   when it re-verified the credited completions (the classic path always does; the report path
///   when the site allows `core_completion_get_course_completion_status`).
/// - An **incremental** run on the **report** path reads only completions since the last one: it
///   covers nothing.
/// - An **incremental** run on the **classic** path reads the course list and every enrolment,
///   and asks about every pair not yet credited: it covers unmapped courses and unmatched and
///   ambiguous users, but not the keys and names of learners already credited nor the credits.
/// - No run covers a possible duplicate (the keys are compared when a completion is credited, not
///   on every run), a reversal by policy nor a document relying on a reversed credit: each is
///   reported once, when it happens, and stays until a staff member acknowledges it. A dry run
///   records nothing.
enum FindingCoverage {
    static func kinds(path: SiteSyncResult.Path, isFull: Bool, coursesRead: Bool, reverified: Bool) -> Set<FindingKind>
    {
        var kinds: Set<FindingKind> = []
        if isFull {
            kinds = [.unmatchedUser, .ambiguousMatch, .invalidKey, .unsafeName]
            if coursesRead { kinds.formUnion([.unmappedCourse, .hoursMismatch]) }
            if reverified { kinds.formUnion([.revocationFlagged, .awaitingCompletionTask, .noLongerVerifiable]) }
        } else if path == .classic {
            kinds = [.unmatchedUser, .ambiguousMatch]
            if coursesRead { kinds.insert(.unmappedCourse) }
        }
        return kinds
    }
}
