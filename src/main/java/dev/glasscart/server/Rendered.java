package dev.glasscart.server;

import dev.glasscart.query.Intent;
import dev.glasscart.conversation.PreparedTurn;
import dev.glasscart.query.Language;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * A prepared turn with what the shopper is shown of it, built and encoded once, on the worker
 * that prepared it: the understanding and the results as JSON text, streamed as they are and
 * stored with the turn as the same text (they were built on the event loop and encoded twice,
 * once for the socket and once for the database), the comparison table and the exposure counts
 * for the turn's details. Labels are in the language the shopper wrote this message in. Immutable.
 */
record Rendered(PreparedTurn prepared, Language language, String understanding, String items, JsonObject comparison,
    String comparisonText, JsonObject exposure) {

  /** On a worker: renders {@code p}; amounts in {@code currency}. */
  static Rendered of(PreparedTurn p, String currency) {
    // chip labels and contribution labels in the language the shopper wrote this message in
    Language language = Language.detect(p.evidence().userText());
    String understanding = Protocol.understanding(p.understanding(), currency, language).encode();
    String items = Protocol.items(p.shown(), language).encode(); // "Why this?" rows in the same language
    JsonObject comparison = p.understanding().intent() == Intent.COMPARE && p.shown().size() >= 2
        ? Protocol.comparison(p.shown(), language) : null;
    JsonObject exposure = p.exposure() == null ? null : Protocol.exposure(p.exposure());
    return new Rendered(p, language, understanding, items, comparison, comparison == null ? null : comparison.encode(),
        exposure);
  }

  /** The {@code understanding} event of turn {@code turn}, as text. */
  String understandingEvent(int turn) {
    return Protocol.eventText("understanding", turn, understanding);
  }

  /** The {@code results} event of turn {@code turn}, as text. */
  String resultsEvent(int turn) {
    return "{\"type\":\"results\",\"turn\":" + turn + ",\"items\":" + items + ",\"total\":" + prepared.total()
        + ",\"note\":" + Json.encode(prepared.note()) + "}";
  }

  /** The {@code comparison} event of turn {@code turn}, as text, or null when the turn compares nothing. */
  String comparisonEvent(int turn) {
    return comparisonText == null ? null : Protocol.eventText("comparison", turn, comparisonText);
  }
}
