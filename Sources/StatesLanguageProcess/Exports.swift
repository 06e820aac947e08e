// Users of the command handler register it in a TaskRegistry and read JSONValue results;
// importing StatesLanguageProcess brings the engine's types in.
@_exported import StatesLanguage
