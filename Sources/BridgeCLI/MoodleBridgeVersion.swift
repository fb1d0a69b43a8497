/// The version of MoodleBridge, as `moodle-bridge --version` prints it.
public enum MoodleBridgeVersion {
    public static let current = "0.1.0"
}
