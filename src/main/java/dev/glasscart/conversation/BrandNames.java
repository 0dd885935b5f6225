package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.conversation.CatalogMeanings.Mapping;
import dev.glasscart.conversation.CatalogMeanings.Thresholds;
import dev.glasscart.conversation.CatalogVocabulary.Term;
import dev.glasscart.conversation.CatalogVocabulary.TermKind;
import dev.glasscart.retrieval.dense.Embedder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The catalog's brands as a Chinese shopper may write them: a catalog spells "Samsung", the
 * shopper writes its Chinese name. Nothing lists brand names; two things learned from the catalog
 * decide, both measured by {@code ./glasscart bench meanings} (Chinese part):
 *
 * <ul>
 *   <li><b>Meaning</b>: each brand name, as the catalog spells it, is embedded with the Chinese
 *       encoder; a word maps to the nearest brand when the cosine is at least
 *       {@link Thresholds#brandCosine} and ahead of the runner-up by {@link Thresholds#brandGap}.
 *       The encoder knows the Chinese names of well-known brands (translated or transliterated)
 *       and places them near the Latin spelling; it does not know every one.</li>
 *   <li><b>Co-occurrence</b>: the products whose own text (title, description, tags) holds the
 *       word. When (almost) all of them are one brand's, the word is that brand's name (a
 *       description that writes the Chinese name beside the Latin one) and needs only the encoder's
 *       lead, not its cosine; when products of other brands, or without one, mention it too, it is
 *       a word for a kind of product ("耳机" in many brands' titles) and never a brand. A word
 *       written right beside the Latin name ("Qorvane（寇尔梵）") names the brand even when the
 *       encoder has never seen it.</li>
 * </ul>
 *
 * <p>Immutable once learned; {@link #map} scans the catalog once per word (memoized by
 * {@link CatalogMeanings#brandOf}).
 */
final class BrandNames {
  private final List<Term> brands;
  private final float[][] vectors;
  private final Catalog catalog;

  private BrandNames(List<Term> brands, float[][] vectors, Catalog catalog) {
    this.brands = brands;
    this.vectors = vectors;
    this.catalog = catalog;
  }

  /** Embeds every brand of {@code vocabulary} as the catalog spells it (one batch; blocking). */
  static BrandNames learn(Catalog catalog, CatalogVocabulary vocabulary, Embedder embedder) {
    List<Term> brands = vocabulary.terms().stream().filter(t -> t.kind() == TermKind.BRAND).toList();
    float[][] vectors = brands.isEmpty() ? new float[0][] : embedder.embed(brands.stream().map(Term::value).toList());
    return new BrandNames(brands, vectors, catalog);
  }

  int size() {
    return brands.size();
  }


  /** The brand {@code key} (a folded word, {@code v} its vector) names, or none (see the class comment). */
  Mapping map(String key, float[] v, Thresholds thresholds) {
    if (brands.isEmpty()) return new Mapping(key, List.of(), 0, 0);
    int first = -1;
    int second = -1;
    double[] score = new double[brands.size()];
    for (int b = 0; b < score.length; b++) {
      double d = 0;
      for (int i = 0; i < v.length; i++) d += v[i] * vectors[b][i];
      score[b] = d;
      if (first < 0 || d > score[first]) {
        second = first;
        first = b;
      } else if (second < 0 || d > score[second]) {
        second = b;
      }
    }
    double best = score[first];
    double gap = second < 0 ? 1 : best - score[second];
    Term brand = brands.get(first);
    Map<String, Integer> mentions = mentions(key);
    boolean accepted;
    if (total(mentions) == 0) {
      accepted = best >= thresholds.brandCosine() && gap >= thresholds.brandGap();
    } else {
      accepted = namesOnly(mentions, brand.value()) && gap >= thresholds.brandGap();
    }
    if (!accepted) { // beside the Latin name in a product's own text: "Qorvane（寇尔梵）"
      Term beside = besideBrandName(key);
      if (beside != null) return new Mapping(key, List.of(beside), best, gap);
    }
    return new Mapping(key, accepted ? List.of(brand) : List.of(), best, gap);
  }

  /**
   * The brand whose products (and no other brand's, beyond {@link CatalogMeanings#MAX_OTHER_MENTIONS})
   * write {@code key} in brackets right after or before the brand's Latin name ("Qorvane（寇尔梵）",
   * "寇尔梵 (Qorvane)"), as Chinese text gives a second name. Mere adjacency is no evidence: titles
   * put the brand before the product noun ("Annibale Colombo 沙发"; {@code bench meanings} mapped
   * 沙发 to that brand when adjacency counted).
   */
  private Term besideBrandName(String key) {
    Map<String, Integer> mentions = mentions(key);
    if (total(mentions) == 0) return null;
    for (Term b : brands) {
      if (!namesOnly(mentions, b.value())) continue;
      java.util.regex.Pattern beside = besidePattern(b.value(), key);
      for (Product p : catalog.products()) {
        if (p.brand().trim().equalsIgnoreCase(b.value()) && (beside.matcher(p.title()).find() || beside.matcher(p.description()).find())) {
          return b;
        }
      }
    }
    return null;
  }

  private static java.util.regex.Pattern besidePattern(String brand, String key) {
    String b = java.util.regex.Pattern.quote(brand);
    String k = java.util.regex.Pattern.quote(key);
    String open = "\\s*[（(【\\[]\\s*";
    String close = "\\s*[）)】\\]]";
    return java.util.regex.Pattern.compile(b + open + k + close + "|" + k + open + b + close, java.util.regex.Pattern.CASE_INSENSITIVE);
  }

  /** The {@code k} brands nearest {@code v}, with their cosines, best first (diagnostics). */
  Map<String, Double> scores(float[] v, int k) {
    double[] score = new double[brands.size()];
    Integer[] order = new Integer[score.length];
    for (int b = 0; b < score.length; b++) {
      order[b] = b;
      for (int i = 0; i < v.length; i++) score[b] += v[i] * vectors[b][i];
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(score[y], score[x]));
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < Math.min(k, order.length); i++) out.put(brands.get(order[i]).value(), Math.round(score[order[i]] * 1000) / 1000.0);
    return out;
  }

  /** How many products of each brand (lower case; "" for none) hold {@code key} in their own text. */
  private Map<String, Integer> mentions(String key) {
    return mentions(catalog, List.of(key)).get(0);
  }

  /**
   * For each of {@code keys}, how many products of each brand (lower case; "" for none) hold it in
   * their own text (title, description, tags): one pass over the catalog.
   */
  static List<Map<String, Integer>> mentions(Catalog catalog, List<String> keys) {
    List<Map<String, Integer>> out = new java.util.ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) out.add(new HashMap<>());
    if (keys.isEmpty()) return out;
    for (Product p : catalog.products()) {
      String brand = null;
      for (int i = 0; i < keys.size(); i++) {
        if (!mentions(p, keys.get(i))) continue;
        if (brand == null) brand = p.brand().trim().toLowerCase(Locale.ROOT);
        out.get(i).merge(brand, 1, Integer::sum);
      }
    }
    return out;
  }

  static int total(Map<String, Integer> mentions) {
    return mentions.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * Whether the products that mention a word ({@link #mentions}) are (almost) all {@code brand}'s:
   * some are, and those of other brands or of none are at most {@link CatalogMeanings#MAX_OTHER_MENTIONS}
   * of them. A word that other products write too names a kind of product, not that brand.
   */
  static boolean namesOnly(Map<String, Integer> mentions, String brand) {
    int total = total(mentions);
    int own = mentions.getOrDefault(brand.trim().toLowerCase(Locale.ROOT), 0);
    return own > 0 && total - own <= CatalogMeanings.MAX_OTHER_MENTIONS * total;
  }

  private static boolean mentions(Product p, String key) {
    if (p.title().contains(key) || p.description().contains(key)) return true;
    for (String tag : p.tags()) if (tag.contains(key)) return true;
    return false;
  }
}
