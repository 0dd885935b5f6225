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
    int n = candidates.size();
    double[] prices = new double[n];
    for (int i = 0; i < n; i++) prices[i] = candidates.get(i).price();
    // the two tertiles are the sorted prices' elements at these ranks; selected, not sorted: a
    // constraint-only turn counts thousands of candidates
    int first = (int) Math.ceil(n / 3.0) - 1;
    int second = (int) Math.ceil(2 * n / 3.0) - 1;
    double secondLimit = select(prices, 0, n - 1, second);
    double firstLimit = select(prices, 0, second, first);
    List<Double> limits = List.of(firstLimit, secondLimit);
    // counted in a hash map and sorted once: a sorted map's merge compared brand names per candidate
    Map<String, int[]> brandCounts = new java.util.HashMap<>();
    int lower = 0, middle = 0, upper = 0;
    for (Product p : candidates) {
      brandCounts.computeIfAbsent(java.util.Objects.requireNonNull(p.brand()), b -> new int[1])[0]++;
      switch (band(p.price(), limits)) {
        case LOWER -> lower++;
        case MIDDLE -> middle++;
        default -> upper++;
      }
    }
    Map<String, Integer> bands = new TreeMap<>();
    if (lower > 0) bands.put(LOWER, lower);
    if (middle > 0) bands.put(MIDDLE, middle);
    if (upper > 0) bands.put(UPPER, upper);
    Map<String, Integer> brands = new TreeMap<>();
    brandCounts.forEach((b, count) -> brands.put(b, count[0]));
    return new Exposure(n, brands, bands, limits);
  }

  /**
   * The element that would be at index {@code k} of {@code a[from..to]} sorted as {@link
   * Arrays#sort(double[])} sorts ({@link Double#compare} order); on return every element of {@code
   * a[from..k-1]} compares at most it and every one of {@code a[k+1..to]} at least it.
   * Quickselect with the median of three as pivot.
   */
  static double select(double[] a, int from, int to, int k) {
    int lo = from, hi = to;
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      if (Double.compare(a[mid], a[lo]) < 0) swap(a, mid, lo);
      if (Double.compare(a[hi], a[lo]) < 0) swap(a, hi, lo);
      if (Double.compare(a[hi], a[mid]) < 0) swap(a, hi, mid);
      double pivot = a[mid];
      int i = lo, j = hi;
      while (i <= j) {
        while (Double.compare(a[i], pivot) < 0) i++;
        while (Double.compare(a[j], pivot) > 0) j--;
        if (i <= j) swap(a, i++, j--);
      }
      if (k <= j) hi = j;
      else if (k >= i) lo = i;
      else return a[k];
    }
    return a[k];
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
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
