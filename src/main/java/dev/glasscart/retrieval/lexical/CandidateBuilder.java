package dev.glasscart.retrieval.lexical;

import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.SignalValues;
import dev.glasscart.retrieval.Signals;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates per-field BM25 contributions and matched terms of one hit, for the in-process
 * retriever and the search engine's alike. Not thread-safe.
 */
public final class CandidateBuilder {
  private final SignalValues.Builder signals = new SignalValues.Builder();
  private final Map<String, Set<String>> matched = new LinkedHashMap<>();
  private double total;

  /** Adds {@code term}'s contribution {@code score} in {@code field}, which feeds {@code signal}. */
  public void add(String field, String signal, String term, double score) {
    signals.add(signal, score);
    matched.computeIfAbsent(field, f -> new LinkedHashSet<>()).add(term);
    total += score;
  }

  /** The candidate: score and {@code bm25} the sum of the contributions. */
  public Candidate build(String productId) {
    signals.set(Signals.BM25, total);
    Map<String, Set<String>> frozen = new LinkedHashMap<>();
    matched.forEach((field, terms) -> frozen.put(field, Set.copyOf(terms)));
    return new Candidate(productId, total, signals.build(), frozen);
  }
}
