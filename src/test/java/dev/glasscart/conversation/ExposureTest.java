package dev.glasscart.conversation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Product;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExposureTest {

  /** The selected element is the sorted array's, over sizes 1 to 60 and many duplicates. */
  @Test
  void selectFindsTheSortedElement() {
    Random random = new Random(5);
    for (int round = 0; round < 3000; round++) {
      int n = 1 + random.nextInt(60);
      double[] a = new double[n];
      int distinct = 1 + random.nextInt(n);
      for (int i = 0; i < n; i++) a[i] = random.nextInt(distinct) * 0.5;
      if (random.nextInt(10) == 0) a[random.nextInt(n)] = -0.0;
      double[] sorted = a.clone();
      Arrays.sort(sorted);
      int k = random.nextInt(n);
      double[] work = a.clone();
      assertEquals(Double.doubleToLongBits(sorted[k]), Double.doubleToLongBits(Exposure.select(work, 0, n - 1, k)), "k " + k);
      for (int i = 0; i < k; i++) assertTrue(Double.compare(work[i], work[k]) <= 0);
      for (int i = k + 1; i < n; i++) assertTrue(Double.compare(work[i], work[k]) >= 0);
      double[] permuted = work.clone();
      Arrays.sort(permuted);
      assertArrayEquals(sorted, permuted, "select only permutes");
    }
  }

  /** The band limits are the sorted prices' tertiles; brands and bands count every candidate. */
  @Test
  void countsBrandsAndBandsByTheTertiles() {
    Random random = new Random(9);
    for (int round = 0; round < 200; round++) {
      int n = 1 + random.nextInt(400);
      List<Product> candidates = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        candidates.add(new Product("p" + i, "Item " + i, "", "brand" + random.nextInt(4), "c", random.nextInt(50) + 0.99,
            "USD", 4, 1, List.of(), Map.of(), 1, List.of(), null));
      }
      double[] prices = candidates.stream().mapToDouble(Product::price).sorted().toArray();
      Exposure e = Exposure.of(candidates);
      assertEquals(List.of(prices[(int) Math.ceil(n / 3.0) - 1], prices[(int) Math.ceil(2 * n / 3.0) - 1]), e.bandLimits());
      assertEquals(n, e.candidates());
      assertEquals(n, e.brands().values().stream().mapToInt(Integer::intValue).sum());
      assertEquals(n, e.priceBands().values().stream().mapToInt(Integer::intValue).sum());
      long lower = candidates.stream().filter(p -> p.price() <= e.bandLimits().get(0)).count();
      assertEquals(lower, (long) e.priceBands().getOrDefault(Exposure.LOWER, 0));
    }
  }
}
