package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Understanding;
import dev.glasscart.retrieval.dense.ExecutionDevice;
import dev.glasscart.retrieval.dense.OnnxEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures vocabulary build, the meaning mapping's import cost, per-message understanding (with
 * words mapped by meaning) and whole-catalog filtering over a catalog of {@value #PRODUCTS}
 * products: the demo catalog's products repeated under new ids, prices moved by up to ±10%.
 * Run: {@code ./glasscart bench understanding}.
 *
 * <p>Method: single-threaded; 5 rounds of 200 conversations of the {@link #MESSAGES} script, each
 * message timed alone; a round prints the median (p50), p99 and mean per message, the last round is
 * the figure (the first rounds are JIT warm-up; words mapped by meaning are memoized from the first
 * round on, as in a server). The cost of a word seen for the first time (one encoder call plus the
 * scoring against every category) is measured apart, over {@link #FRESH_WORDS}, median of those.
 * Import: {@code CatalogMeanings.of} (category names), {@code learnTags} and {@code learnTitles},
 * timed by {@link MeaningCalibration#learn}.
 */
public final class UnderstandingBenchmark {
  static final int PRODUCTS = 10_000;
  private static final List<String> MESSAGES = List.of(
      "running shoes for women under $120", "only Nike", "a cheaper one", "not black", "compare the top two",
      "waterproof hiking boots for men, no leather", "headphones between $100 and $300, not Sony", "show more",
      "bluetooth earbuds under 150 dollars", "a cellphone with 256gb instead", "a gift for my mom who loves coffee");
  private static final List<String> FRESH_WORDS = List.of(
      "rucksack", "parka", "gown", "wristwatch", "flask", "hoover", "trekking", "telly", "cardigan", "sandals",
      "notebook computer", "sofa", "kettle", "umbrella", "scarf", "puzzle", "drone", "camera", "printer", "lamp", "grill");

  private UnderstandingBenchmark() {}

  public static void main(String[] args) {
    Catalog catalog = scaled(DemoCatalog.generate(), PRODUCTS);
    CatalogVocabulary vocabulary = null;
    for (int round = 0; round < 5; round++) {
      long t = System.nanoTime();
      vocabulary = CatalogVocabulary.from(catalog);
      System.out.printf("vocabulary build: %.1f ms (%d products, %d terms)%n", (System.nanoTime() - t) / 1e6, catalog.size(),
          vocabulary.terms().size());
    }
    try (OnnxEmbedder embedder = OnnxEmbedder.createDefault(ExecutionDevice.CPU, Path.of("target", "ort-native").toAbsolutePath())) {
      embedder.embed(List.of("warm up the encoder"));
      CatalogMeanings meanings = MeaningCalibration.learn("scaled demo", catalog, vocabulary, embedder);
      double[] fresh = new double[FRESH_WORDS.size()];
      for (int i = 0; i < fresh.length; i++) {
        long s = System.nanoTime();
        meanings.categoriesOf(FRESH_WORDS.get(i));
        fresh[i] = (System.nanoTime() - s) / 1e6;
      }
      Arrays.sort(fresh);
      System.out.printf("first-seen word: median %.2f ms, max %.2f ms (%d words, encoder on CPU)%n",
          fresh[fresh.length / 2], fresh[fresh.length - 1], fresh.length);
      System.out.println("rules alone (no meaning mapping):");
      understand(catalog, new Understander(vocabulary, catalog));
      System.out.println("with the meaning mapping (memoized words):");
      understand(catalog, new Understander(vocabulary, catalog, meanings));
    }
  }

  private static void understand(Catalog catalog, Understander understander) {
    ConstraintFilter filter = new ConstraintFilter(catalog);
    int perRound = 200 * MESSAGES.size();
    for (int round = 0; round < 5; round++) {
      long[] understandNs = new long[perRound];
      long filterNs = 0;
      int n = 0;
      for (int conv = 0; conv < 200; conv++) {
        DialogueState state = new DialogueState();
        int turn = 1;
        for (String m : MESSAGES) {
          long t = System.nanoTime();
          Understanding u = understander.understand(state, m, turn++);
          long t2 = System.nanoTime();
          ConstraintFilter.Result r = filter.apply(catalog.products(), u.constraints());
          filterNs += System.nanoTime() - t2;
          understandNs[n++] = t2 - t;
          state.shown(r.products().stream().limit(10).toList());
        }
      }
      long total = Arrays.stream(understandNs).sum();
      Arrays.sort(understandNs);
      System.out.printf("understand: p50 %.0f us, p99 %.0f us, mean %.0f us/message; filter whole catalog: %.0f us/turn (%d turns)%n",
          understandNs[n / 2] / 1e3, understandNs[(int) (n * 0.99)] / 1e3, total / 1e3 / n, filterNs / 1e3 / n, n);
    }
  }

  /** {@code base}'s products repeated under new ids until there are {@code size}, prices moved by up to ±10%. */
  static Catalog scaled(List<Product> base, int size) {
    java.util.Random random = new java.util.Random(42);
    List<Product> out = new ArrayList<>(size);
    for (int i = 0; out.size() < size; i++) {
      Product p = base.get(i % base.size());
      int copy = i / base.size();
      double price = copy == 0 ? p.price() : Math.round(p.price() * (0.9 + 0.2 * random.nextDouble()) * 100) / 100.0;
      out.add(new Product(copy == 0 ? p.id() : p.id() + "-" + copy, p.title(), p.description(), p.brand(), p.category(), price,
          p.currency(), p.rating(), p.reviewCount(), p.tags(), p.attributes(), p.stock(), p.reviews(), p.imageUrl()));
    }
    return new Catalog(out);
  }
}
