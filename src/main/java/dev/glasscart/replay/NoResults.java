package dev.glasscart.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code noResults: true}: the turn shows no products (its {@code results} list is empty or absent)
 * and still answers in words (the explanation is not blank), e.g. a greeting or an out-of-scope
 * question.
 */
public record NoResults() implements Expectation {
  @Override
  public String key() {
    return "noResults";
  }

  @Override
  public List<String> check(TurnEvents turn) {
    List<String> reasons = new ArrayList<>();
    int n = turn.items().size();
    if (n > 0) reasons.add("expected no results, got " + n + " (first: " + AllResults.describe(turn.items().getFirst()) + ")");
    if (turn.text().isBlank()) reasons.add("expected an answer in words, the text is empty");
    return reasons;
  }
}
