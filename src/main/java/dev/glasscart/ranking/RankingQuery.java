package dev.glasscart.ranking;

import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * @param surface for each analyzed term, the query words as typed that produced it (query order)
 * @param exact distinct query words analyzed without stemming ({@link #EXACT}), in query order
 */
public record RankingQuery(
    String text,
    Set<String> terms,
    QueryTerms analyzer,
    List<Constraint> price,
    List<Constraint> brand,
    List<Constraint> category,
    List<Constraint> attribute,
    Map<String, List<String>> surface,
    Set<String> exact) {

  /** Exact-form analysis: the lexical tokenization, lower-cased and folded, no stemming. */
  public static final QueryTerms EXACT = QueryTerms.of(
      new dev.glasscart.retrieval.lexical.ProductAnalyzer(
          dev.glasscart.retrieval.lexical.ProductAnalyzer.Stemming.NONE, false), "title");

  public RankingQuery {
    text = text == null ? "" : text;
    terms = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(terms));
    java.util.Objects.requireNonNull(analyzer, "analyzer");
    price = List.copyOf(price);
    brand = List.copyOf(brand);
    category = List.copyOf(category);
    attribute = List.copyOf(attribute);
    surface = Map.copyOf(surface);
    exact = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(exact));
  }

  /**
   * A query whose surface words are found by analyzing each whitespace-separated word of {@code
   * text}, and whose exact words by {@link #EXACT}.
   */
  public RankingQuery(String text, Set<String> terms, QueryTerms analyzer, List<Constraint> price,
      List<Constraint> brand, List<Constraint> category, List<Constraint> attribute) {
    this(text, terms, analyzer, price, brand, category, attribute, surfaceWords(text, analyzer), EXACT.terms(text));
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

  /**
   * The query words as the shopper typed them that produced analyzed {@code term} (e.g. "hiking"
   * for "hike"), in query order without repeats; the term itself when no word maps to it.
   */
  public List<String> surfaceOf(String term) {
    return surface.getOrDefault(term, List.of(term));
  }

  /** Non-letters and non-digits at either end of a word. */
  private static final java.util.regex.Pattern EDGE_PUNCTUATION =
      java.util.regex.Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");

  /**
   * Maps each analyzed term to the typed words that produce it: every whitespace-separated word,
   * stripped of surrounding punctuation, is analyzed on its own with {@code analyzer}.
   */
  static Map<String, List<String>> surfaceWords(String text, QueryTerms analyzer) {
    Map<String, List<String>> out = new HashMap<>();
    if (text == null || text.isBlank()) return out;
    for (String raw : text.strip().split("\\s+")) {
      String word = EDGE_PUNCTUATION.matcher(raw).replaceAll("");
      if (word.isEmpty()) continue;
      for (String term : analyzer.terms(word)) {
        List<String> words = out.computeIfAbsent(term, t -> new ArrayList<>());
        if (!words.contains(word)) words.add(word);
      }
    }
    out.replaceAll((t, words) -> List.copyOf(words));
    return out;
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
