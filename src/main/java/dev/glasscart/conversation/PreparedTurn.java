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
 */
public record PreparedTurn(
    int turn, Understanding understanding, List<RankedProduct> shown, int total, String note, Evidence evidence,
    Exposure exposure) {

  public PreparedTurn {
    shown = List.copyOf(shown);
    // the ranker words labels when first read; the shown products' are read for the results
    // event and the explanation, so they are worded here, on the worker that prepared the turn
    for (RankedProduct r : shown) r.contributions().forEach(Contribution::label);
    note = note == null ? "" : note;
  }

  /** A turn without exposure counts (not a search). */
  public PreparedTurn(int turn, Understanding understanding, List<RankedProduct> shown, int total, String note, Evidence evidence) {
    this(turn, understanding, shown, total, note, evidence, null);
  }
}
