package dev.glasscart.ranking;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@link QueryTerms} that analyzes each distinct text once: ranking analyzes the title of every
 * candidate on every turn (phrase and exact-word features), and the same few thousand titles come
 * back turn after turn. The analysis is a pure function of the text, so a remembered answer is the
 * answer. Holds at most {@value #MAX_ENTRIES} texts and starts afresh when full (a catalog larger
 * than that only loses the reuse). The sets it returns are unmodifiable, in analysis order.
 * Thread-safe and lock-free on reads.
 */
final class TermsMemo implements QueryTerms {
  /** Texts remembered at most: a 100,000-product catalog's titles, a few tens of MB. */
  static final int MAX_ENTRIES = 100_000;

  private final Function<String, List<String>> analysis;
  private final ConcurrentHashMap<String, Set<String>> memo = new ConcurrentHashMap<>();

  TermsMemo(Function<String, List<String>> analysis) {
    this.analysis = Objects.requireNonNull(analysis, "analysis");
  }

  @Override
  public Set<String> terms(String text) {
    if (text == null) return analyzed(null);
    Set<String> known = memo.get(text);
    if (known != null) return known;
    Set<String> terms = analyzed(text);
    if (memo.size() >= MAX_ENTRIES) memo.clear();
    memo.put(text, terms);
    return terms;
  }

  private Set<String> analyzed(String text) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(analysis.apply(text)));
  }

  /** Texts remembered now (for tests). */
  int size() {
    return memo.size();
  }
}
