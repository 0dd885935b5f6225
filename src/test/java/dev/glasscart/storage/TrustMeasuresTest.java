package dev.glasscart.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.conversation.Feedback;
import dev.glasscart.conversation.TurnRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each trust figure from a known set of stored turns and feedback, in a real PostgreSQL: every
 * number below is worked out by hand from the rows this test stores.
 */
@ExtendWith(VertxExtension.class)
final class TrustMeasuresTest {
  private static final double EPS = 1e-9;
  private static Database db;
  private static JsonObject m;

  private static JsonObject contribution(String feature, double value) {
    return new JsonObject().put("feature", feature).put("label", feature + " label").put("value", value);
  }

  private static JsonObject item(String id, String brand, double price, JsonArray contributions) {
    double score = contributions.stream().mapToDouble(c -> ((JsonObject) c).getDouble("value")).sum();
    return new JsonObject().put("productId", id).put("brand", brand).put("price", price).put("score", score)
        .put("contributions", contributions);
  }

  private static final JsonArray A_REASONS = new JsonArray().add(contribution("title_match", 0.5)).add(contribution("rating", 0.2));
  private static final JsonArray B_REASONS = new JsonArray().add(contribution("title_match", 0.4)).add(contribution("price_fit", -0.1));

  private static JsonObject exposure(JsonObject brands) {
    return new JsonObject().put("candidates", 10).put("brands", brands)
        .put("priceBands", new JsonObject().put("lower third", 4).put("middle third", 3).put("upper third", 3))
        .put("bandLimits", new JsonArray().add(15.0).add(25.0));
  }

  private static TurnRecord turn(String c, int n, String explainer, JsonObject understanding, JsonArray results, JsonObject details) {
    List<String> ids = results.stream().map(r -> ((JsonObject) r).getString("productId")).toList();
    return new TurnRecord(c, n, "message " + n, understanding.encode(), results.encode(), ids, "answer", explainer,
        new JsonObject().encode(), details.encode(), Instant.now());
  }

  private static JsonObject features(JsonObject... items) {
    JsonObject f = new JsonObject().put("explainer", "builtin");
    for (JsonObject i : items) f.put(i.getString("productId"), new JsonObject().put("rank", 1).put("score", i.getDouble("score"))
        .put("contributions", i.getJsonArray("contributions")));
    return f;
  }

  @BeforeAll
  static void store(Vertx vertx) {
    db = TestDatabase.createMigrated(vertx);
    PgConversationRepository turns = new PgConversationRepository(db.pool());
    FeedbackRepository feedback = new FeedbackRepository(db.pool());
    JsonObject search = new JsonObject().put("intent", "search");
    JsonObject a = item("A", "X", 10, A_REASONS);
    JsonObject b = item("B", "Y", 30, B_REASONS);
    JsonArray ab = new JsonArray().add(a).add(b);
    JsonObject safe = new JsonObject().put("instructionsSetAside", false);
    JsonObject injected = new JsonObject().put("instructionsSetAside", true);
    JsonObject xy = new JsonObject().put("X", 2).put("Y", 8);
    // c1: built-in explainer: a search, an off-topic refusal, an instruction set aside
    turns.saveTurn(turn("c1", 1, "builtin", search, ab, new JsonObject().put("explainer", "builtin").put("safety", safe)
        .put("exposure", exposure(xy)))).await();
    turns.saveTurn(turn("c1", 2, "builtin", new JsonObject().put("intent", "chat").put("chat", "off_topic"), new JsonArray(),
        new JsonObject().put("safety", safe))).await();
    turns.saveTurn(turn("c1", 3, "builtin", search, new JsonArray(), new JsonObject().put("safety", injected))).await();
    // c2: a model with prompt v7: a guarded search with an injection whose leak the guard withheld, then a fallback
    turns.saveTurn(turn("c2", 1, "ollama:m", search, ab, new JsonObject().put("explainer", "ollama:m").put("promptVersion", "v7")
        .put("prompt", new JsonObject().put("version", "v7")).put("safety", injected).put("exposure", exposure(xy))
        .put("grounding", new JsonObject().put("sentencesChecked", 4).put("sentencesDropped", 1).put("claims", 10).put("supported", 8)
            .put("dropped", new JsonArray().add("repeats the assistant's instructions: You are a shop assistant..."))))).await();
    turns.saveTurn(turn("c2", 2, "builtin", new JsonObject().put("intent", "chat").put("chat", "hostile"), new JsonArray(),
        new JsonObject().put("explainer", "builtin").put("promptVersion", "v7").put("fallback", "first_token_timeout after 10000 ms")
            .put("safety", injected.copy().put("instructionsSetAside", false)))).await();
    // c3: three pages of brand X only, all in the middle price third, out of candidates half X, half Y
    for (int n = 1; n <= 3; n++) {
      JsonArray five = new JsonArray();
      for (int i = 0; i < 5; i++) five.add(item("X" + n + i, "X", 20, new JsonArray()));
      turns.saveTurn(turn("c3", n, "builtin", search, five, new JsonObject().put("safety", safe)
          .put("exposure", exposure(new JsonObject().put("X", 5).put("Y", 5))))).await();
    }
    feedback.save(new Feedback("c1", 1, "A", true, null, features(a).encode())).await();
    feedback.save(new Feedback("c1", 1, "B", false, null, features(b).encode())).await();
    feedback.save(new Feedback("c1", 1, null, true, null, features(a, b).encode())).await();
    feedback.save(new Feedback("c1", 1, "A", false, "wrong reason: rating (rating label)", features(a).encode())).await();
    feedback.save(new Feedback("c2", 1, "A", true, null, features(a).encode())).await();
    m = new TrustRepository(db.pool()).rows(30).await().measures();
  }

