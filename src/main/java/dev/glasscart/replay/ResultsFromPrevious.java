package dev.glasscart.replay;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code resultsFromPrevious: true}: every item of the turn's {@code results} (by {@code productId})
 * was among the previous turn's results, so a question about the shown products did not start a new
 * search. A turn with no results satisfies it vacuously (pair it with {@code minResults}); on the
 * first turn of a transcript it fails, as there is nothing to compare with.
 */
public record ResultsFromPrevious() implements Expectation {
  @Override
  public String key() {
    return "resultsFromPrevious";
  }

  @Override
  public List<String> check(TurnEvents turn) {
    if (turn.previousItems() == null) return List.of("resultsFromPrevious on the first turn: there is no previous turn");
    Set<String> shown = turn.previousItems().stream().map(i -> i.getString("productId")).collect(Collectors.toSet());
    List<String> reasons = new ArrayList<>();
    for (JsonObject item : turn.items()) {
      if (!shown.contains(item.getString("productId"))) {
        reasons.add(AllResults.describe(item) + " was not among the previous turn's " + shown.size() + " results");
      }
    }
    return reasons;
  }
}
