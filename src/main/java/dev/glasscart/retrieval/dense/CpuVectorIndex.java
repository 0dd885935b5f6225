package dev.glasscart.retrieval.dense;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Exact top-k by brute-force dot products over one contiguous row-major {@code float[]} matrix,
 * vectorized with the Java Vector API (jdk.incubator.vector: run with {@code --add-modules
 * jdk.incubator.vector}), keeping the best k in a bounded heap. Immutable and thread-safe.
 *
 * <p>A large scan goes in two passes and stays exact. Each row also has an int8 code (its values
 * over its largest magnitude, times 127, rounded), a quarter of the floats' bytes. The first pass
 * scores every row from the codes and bounds each score's error rigorously: for a row x with code
 * x' and the query y with code y', |x.y - x'.y'| <= |x| |y - y'| + |x - x'| |y'| (Cauchy-Schwarz),
 * plus a margin for float rounding. The k-th best lower bound is then at most the k-th best exact
 * score, so every row whose upper bound reaches it (every row of the exact top k, ties included)
 * is scored exactly from the floats in the second pass, and the top k of those is the top k of a
 * full scan: the same rows, scores and order.
 */
public final class CpuVectorIndex implements VectorIndex {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  /** For {@link #sumLanes}: lane i takes lane i + w, for w = half the lanes, a quarter, ... 1. */
  @SuppressWarnings("unchecked")
  private static final VectorShuffle<Float>[] HALVES = java.util.stream.IntStream
      .iterate(SPECIES.length() / 2, w -> w >= 1, w -> w / 2)
      .mapToObj(w -> VectorShuffle.fromOp(SPECIES, i -> (i + w) % SPECIES.length()))
      .toArray(VectorShuffle[]::new);
  /** The int8 codes' dot product: bytes widened to shorts (the product of two codes fits one), summed as ints. */
  private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED.withShape(
      VectorShape.forBitSize(SHORTS.vectorBitSize() / 2));
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  /** Rows from which the two-pass scan is used; below it, or for a k over a quarter of them, one exact pass. */
  static final int TWO_PASSES_FROM = 2_048;
  private final List<String> ids;
  private final float[] matrix;
  private final int dimension;
  /**
   * Per row: its int8 code (row-major in one array, {@code dimension} bytes a row), the scale that
   * maps the code back (x ~ scale * code), |x|, and a bound of |x - scale * code|.
   */
  private final byte[] codes;
  private final float[] codeScale;
  private final float[] rowNorm;
  private final float[] codeError;

  public CpuVectorIndex(List<String> ids, float[] matrix, int dimension) {
    Matrices.check(ids, matrix, dimension);
    this.ids = List.copyOf(ids);
    this.matrix = matrix;
    this.dimension = dimension;
    int n = this.ids.size();
    codes = new byte[n * dimension];
    codeScale = new float[n];
    rowNorm = new float[n];
    codeError = new float[n];
    float[] scratch = new float[3];
    for (int row = 0; row < n; row++) {
      encode(matrix, row * dimension, dimension, codes, row * dimension, scratch);
      codeScale[row] = scratch[0];
      rowNorm[row] = scratch[1];
      codeError[row] = scratch[2];
    }
  }

  /**
   * The int8 code of {@code v[offset..offset+d)} into {@code code[codeOffset..codeOffset+d)};
   * {@code out}: the scale, |v| and an upper bound of |v - scale * code|, each rounded up.
   */
  private static void encode(float[] v, int offset, int d, byte[] code, int codeOffset, float[] out) {
    double max = 0;
    for (int j = 0; j < d; j++) max = Math.max(max, Math.abs(v[offset + j]));
    double scale = max / 127.0;
    double norm = 0;
    double error = 0;
    for (int j = 0; j < d; j++) {
      double x = v[offset + j];
      int c = scale == 0 ? 0 : (int) Math.max(-127, Math.min(127, Math.round(x / scale)));
      code[codeOffset + j] = (byte) c;
      double e = x - c * (double) (float) scale;
      norm += x * x;
      error += e * e;
    }
    out[0] = (float) scale;
    out[1] = Math.nextUp((float) Math.sqrt(norm));
    out[2] = Math.nextUp((float) Math.sqrt(error));
  }

  @Override
  public List<Hit> topK(float[] query, int k) {
    return topK(query, k, null);
  }

  /** Scores only the accepted rows ({@code rows} null: every row). */
  @Override
  public List<Hit> topK(float[] query, int k, IntPredicate rows) {
    Matrices.checkQuery(query, dimension);
    int n = ids.size();
    int kk = Math.min(Math.max(k, 0), n);
    if (kk == 0) return List.of();
    TopK heap = n >= TWO_PASSES_FROM && kk * 4 <= n ? twoPasses(query, kk, rows) : onePass(query, kk, rows);
    int found = heap.size();
    float[] scores = new float[found];
    int[] best = new int[found];
    heap.drain(scores, best);
    List<Hit> hits = new ArrayList<>(found);
    for (int i = 0; i < found; i++) hits.add(new Hit(ids.get(best[i]), best[i], scores[i]));
    return hits;
  }

