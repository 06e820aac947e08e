extension StateMachine {
    /// Every state, nested ones included (Parallel branches, Map item processors), in definition order.
    public var allStates: [State] {
        var states: [State] = []
        func collect(_ graph: StateGraph) {
            for state in graph.states {
                states.append(state)
                switch state {
                case .parallel(let parallel): parallel.branches.forEach(collect)
                case .map(let map): collect(map.processor)
                default: break
                }
            }
        }
        collect(graph)
        return states
    }
}
