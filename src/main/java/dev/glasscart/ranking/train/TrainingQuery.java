package dev.glasscart.ranking.train;

import dev.glasscart.query.Constraint;
import java.util.List;
import java.util.Objects;

/**
 * One judged query: its text, constraints, the retrieved candidates in retrieval order, and the
 * gains of all its judged products (retrieved or not) for the ideal DCG.
 */
public record TrainingQuery(
    String id, String query, List<Constraint> constraints, List<JudgedCandidate> candidates,
    List<Double> allGains) {

  public TrainingQuery {
    Objects.requireNonNull(id, "id");
    query = query == null ? "" : query;
    constraints = List.copyOf(constraints);
    candidates = List.copyOf(candidates);
    allGains = List.copyOf(allGains);
  }
}
