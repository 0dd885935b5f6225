package dev.glasscart.ranking;

import dev.glasscart.catalog.AttributeNames;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Words for people for one feature's value, e.g. "title matches 'red', 'dress'", "rated 4.6 from
 * 212 reviews", "under your $120 budget", "Nike, as you asked", "in stock". Stateless, thread-safe.
 */
public final class FeatureLabels {

  /** The label of {@code f} whose natural value is {@code natural}. */
  public String label(Feature f, double natural, RankingQuery q, Candidate c, Product p) {
    return switch (f) {
      case TITLE_MATCH -> matched("title matches", q, c, Signals.TITLE);
      case BRAND_MATCH -> matched("brand matches", q, c, Signals.BRAND);
      case CATEGORY_MATCH -> matched("category matches", q, c, Signals.CATEGORY, Signals.TAGS);
      case ATTRIBUTE_MATCH -> matched("attributes match", q, c, Signals.ATTRIBUTES);
      case DESCRIPTION_MATCH -> matched("description mentions", q, c, Signals.DESCRIPTION);
      case SEMANTIC -> String.format(Locale.ROOT, "close in meaning to your request (similarity %.2f)", natural);
      case TITLE_COVERAGE -> String.format(
          Locale.ROOT, "title has %.0f%% of your search words", 100 * natural);
      case PRICE_FIT -> priceLabel(natural > 0, q, p);
      case BUDGET_MARGIN -> Money.format(q.priceMax() - p.price(), p.currency()) + " under your "
          + Money.format(q.priceMax(), p.currency()) + " budget";
      case BRAND_FIT -> constraintLabel(q.brand(), p, p.brand());
      case CATEGORY_FIT -> constraintLabel(q.category(), p, p.category());
      case ATTRIBUTE_FIT -> constraintLabel(q.attribute(), p, null);
      case RATING -> p.reviewCount() == 0
          ? "no reviews yet"
          : String.format(Locale.ROOT, "rated %.1f from %d review%s", p.rating(), p.reviewCount(),
              p.reviewCount() == 1 ? "" : "s");
      case REVIEW_COUNT -> p.reviewCount() + " review" + (p.reviewCount() == 1 ? "" : "s");
      case IN_STOCK -> natural > 0 ? "in stock" : "out of stock";
      case KEYWORD_RANK -> "among the top keyword matches";
      case MEANING_RANK -> "among the top matches by meaning";
      case TITLE_ALL_TERMS -> "title has all your search words";
      case QUERY_COVERAGE -> String.format(Locale.ROOT, "mentions %.0f%% of your search words", 100 * natural);
      case TITLE_PHRASE -> "title has your exact phrase '" + q.text().trim() + "'";
      case TITLE_SEMANTIC -> String.format(Locale.ROOT, "title close in meaning to your request (similarity %.2f)", natural);
      case TITLE_EXACT -> String.format(Locale.ROOT, "title has %.0f%% of your words as you typed them", 100 * natural);
      case PEER_SIMILARITY -> String.format(Locale.ROOT, natural >= Feature.TYPICAL_PEER_SIMILARITY
          ? "much like the other top matches (similarity %.2f)" : "less like the other top matches (similarity %.2f)", natural);
      case DESCRIPTION_COVERAGE -> String.format(
          Locale.ROOT, "description has %.0f%% of your search words", 100 * natural);
      // worded by ProfileFeatures, which knows the profile; this is what a ranker without one says
      case PROFILE_BRAND, PROFILE_CATEGORY, PROFILE_ATTRIBUTE, PROFILE_PRICE -> "from what you told me before";
    };
  }

  /**
   * "title matches 'hiking', 'waterproof'": the matched analyzed terms shown as the words the
   * shopper typed (see {@link RankingQuery#surfaceOf}), sorted, each once.
   */
  private static String matched(String prefix, RankingQuery q, Candidate c, String... fields) {
    Set<String> terms = new TreeSet<>();
    for (String field : fields) {
      for (String term : c.matchedTerms().getOrDefault(field, Set.of())) terms.addAll(q.surfaceOf(term));
    }
    if (terms.isEmpty()) return prefix + " your search";
    List<String> quoted = new ArrayList<>();
    for (String t : terms) quoted.add("'" + t + "'");
    return prefix + " " + String.join(", ", quoted);
  }

  private static String priceLabel(boolean fits, RankingQuery q, Product p) {
    double max = q.priceMax();
    double min = q.priceMin();
    if (!Double.isNaN(max) && !Double.isNaN(min)) {
      return (fits ? "within" : "outside") + " your " + Money.format(min, p.currency()) + "–"
          + Money.format(max, p.currency()) + " range";
    }
    if (!Double.isNaN(max)) return (fits ? "under" : "over") + " your " + Money.format(max, p.currency()) + " budget";
    return (fits ? "over" : "under") + " your " + Money.format(min, p.currency()) + " minimum";
  }

  /** "Nike, as you asked", "not Nike, as you asked", "you asked for Nike", "you ruled out Nike". */
  private static String constraintLabel(List<Constraint> constraints, Product p, String own) {
    List<String> held = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Constraint c : constraints) {
      boolean negative = c.kind() == Kind.NOT_BRAND || c.kind() == Kind.NOT_CATEGORY
          || c.kind() == Kind.NOT_ATTRIBUTE;
      boolean attribute = c.kind() == Kind.ATTRIBUTE || c.kind() == Kind.NOT_ATTRIBUTE;
      String what = attribute && !c.field().isEmpty() ? AttributeNames.inWords(c.field()) + ": " + c.value() : c.value();
      if (c.test(p)) held.add(negative ? "not " + what : own != null && !own.isBlank() ? own : what);
      else failed.add((negative ? "you ruled out " : "you asked for ") + what);
    }
    if (failed.isEmpty()) return String.join(", ", distinct(held)) + ", as you asked";
    if (held.isEmpty()) return String.join("; ", distinct(failed));
    return String.join(", ", distinct(held)) + " as you asked; " + String.join("; ", distinct(failed));
  }

  private static List<String> distinct(List<String> xs) {
    return xs.stream().distinct().toList();
  }

}
