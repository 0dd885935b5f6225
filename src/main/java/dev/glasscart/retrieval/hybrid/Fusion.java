package dev.glasscart.retrieval.hybrid;

import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.SignalValues;
import dev.glasscart.retrieval.Signals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The merge shared by the fusers: joins both lists by product id and sums the two parts. */
final class Fusion {

  /** A side's part for the candidate at 1-based {@code rank}. */
  @FunctionalInterface
  interface Part {
    double of(int rank, Candidate candidate);
  }

  private record Fused(Candidate candidate, int bestRank) {}

  private Fusion() {}

  static void checkK(int k) {
    if (k < 1) throw new IllegalArgumentException("illegal k: " + k + ", must be at least 1");
  }

  static List<Candidate> fuse(List<Candidate> lexical, List<Candidate> semantic, int k, Part lexicalPart,
      Part semanticPart) {
    checkK(k);
    Map<String, Integer> lexRank = ranks(lexical);
    Map<String, Integer> semRank = ranks(semantic);
    Map<String, Candidate> lexById = byId(lexical);
    Map<String, Candidate> semById = byId(semantic);
    LinkedHashMap<String, Boolean> ids = new LinkedHashMap<>();
    lexRank.keySet().forEach(id -> ids.put(id, true));
    semRank.keySet().forEach(id -> ids.put(id, true));
    List<Fused> fused = new ArrayList<>(ids.size());
    for (String id : ids.keySet()) {
      Candidate lex = lexById.get(id);
      Candidate sem = semById.get(id);
      double lp = lex == null ? 0 : lexicalPart.of(lexRank.get(id), lex);
      double sp = sem == null ? 0 : semanticPart.of(semRank.get(id), sem);
      int best = Math.min(lexRank.getOrDefault(id, Integer.MAX_VALUE), semRank.getOrDefault(id, Integer.MAX_VALUE));
      fused.add(new Fused(merge(id, lex, sem, lp, sp), best));
    }
    fused.sort(Comparator.comparingDouble((Fused f) -> f.candidate().score()).reversed()
        .thenComparingInt(Fused::bestRank)
        .thenComparing(f -> f.candidate().productId()));
    return fused.stream().limit(k).map(Fused::candidate).toList();
  }

  private static Candidate merge(String id, Candidate lex, Candidate sem, double lp, double sp) {
    SignalValues.Builder signals = new SignalValues.Builder();
    if (lex != null) signals.setAll(lex.signals());
    if (sem != null) signals.setAll(sem.signals());
    signals.set(Signals.LEXICAL_PART, lp).set(Signals.SEMANTIC_PART, sp);
    return new Candidate(id, lp + sp, signals.build(), matched(lex, sem));
  }

  /** The union of both candidates' matched terms by field; one side's own map when the other has none. */
  private static Map<String, Set<String>> matched(Candidate lex, Candidate sem) {
    if (sem == null || sem.matchedTerms().isEmpty()) return lex == null ? Map.of() : lex.matchedTerms();
    if (lex == null || lex.matchedTerms().isEmpty()) return sem.matchedTerms();
    Map<String, Set<String>> matched = new HashMap<>(lex.matchedTerms());
    sem.matchedTerms().forEach((field, terms) -> matched.merge(field, terms, (a, b) -> {
      Set<String> union = new HashSet<>(a);
      union.addAll(b);
      return union;
    }));
    return matched;
  }

  private static Map<String, Integer> ranks(List<Candidate> list) {
    Map<String, Integer> ranks = new LinkedHashMap<>();
    for (Candidate c : list) ranks.putIfAbsent(c.productId(), ranks.size() + 1);
    return ranks;
  }

  private static Map<String, Candidate> byId(List<Candidate> list) {
    Map<String, Candidate> m = new HashMap<>();
    for (Candidate c : list) m.putIfAbsent(c.productId(), c);
    return m;
  }
}
