package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.CatalogImporter;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.conversation.CatalogVocabulary.Term;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calibration behind {@link CatalogMeanings#MIN_COSINE} and {@link CatalogMeanings#MIN_GAP}
 * ({@code ./glasscart bench meanings [dummyjson products.json]}): over the demo catalog and, when
 * given, dummyjson, it learns the meanings as the server does (names, then tags, then title
 * centroids), times each step, and scores judged words: words that should reach a category (any of
 * the listed ones is right) and words that must not reach any. It prints every word's best
 * categories and cosines, then for a grid of thresholds the right, wrong and missed mappings.
 *
 * <p>The judged words are evaluation data about these two catalogs, never read by the product.
 * Blocking, CPU encoder; prints medians of nothing: each figure is one run (import times move with
 * the machine's load).
 */
public final class MeaningCalibration {
  /** Word -> categories it should reach (any one is right); an empty set: must reach none. */
  private static final Map<String, Set<String>> DEMO = judged(
      "trainers", "running shoes", "earbuds", "headphones", "earphones", "headphones", "cellphone", "smartphones",
      "rucksack", "backpacks", "parka", "jackets", "gown", "dresses", "espresso machine", "coffee makers",
      "flask", "water bottles", "wristwatch", "smartwatches", "trekking shoes", "hiking boots", "hoover", "vacuum cleaners",
      "computer", "laptops", "pants", "jeans", "tee", "t-shirts",
      "gift", "", "mom", "", "today", "", "weather", "", "who", "", "loves", "", "something", "", "birthday", "",
      "wife", "", "husband", "", "week", "", "quality", "", "nice", "", "present", "", "please", "");
  private static final Map<String, Set<String>> DUMMYJSON = judged(
      "sneakers", "mens-shoes|womens-shoes", "trainers", "mens-shoes|womens-shoes", "earbuds", "mobile-accessories",
      "notebook", "laptops", "mobile", "smartphones", "cologne", "fragrances", "shades", "sunglasses",
      "motorbike", "motorcycle", "suv", "vehicle", "shoes", "mens-shoes|womens-shoes", "sofa", "furniture",
      "necklace", "womens-jewellery", "handbag", "womens-bags", "moisturizer", "skin-care", "car", "vehicle",
      "headphones", "mobile-accessories", "lamp", "home-decoration", "bike", "motorcycle", "cellphone", "smartphones",
      "gift", "", "mom", "", "today", "", "weather", "", "who", "", "loves", "", "something", "", "birthday", "",
      "wife", "", "husband", "", "week", "", "quality", "", "nice", "", "present", "", "please", "", "kurta", "",
      "toy", "");

  private MeaningCalibration() {}

  public static void main(String[] args) throws Exception {
    try (OnnxEmbedder embedder = OnnxEmbedder.createDefault(ExecutionDevice.CPU, Path.of("target", "ort-native").toAbsolutePath())) {
      List<Outcome> all = new ArrayList<>();
      all.addAll(run("demo", new Catalog(DemoCatalog.generate()), DEMO, embedder));
      if (args.length > 0 && Files.isRegularFile(Path.of(args[0]))) {
        all.addAll(run("dummyjson", new Catalog(CatalogImporter.read(Path.of(args[0])).products()), DUMMYJSON, embedder));
      }
      System.out.println("\nthreshold grid (right / wrong / missed of " + all.stream().filter(o -> !o.expected.isEmpty()).count()
          + " words to map; wrong counts words that must not map too, of "
          + all.stream().filter(o -> o.expected.isEmpty()).count() + "):");
      for (double t = 0.45; t <= 0.651; t += 0.05) {
        StringBuilder line = new StringBuilder(String.format("  cos >= %.2f:", t));
        for (double g = 0.0; g <= 0.121; g += 0.04) {
          int right = 0, wrong = 0, missed = 0;
          for (Outcome o : all) {
            List<String> got = o.accepted(t, g);
            if (got.isEmpty()) {
              if (!o.expected.isEmpty()) missed++;
            } else if (!o.expected.isEmpty() && o.expected.containsAll(got)) {
              right++;
            } else {
              wrong++;
            }
          }
          line.append(String.format("  gap %.2f: %2d/%2d/%2d", g, right, wrong, missed));
        }
        System.out.println(line);
      }
    }
  }

  /** One judged word: its sorted category scores and what it should reach. */
  private record Outcome(String word, Set<String> expected, List<Map.Entry<String, Double>> scores) {
    /** The group {@link CatalogMeanings} would accept with these constants. */
    List<String> accepted(double minCosine, double minGap) {
      int group = 1;
      while (group < scores.size() && scores.get(group - 1).getValue() - scores.get(group).getValue() < minGap) group++;
      if (scores.get(0).getValue() < minCosine || group > CatalogMeanings.MAX_GROUP) return List.of();
      return scores.subList(0, group).stream().map(Map.Entry::getKey).toList();
    }
  }

  private static List<Outcome> run(String name, Catalog catalog, Map<String, Set<String>> judged, OnnxEmbedder embedder) {
    CatalogVocabulary vocabulary = CatalogVocabulary.from(catalog);
    CatalogMeanings meanings = learn(name, catalog, vocabulary, embedder);
    Set<String> known = new java.util.HashSet<>();
    for (Term c : meanings.categories()) known.add(c.value());
    List<Outcome> out = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : judged.entrySet()) {
      for (String c : e.getValue()) if (!known.contains(c)) throw new IllegalStateException(name + " has no category " + c);
      List<Map.Entry<String, Double>> scores = new ArrayList<>(meanings.scores(e.getKey(), meanings.categories().size()).entrySet());
      Outcome o = new Outcome(e.getKey(), e.getValue(), scores);
      out.add(o);
      List<String> got = o.accepted(CatalogMeanings.MIN_COSINE, CatalogMeanings.MIN_GAP);
      String verdict = got.isEmpty() ? (e.getValue().isEmpty() ? "ok (none)" : "MISSED")
          : e.getValue().containsAll(got) ? "ok" : "WRONG";
      System.out.printf("  %-18s %-9s -> %-40s %s%n", e.getKey(), verdict, got, top(scores, 3));
    }
    return out;
  }

  /**
   * The meanings of {@code catalog} learned as the server learns them (names, tags, then title
   * centroids), printing how long each step took; each distinct title is embedded once beforehand
   * (dense retrieval's cost, not the mapping's).
   */
  static CatalogMeanings learn(String name, Catalog catalog, CatalogVocabulary vocabulary, OnnxEmbedder embedder) {
    long t = System.nanoTime();
    CatalogMeanings meanings = CatalogMeanings.of(vocabulary, embedder);
    double namesMs = (System.nanoTime() - t) / 1e6;
    t = System.nanoTime();
    meanings.learnTags();
    double tagsMs = (System.nanoTime() - t) / 1e6;
    long tags = vocabulary.terms().stream().filter(x -> x.kind() == CatalogVocabulary.TermKind.TAG).count();
    List<String> distinct = catalog.products().stream().map(Product::title).distinct().toList();
    float[][] vectors = embedder.embed(distinct);
    Map<String, float[]> byTitle = new HashMap<>();
    for (int i = 0; i < distinct.size(); i++) byTitle.put(distinct.get(i), vectors[i]);
    Map<String, float[]> byId = new HashMap<>();
    for (Product p : catalog.products()) byId.put(p.id(), byTitle.get(p.title()));
    t = System.nanoTime();
    meanings.learnTitles(catalog, byId::get);
    double titlesMs = (System.nanoTime() - t) / 1e6;
    System.out.printf("%s meanings at import: %d products, %d category names %.0f ms, %d tags %.0f ms (background), "
        + "title centroids %.1f ms%n", name, catalog.size(), meanings.categories().size(), namesMs, tags, tagsMs, titlesMs);
    return meanings;
  }

  private static String top(List<Map.Entry<String, Double>> scores, int k) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(k, scores.size()); i++) {
      b.append(String.format("%s %.3f  ", scores.get(i).getKey(), scores.get(i).getValue()));
    }
    return b.toString().trim();
  }

  private static Map<String, Set<String>> judged(String... pairs) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1].isEmpty() ? Set.of() : Set.of(pairs[i + 1].split("\\|")));
    }
    return out;
  }
}
