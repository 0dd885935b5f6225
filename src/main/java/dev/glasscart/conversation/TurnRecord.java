package dev.glasscart.conversation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Everything the shopper saw in one turn, as persisted before the turn's {@code done} event.
 *
 * @param understanding the {@code understanding} event body (query, constraints, intent)
 * @param results the {@code results} event items, exactly as sent
 * @param explanation the explanation text exactly as streamed
 * @param explainer {@code builtin} or {@code ollama:<model>}
 * @param timings {@code resultsMs}, {@code firstTokenMs}, {@code totalMs}
 * @param details anything else worth keeping for the agent console (prompt, raw model output,
 *     grounding verdicts, dropped sentences, cancel flag); never null
 */
public record TurnRecord(
    String conversationId,
    int turn,
    String userText,
    JsonObject understanding,
    JsonArray results,
    String explanation,
    String explainer,
    JsonObject timings,
    JsonObject details,
    Instant createdAt) {

  public TurnRecord {
    details = details == null ? new JsonObject() : details;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("conversationId", conversationId)
        .put("turn", turn)
        .put("userText", userText)
        .put("understanding", understanding)
        .put("results", results)
        .put("explanation", explanation)
        .put("explainer", explainer)
        .put("timings", timings)
        .put("details", details)
        .put("createdAt", createdAt.toString());
  }
}
