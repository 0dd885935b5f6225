package dev.glasscart.cli;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shopper messages of {@code bench load}, built from a catalog's own words: its categories,
 * brands, attribute values and price levels. A conversation is a search ("red running shoes",
 * "Nike laptops", "tents under $200", or a constraint-only "something under $40"), one or two
 * refinements ("only blue", "not Nike", "under $90", "best rated", "cheaper") and a follow-up
 * ("why the second one?", "compare the top two", "show more"). Only the connecting words are
 * fixed, and they are plain English about shopping, not about any catalog.
 *
 * <p>Immutable after construction; {@link #conversation} is deterministic for a given {@link Random}.
 */
final class LoadMessages {
  /** Attributes with more distinct values than this (sizes, model numbers) make poor refinements. */
  private static final int MAX_ATTRIBUTE_VALUES = 16;
  private static final List<String> FOLLOW_UPS = List.of(
      "why the second one?", "compare the top two", "show more", "why the first one?", "which is better, 1 or 3?");
  private static final List<String> SORTS = List.of("best rated", "cheaper", "most reviewed", "cheapest first");

  /** What one category offers to talk about. */
  private record Category(String name, List<String> brands, List<String> values, double[] prices) {}

  private final List<Category> categories;
  private final String currency;
  private final double[] allPrices;

  private LoadMessages(List<Category> categories, String currency, double[] allPrices) {
    this.categories = categories;
    this.currency = currency;
    this.allPrices = allPrices;
  }

  /** The vocabulary of {@code catalog}; fails when it has no categorised product to talk about. */
  static LoadMessages of(Catalog catalog) {
    Map<String, List<Product>> byCategory = new TreeMap<>();
    for (Product p : catalog.products()) {
      if (!p.category().isBlank()) byCategory.computeIfAbsent(p.category(), k -> new ArrayList<>()).add(p);
    }
    if (byCategory.isEmpty()) throw new IllegalArgumentException("the catalog has no product with a category to search for");
    List<Category> out = new ArrayList<>();
    for (Map.Entry<String, List<Product>> e : byCategory.entrySet()) {
      Set<String> brands = new LinkedHashSet<>();
      Map<String, Set<String>> values = new LinkedHashMap<>();
      for (Product p : e.getValue()) {
        if (!p.brand().isBlank()) brands.add(p.brand());
        p.attributes().forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
      }
      List<String> words = new ArrayList<>();
      values.forEach((key, vs) -> {
        if (vs.size() < 2 || vs.size() > MAX_ATTRIBUTE_VALUES) return;
        for (String v : vs) {
          // a word shoppers type as a refinement: not a yes/no flag, not a bare number or list
          if (v.isBlank() || v.equals("yes") || v.equals("no") || v.chars().anyMatch(Character::isDigit) || v.contains(",")) continue;
          words.add(v.toLowerCase(Locale.ROOT));
        }
      });
      out.add(new Category(e.getKey(), List.copyOf(brands), List.copyOf(new LinkedHashSet<>(words)), sortedPrices(e.getValue())));
    }
    return new LoadMessages(List.copyOf(out), Money.dominantCurrency(catalog), sortedPrices(catalog.products()));
  }

  /** A conversation of two to four messages: a search, one or two refinements, usually a follow-up. */
  List<String> conversation(Random random) {
    Category c = categories.get(random.nextInt(categories.size()));
    List<String> turns = new ArrayList<>();
    String noun = c.name().toLowerCase(Locale.ROOT);
    switch (random.nextInt(5)) {
      case 0 -> turns.add(pick(c.values(), random, "") + " " + noun);
      case 1 -> turns.add(c.brands().isEmpty() ? noun : pick(c.brands(), random, "") + " " + noun);
      case 2 -> turns.add(noun + " under " + price(c.prices(), 0.75));
      case 3 -> turns.add("something under " + price(allPrices, 0.1)); // constraint only: no query words
      default -> turns.add(noun);
    }
    int refinements = 1 + random.nextInt(2);
    for (int i = 0; i < refinements; i++) {
      switch (random.nextInt(4)) {
        case 0 -> turns.add(c.values().isEmpty() ? "best rated" : "only " + pick(c.values(), random, ""));
        case 1 -> turns.add(c.brands().size() < 2 ? "cheaper" : "not " + pick(c.brands(), random, ""));
        case 2 -> turns.add("under " + price(c.prices(), 0.25 + 0.5 * random.nextDouble()));
        default -> turns.add(pick(SORTS, random, ""));
      }
    }
    if (random.nextInt(4) != 0) turns.add(pick(FOLLOW_UPS, random, ""));
    return turns.stream().map(String::strip).toList();
  }

  /** A search for the HTTP API: the first message of a conversation without a constraint-only one. */
  String search(Random random) {
    Category c = categories.get(random.nextInt(categories.size()));
    String noun = c.name().toLowerCase(Locale.ROOT);
    return switch (random.nextInt(3)) {
      case 0 -> (pick(c.values(), random, "") + " " + noun).strip();
      case 1 -> (pick(c.brands(), random, "") + " " + noun).strip();
      default -> noun;
    };
  }

  int categoryCount() {
    return categories.size();
  }

  /** The price at quantile {@code q}, rounded to a whole amount as people type it. */
  private String price(double[] sorted, double q) {
    double p = sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    double step = p >= 1000 ? 100 : p >= 100 ? 10 : 5;
    return Money.format(Math.max(step, Math.ceil(p / step) * step), currency);
  }

  private static String pick(List<String> from, Random random, String none) {
    return from.isEmpty() ? none : from.get(random.nextInt(from.size()));
  }

  private static double[] sortedPrices(List<Product> products) {
    double[] prices = products.stream().mapToDouble(Product::price).toArray();
    Arrays.sort(prices);
    return prices.length == 0 ? new double[] {1} : prices;
  }
}
