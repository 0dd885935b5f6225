package dev.glasscart.ranking;

import dev.glasscart.conversation.Constraint;
import dev.glasscart.conversation.Constraint.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one ranking call needs about the query, prepared once for all its candidates: the analyzed
 * terms and the constraints grouped by what they constrain.
 *
 * @param text the shopper's query text
 * @param terms distinct analyzed query terms, in query order
 * @param analyzer the analysis that produced {@code terms}, for titles (phrase matching)
 * @param price the PRICE_MIN / PRICE_MAX constraints
 * @param brand the BRAND / NOT_BRAND constraints
 * @param category the CATEGORY / NOT_CATEGORY constraints
 * @param attribute the ATTRIBUTE / NOT_ATTRIBUTE constraints
 */
public record RankingQuery(
    String text,
    Set<String> terms,
    QueryTerms analyzer,
    List<Constraint> price,
    List<Constraint> brand,
    List<Constraint> category,
    List<Constraint> attribute) {

  public RankingQuery {
    text = text == null ? "" : text;
    terms = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(terms));
    java.util.Objects.requireNonNull(analyzer, "analyzer");
    price = List.copyOf(price);
    brand = List.copyOf(brand);
    category = List.copyOf(category);
    attribute = List.copyOf(attribute);
  }

  /**
   * Groups {@code constraints}. RATING_MIN, IN_STOCK and SORT do not change scores here (the
   * caller filters or sorts on them); price constraints whose value is not a number are ignored.
   */
  public static RankingQuery of(String text, List<Constraint> constraints, QueryTerms queryTerms) {
    List<Constraint> price = new ArrayList<>();
    List<Constraint> brand = new ArrayList<>();
    List<Constraint> category = new ArrayList<>();
    List<Constraint> attribute = new ArrayList<>();
    for (Constraint c : constraints) {
      switch (c.kind()) {
        case PRICE_MAX, PRICE_MIN -> {
          if (isNumber(c.value())) price.add(c);
        }
        case BRAND, NOT_BRAND -> brand.add(c);
        case CATEGORY, NOT_CATEGORY -> category.add(c);
        case ATTRIBUTE, NOT_ATTRIBUTE -> attribute.add(c);
        default -> {}
      }
    }
    return new RankingQuery(text, queryTerms.terms(text), queryTerms, price, brand, category, attribute);
  }

  /** {@code text} analyzed like the query (distinct terms, in order). */
  public List<String> analyze(String text) {
    return List.copyOf(analyzer.terms(text));
  }

  /** The tightest stated maximum price, or NaN. */
  public double priceMax() {
    return bound(Kind.PRICE_MAX);
  }

  /** The tightest stated minimum price, or NaN. */
  public double priceMin() {
    return bound(Kind.PRICE_MIN);
  }

  private double bound(Kind kind) {
    double v = Double.NaN;
    for (Constraint c : price) {
      if (c.kind() != kind) continue;
      double n = c.number();
      if (Double.isNaN(v)) v = n;
      else v = kind == Kind.PRICE_MAX ? Math.min(v, n) : Math.max(v, n);
    }
    return v;
  }

  private static boolean isNumber(String s) {
    try {
      return Double.isFinite(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
