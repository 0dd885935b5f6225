package dev.glasscart.retrieval.dense;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Exact top-k by brute-force dot products over one contiguous row-major {@code float[]} matrix,
 * vectorized with the Java Vector API (jdk.incubator.vector: run with {@code --add-modules
 * jdk.incubator.vector}), keeping the best k in a bounded heap. Immutable and thread-safe.
 */
public final class CpuVectorIndex implements VectorIndex {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private final List<String> ids;
  private final float[] matrix;
  private final int dimension;

  public CpuVectorIndex(List<String> ids, float[] matrix, int dimension) {
    Matrices.check(ids, matrix, dimension);
    this.ids = List.copyOf(ids);
    this.matrix = matrix;
    this.dimension = dimension;
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
    TopK heap = new TopK(kk);
    for (int row = 0; row < n; row++) {
      if (rows != null && !rows.test(row)) continue;
      float s = dot(query, row * dimension);
      if (s >= heap.threshold()) heap.offer(s, row);
    }
    int found = heap.size();
    float[] scores = new float[found];
    int[] best = new int[found];
    heap.drain(scores, best);
    List<Hit> hits = new ArrayList<>(found);
    for (int i = 0; i < found; i++) hits.add(new Hit(ids.get(best[i]), best[i], scores[i]));
    return hits;
  }

  private float dot(float[] q, int offset) {
    int d = dimension;
    int upper = SPECIES.loopBound(d);
    FloatVector acc = FloatVector.zero(SPECIES);
    int j = 0;
    for (; j < upper; j += SPECIES.length()) {
      acc = FloatVector.fromArray(SPECIES, q, j).fma(FloatVector.fromArray(SPECIES, matrix, offset + j), acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; j < d; j++) s += q[j] * matrix[offset + j];
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
