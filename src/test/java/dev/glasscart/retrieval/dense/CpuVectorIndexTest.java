package dev.glasscart.retrieval.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class CpuVectorIndexTest {

  static float[] randomUnitRows(Random rnd, int n, int d) {
    float[] m = new float[n * d];
    for (int i = 0; i < n; i++) {
      float[] row = new float[d];
      for (int j = 0; j < d; j++) row[j] = (float) rnd.nextGaussian();
      System.arraycopy(Pooler.normalize(row), 0, m, i * d, d);
    }
    return m;
  }

  static List<String> ids(int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) ids.add("p" + i);
    return ids;
  }

  /** Naive scan in double precision, best first, ties by row. */
  static List<double[]> naive(float[] m, int d, float[] q, int k) {
    List<double[]> all = new ArrayList<>();
    for (int i = 0; i < m.length / d; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) s += (double) q[j] * m[i * d + j];
      all.add(new double[] {s, i});
    }
    all.sort(Comparator.<double[]>comparingDouble(x -> -x[0]).thenComparingDouble(x -> x[1]));
    return all.subList(0, Math.min(k, all.size()));
  }

  /** Same rows best-first as the naive scan; a swap is allowed only between scores within 1e-5. */
  static void assertSameTopK(List<double[]> expected, List<VectorIndex.Hit> got, float[] m, int d, float[] q) {
    assertEquals(expected.size(), got.size());
    double[] byRow = null; // every row's naive score, made at the first mismatch
    for (int i = 0; i < got.size(); i++) {
      assertEquals(expected.get(i)[0], got.get(i).score(), 1e-5, "score at " + i);
      if (got.get(i).row() != (int) expected.get(i)[1]) {
        int row = got.get(i).row();
        if (byRow == null) {
          byRow = new double[m.length / d];
          for (double[] x : naive(m, d, q, m.length / d)) byRow[(int) x[1]] = x[0];
        }
        double other = byRow[row];
        assertEquals(expected.get(i)[0], other, 1e-5, "row mismatch at " + i + " is not a near-tie");
      }
      assertEquals("p" + got.get(i).row(), got.get(i).id());
    }
  }

  @Test
  void the_codes_dot_product_is_the_exact_integer_sum_at_any_length_and_offset() {
    Random rnd = new Random(7);
    for (int d : new int[] {1, 7, 31, 32, 33, 64, 100, 384, 512, 515}) {
      byte[] q = new byte[d];
      byte[] codes = new byte[3 * d + 5];
      for (int j = 0; j < d; j++) q[j] = (byte) (rnd.nextInt(255) - 127);
      for (int j = 0; j < codes.length; j++) codes[j] = (byte) (rnd.nextInt(255) - 127);
      q[0] = 127; // the extremes: a product of two codes is at most 127 * 127 in magnitude
      codes[d] = -127;
      for (int offset : new int[] {0, d, 2 * d + 5}) {
        int expected = 0;
        for (int j = 0; j < d; j++) expected += q[j] * codes[offset + j];
        assertEquals(expected, CpuVectorIndex.dotCodes(q, codes, offset, d), "d " + d + " offset " + offset);
      }
    }
    byte[] extreme = new byte[384];
    java.util.Arrays.fill(extreme, (byte) -127);
    assertEquals(384 * 127 * 127, CpuVectorIndex.dotCodes(extreme, extreme, 0, 384));
  }

  @Test
  void should_equal_naive_scan_on_random_data() {
    Random rnd = new Random(42);
    for (int n : new int[] {1, 7, 100, 1000, 3001}) {
      for (int d : new int[] {3, 16, 384}) {
        float[] m = randomUnitRows(rnd, n, d);
        CpuVectorIndex index = new CpuVectorIndex(ids(n), m, d);
        float[] q = randomUnitRows(rnd, 1, d);
        for (int k : new int[] {1, 5, 10, 100, n + 3}) {
          assertSameTopK(naive(m, d, q, k), index.topK(q, k), m, d, q);
        }
      }
    }
  }

  @Test
  void the_two_pass_scan_equals_the_naive_scan_on_near_ties_and_restricted_rows() {
    // Given many rows a hair apart (one direction plus noise of 1e-3: scores differ in the 4th
    // decimal, well inside the int8 codes' error) and some exact duplicates
    Random rnd = new Random(11);
    int n = 6000;
    int d = 384;
    float[] base = randomUnitRows(rnd, 1, d);
    float[] m = new float[n * d];
    for (int row = 0; row < n; row++) {
      double norm = 0;
      for (int j = 0; j < d; j++) {
        m[row * d + j] = base[j] + (float) (rnd.nextGaussian() * 1e-3);
        norm += m[row * d + j] * m[row * d + j];
      }
      for (int j = 0; j < d; j++) m[row * d + j] /= (float) Math.sqrt(norm);
    }
    System.arraycopy(m, 17 * d, m, 4000 * d, d);
    CpuVectorIndex index = new CpuVectorIndex(ids(n), m, d);
    assertTrue(n >= CpuVectorIndex.TWO_PASSES_FROM);
    for (float[] q : new float[][] {base, randomUnitRows(rnd, 1, d), java.util.Arrays.copyOfRange(m, 17 * d, 18 * d)}) {
      // every row scored from its floats (k = n is one pass: over a quarter of the rows)
      List<VectorIndex.Hit> full = index.topK(q, n);
      for (int k : new int[] {1, 10, 200, 1500}) {
        // Then the same rows, scores and order as scoring every row from its floats
        assertEquals(full.subList(0, k), index.topK(q, k), "k=" + k);
        assertSameTopK(naive(m, d, q, k), index.topK(q, k), m, d, q);
        List<VectorIndex.Hit> allowed = full.stream().filter(h -> h.row() % 3 == 0).limit(k).toList();
        assertEquals(allowed, index.topK(q, k, row -> row % 3 == 0), "restricted, k=" + k);
      }
    }
  }

  @Test
  void should_equal_the_filtered_full_scan_when_restricted_to_some_rows() {
    // Given random rows, of which only every third is allowed
    Random rnd = new Random(7);
    int n = 1000;
    int d = 16;
    float[] m = randomUnitRows(rnd, n, d);
    CpuVectorIndex index = new CpuVectorIndex(ids(n), m, d);
    float[] q = randomUnitRows(rnd, 1, d);
    for (int k : new int[] {1, 10, 400}) {
      // When the top k is asked among the allowed rows
      List<VectorIndex.Hit> got = index.topK(q, k, row -> row % 3 == 0);
      // Then it is the full ranking with the other rows left out, cut at k (fewer when fewer are allowed)
      List<VectorIndex.Hit> expected = index.topK(q, n).stream().filter(h -> h.row() % 3 == 0).limit(k).toList();
      assertEquals(expected, got);
      assertEquals(Math.min(k, 334), got.size());
    }
  }

  @Test
  void should_order_exact_ties_by_row() {
    // Given rows 2, 5 and 9 identical to the query, and the rest random
    Random rnd = new Random(7);
    int d = 64;
    float[] m = randomUnitRows(rnd, 20, d);
    float[] q = randomUnitRows(rnd, 1, d);
    for (int row : new int[] {9, 2, 5}) System.arraycopy(q, 0, m, row * d, d);
    // When asking for the top 3 and the top 2
    List<VectorIndex.Hit> top3 = new CpuVectorIndex(ids(20), m, d).topK(q, 3);
    List<VectorIndex.Hit> top2 = new CpuVectorIndex(ids(20), m, d).topK(q, 2);
    // Then the tied rows come by row number, and the cut keeps the lowest rows
    assertEquals(List.of(2, 5, 9), top3.stream().map(VectorIndex.Hit::row).toList());
    assertEquals(List.of(2, 5), top2.stream().map(VectorIndex.Hit::row).toList());
    assertEquals(1.0, top3.get(0).score(), 1e-5);
  }

  @Test
  void should_return_nothing_for_k_zero_and_reject_bad_shapes() {
    float[] m = randomUnitRows(new Random(1), 4, 8);
    CpuVectorIndex index = new CpuVectorIndex(ids(4), m, 8);
    assertTrue(index.topK(new float[8], 0).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> index.topK(new float[7], 3));
    var e = assertThrows(IllegalArgumentException.class, () -> new CpuVectorIndex(ids(5), m, 8));
    assertTrue(e.getMessage().contains("must be ids (5) x dimension (8)"), e.getMessage());
  }
}
