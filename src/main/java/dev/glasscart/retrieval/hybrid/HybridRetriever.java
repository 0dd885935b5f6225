package dev.glasscart.retrieval.hybrid;

import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import java.util.List;
import java.util.Objects;

/**
 * Retrieves from a lexical and a semantic {@link Retriever} and fuses the two lists with a
 * {@link Fuser}. Each side is asked for {@code max(k, depth)} candidates. Fused candidates carry
 * both sides' signals (for example {@code bm25*} and {@code dense}) plus {@code lexical_part} and
 * {@code semantic_part}, which add up to the score. Blocking; thread-safe when both retrievers are.
 */
public final class HybridRetriever implements Retriever {
  private final Retriever lexical;
  private final Retriever semantic;
  private final Fuser fuser;
  private final int depth;

  public HybridRetriever(Retriever lexical, Retriever semantic, Fuser fuser, int depth) {
    this.lexical = Objects.requireNonNull(lexical, "lexical");
    this.semantic = Objects.requireNonNull(semantic, "semantic");
    this.fuser = Objects.requireNonNull(fuser, "fuser");
    if (depth < 1 || depth > 10_000) {
      throw new IllegalArgumentException("illegal fusion depth: " + depth + ", must be between 1 and 10000");
    }
    this.depth = depth;
  }

  @Override
  public List<Candidate> retrieve(String query, int k) {
    Fusion.checkK(k);
    if (query == null || query.isBlank()) return List.of();
    int n = Math.max(k, depth);
    return fuser.fuse(lexical.retrieve(query, n), semantic.retrieve(query, n), k);
  }

  @Override
  public String toString() {
    return "hybrid(" + fuser + ", depth=" + depth + ")";
  }
}
