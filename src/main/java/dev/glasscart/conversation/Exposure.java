package dev.glasscart.conversation;

import dev.glasscart.catalog.Product;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who a search turn's relevant candidates were (every product that met the constraints, all
 * pages), counted per brand and price band, for the fairness measure: shown results are compared
 * with these shares (docs/trust.md). Price bands are the thirds of the candidates' own prices, so
 * a turn's bands always split its candidates about evenly.
 *
 * @param bandLimits the upper prices of the lower and middle thirds
 */
public record Exposure(int candidates, Map<String, Integer> brands, Map<String, Integer> priceBands, List<Double> bandLimits) {

  public static final String LOWER = "lower third";
  public static final String MIDDLE = "middle third";
  public static final String UPPER = "upper third";

  public Exposure {
    brands = Map.copyOf(brands);
    priceBands = Map.copyOf(priceBands);
    bandLimits = List.copyOf(bandLimits);
  }

  /** The exposure counts of {@code candidates}; null when there are none. */
  public static Exposure of(List<Product> candidates) {
    if (candidates.isEmpty()) return null;
    double[] prices = candidates.stream().mapToDouble(Product::price).sorted().toArray();
    int n = prices.length;
    List<Double> limits = List.of(prices[(int) Math.ceil(n / 3.0) - 1], prices[(int) Math.ceil(2 * n / 3.0) - 1]);
    Map<String, Integer> brands = new TreeMap<>();
    Map<String, Integer> bands = new TreeMap<>();
    for (Product p : candidates) {
      brands.merge(p.brand(), 1, Integer::sum);
      bands.merge(band(p.price(), limits), 1, Integer::sum);
    }
    return new Exposure(n, brands, bands, limits);
  }

  /** The band of {@code price} by {@code limits} (lower third up to the first limit, middle up to the second). */
  public static String band(double price, List<Double> limits) {
    if (limits == null || limits.size() < 2) return "unknown";
    if (price <= limits.get(0)) return LOWER;
    if (price <= limits.get(1)) return MIDDLE;
    return UPPER;
  }

  @Override
  public String toString() {
    return "Exposure[" + candidates + " candidates, brands " + brands + ", bands " + priceBands + " by " + Arrays.toString(bandLimits.toArray()) + "]";
  }
}
