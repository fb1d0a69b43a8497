import Foundation

/// Runs the built `moodle-bridge` executable, as a user or a scheduler would.
struct CommandRunner {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable sits next to the test bundle in the build folder.
    static var executable: URL {
        let buildFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return buildFolder.appendingPathComponent("moodle-bridge")
    }

    /// Runs the command on a thread of its own: waiting for a process must not hold one of the
    /// few threads Swift's concurrency runs every test on. It runs in the repository's folder
    /// unless `folder` names another.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], in folder: URL? = nil
    ) async throws -> Outcome {
        try await offPool { try runBlocking(arguments, environment: environment, in: folder) }
    }

    static func runBlocking(
        _ arguments: [String], environment: [String: String] = [:], in folder: URL? = nil
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder ?? repository
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs the command with its standard error on a pseudo-terminal, as a person at a terminal
    /// sees it (standard output stays a pipe). The terminal's line endings become plain `\n`.
    static func runOnTerminal(_ arguments: [String], environment: [String: String] = [:]) async throws -> Outcome {
        try await offPool {
            let pty = try PseudoTerminalCalls()
            let master = pty.openMaster(O_RDWR | O_NOCTTY)
            guard master >= 0, pty.grant(master) == 0, pty.unlock(master) == 0, let name = pty.name(master) else {
                throw TerminalError()
            }
            let slave = open(name, O_RDWR | O_NOCTTY)
            guard slave >= 0 else { throw TerminalError() }
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.currentDirectoryURL = repository
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            close(slave)
            var stderr = Data()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(master, &buffer, buffer.count)
                guard count > 0 else { break }
                stderr.append(contentsOf: buffer[0..<count])
            }
            close(master)
            return Outcome(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"))
        }
    }

    struct TerminalError: Error {}
}

/// The C library's pseudo-terminal calls, which the Glibc module does not import: looked up by name.
private struct PseudoTerminalCalls {
    let openMaster: @convention(c) (Int32) -> Int32
    let grant: @convention(c) (Int32) -> Int32
    let unlock: @convention(c) (Int32) -> Int32
    let name: @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

    init() throws {
        let library = dlopen(nil, RTLD_NOW)
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let address = dlsym(library, name) else { throw CommandRunner.TerminalError() }
            return unsafeBitCast(address, to: type)
        }
        openMaster = try symbol("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
        grant = try symbol("grantpt", as: (@convention(c) (Int32) -> Int32).self)
        unlock = try symbol("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
        name = try symbol("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
    }
}

/// Runs blocking work (waiting for a process) on a thread of its own.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}

/// Runs blocking work that cannot fail on a thread of its own.
func offPool(_ work: @escaping @Sendable () -> Void) async {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread {
            work()
            continuation.resume()
        }
    }
}
