package dev.glasscart.retrieval.lexical;

import dev.glasscart.retrieval.Signals;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-field weights of the lexical query: the BM25 score of a product is the sum over query terms
 * and fields of {@code boost(field) * bm25(term, field)}. A zero boost leaves the field out.
 *
 * <p>The defaults were tuned on crowdflower (title versus description) and by judgment for the
 * fields crowdflower lacks (brand, category, tags, attributes); see docs/retrieval.md.
 */
public record FieldBoosts(
    double title, double brand, double category, double tags, double attributes, double description) {

  public FieldBoosts {
    check("title", title);
    check("brand", brand);
    check("category", category);
    check("tags", tags);
    check("attributes", attributes);
    check("description", description);
    if (title + brand + category + tags + attributes + description == 0) {
      throw new IllegalArgumentException("all field boosts are 0, at least one must be positive");
    }
  }

  private static void check(String field, double boost) {
    if (!(boost >= 0 && boost <= 100)) {
      throw new IllegalArgumentException(
          "illegal " + field + " boost: " + boost + ", must be between 0 and 100");
    }
  }

  /** The tuned defaults. */
  public static FieldBoosts defaults() {
    return new FieldBoosts(2.0, 1.5, 1.0, 0.8, 0.6, 0.3);
  }

  /** Plain BM25 over title and description with equal weight: the reference configuration. */
  public static FieldBoosts titleAndDescription() {
    return new FieldBoosts(1, 0, 0, 0, 0, 1);
  }

  /** Boost by index field name, in a fixed order, positive boosts only. */
  public Map<String, Double> byField() {
    Map<String, Double> m = new LinkedHashMap<>();
    put(m, Signals.TITLE, title);
    put(m, Signals.BRAND, brand);
    put(m, Signals.CATEGORY, category);
    put(m, Signals.TAGS, tags);
    put(m, Signals.ATTRIBUTES, attributes);
    put(m, Signals.DESCRIPTION, description);
    return m;
  }

  private static void put(Map<String, Double> m, String field, double boost) {
    if (boost > 0) m.put(field, boost);
  }
}