  @AfterAll
  static void tearDown() {
    db.close().await();
  }

  private static JsonObject row(JsonArray rows, String key, String value) {
    for (Object o : rows) if (value.equals(((JsonObject) o).getString(key))) return (JsonObject) o;
    throw new AssertionError("no row with " + key + "=" + value + " in " + rows.encodePrettily());
  }

  @Test
  void usefulnessIsTheHelpfulRatePerReasonTypeAndTheWrongReasonRate() {
    JsonObject u = m.getJsonObject("usefulness");
    assertEquals(4, u.getLong("feedback")); // the wrong-reason flag is not a thumb
    assertEquals(3, u.getLong("helpful"));
    assertEquals(0.75, u.getDouble("helpfulRate"), EPS);
    assertEquals(1, u.getLong("wrongFlags"));
    assertEquals(0.2, u.getDouble("wrongShare"), EPS);
    JsonObject title = row(u.getJsonArray("byReason"), "reason", "title_match");
    assertEquals(4, title.getLong("shown")); // A and B in two turns
    assertEquals(4, title.getLong("feedback"));
    assertEquals(3, title.getLong("helpful"));
    assertEquals(0.0, title.getDouble("wrongRate"), EPS);
    JsonObject rating = row(u.getJsonArray("byReason"), "reason", "rating");
    assertEquals(2, rating.getLong("shown"));
    assertEquals(3, rating.getLong("feedback"));
    assertEquals(1.0, rating.getDouble("helpfulRate"), EPS);
    assertEquals(1, rating.getLong("wrongFlags"));
    assertEquals(0.5, rating.getDouble("wrongRate"), EPS);
    assertTrue(u.getJsonArray("byReason").stream().noneMatch(r -> ((JsonObject) r).getString("reason").equals("price_fit")),
        "a negative contribution is no reason");
    JsonObject model = row(u.getJsonArray("series"), "explainer", "ollama:m");
    assertEquals("v7", model.getString("promptVersion"));
    assertEquals(LocalDate.now(java.time.ZoneOffset.UTC).toString(), model.getString("day"));
    assertEquals(1, model.getLong("feedback"));
  }

  @Test
  void reliabilityIsTheGuardsSupportedClaimsWithheldSentencesAndFallbacks() {
    JsonObject r = m.getJsonObject("reliability");
    assertEquals(8, r.getLong("turns"));
    assertEquals(1, r.getLong("guardedTurns"));
    assertEquals(0.8, r.getDouble("supportedRate"), EPS);
    assertEquals(1, r.getLong("sentencesWithheld"));
    assertEquals(0.25, r.getDouble("withheldRate"), EPS);
    assertEquals(2, r.getLong("modelTurns"));
    assertEquals(1, r.getLong("fallbacks"));
    assertEquals(0.5, r.getDouble("fallbackRate"), EPS);
    assertEquals(1, r.getJsonObject("fallbackReasons").getInteger("first_token_timeout"));
    JsonObject builtin = row(r.getJsonArray("series"), "explainer", "builtin");
    assertEquals("none", builtin.getString("promptVersion"));
    assertEquals(6, builtin.getLong("turns"));
    assertNull(builtin.getValue("supportedRate"), "no guarded turn: no rate, not zero");
  }

  @Test
  void safetyCountsInjectionsLeaksAndRefusals() {
    JsonObject s = m.getJsonObject("safety");
    assertEquals(2, s.getLong("injectionAttempts"));
    assertEquals(1, s.getLong("neutralised"));
    assertEquals(1, s.getLong("caughtAtOutput"));
    assertEquals(1, s.getLong("promptLeaksBlocked"));
    assertEquals(1, s.getLong("offTopicRefusals"));
    assertEquals(1, s.getLong("hostileRefusals"));
  }

