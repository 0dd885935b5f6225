package dev.glasscart.replay;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Event lists shaped like the server's (docs/protocol.md), built from values recorded from
 * {@code ./glasscart serve} on the demo catalog ("waterproof hiking boots under $120").
 */
final class Recorded {
  private Recorded() {}

  static JsonObject item(int rank, String id, String title, double price, String brand, String category,
      double rating, int reviews, double similarity) {
    return new JsonObject().put("rank", rank).put("productId", id).put("title", title).put("price", price)
        .put("currency", "USD").put("brand", brand).put("category", category).put("rating", rating)
        .put("reviewCount", reviews).put("inStock", true).put("score", 2.5)
        .put("contributions", new JsonArray().add(new JsonObject().put("feature", "semantic")
            .put("label", "close in meaning to your request (similarity " + similarity + ")").put("value", 1.2).put("raw", similarity)));
  }

  static List<JsonObject> boots() {
    return List.of(
        item(1, "gc-00066", "Columbia Redmond III Mid Waterproof Hiking Boot - Men's, Olive", 112.99, "Columbia", "hiking boots", 4.5, 1272, 0.6112),
        item(2, "gc-00089", "Trailhead Ridge Mid Waterproof Hiking Boot - Men's, Tan", 72.99, "Trailhead", "hiking boots", 3.96, 775, 0.58));
  }

  static JsonObject constraint(String kind, String field, String value) {
    return new JsonObject().put("kind", kind).put("field", field).put("value", value).put("turn", 1).put("label", kind);
  }

  /** A complete turn: understanding, results, the text split into word tokens, done. */
  static TurnEvents turn(List<JsonObject> items, String text, JsonObject done, JsonObject... constraints) {
    return turn(items, "", text, done, constraints);
  }

  static TurnEvents turn(List<JsonObject> items, String note, String text, JsonObject done, JsonObject... constraints) {
    List<JsonObject> events = new ArrayList<>();
    events.add(new JsonObject().put("type", "conversation").put("conversationId", "c1").put("resumed", false));
    events.add(new JsonObject().put("type", "understanding").put("turn", 1).put("query", "hiking boots").put("intent", "search")
        .put("constraints", new JsonArray(List.of((Object[]) constraints))));
    events.add(new JsonObject().put("type", "results").put("turn", 1).put("items", new JsonArray(new ArrayList<>(items)))
        .put("total", items.size()).put("note", note));
    for (String token : text.split("(?<= )")) events.add(new JsonObject().put("type", "token").put("turn", 1).put("text", token));
    if (done != null) events.add(done);
    return new TurnEvents(events);
  }

  static JsonObject done(String explainer) {
    return new JsonObject().put("type", "done").put("turn", 1).put("explainer", explainer).put("cancelled", false)
        .put("timings", new JsonObject().put("resultsMs", 40).put("firstTokenMs", 45).put("totalMs", 70));
  }

  static final String BOOTS_TEXT = "Here are my best matches for \"hiking boots\". Columbia Redmond III Mid Waterproof Hiking Boot"
      + " - Men's, Olive costs $112.99, within your $120 budget. It fits because close in meaning to your request"
      + " (similarity 0.61). It is rated 4.5 stars from 1272 reviews. Trailhead Ridge is #2 at $72.99, rated 4.0.";

  static TurnEvents bootsTurn() {
    return turn(boots(), BOOTS_TEXT, done("builtin"), constraint("price_max", "price", "120"),
        constraint("category", "category", "hiking boots"));
  }
}
