package dev.glasscart.eval;

import java.util.Map;
import java.util.Objects;

/**
 * Graded relevance judgments: query id to (document id to grade). Grades follow the TREC
 * convention of the crowdflower set, 1..4; gain is {@code 2^(grade-1) - 1}, so grade 1 gains 0.
 * A document is <em>relevant</em> (for recall and MRR) when its grade is at least
 * {@link #RELEVANT_GRADE}. Immutable.
 */
public record Qrels(Map<String, Map<String, Integer>> byQuery) {
  /** The smallest grade counted as relevant by recall and MRR: grade 2 (gain 1) and above. */
  public static final int RELEVANT_GRADE = 2;

  public Qrels {
    Objects.requireNonNull(byQuery, "byQuery");
    byQuery = Map.copyOf(byQuery.entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue()))));
  }

  /** The judgments of {@code queryId}, empty when it has none. */
  public Map<String, Integer> judgments(String queryId) {
    return byQuery.getOrDefault(queryId, Map.of());
  }

  /** Gain of a grade: {@code 2^(grade-1) - 1}; unjudged or grade <= 0 gains 0. */
  public static double gain(int grade) {
    return grade <= 0 ? 0 : Math.pow(2, grade - 1) - 1;
  }

  public static boolean relevant(int grade) {
    return grade >= RELEVANT_GRADE;
  }
}
