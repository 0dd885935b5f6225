package dev.glasscart.replay;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code allResults}: every item of the turn's {@code results} satisfies each given condition.
 * Prices are inclusive bounds; brand and category compare case-insensitively and exactly (not as
 * substrings); title phrases are case-insensitive substrings. Null conditions are not checked; a turn with no results satisfies it vacuously
 * (pair it with {@code minResults}).
 *
 * @param maxPrice highest allowed price, or null
 * @param minPrice lowest allowed price, or null
 * @param brands allowed brands (any of), empty for no condition
 * @param brandsNot forbidden brands, empty for no condition
 * @param categories allowed categories (any of), empty for no condition
 * @param titleIncludes phrases every title contains (case-insensitive), empty for no condition
 * @param titleExcludes phrases no title contains (case-insensitive), empty for no condition
 * @param inStock whether every item must have {@code inStock: true} (false for no condition)
 */
public record AllResults(Double maxPrice, Double minPrice, List<String> brands, List<String> brandsNot,
    List<String> categories, List<String> titleIncludes, List<String> titleExcludes, boolean inStock) implements Expectation {
  /** Without a stock condition. */
  public AllResults(Double maxPrice, Double minPrice, List<String> brands, List<String> brandsNot,
      List<String> categories, List<String> titleIncludes, List<String> titleExcludes) {
    this(maxPrice, minPrice, brands, brandsNot, categories, titleIncludes, titleExcludes, false);
  }

  public AllResults {
    titleIncludes = List.copyOf(titleIncludes);
    titleExcludes = List.copyOf(titleExcludes);
    brands = List.copyOf(brands);
    brandsNot = List.copyOf(brandsNot);
    categories = List.copyOf(categories);
    if (maxPrice != null && minPrice != null && minPrice > maxPrice) {
      throw new IllegalArgumentException("illegal allResults price range: minPrice " + minPrice
          + " is above maxPrice " + maxPrice);
    }
    if (maxPrice == null && minPrice == null && brands.isEmpty() && brandsNot.isEmpty() && categories.isEmpty()
        && titleIncludes.isEmpty() && titleExcludes.isEmpty() && !inStock) {
      throw new IllegalArgumentException("illegal allResults: no condition, must give at least one of maxPrice, minPrice, brand, "
          + "brandNot, category, categoryAny, titleIncludes, titleExcludes, inStock: true");
    }
  }

  @Override
  public String key() {
    return "allResults";
  }

  @Override
  public List<String> check(TurnEvents turn) {
    List<String> reasons = new ArrayList<>();
    for (JsonObject item : turn.items()) {
      String who = describe(item);
      Double price = item.getDouble("price");
      if (maxPrice != null && (price == null || price > maxPrice)) reasons.add(who + " costs " + price + ", above maxPrice " + maxPrice);
      if (minPrice != null && (price == null || price < minPrice)) reasons.add(who + " costs " + price + ", below minPrice " + minPrice);
      String brand = item.getString("brand");
      if (!brands.isEmpty() && !anyEquals(brands, brand)) reasons.add(who + " has brand " + brand + ", expected " + oneOf(brands));
      if (anyEquals(brandsNot, brand)) reasons.add(who + " has brand " + brand + ", which brandNot excludes");
      String category = item.getString("category");
      if (!categories.isEmpty() && !anyEquals(categories, category)) {
        reasons.add(who + " is in category " + category + ", expected " + oneOf(categories));
      }
      String title = item.getString("title", "").toLowerCase(Locale.ROOT);
      titleIncludes.stream().filter(p -> !title.contains(p.toLowerCase(Locale.ROOT)))
          .forEach(p -> reasons.add(who + " lacks \"" + p + "\" in its title"));
      titleExcludes.stream().filter(p -> title.contains(p.toLowerCase(Locale.ROOT)))
          .forEach(p -> reasons.add(who + " has \"" + p + "\" in its title, which titleExcludes forbids"));
      if (inStock && !Boolean.TRUE.equals(item.getValue("inStock"))) reasons.add(who + " is not in stock (inStock " + item.getValue("inStock") + ")");
    }
    return reasons;
  }

  /** An item as the reasons name it: {@code #rank productId "title"}. */
  static String describe(JsonObject item) {
    return "#" + item.getValue("rank") + " " + item.getString("productId") + " \"" + item.getString("title") + "\"";
  }

  private static boolean anyEquals(List<String> wanted, String actual) {
    return actual != null && wanted.stream().anyMatch(w -> w.toLowerCase(Locale.ROOT).equals(actual.toLowerCase(Locale.ROOT)));
  }

  private static String oneOf(List<String> values) {
    return values.size() == 1 ? values.getFirst() : "one of " + values;
  }
}
