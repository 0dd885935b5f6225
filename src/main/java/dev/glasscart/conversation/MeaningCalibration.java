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
      printGrid(all, CatalogMeanings.MIN_COSINE, CatalogMeanings.MIN_GAP, 0.45);
    }
    if (args.length > 1 && Files.isRegularFile(Path.of(args[1]))) chinese(Path.of(args[1]));
  }

  /** Chinese words (bge-small-zh-v1.5) over a Chinese catalog with Latin brands: categories, then brands. */
  private static final Map<String, Set<String>> ZH_CATEGORIES = judged(
      "眼镜", "太阳镜", "墨镜", "太阳镜", "球鞋", "男鞋|女鞋", "腕表", "男士手表|女士手表", "裙子", "女士连衣裙",
      "项链", "女士首饰", "口红", "美妆", "面霜", "护肤", "轿车", "汽车", "机车", "摩托车|汽车", "沙发", "家具",
      "包包", "女包", "零食", "食品杂货", "香氛", "香水", "手机壳", "手机配件",
      "礼物", "", "妈妈", "", "天气", "", "今天", "", "便宜", "", "质量", "", "喜欢", "", "东西", "", "老婆", "",
      "推荐", "", "好看", "", "新款", "", "生日", "", "朋友", "");
  /** Chinese names of brands (translated or transliterated), and words that must name no brand. */
  private static final Map<String, Set<String>> ZH_BRANDS = judged(
      "三星", "Samsung", "耐克", "Nike", "联想", "Lenovo", "戴尔", "Dell", "华为", "Huawei", "华硕", "Asus", "香奈儿", "Chanel",
      "亚马逊", "Amazon", "彪马", "Puma", "古驰", "Gucci", "迪奥", "Dior", "普拉达", "Prada", "劳力士", "Rolex", "浪琴", "Longines",
      "川崎", "Kawasaki", "凡士林", "Vaseline", "玉兰油", "Olay",
      "天气", "", "礼物", "", "妈妈", "", "墨镜", "", "沙发", "", "手机", "", "耳机", "", "笔记本", "", "黑色", "", "便宜", "",
      "好看", "", "新款", "");

  private static void chinese(Path catalogFile) {
    try (OnnxEmbedder zh = OnnxEmbedder.createChinese(ExecutionDevice.CPU, Path.of("target", "ort-native").toAbsolutePath())) {
      Catalog catalog = new Catalog(CatalogImporter.read(catalogFile).products());
      CatalogMeanings.Thresholds t = CatalogMeanings.Thresholds.forEncoder(zh.name());
      List<Outcome> cats = run("dummyjson-zh (bge-small-zh)", catalog, ZH_CATEGORIES, zh, t.minCosine(), t.minGap());
      printGrid(cats, t.minCosine(), t.minGap(), 0.50);
      CatalogMeanings meanings = CatalogMeanings.of(CatalogVocabulary.from(catalog), zh);
      meanings.learnBrands(catalog);
      System.out.printf("%nbrands (cosine >= %.2f and a lead of %.2f over the runner-up, unless other brands' products mention the word):%n",
          t.brandCosine(), t.brandGap());
      int right = 0, wrong = 0, missed = 0;
      for (Map.Entry<String, Set<String>> e : ZH_BRANDS.entrySet()) {
        CatalogMeanings.Mapping m = meanings.brandOf(e.getKey());
        String got = m.mapped() ? m.categories().get(0).value() : "";
        String verdict = got.isEmpty() ? (e.getValue().isEmpty() ? "ok (none)" : "MISSED") : e.getValue().contains(got) ? "ok" : "WRONG";
        if (verdict.equals("ok")) right++;
        else if (verdict.equals("MISSED")) missed++;
        else if (verdict.equals("WRONG")) wrong++;
        System.out.printf("  %-6s %-9s -> %-10s best %.3f lead %.3f  %s%n", e.getKey(), verdict, got, m.best(), m.gap(), meanings.brandScores(e.getKey(), 3));
      }
      System.out.printf("  brands: %d right, %d wrong, %d missed%n", right, wrong, missed);
    }
  }

  private static void printGrid(List<Outcome> all, double minCosine, double minGap, double from) {
    {
      System.out.println("\nthreshold grid (right / wrong / missed of " + all.stream().filter(o -> !o.expected.isEmpty()).count()
          + " words to map; wrong counts words that must not map too, of "
          + all.stream().filter(o -> o.expected.isEmpty()).count() + "):");
      for (double t = from; t <= from + 0.201; t += 0.05) {
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
    return run(name, catalog, judged, embedder, CatalogMeanings.MIN_COSINE, CatalogMeanings.MIN_GAP);
  }

  private static List<Outcome> run(String name, Catalog catalog, Map<String, Set<String>> judged, OnnxEmbedder embedder,
      double minCosine, double minGap) {
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
      List<String> got = o.accepted(minCosine, minGap);
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
