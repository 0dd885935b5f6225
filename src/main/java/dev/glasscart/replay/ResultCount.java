package dev.glasscart.replay;

import java.util.List;

/**
 * {@code minResults} / {@code maxResults}: bounds on the number of items in the turn's
 * {@code results} event.
 *
 * @param key {@code minResults} or {@code maxResults}
 * @param bound the inclusive bound, at least 0
 */
public record ResultCount(String key, int bound) implements Expectation {
  public ResultCount {
    if (!key.equals("minResults") && !key.equals("maxResults")) {
      throw new IllegalArgumentException("illegal result count key: " + key + ", must be minResults or maxResults");
    }
    if (bound < 0) throw new IllegalArgumentException("illegal " + key + ": " + bound + ", must be at least 0");
  }

  @Override
  public List<String> check(TurnEvents turn) {
    int n = turn.items().size();
    boolean min = key.equals("minResults");
    if (min ? n >= bound : n <= bound) return List.of();
    return List.of((min ? "expected at least " : "expected at most ") + bound + " results, got " + n);
  }
}
