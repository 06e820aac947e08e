import StatesLanguage

extension SFNRun {
    /// The handlers real (unmocked) Task states run with.
    ///
    /// Empty until StatesLanguageAWS provides service integrations: such states fail
    /// with `States.Runtime` naming the resource that has no handler.
    static var liveHandlers: TaskRegistry { TaskRegistry() }
}
