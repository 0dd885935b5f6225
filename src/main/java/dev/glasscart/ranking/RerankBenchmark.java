package dev.glasscart.ranking;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.retrieval.Candidate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Benchmark (not a test): median and p90 time of {@link AdditiveRanker#rank} for 100 candidates
 * with every signal set, three constraints and labels built. Usage:
 * {@code java ... dev.glasscart.ranking.RerankBenchmark [models/ranker.json] [runs]}.
 */
public final class RerankBenchmark {
  private RerankBenchmark() {}

  public static void main(String[] args) {
    AdditiveRanker.Loaded loaded = AdditiveRanker.load(Path.of(args.length > 0 ? args[0] : "models/ranker.json"));
    loaded.warning().ifPresent(w -> System.err.println("warning: " + w));
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    AdditiveRanker ranker = loaded.ranker();
    Random random = new Random(1);
    List<Product> products = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String id = "p" + i;
      products.add(new Product(id, "red leather dress " + i, "desc", i % 2 == 0 ? "Nike" : "Adidas", "dresses",
          20 + random.nextDouble() * 200, "USD", random.nextDouble() * 5, random.nextInt(500), List.of("leather"),
          Map.of("colour", "red"), random.nextInt(3), List.of(), null));
      candidates.add(new Candidate(id, random.nextDouble(), Map.of("bm25_title", random.nextDouble() * 8,
          "bm25_brand", random.nextDouble(), "bm25_category", random.nextDouble() * 2, "bm25_attributes",
          random.nextDouble(), "bm25_description", random.nextDouble() * 4, "dense", random.nextDouble(), "dense_title", random.nextDouble(),
          "lexical_part", random.nextDouble() / 2, "semantic_part", random.nextDouble() / 2),
          Map.of("title", Set.of("red", "dress"), "description", Set.of("leather"))));
    }
    Catalog catalog = new Catalog(products);
    List<Constraint> constraints = List.of(Constraint.of(Kind.PRICE_MAX, "120", 1), Constraint.of(Kind.BRAND, "Nike", 1),
        new Constraint(Kind.ATTRIBUTE, "colour", "red", 2));
    long sink = 0;
    for (int i = 0; i < runs; i++) sink += ranker.rank("red leather dress", constraints, candidates, catalog).size();
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      sink += ranker.rank("red leather dress", constraints, candidates, catalog).size();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(java.util.Locale.ROOT, "rerank 100 candidates: median %.3f ms, p90 %.3f ms, p99 %.3f ms over %d runs (%d)%n",
        nanos[runs / 2] / 1e6, nanos[runs * 9 / 10] / 1e6, nanos[runs * 99 / 100] / 1e6, runs, sink % 7);
  }
}
