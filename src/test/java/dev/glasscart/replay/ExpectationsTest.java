package dev.glasscart.replay;

import static dev.glasscart.replay.Recorded.bootsTurn;
import static dev.glasscart.replay.Recorded.boots;
import static dev.glasscart.replay.Recorded.done;
import static dev.glasscart.replay.Recorded.turn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each expectation passes on a recorded turn that keeps it and fails, with a reason, on one that breaks it. */
final class ExpectationsTest {
  private static final TurnEvents BOOTS = bootsTurn();

  private static void passes(Expectation e, TurnEvents t) {
    assertEquals(List.of(), e.check(t), () -> e + " should pass");
  }

  private static String fails(Expectation e, TurnEvents t) {
    List<String> reasons = e.check(t);
    assertTrue(!reasons.isEmpty(), () -> e + " should fail");
    return String.join("; ", reasons);
  }

  @Test
  void should_bound_the_number_of_results() {
    passes(new ResultCount("minResults", 2), BOOTS);
    passes(new ResultCount("maxResults", 2), BOOTS);
    assertEquals("expected at least 3 results, got 2", fails(new ResultCount("minResults", 3), BOOTS));
    assertEquals("expected at most 1 results, got 2", fails(new ResultCount("maxResults", 1), BOOTS));
  }

  @Test
  void should_check_every_result_against_all_results_conditions() {
    // Given the two recorded boots (112.99 Columbia, 72.99 Trailhead), When conditions hold Then it passes
    passes(new AllResults(120.0, 70.0, List.of("columbia", "TRAILHEAD"), List.of("Apple"), List.of("Hiking Boots"),
        List.of("waterproof"), List.of("brown")), BOOTS);
    // Then each broken condition names the offending item
    assertTrue(fails(new AllResults(100.0, null, List.of(), List.of(), List.of(), List.of(), List.of()), BOOTS)
        .contains("gc-00066"));
    String low = fails(new AllResults(null, 80.0, List.of(), List.of(), List.of(), List.of(), List.of()), BOOTS);
    assertTrue(low.contains("gc-00089") && low.contains("below minPrice 80.0") && !low.contains("gc-00066"), low);
    assertTrue(fails(new AllResults(null, null, List.of("Columbia"), List.of(), List.of(), List.of(), List.of()), BOOTS)
        .contains("has brand Trailhead, expected Columbia"));
    assertTrue(fails(new AllResults(null, null, List.of(), List.of("columbia"), List.of(), List.of(), List.of()), BOOTS)
        .contains("which brandNot excludes"));
    assertTrue(fails(new AllResults(null, null, List.of(), List.of(), List.of("boots"), List.of(), List.of()), BOOTS)
        .contains("category hiking boots"), "category is exact, not a substring");
    assertTrue(fails(new AllResults(null, null, List.of(), List.of(), List.of(), List.of(), List.of("olive")), BOOTS)
        .contains("titleExcludes"));
  }

  @Test
  void should_check_stock_and_category_any_of_every_result() {
    // Given the two recorded boots, both in stock
    passes(new AllResults(null, null, List.of(), List.of(), List.of("trail shoes", "hiking boots"), List.of(), List.of(), true), BOOTS);
    // When the second is out of stock Then it is named, and a missing flag counts as not in stock
    List<JsonObject> items = boots();
    items.get(1).put("inStock", false);
    String out = fails(new AllResults(null, null, List.of(), List.of(), List.of(), List.of(), List.of(), true),
        turn(items, "x", done("builtin")));
    assertEquals("#2 gc-00089 \"Trailhead Ridge Mid Waterproof Hiking Boot - Men's, Tan\" is not in stock (inStock false)", out);
    items.get(1).remove("inStock");
    assertTrue(fails(new AllResults(null, null, List.of(), List.of(), List.of(), List.of(), List.of(), true),
        turn(items, "x", done("builtin"))).contains("inStock null"));
  }

  @Test
  void should_want_no_results_and_an_answer_in_words() {
    passes(new NoResults(), turn(List.of(), "Hello! What are you shopping for?", done("builtin")));
    assertTrue(fails(new NoResults(), BOOTS).startsWith("expected no results, got 2 (first: #1 gc-00066"));
    assertEquals("expected an answer in words, the text is empty", fails(new NoResults(), turn(List.of(), " ", done("builtin"))));
    // And a turn without a results event counts as showing nothing
    passes(new NoResults(), new TurnEvents(List.of(new JsonObject().put("type", "token").put("text", "Hi")), null));
  }

  @Test
  void should_judge_the_language_by_the_share_of_cjk_letters() {
    TurnEvents zh = turn(boots(), "为您找到 Columbia 登山靴, 价格 $112.99。", done("builtin"));
    passes(new TextLanguage("zh"), zh);
    assertTrue(fails(new TextLanguage("en"), zh).startsWith("text is not en (9 of 17 letters are CJK)"), fails(new TextLanguage("en"), zh));
    passes(new TextLanguage("en"), BOOTS);
    assertTrue(fails(new TextLanguage("zh"), BOOTS).startsWith("text is not zh (0 of "));
    // When fewer than 30 % of the letters are CJK Then it is not Chinese: 2 of 10 letters
    assertTrue(fails(new TextLanguage("zh"), turn(List.of(), "Columbia 靴子", done("builtin"))).contains("2 of 10 letters"));
    // And a text without letters is not Chinese, and not a breach of English
    assertEquals("text is not zh (the text has no letters): \"$112.99\"", fails(new TextLanguage("zh"), turn(List.of(), "$112.99", done("builtin"))));
    passes(new TextLanguage("en"), turn(List.of(), "$112.99", done("builtin")));
    passes(new TextLanguage("zh"), turn(List.of(), "日本のハイキングブーツ", done("builtin")));
  }

