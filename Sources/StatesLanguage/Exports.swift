// Users of the engine work with JSON values everywhere; importing StatesLanguage brings them in.
@_exported import JSONCore