  private TopK onePass(float[] query, int k, IntPredicate rows) {
    TopK heap = new TopK(k);
    for (int row = 0; row < ids.size(); row++) {
      if (rows != null && !rows.test(row)) continue;
      float s = dot(query, row * dimension);
      if (s >= heap.threshold()) heap.offer(s, row);
    }
    return heap;
  }

  /** The exact top {@code k} (see the class comment): codes first, then floats for the rows that may be in it. */
  private TopK twoPasses(float[] query, int k, IntPredicate rows) {
    int n = ids.size();
    byte[] q = new byte[dimension];
    float[] qs = new float[3];
    encode(query, 0, dimension, q, 0, qs);
    float qScale = qs[0];
    float qNorm = qs[1];
    float qError = qs[2];
    // |y'| <= |y| + |y - y'|
    float qCodeNorm = Math.nextUp(qNorm + qError);
    float[] upper = new float[n];
    TopK lower = new TopK(k);
    for (int row = 0; row < n; row++) {
      if (rows != null && !rows.test(row)) {
        upper[row] = Float.NEGATIVE_INFINITY;
        continue;
      }
      float approx = codeScale[row] * qScale * dotCodes(q, codes, row * dimension, dimension);
      // the bound, and a margin far above the float rounding of both scores (d * 2^-24 relative)
      float bound = rowNorm[row] * qError + codeError[row] * qCodeNorm + 1e-3f * rowNorm[row] * qNorm + 1e-6f;
      upper[row] = approx + bound;
      float low = approx - bound;
      if (low >= lower.threshold()) lower.offer(low, row);
    }
    float reach = lower.size() < k ? Float.NEGATIVE_INFINITY : lower.threshold();
    TopK heap = new TopK(k);
    for (int row = 0; row < n; row++) {
      if (upper[row] < reach || upper[row] == Float.NEGATIVE_INFINITY) continue;
      float s = dot(query, row * dimension);
      if (s >= heap.threshold()) heap.offer(s, row);
    }
    return heap;
  }

  private float dot(float[] q, int offset) {
    int d = dimension;
    int upper = SPECIES.loopBound(d);
    FloatVector acc = FloatVector.zero(SPECIES);
    int j = 0;
    for (; j < upper; j += SPECIES.length()) {
      acc = FloatVector.fromArray(SPECIES, q, j).fma(FloatVector.fromArray(SPECIES, matrix, offset + j), acc);
    }
    float s = sumLanes(acc);
    for (; j < d; j++) s += q[j] * matrix[offset + j];
    return s;
  }

  /**
   * The lanes' sum in one fixed order (halves added lane-wise until one lane is left), so a row
   * scores the same in every scan. {@code reduceLanes(ADD)} leaves a float sum's order to the
   * implementation, and two runs of the same code summed in different orders (by all appearances
   * the Java fallback against the JIT's intrinsic): one row scored differently in a one-pass and a
   * two-pass scan of the same query, a last-bit difference (CpuVectorIndexTest).
   */
  private static float sumLanes(FloatVector v) {
    for (VectorShuffle<Float> half : HALVES) v = v.add(v.rearrange(half));
    return v.lane(0);
  }

  /**
   * The exact integer dot product of {@code q[0..d)} with {@code codes[offset..offset+d)}. Written
   * here rather than taken from Lucene's {@code VectorUtil}: that one allocated an array loader per
   * call (JFR: 12 % of a chat turn's allocation, one per catalog row per scan).
   */
  static int dotCodes(byte[] q, byte[] codes, int offset, int d) {
    int step = BYTES.length();
    int upper = BYTES.loopBound(d);
    IntVector acc = IntVector.zero(INTS);
    int j = 0;
    for (; j < upper; j += step) {
      ShortVector a = (ShortVector) ByteVector.fromArray(BYTES, q, j).convertShape(VectorOperators.B2S, SHORTS, 0);
      ShortVector b = (ShortVector) ByteVector.fromArray(BYTES, codes, offset + j).convertShape(VectorOperators.B2S, SHORTS, 0);
      ShortVector product = a.mul(b);
      acc = acc.add(product.convertShape(VectorOperators.S2I, INTS, 0)).add(product.convertShape(VectorOperators.S2I, INTS, 1));
    }
    int s = acc.reduceLanes(VectorOperators.ADD);
    for (; j < d; j++) s += q[j] * codes[offset + j];
    return s;
  }

  @Override
  public int size() {
    return ids.size();
  }

  @Override
  public int dimension() {
    return dimension;
  }
}
