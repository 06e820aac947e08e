import StatesLanguage
import Testing

@testable import sfnrun

@Suite("Argument parser")
struct ArgumentParserTests {
    static let help = CommandHelp(
        name: "demo", summary: "A command for parser tests.", usage: ["demo <file> [options]"],
        operands: [("<file>", "A file.")],
        options: [
            .value("input", "<json>", help: "Input."),
            .value("input-file", "<file>", help: "Input file."),
            .value("output", "<format>", allowed: ["text", "json"], help: "Format."),
            .flag("quiet", short: "q", help: "Quiet."),
            .flag("history", help: "History."),
        ],
        discussion: nil, examples: [])

    func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        try ArgumentParser.parse(arguments, for: Self.help)
    }

    func failure(_ arguments: [String]) -> String? {
        do {
            _ = try parse(arguments)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("--name value and --name=value give the same value")
    func valueForms() throws {
        #expect(try parse(["--input", "{}"]).value("input") == "{}")
        #expect(try parse(["--input={\"a\":1}"]).value("input") == "{\"a\":1}")
        #expect(try parse(["--input=a=b"]).value("input") == "a=b")
        #expect(try parse(["--input="]).value("input") == "")
    }

    @Test("Flags and one-letter aliases set the long name")
    func flags() throws {
        let parsed = try parse(["-q", "--history"])
        #expect(parsed.flag("quiet"))
        #expect(parsed.flag("history"))
        #expect(!parsed.flag("help"))
    }

    @Test("Operands keep their order around options")
    func operands() throws {
        let parsed = try parse(["a.json", "--quiet", "b.json", "--input", "1", "c.json"])
        #expect(parsed.operands == ["a.json", "b.json", "c.json"])
        #expect(parsed.value("input") == "1")
    }

    @Test("'--' ends the options: everything after it is an operand")
    func doubleDash() throws {
        let parsed = try parse(["--quiet", "--", "--input", "-q", "-"])
        #expect(parsed.operands == ["--input", "-q", "-"])
        #expect(parsed.value("input") == nil)
        #expect(parsed.flag("quiet"))
    }

    @Test("'-' alone is an operand (standard input), also as an option's value")
    func dash() throws {
        #expect(try parse(["-"]).operands == ["-"])
        #expect(try parse(["--input-file", "-"]).value("input-file") == "-")
    }

    @Test("Unknown options are errors with a did-you-mean suggestion", arguments: [
        ("--inptu", "unknown option '--inptu' (did you mean '--input'?)"),
        ("--histroy", "unknown option '--histroy' (did you mean '--history'?)"),
        ("--outptu=json", "unknown option '--outptu' (did you mean '--output'?)"),
        ("--zzzzzzzz", "unknown option '--zzzzzzzz'"),
        ("-x", "unknown option '-x'"),
        ("-qh", "unknown option '-qh'"),
    ] as [(String, String)])
    func unknownOption(argument: String, message: String) {
        #expect(failure([argument]) == message)
    }

    @Test("An option's value is required and may not look like an option")
    func missingValue() {
        #expect(failure(["--input"])?.hasPrefix("option '--input' needs a value (<json>)") == true)
        #expect(failure(["--input", "--quiet"])?.hasPrefix("option '--input' needs a value") == true)
        #expect(failure(["--input", "-1"])?.contains("write '--input=VALUE' for a value starting with '-'") == true)
        #expect(try! parse(["--input=-1"]).value("input") == "-1")
    }

    @Test("A flag given a value is an error")
    func flagWithValue() {
        #expect(failure(["--quiet=yes"]) == "option '--quiet' does not take a value")
    }

    @Test("Closed value sets are checked, with a suggestion")
    func allowedValues() {
        #expect(try! parse(["--output", "json"]).value("output") == "json")
        #expect(failure(["--output", "jsno"]) == "invalid value 'jsno' for '--output' (expected text or json); did you mean 'json'?")
        #expect(failure(["--output=yaml"]) == "invalid value 'yaml' for '--output' (expected text or json)")
    }

    @Test("An option given twice is an error")
    func repeated() {
        #expect(failure(["--input", "1", "--input=2"]) == "option '--input' is given more than once")
        #expect(failure(["-q", "--quiet"]) == "option '--quiet' is given more than once")
    }

    @Test("Help is recognised anywhere before '--'")
    func help() {
        #expect(ArgumentParser.asksForHelp(["x.json", "--inptu", "-h"]))
        #expect(ArgumentParser.asksForHelp(["--help"]))
        #expect(!ArgumentParser.asksForHelp(["--", "--help"]))
        #expect(!ArgumentParser.asksForHelp(["--input", "1"]))
    }
}

@Suite("Did-you-mean suggestions")
struct SuggestionTests {
    @Test("Edit distance counts insertions, deletions, substitutions and transpositions", arguments: [
        ("input", "input", 0), ("inptu", "input", 1), ("inpt", "input", 1), ("imput", "input", 1),
        ("", "abc", 3), ("kitten", "sitting", 3),
    ] as [(String, String, Int)])
    func distance(a: String, b: String, expected: Int) {
        #expect(Suggestion.editDistance(a, b) == expected)
    }

    @Test("Only close candidates or unambiguous prefixes are suggested")
    func closest() {
        #expect(Suggestion.closest(to: "strat", among: ["start", "validate", "test"]) == "start")
        #expect(Suggestion.closest(to: "val", among: ["start", "validate", "test"]) == "validate")
        #expect(Suggestion.closest(to: "deploy", among: ["start", "validate", "test"]) == nil)
    }
}

@Suite("Help text")
struct CommandHelpTests {
    @Test("Help lists every option of the table the parser reads, --help included")
    func listsEveryOption() {
        let text = ArgumentParserTests.help.text
        for option in ArgumentParserTests.help.allOptions {
            #expect(text.contains(option.synopsis), "missing \(option.synopsis)")
        }
        #expect(text.contains("  --output text|json        Format."))
        #expect(text.contains("-q, --quiet"))
        #expect(text.hasPrefix("OVERVIEW: A command for parser tests."))
    }

    @Test("Every command's help names each of its options")
    func commands() {
        for command in SFNRun.commands {
            let help = command.help
            for option in help.options { #expect(help.text.contains("--\(option.name)")) }
        }
    }
}
