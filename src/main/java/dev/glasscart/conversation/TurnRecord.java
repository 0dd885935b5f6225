package dev.glasscart.conversation;

import java.time.Instant;
import java.util.List;

/**
 * Everything the shopper saw in one turn, as persisted before the turn's {@code done} event. The
 * events' payloads are kept as the JSON text that was sent (docs/protocol.md describes them); the
 * domain reads only {@code resultIds}. JSON is mapped at the edges (server, storage).
 *
 * @param understanding the {@code understanding} event body (query, constraints, intent), JSON text
 * @param results the {@code results} event items, exactly as sent, JSON text (an array)
 * @param resultIds the product ids of {@code results}, in order
 * @param explanation the explanation text exactly as streamed
 * @param explainer {@code builtin} or {@code ollama:<model>}
 * @param timings {@code resultsMs}, {@code firstTokenMs}, {@code totalMs}, JSON text
 * @param details anything else worth keeping for the agent console (prompt, raw model output,
 *     grounding verdicts, dropped sentences, cancel flag), JSON text; never null ({@code {}})
 * @param state the dialogue state the turn left ({@link DialogueState#toJson}), so any node resumes
 *     the conversation from its last turn alone; null for turns stored before it was kept (they are
 *     replayed)
 */
public record TurnRecord(
    String conversationId,
    int turn,
    String userText,
    String understanding,
    String results,
    List<String> resultIds,
    String explanation,
    String explainer,
    String timings,
    String details,
    Instant createdAt,
    String state) {

  public TurnRecord {
    resultIds = List.copyOf(resultIds == null ? List.of() : resultIds);
    details = details == null ? "{}" : details;
  }

  /** A turn without its dialogue state (as stored before it was kept). */
  public TurnRecord(String conversationId, int turn, String userText, String understanding, String results,
      List<String> resultIds, String explanation, String explainer, String timings, String details, Instant createdAt) {
    this(conversationId, turn, userText, understanding, results, resultIds, explanation, explainer, timings, details,
        createdAt, null);
  }
}
