extension MoodleSite {
    /// Runs sub-calls through `tool_mobile_call_external_functions`, `batchSize` per HTTP request.
    ///
    /// Moodle executes a batch sequentially and **stops at the first failing sub-call**: the failing
    /// one gets its error, the rest are not executed. With `retryUnexecuted` (default) the client
    /// sends the unexecuted tail again in a new batch, as Moodle's app does; otherwise they come
    /// back as `batchIncomplete` failures. Each sub-function must be in the token's service, else it
    /// fails with `accessDenied`. Results are in request order. A failure of the outer request
    /// itself (token, transport …) is thrown.
    public func callBatch(
        _ requests: [MoodleBatchRequest], batchSize: Int = 25, retryUnexecuted: Bool = true
    ) async throws -> [Result<MoodleValue, MoodleError>] {
        var results = [Result<MoodleValue, MoodleError>?](repeating: nil, count: requests.count)
        var pending = Array(requests.indices)
        let batchSize = max(1, batchSize)
        while !pending.isEmpty {
            let chunk = Array(pending.prefix(batchSize))
            let items = try await sendBatch(chunk.map { requests[$0] })
            for (offset, item) in items.prefix(chunk.count).enumerated() {
                results[chunk[offset]] = outcome(of: item, function: requests[chunk[offset]].function)
            }
            let executed = min(items.count, chunk.count)
            let stoppedEarly = executed < chunk.count
            if stoppedEarly && (!retryUnexecuted || executed == 0) {
                // Nothing ran (or retries are off): report the rest of this chunk as not executed.
                for index in chunk[executed...] {
                    results[index] = .failure(notExecuted(requests[index].function))
                }
            }
            pending.removeFirst(chunk.count)
            if stoppedEarly && retryUnexecuted && executed > 0 {
                pending.insert(contentsOf: chunk[executed...], at: 0)
            }
        }
        return results.enumerated().map { index, result in
            result ?? .failure(notExecuted(requests[index].function))
        }
    }

    /// ``callBatch(_:batchSize:retryUnexecuted:)`` with each successful result decoded as `type`.
    public func callBatch<T: Decodable>(
        _ requests: [MoodleBatchRequest], as type: T.Type, batchSize: Int = 25, retryUnexecuted: Bool = true
    ) async throws -> [Result<T, MoodleError>] {
        let raw = try await callBatch(requests, batchSize: batchSize, retryUnexecuted: retryUnexecuted)
        return zip(requests, raw).map { request, result in
            result.flatMap { value in
                do {
                    return .success(try decode(type, from: value, function: request.function))
                } catch let error as MoodleError {
                    return .failure(error)
                } catch {
                    return .failure(MoodleError(code: .decoding, message: "\(error)", wsFunction: request.function))
                }
            }
        }
    }

    private func sendBatch(_ requests: [MoodleBatchRequest]) async throws -> [MoodleBatchResponse.Item] {
        let list: [MoodleParameter] = requests.map { request in
            .fields(["function": .string(request.function), "arguments": .string(request.arguments.jsonObjectText)])
        }
        let response = try await call(
            MoodleFunction.callExternalFunctions, ["requests": .list(list)], as: MoodleBatchResponse.self)
        return response.responses
    }

    private func outcome(of item: MoodleBatchResponse.Item, function: String) -> Result<MoodleValue, MoodleError> {
        let interpreter = ResponseInterpreter(redactor: executor.redactor)
        if item.error {
            let exception = item.exception.flatMap { try? interpreter.parse(Array($0.utf8)) } ?? .object([:])
            let payload = MoodleExceptionPayload(
                exceptionClass: exception["exception"]?.scalarText ?? "moodle_exception",
                errorCode: exception["errorcode"]?.scalarText,
                message: exception["message"]?.scalarText ?? "",
                debugInfo: exception["debuginfo"]?.scalarText)
            return .failure(MoodleError.fromException(payload, wsFunction: function, redactor: executor.redactor))
        }
        guard let data = item.data, !data.isEmpty else { return .success(.null) }
        do {
            let value = try interpreter.parse(Array(data.utf8))
            if let payload = value.exceptionPayload {
                return .failure(MoodleError.fromException(payload, wsFunction: function, redactor: executor.redactor))
            }
            return .success(value)
        } catch {
            var error = error
            error.wsFunction = function
            return .failure(error)
        }
    }

    private func notExecuted(_ function: String) -> MoodleError {
        MoodleError(
            code: .batchIncomplete,
            message: "Not executed: an earlier sub-call in the same batch failed and Moodle stopped the batch there. "
                + "Send it again.",
            wsFunction: function)
    }
}
