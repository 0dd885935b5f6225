package dev.glasscart.retrieval.hybrid;

import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Signals;
import java.util.List;

/**
 * Merges a lexical and a semantic candidate list into one ranking.
 *
 * <p>Contract: every product of either input appears at most once in the output; a fused
 * candidate keeps the signals and matched terms of both sides and adds the signals
 * {@value Signals#LEXICAL_PART} and {@value Signals#SEMANTIC_PART}, whose sum is its score exactly. The output is
 * sorted by descending score, ties broken by the better (smaller) rank on either side, then by
 * product id. Implementations are pure and thread-safe.
 */
public interface Fuser {

  /** The top {@code k} fused candidates; inputs are sorted best first. */
  List<Candidate> fuse(List<Candidate> lexical, List<Candidate> semantic, int k);
}
