package dev.glasscart.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transcript files are read into turns and expectations, and every malformed one is refused by name. */
final class TranscriptParserTest {
  private static final Path FILE = Path.of("qa", "bad.json");

  private static String error(String json) {
    TranscriptException e = assertThrows(TranscriptException.class, () -> TranscriptParser.parse(FILE, json));
    assertEquals(FILE, e.file());
    assertTrue(e.getMessage().startsWith(FILE + ": "), e.getMessage());
    return e.getMessage();
  }

  @Test
  void should_read_turns_and_expectations_in_order() {
    Transcript t = TranscriptParser.parse(Path.of("x", "boots.json"), """
        {"turns":[{"user":"boots under $120","expect":{"minResults":1,"allResults":{"maxPrice":120,"brand":["A","B"]},
          "textIncludes":"boots","grounded":true,"explainer":"ollama:","constraints":[{"kind":"price_max","value":120}]}},
         {"user":"only brown"}]}""");
    assertEquals("boots", t.name(), "the name defaults to the file name");
    assertEquals(2, t.turns().size());
    assertEquals(List.of("minResults", "allResults", "textIncludes", "grounded", "explainer", "constraints"),
        t.turns().get(0).expectations().stream().map(Expectation::key).toList());
    assertEquals(new AllResults(120.0, null, List.of("A", "B"), List.of(), List.of(), List.of(), List.of()),
        t.turns().get(0).expectations().get(1));
    assertEquals(List.of(), t.turns().get(1).expectations());
  }

  @Test
  void should_read_the_shared_suites_keys() {
    Transcript t = TranscriptParser.parse(FILE, """
        {"turns":[{"user":"手机","expect":{"textLanguage":"zh","textIncludesAny":["a","b"],"noResults":true,
          "allResults":{"categoryAny":["x","y"],"inStock":true}}},
         {"user":"which is cheapest?","expect":{"resultsFromPrevious":true,"noResults":false,"allResults":{"inStock":false,"brand":"A"}}}]}""");
    assertEquals(List.of(new TextLanguage("zh"), new TextMatch("textIncludesAny", List.of("a", "b")), new NoResults(),
        new AllResults(null, null, List.of(), List.of(), List.of("x", "y"), List.of(), List.of(), true)), t.turns().get(0).expectations());
    assertEquals(List.of(new ResultsFromPrevious(), new AllResults(null, null, List.of("A"), List.of(), List.of(), List.of(), List.of())),
        t.turns().get(1).expectations(), "false checks nothing");
  }

  @Test
  void should_name_the_problem_of_each_malformed_transcript() {
    assertTrue(error("{\"turns\": [").contains("not a JSON object"));
    assertTrue(error("[1]").contains("not a JSON object"));
    assertTrue(error("{\"name\":\"x\"}").contains("'turns' must be a non-empty array, got nothing"));
    assertTrue(error("{\"turns\":[]}").contains("'turns' must be a non-empty array"));
    assertTrue(error("{\"name\":\"\",\"turns\":[{\"user\":\"a\"}]}").contains("'name' must be a non-blank string"));
    assertTrue(error("{\"turns\":[{\"user\":\"a\"}],\"turn\":1}").contains("unknown key 'turn'"));
    assertTrue(error("{\"turns\":[\"boots\"]}").contains("turn 1 must be an object"));
    assertTrue(error("{\"turns\":[{\"user\":\"a\"},{\"user\":\" \"}]}").contains("turn 2: 'user' must be a non-blank string"));
    assertTrue(error("{\"turns\":[{\"user\":\"" + "a".repeat(2001) + "\"}]}").contains("2001 characters, must be at most 2000"));
    assertTrue(error("{\"turns\":[{\"user\":\"a\",\"expect\":[]}]}").contains("'expect' must be an object"));
  }

  @Test
  void should_refuse_misspelt_or_mistyped_expectations() {
    assertTrue(error(expect("\"maxResult\":3")).contains("turn 1: unknown expectation 'maxResult'"));
    assertTrue(error(expect("\"minResults\":\"ten\"")).contains("'minResults' must be a whole number of at least 0, got \"ten\""));
    assertTrue(error(expect("\"minResults\":2.5")).contains("'minResults' must be a whole number"));
    assertTrue(error(expect("\"minResults\":5,\"maxResults\":2")).contains("minResults 5 is above maxResults 2"));
    assertTrue(error(expect("\"allResults\":{\"maxprice\":5}")).contains("'allResults' has unknown key 'maxprice'"));
    assertTrue(error(expect("\"allResults\":{}")).contains("no condition"));
    assertTrue(error(expect("\"allResults\":{\"minPrice\":50,\"maxPrice\":20}")).contains("minPrice 50.0 is above maxPrice 20.0"));
    assertTrue(error(expect("\"textIncludes\":[]")).contains("'textIncludes' must be a non-empty string or a non-empty array"));
    assertTrue(error(expect("\"grounded\":\"yes\"")).contains("'grounded' must be true or false"));
    assertTrue(error(expect("\"resultsFromPrevious\":1")).contains("'resultsFromPrevious' must be true or false"));
    assertTrue(error(expect("\"noResults\":\"true\"")).contains("'noResults' must be true or false"));
    assertTrue(error(expect("\"textLanguage\":\"fr\"")).contains("'textLanguage' must be one of [zh, en], got \"fr\""));
    assertTrue(error(expect("\"textIncludesAny\":[\"\"]")).contains("'textIncludesAny' must be a non-empty string"));
    assertTrue(error(expect("\"allResults\":{\"inStock\":\"yes\"}")).contains("'allResults.inStock' must be true or false"));
    assertTrue(error(expect("\"allResults\":{\"inStock\":false}")).contains("no condition"));
    assertTrue(error(expect("\"allResults\":{\"category\":\"a\",\"categoryAny\":\"b\"}")).contains("both 'category' and 'categoryAny'"));
    assertTrue(error(expect("\"allResults\":{\"categoryAny\":[]}")).contains("'allResults.categoryAny' must be a non-empty string"));
    assertTrue(error(expect("\"topResult\":{}")).contains("needs a non-blank id or titleIncludes"));
    assertTrue(error(expect("\"constraints\":[{\"kind\":\"price_max\"}]")).contains("'constraints[].value' must be a string or number"));
  }

  private static String expect(String body) {
    return "{\"turns\":[{\"user\":\"boots\",\"expect\":{" + body + "}}]}";
  }

  @Test
  void should_expand_directories_to_their_json_files_in_name_order(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("b.json"), "{}");
    Files.writeString(dir.resolve("a.json"), "{}");
    Files.writeString(dir.resolve("notes.txt"), "x");
    Path single = Files.writeString(dir.resolve("single.json"), "{}");
    assertEquals(List.of(dir.resolve("a.json"), dir.resolve("b.json"), single, single),
        TranscriptParser.expand(List.of(dir, single)));
    TranscriptException missing = assertThrows(TranscriptException.class,
        () -> TranscriptParser.expand(List.of(dir.resolve("nope.json"))));
    assertEquals(dir.resolve("nope.json") + ": no such file or directory", missing.getMessage());
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertTrue(assertThrows(TranscriptException.class, () -> TranscriptParser.expand(List.of(empty)))
        .getMessage().contains("no *.json transcripts"));
  }
}
