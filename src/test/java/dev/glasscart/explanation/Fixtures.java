package dev.glasscart.explanation;

import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Intent;
import dev.glasscart.query.Understanding;
import dev.glasscart.ranking.Contribution;
import dev.glasscart.ranking.RankedProduct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Evidence for a "brown leather boots under $100" turn and a recording sink. */
final class Fixtures {
  private Fixtures() {}

  static final Constraint UNDER_100 = Constraint.of(Constraint.Kind.PRICE_MAX, "100", 1);
  static final Constraint BROWN = new Constraint(Constraint.Kind.ATTRIBUTE, "colour", "brown", 1);

  static Product product(String id, String title, String brand, double price, double rating, int reviews, int stock,
      Map<String, String> attributes, String description) {
    return new Product(id, title, description, brand, "boots", price, "USD", rating, reviews, List.of("leather"),
        attributes, stock, List.of(), null);
  }

  static final Product TRAIL = product("p1", "Trail Boot", "Timberland", 89.99, 4.6, 212, 5,
      Map.of("colour", "brown", "material", "leather"), "Waterproof leather boot with a two-year warranty.");
  static final Product CITY = product("p2", "City Chelsea Boot", "Clarks", 74.5, 4.1, 58, 0,
      Map.of("colour", "brown", "material", "suede"), "Suede chelsea boot.");
  static final Product PEAK = product("p3", "Peak Hiker", "Salomon", 99, 4.8, 1031, 12,
      Map.of("colour", "brown", "material", "leather"), "Light hiking boot.");
  static final Product LUXE = product("p4", "Luxe Brogue Boot", "Loake", 139, 4.9, 77, 3,
      Map.of("colour", "brown", "material", "leather"), "Goodyear-welted brogue boot.");

  static RankedProduct ranked(int rank, Product p, double... values) {
    String[] features = {"title_match", "description_match", "rating", "price_fit"};
    String[] labels = {"title matches 'leather', 'boots'", "description mentions 'brown'", "well rated",
        "price fits your budget"};
    List<Contribution> cs = new ArrayList<>();
    double score = 0;
    for (int i = 0; i < values.length; i++) {
      cs.add(new Contribution(features[i], labels[i], values[i], values[i] * 2));
      score += values[i];
    }
    cs.sort((a, b) -> Double.compare(Math.abs(b.value()), Math.abs(a.value())));
    return new RankedProduct(rank, p, score, cs, Map.of("title", Set.of("leather", "boots")));
  }

  static List<RankedProduct> shown() {
    return List.of(ranked(1, TRAIL, 1.2, 0.5, 0.3, 0.2), ranked(2, PEAK, 1.0, 0.4, 0.35, 0.1),
        ranked(3, CITY, 0.9, 0.45, 0.1, 0.2));
  }

  static Evidence search() {
    return new Evidence("brown leather boots under $100",
        Understanding.search("leather boots", List.of(UNDER_100, BROWN)), shown(), List.of());
  }

  static Evidence intent(Intent intent, List<RankedProduct> shown, String... ids) {
    return new Evidence("why?", new Understanding("leather boots", List.of(UNDER_100, BROWN), intent, List.of(ids), 0),
        shown, List.of());
  }

  /** Records tokens and the end of a generation. */
  static class RecordingSink implements TokenSink {
    final List<String> tokens = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final CompletableFuture<Outcome> done = new CompletableFuture<>();
    volatile long firstTokenNanos;

    @Override
    public void token(String text) {
      if (tokens.isEmpty()) firstTokenNanos = System.nanoTime();
      tokens.add(text);
      threads.add(Thread.currentThread().getName() + (Thread.currentThread().isVirtual() ? "[virtual]" : ""));
    }

    @Override
    public void complete() {
      done.complete(null);
    }

    @Override
    public void complete(Outcome outcome) {
      done.complete(outcome);
    }

    @Override
    public void error(Throwable failure) {
      done.completeExceptionally(failure);
    }

    String text() {
      return String.join("", tokens);
    }
  }
}
