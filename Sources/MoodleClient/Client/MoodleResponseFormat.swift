/// The REST response format requested with `moodlewsrestformat`.
public enum MoodleResponseFormat: String, Sendable, CaseIterable {
    /// `moodlewsrestformat=json` (recommended).
    case json
    /// Moodle's default: the parameter is omitted.
    case xml
}