  @Test
  void should_check_the_top_result_by_id_and_title() {
    passes(new TopResult("gc-00066", "redmond"), BOOTS);
    assertTrue(fails(new TopResult("gc-00089", null), BOOTS).contains("top result is gc-00066"));
    assertTrue(fails(new TopResult(null, "Merrell"), BOOTS).contains("does not include \"Merrell\""));
    assertEquals("no top result: the turn returned no results",
        fails(new TopResult("gc-00066", null), turn(List.of(), "Nothing.", done("builtin"))));
  }

  @Test
  void should_match_text_case_insensitively_across_tokens() {
    // "within your $120 budget" is streamed as four tokens
    passes(new TextMatch("textIncludes", List.of("WITHIN YOUR $120 BUDGET", "columbia")), BOOTS);
    passes(new TextMatch("textExcludes", List.of("macbook")), BOOTS);
    assertTrue(fails(new TextMatch("textIncludes", List.of("brown")), BOOTS).startsWith("text lacks \"brown\""));
    assertTrue(fails(new TextMatch("textExcludes", List.of("columbia", "brown")), BOOTS).startsWith("text contains \"columbia\""));
    passes(new TextMatch("textIncludesAny", List.of("brown", "REDMOND")), BOOTS);
    assertTrue(fails(new TextMatch("textIncludesAny", List.of("brown", "merrell")), BOOTS)
        .startsWith("text lacks all of [\"brown\", \"merrell\"]: \"Here are"));
    TurnEvents empty = turn(List.of(), "nothing hiking boots under $30; the cheapest is $60.99", "No luck.", done("builtin"));
    passes(new TextMatch("noteIncludes", List.of("Cheapest")), empty);
    assertTrue(fails(new TextMatch("noteIncludes", List.of("relaxed")), empty).startsWith("note lacks"));
  }

  @Test
  void should_accept_exact_explainer_names_and_prefixes() {
    TurnEvents ollama = turn(boots(), "Fine.", done("ollama:qwen2.5:3b"));
    passes(new ExplainerIs("builtin"), BOOTS);
    passes(new ExplainerIs("ollama:"), ollama);
    assertTrue(fails(new ExplainerIs("ollama:"), BOOTS).contains("explainer is builtin, expected ollama:*"));
    assertTrue(fails(new ExplainerIs("ollama"), ollama).contains("expected ollama"), "without the colon it is exact");
    assertEquals("no explainer reported (no done event)", fails(new ExplainerIs("builtin"), turn(boots(), "x", null)));
  }

  @Test
  void should_find_constraints_by_kind_and_value() {
    passes(new ConstraintsPresent(List.of(new ConstraintsPresent.Wanted("price_max", "120.0"),
        new ConstraintsPresent.Wanted("category", "Hiking Boots"))), BOOTS);
    String missing = fails(new ConstraintsPresent(List.of(new ConstraintsPresent.Wanted("price_max", "100"))), BOOTS);
    assertTrue(missing.contains("constraint price_max=100 missing") && missing.contains("price_max=120"), missing);
  }

  @Test
  void should_ground_builtin_numbers_in_the_turns_data() {
    // Given the recorded answer: prices, budget, similarity, a rating 3.96 written as 4.0, rank #2
    passes(new Grounded(), BOOTS);
    // When the answer invents a price Then the number is named
    TurnEvents invented = turn(boots(), Recorded.BOOTS_TEXT + " A steal at $99.99 and 30% off.", done("builtin"),
        Recorded.constraint("price_max", "price", "120"));
    String reasons = fails(new Grounded(), invented);
    assertTrue(reasons.contains("number 99.99") && reasons.contains("number 30%"), reasons);
    // And a percentage of a source fraction and a note's number are grounded
    passes(new Grounded(), turn(List.of(), "nothing under $30; the cheapest is $60.99", "Sorry: over $30 the cheapest is $60.99.",
        done("builtin"), Recorded.constraint("price_max", "price", "30")));
    passes(new Grounded(), turn(boots(), "It is 61% similar.", done("builtin")));
    assertTrue(fails(new Grounded(), turn(boots(), "It is 62% similar.", done("builtin"))).contains("number 62%"));
  }

  @Test
  void should_trust_the_guard_report_for_model_explainers() {
    TurnEvents clean = turn(boots(), "Costs $5,000 today.", done("ollama:llama3.2")
        .put("grounding", new JsonObject().put("sentencesChecked", 3).put("sentencesDropped", 0).put("dropped", new JsonArray())));
    passes(new Grounded(), clean);
    TurnEvents dropped = turn(boots(), "Good boots.", done("ollama:llama3.2").put("grounding", new JsonObject()
        .put("sentencesChecked", 3).put("sentencesDropped", 1).put("dropped", new JsonArray().add("It ships free: unsupported"))));
    assertTrue(fails(new Grounded(), dropped).contains("dropped 1 sentence(s)"));
    assertEquals("not grounded: no done event", fails(new Grounded(), turn(boots(), "x", null)));
  }
}
