extension StateTest {
    /// The data after each processing step of the tested state, as TestState's `inspectionData`
    /// reports it at DEBUG: the task's parameters and result come from the run's history, the
    /// other steps are evaluated again from the input.
    func inspection(of state: State, history: [ExecutionEvent], runner: ExecutionRunner) -> JSONObject {
        func text(_ value: JSONValue) -> JSONValue { .string(value.jsonString()) }
        var data: JSONObject = ["input": text(input)]
        let context = runner.context.value(stateName: state.name, enteredTime: runner.context.startTime, retryCount: nil)
        let variables = Dictionary(uniqueKeysWithValues: self.variables.map { ($0.key, $0.value) })
        var scheduled: JSONValue?
        var taskResult: JSONValue?
        for event in history {
            switch event.kind {
            case .taskScheduled(_, _, _, let parameters, _, _): scheduled = scheduled ?? parameters
            case .lambdaFunctionScheduled(_, let parameters, _): scheduled = scheduled ?? parameters
            case .taskSucceeded(_, _, let output), .lambdaFunctionSucceeded(let output): taskResult = output
            default: break
            }
        }
        func environment(_ value: JSONValue) -> PathEnvironment {
            var environment = PathEnvironment(input: value, context: context)
            environment.variables = variables
            return environment
        }
        func afterInputPath(_ path: PayloadPath?) -> JSONValue {
            (try? path?.apply(to: input, context: context, variables: variables)) ?? input
        }
        func resultPath(_ setting: ResultPathSetting?, _ result: JSONValue) -> JSONValue? {
            switch setting {
            case nil: return result
            case .discard: return input
            case .path(let path): return try? path.setting(result, in: input)
            }
        }
        switch state {
        case .task(let task) where task.queryLanguage == .jsonPath:
            let effective = afterInputPath(task.inputPath)
            data["afterInputPath"] = text(effective)
            let parameters = scheduled ?? (try? task.parameters?.evaluate(in: environment(effective))) ?? effective
            data["afterParameters"] = text(parameters)
            if let taskResult {
                data["result"] = text(taskResult)
                let selected = (try? task.resultSelector?.evaluate(in: environment(taskResult))) ?? taskResult
                data["afterResultSelector"] = text(selected)
                if let placed = resultPath(task.resultPath, selected) { data["afterResultPath"] = text(placed) }
            }
        case .task:
            if let scheduled { data["afterArguments"] = text(scheduled) }
            if let taskResult { data["result"] = text(taskResult) }
        case .pass(let pass) where pass.queryLanguage == .jsonPath:
            let effective = afterInputPath(pass.inputPath)
            data["afterInputPath"] = text(effective)
            let parameters = (try? pass.parameters?.evaluate(in: environment(effective))) ?? effective
            data["afterParameters"] = text(parameters)
            let result = pass.result ?? parameters
            data["result"] = text(result)
            if let placed = resultPath(pass.resultPath, result) { data["afterResultPath"] = text(placed) }
        case .map(let map) where map.queryLanguage == .jsonPath:
            data["afterInputPath"] = text(afterInputPath(map.inputPath))
        case .parallel(let parallel) where parallel.queryLanguage == .jsonPath:
            let effective = afterInputPath(parallel.inputPath)
            data["afterInputPath"] = text(effective)
            data["afterParameters"] = text((try? parallel.parameters?.evaluate(in: environment(effective))) ?? effective)
        default:
            break
        }
        return data
    }
}
