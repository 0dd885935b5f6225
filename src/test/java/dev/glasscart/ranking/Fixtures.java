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

  static Candidate candidate(String id, double titleBm25, Set<String> titleTerms, double dense) {
    return new Candidate(id, titleBm25 + dense, Map.of("bm25_title", titleBm25, "dense", dense),
        titleTerms.isEmpty() ? Map.of() : Map.of("title", titleTerms));
  }
}