  @Test
  void fairnessComparesExposureWithCandidateShareAndFlagsSystematicGaps() {
    JsonObject f = m.getJsonObject("fairness");
    assertEquals(5, f.getLong("turns"));
    JsonObject x = row(f.getJsonArray("brands"), "value", "X");
    assertEquals(17, x.getLong("shown"));
    assertEquals(8.3, x.getDouble("expected"), 1e-6); // 0.4 + 0.4 + 3 x 2.5
    assertEquals(17 / 8.3, x.getDouble("disparity"), 1e-6);
    assertEquals("over", x.getString("flag"));
    assertEquals(17 / 19.0, x.getDouble("exposureShare"), 1e-9);
    JsonObject y = row(f.getJsonArray("brands"), "value", "Y");
    assertEquals(2 / 10.7, y.getDouble("disparity"), 1e-6);
    assertEquals("under", y.getString("flag"));
    JsonObject middle = row(f.getJsonArray("priceBands"), "value", "middle third");
    assertEquals(15 / 5.7, middle.getDouble("disparity"), 1e-6);
    assertEquals("over", middle.getString("flag"));
    assertEquals(2 / 7.6, row(f.getJsonArray("priceBands"), "value", "lower third").getDouble("disparity"), 1e-6);
    JsonObject upper = row(f.getJsonArray("priceBands"), "value", "upper third");
    assertEquals(2 / 5.7, upper.getDouble("disparity"), 1e-6);
    assertEquals("under", upper.getString("flag"));
    assertEquals(5, f.getJsonArray("flagged").size());
    JsonObject profile = f.getJsonObject("profileFeatures");
    assertEquals("not_applicable", profile.getString("status"));
    assertEquals(0, profile.getLong("decidedAlone"));
  }

  @Test
  void aGapInOneOrTwoTurnsIsNotSystematic() {
    JsonObject only = TrustMeasures.fairness(List.of(fairnessTurn(1), fairnessTurn(2)));
    JsonObject x = row(only.getJsonArray("brands"), "value", "X");
    assertEquals(2.0, x.getDouble("disparity"), 1e-9);
    assertNull(x.getValue("flag"));
  }

  private static TrustMeasures.TurnRow fairnessTurn(int n) {
    JsonArray five = new JsonArray();
    for (int i = 0; i < 5; i++) five.add(item("X" + i, "X", 20, new JsonArray()));
    return new TrustMeasures.TurnRow("f", n, LocalDate.now(), "builtin", "none", "search", null, null, null, false, null,
        exposure(new JsonObject().put("X", 5).put("Y", 5)), five);
  }

  @Test
  void profileFeaturesDecideAloneWhenTheRestOfTheScoreWouldReverseTheOrder() {
    JsonArray results = new JsonArray()
        .add(item("p", "X", 10, new JsonArray().add(contribution("title_match", 0.5)).add(contribution("profile_brand", 0.5))))
        .add(item("q", "Y", 10, new JsonArray().add(contribution("title_match", 0.8))))
        .add(item("r", "Y", 10, new JsonArray().add(contribution("title_match", 0.6)).add(contribution("profile_price_band", 0.1))));
    JsonObject f = TrustMeasures.fairness(List.of(new TrustMeasures.TurnRow("p", 1, LocalDate.now(), "builtin", "none", "search",
        null, null, null, false, null, null, results)));
    JsonObject profile = f.getJsonObject("profileFeatures");
    assertEquals("measured", profile.getString("status"));
    assertEquals(2, profile.getLong("pairsWithProfileFeatures"));
    assertEquals(1, profile.getLong("decidedAlone")); // p over q: 0.5 without the profile against 0.8; q over r stands
    assertEquals(0.5, profile.getDouble("decidedAloneRate"), EPS);
  }

  @Test
  void eachMeasureExportsAsCsv() {
    String usefulness = TrustMeasures.csv("usefulness", m);
    assertTrue(usefulness.startsWith("day,explainer,promptVersion,reason,feedback,helpful,helpfulRate,shown,wrongFlags,wrongRate\r\n"));
    assertTrue(usefulness.contains("\r\nall,all,all,rating,3,3,1.0,2,1,0.5\r\n"), usefulness);
    String reliability = TrustMeasures.csv("reliability", m);
    assertTrue(reliability.contains(",ollama:m,v7,1,1,10,8,0.8,4,1,0.25,0,1,0,"), reliability);
    assertTrue(TrustMeasures.csv("safety", m).lines().count() >= 3);
    String fairness = TrustMeasures.csv("fairness", m);
    assertTrue(fairness.contains("all,all,all,brand,X,17,8.3,"), fairness);
    assertTrue(fairness.contains(",over\r\n"));
    assertEquals("\"a,b\"", TrustMeasures.cell("a,b"));
    assertEquals("'=cmd()", TrustMeasures.cell("=cmd()"));
    assertEquals("-0.5", TrustMeasures.cell("-0.5"));
  }
}
