package dev.glasscart.conversation;

import dev.glasscart.explanation.Evidence;
import dev.glasscart.query.Understanding;
import dev.glasscart.ranking.Contribution;
import dev.glasscart.ranking.RankedProduct;
import java.util.List;

/**
 * A turn after understanding, retrieval, filtering and ranking, before its explanation: what the
 * {@code understanding} and {@code results} events show, and the evidence the explainer gets.
 *
 * @param total how many products satisfy the constraints (all pages)
 * @param note a relaxation offer or other remark when nothing (or little) fits; may be empty
 * @param exposure for a search turn, who its relevant candidates were (the fairness measure); else null
 * @param state the dialogue state the turn left, as stored with it ({@link DialogueState#toJson}); null
 *     when the caller keeps no state (benchmarks, stateless searches)
 */
public record PreparedTurn(
    int turn, Understanding understanding, List<RankedProduct> shown, int total, String note, Evidence evidence,
    Exposure exposure, String state) {

  public PreparedTurn {
    shown = List.copyOf(shown);
    // the ranker makes contributions, their labels and the typed words when first read; the shown
    // products' are read for the results event and the explanation, so they are made here, on
    // the worker that prepared the turn, not on the event loop
    for (RankedProduct r : shown) {
      r.contributions().forEach(Contribution::label);
      r.matchedTerms();
    }
    note = note == null ? "" : note;
  }

  /** A turn without its dialogue state. */
  public PreparedTurn(int turn, Understanding understanding, List<RankedProduct> shown, int total, String note, Evidence evidence,
      Exposure exposure) {
    this(turn, understanding, shown, total, note, evidence, exposure, null);
  }

  /** This turn with the dialogue state it left ({@link DialogueState#toJson}), which is stored with it. */
  PreparedTurn withState(String stateJson) {
    return new PreparedTurn(turn, understanding, shown, total, note, evidence, exposure, stateJson);
  }

  /** A turn without exposure counts (not a search). */
  public PreparedTurn(int turn, Understanding understanding, List<RankedProduct> shown, int total, String note, Evidence evidence) {
    this(turn, understanding, shown, total, note, evidence, null);
  }
}
