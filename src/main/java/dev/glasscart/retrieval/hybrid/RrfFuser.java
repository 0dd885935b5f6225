package dev.glasscart.retrieval.hybrid;

import dev.glasscart.retrieval.Candidate;
import java.util.List;

/**
 * Weighted reciprocal rank fusion: a product at rank r (from 1) on a side gains
 * {@code weight / (rankConstant + r)} from that side; scores themselves are ignored. Pure,
 * thread-safe.
 */
public final class RrfFuser implements Fuser {
  private final int rankConstant;
  private final double lexicalWeight;
  private final double semanticWeight;

  public RrfFuser(int rankConstant, double lexicalWeight, double semanticWeight) {
    if (rankConstant < 0 || rankConstant > 10_000) {
      throw new IllegalArgumentException("illegal RRF rank constant: " + rankConstant + ", must be between 0 and 10000");
    }
    checkWeight("lexical", lexicalWeight);
    checkWeight("semantic", semanticWeight);
    this.rankConstant = rankConstant;
    this.lexicalWeight = lexicalWeight;
    this.semanticWeight = semanticWeight;
  }

  /** The classic k=60, equal weights. */
  public static RrfFuser standard() {
    return new RrfFuser(60, 1, 1);
  }

  static void checkWeight(String side, double w) {
    if (!(w >= 0 && w <= 1000)) {
      throw new IllegalArgumentException("illegal " + side + " weight: " + w + ", must be between 0 and 1000");
    }
  }

  @Override
  public List<Candidate> fuse(List<Candidate> lexical, List<Candidate> semantic, int k) {
    return Fusion.fuse(lexical, semantic, k,
        (rank, c) -> lexicalWeight / (rankConstant + rank),
        (rank, c) -> semanticWeight / (rankConstant + rank));
  }

  @Override
  public String toString() {
    return "rrf(c=" + rankConstant + ", lexical=" + lexicalWeight + ", semantic=" + semanticWeight + ")";
  }
}
