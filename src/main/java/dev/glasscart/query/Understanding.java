package dev.glasscart.query;

import java.util.List;

/**
 * The whole current reading of the conversation after one shopper message: the free-text query
 * to retrieve with, every constraint in force (each with the turn it came from), the intent, the
 * products the message refers to (ids, for WHY / WHY_NOT / COMPARE) and the page (0-based).
 */
public record Understanding(
    String query, List<Constraint> constraints, Intent intent, List<String> referencedProductIds, int page) {

  public Understanding {
    constraints = List.copyOf(constraints);
    referencedProductIds = List.copyOf(referencedProductIds);
  }

  public static Understanding search(String query, List<Constraint> constraints) {
    return new Understanding(query, constraints, Intent.SEARCH, List.of(), 0);
  }
}
