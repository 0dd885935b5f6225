package dev.glasscart.retrieval.lexical;

import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.SignalValues;
import dev.glasscart.retrieval.Signals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates per-field BM25 contributions and matched terms of one hit, for the in-process
 * retriever and the search engine's alike. Not thread-safe.
 */
public final class CandidateBuilder {
  private final SignalValues.Builder signals = new SignalValues.Builder();
  /** Terms by field, each term once (a field matches a handful: a list beats a hash set here). */
  private final Map<String, List<String>> matched = new HashMap<>(8);
  private double total;

  /** Adds {@code term}'s contribution {@code score} in {@code field}, which feeds {@code signal}. */
  public void add(String field, String signal, String term, double score) {
    signals.add(signal, score);
    List<String> terms = matched.get(field);
    if (terms == null) matched.put(field, terms = new ArrayList<>(2));
    if (!terms.contains(term)) terms.add(term);
    total += score;
  }

  /** The candidate: score and {@code bm25} the sum of the contributions. */
  public Candidate build(String productId) {
    signals.set(Signals.BM25, total);
    @SuppressWarnings("unchecked")
    Map.Entry<String, Set<String>>[] frozen = new Map.Entry[matched.size()];
    int i = 0;
    for (Map.Entry<String, List<String>> e : matched.entrySet()) frozen[i++] = Map.entry(e.getKey(), distinct(e.getValue()));
    // immutable already: the candidate keeps this map as it is
    return new Candidate(productId, total, signals.build(), Map.ofEntries(frozen));
  }

  /** {@code terms} (distinct already, at least one) as a set, without {@link Set#copyOf}'s hash set to find duplicates. */
  private static Set<String> distinct(List<String> terms) {
    return switch (terms.size()) {
      case 1 -> Set.of(terms.get(0));
      case 2 -> Set.of(terms.get(0), terms.get(1));
      default -> Set.of(terms.toArray(String[]::new));
    };
  }
}
