package dev.glasscart.retrieval.dense;

import java.util.ArrayList;
import java.util.function.IntPredicate;

import java.util.List;

/**
 * Exact nearest-neighbour search over a fixed set of unit vectors, by dot product (= cosine for
 * normalized vectors). Rows are numbered in the order given at construction.
 *
 * <p>Immutable after construction and thread-safe. {@link #topK} is CPU- or GPU-bound but never
 * waits on I/O; at catalog scale (10k x 384) it takes about a millisecond.
 */
public interface VectorIndex extends AutoCloseable {

  /** A matching row: its id, its row number, its score (cosine). */
  record Hit(String id, int row, float score) {}

  /**
   * The {@code k} rows with the highest dot product with {@code query} (length {@link
   * #dimension()}), best first; equal scores are ordered by row number. Fewer when the index has
   * fewer rows; {@code k <= 0} gives none.
   */
  List<Hit> topK(float[] query, int k);

  /**
   * {@link #topK} among the rows {@code rows} accepts only. The default filters a top-k of every
   * row; an index that can skip rows overrides it.
   */
  default List<Hit> topK(float[] query, int k, IntPredicate rows) {
    List<Hit> out = new ArrayList<>();
    for (Hit h : topK(query, size())) {
      if (out.size() == k) break;
      if (rows.test(h.row())) out.add(h);
    }
    return out;
  }

  int size();

  int dimension();

  /** Releases native resources (a GPU session); a no-op for the CPU index. */
  @Override
  default void close() {}
}
