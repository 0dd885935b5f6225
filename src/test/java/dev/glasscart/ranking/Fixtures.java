package dev.glasscart.ranking;

import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Candidate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test products and candidates. */
final class Fixtures {
  private Fixtures() {}

  static Product product(String id, String title, String brand, String category, double price, double rating,
      int reviews, int stock) {
    return new Product(id, title, "", brand, category, price, "USD", rating, reviews, List.of(),
        Map.of("colour", "red"), stock, List.of(), null);
  }

  /** A ranker with random weights (Gaussian) and scales (0.1 to 3.1) and a random bias. */
  static AdditiveRanker randomRanker(java.util.Random random) {
    double[] w = new double[Feature.ALL.size()];
    double[] s = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextGaussian();
      s[i] = 0.1 + random.nextDouble() * 3;
    }
    return new AdditiveRanker(RankerModel.of(w, s, random.nextGaussian(), TrainingNote.untrained()), QueryTerms.english());
  }

  static Candidate candidate(String id, double titleBm25, Set<String> titleTerms, double dense) {
    return new Candidate(id, titleBm25 + dense, Map.of("bm25_title", titleBm25, "dense", dense),
        titleTerms.isEmpty() ? Map.of() : Map.of("title", titleTerms));
  }
}
