import ArgumentParser
import BridgeApplication

extension ExitCode {
    /// The exit status of the application's one list (``ExitStatus``).
    init(_ status: ExitStatus) { self.init(status.rawValue) }
}
