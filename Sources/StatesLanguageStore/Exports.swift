// Users of the file store hand it to an Executor; importing StatesLanguageStore brings the engine's types in.
@_exported import StatesLanguage
