package dev.glasscart.ranking;

import dev.glasscart.catalog.Product;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A product in its final place. {@code contributions} add up to {@code score} and are sorted by
 * absolute value, largest first. {@code matchedTerms} are the shopper's words that matched, by
 * index field, as typed ("hiking", not the index's stem "hike").
 *
 * <p>A value with a record's accessors, {@code equals}, {@code hashCode} and {@code toString}. The
 * ranker orders every candidate by its score but a turn shows a page of them, so the ranker gives
 * the contributions and matched words as pure functions computed on first read ({@link #lazy}):
 * the same arithmetic as the score, so they still add up to it exactly. Racing first readers
 * compute equal lists; no lock is taken. Immutable and thread-safe.
 */
public final class RankedProduct {
  private final int rank;
  private final Product product;
  private final double score;
  private final Parts parts;

  /** What is computed on first read, shared by the copies {@link #withRank} makes. */
  private static final class Parts {
    private final Supplier<List<Contribution>> contributionsOf;
    private final Supplier<Map<String, Set<String>>> matchedOf;
    private volatile List<Contribution> contributions;
    private volatile Map<String, Set<String>> matched;

    Parts(Supplier<List<Contribution>> contributionsOf, Supplier<Map<String, Set<String>>> matchedOf) {
      this.contributionsOf = contributionsOf;
      this.matchedOf = matchedOf;
    }

    Parts(List<Contribution> contributions, Map<String, Set<String>> matched) {
      this.contributionsOf = null;
      this.matchedOf = null;
      this.contributions = List.copyOf(contributions);
      this.matched = Map.copyOf(matched);
    }

    List<Contribution> contributions() {
      List<Contribution> c = contributions;
      if (c == null) contributions = c = List.copyOf(contributionsOf.get());
      return c;
    }

    Map<String, Set<String>> matched() {
      Map<String, Set<String>> m = matched;
      if (m == null) matched = m = Map.copyOf(matchedOf.get());
      return m;
    }
  }

  public RankedProduct(int rank, Product product, double score, List<Contribution> contributions,
      Map<String, Set<String>> matchedTerms) {
    this(rank, product, score, new Parts(contributions, matchedTerms));
  }

  private RankedProduct(int rank, Product product, double score, Parts parts) {
    this.rank = rank;
    this.product = product;
    this.score = score;
    this.parts = parts;
  }

  /**
   * A ranked product whose contributions and matched words are computed when first read: each
   * supplier must be a pure function (it may run more than once when first readers race).
   */
  static RankedProduct lazy(int rank, Product product, double score, Supplier<List<Contribution>> contributions,
      Supplier<Map<String, Set<String>>> matchedTerms) {
    return new RankedProduct(rank, product, score,
        new Parts(Objects.requireNonNull(contributions), Objects.requireNonNull(matchedTerms)));
  }

  /** The same product, score and evidence at another place (nothing is computed for the copy). */
  public RankedProduct withRank(int newRank) {
    return newRank == rank ? this : new RankedProduct(newRank, product, score, parts);
  }

  public int rank() {
    return rank;
  }

  public Product product() {
    return product;
  }

  public double score() {
    return score;
  }

  public List<Contribution> contributions() {
    return parts.contributions();
  }

  public Map<String, Set<String>> matchedTerms() {
    return parts.matched();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RankedProduct r && rank == r.rank && Double.compare(score, r.score) == 0
        && Objects.equals(product, r.product) && contributions().equals(r.contributions())
        && matchedTerms().equals(r.matchedTerms());
  }

  @Override
  public int hashCode() {
    return Objects.hash(rank, product, score, contributions(), matchedTerms());
  }

  @Override
  public String toString() {
    return "RankedProduct[rank=" + rank + ", product=" + product + ", score=" + score + ", contributions="
        + contributions() + ", matchedTerms=" + matchedTerms() + "]";
  }
}
