package dev.glasscart.retrieval.lexical;

import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Signals;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Accumulates per-field BM25 contributions and matched terms of one hit. Not thread-safe. */
final class CandidateBuilder {
  private final Map<String, Double> signals = new LinkedHashMap<>();
  private final Map<String, Set<String>> matched = new LinkedHashMap<>();
  private double total;

  void add(String field, String signal, String term, double score) {
    signals.merge(signal, score, Double::sum);
    matched.computeIfAbsent(field, f -> new LinkedHashSet<>()).add(term);
    total += score;
  }

  Candidate build(String productId) {
    signals.put(Signals.BM25, total);
    Map<String, Set<String>> frozen = new LinkedHashMap<>();
    matched.forEach((field, terms) -> frozen.put(field, Set.copyOf(terms)));
    return new Candidate(productId, total, signals, frozen);
  }
}
