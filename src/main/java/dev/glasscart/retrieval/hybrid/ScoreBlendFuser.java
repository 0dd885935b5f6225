package dev.glasscart.retrieval.hybrid;

import dev.glasscart.retrieval.Candidate;
import java.util.List;

/**
 * Convex blend of min-max normalized scores: each side's scores are mapped to [0, 1] over that
 * side's list (the best becomes 1, the worst 0; a list whose scores are all equal maps to 1), then
 * the fused score is {@code (1 - semanticWeight) * lexical + semanticWeight * semantic}; a product
 * missing from a side gets 0 from it. Pure, thread-safe.
 */
public final class ScoreBlendFuser implements Fuser {
  private final double semanticWeight;

  public ScoreBlendFuser(double semanticWeight) {
    if (!(semanticWeight >= 0 && semanticWeight <= 1)) {
      throw new IllegalArgumentException("illegal semantic weight: " + semanticWeight + ", must be between 0 and 1");
    }
    this.semanticWeight = semanticWeight;
  }

  @Override
  public List<Candidate> fuse(List<Candidate> lexical, List<Candidate> semantic, int k) {
    MinMax lex = MinMax.of(lexical);
    MinMax sem = MinMax.of(semantic);
    return Fusion.fuse(lexical, semantic, k,
        (rank, c) -> (1 - semanticWeight) * lex.normalize(c.score()),
        (rank, c) -> semanticWeight * sem.normalize(c.score()));
  }

  private record MinMax(double min, double max) {
    static MinMax of(List<Candidate> list) {
      double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
      for (Candidate c : list) {
        min = Math.min(min, c.score());
        max = Math.max(max, c.score());
      }
      return new MinMax(min, max);
    }

    double normalize(double score) {
      return max > min ? (score - min) / (max - min) : 1.0;
    }
  }

  @Override
  public String toString() {
    return "blend(semantic=" + semanticWeight + ")";
  }
}
