// Tests written with the harness use the engine's types (StatesError, JSONValue, ExecutionResult)
// on every line; importing StatesLanguageTesting brings them in.
@_exported import StatesLanguage
