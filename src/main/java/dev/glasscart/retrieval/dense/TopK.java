package dev.glasscart.retrieval.dense;

/**
 * Bounded min-heap that keeps the {@code k} best (score, row) pairs seen, in primitive arrays.
 * Higher score wins; on equal scores the lower row wins. Not thread-safe: one per search.
 */
final class TopK {
  private final float[] scores;
  private final int[] rows;
  private int size;

  TopK(int k) {
    scores = new float[k];
    rows = new int[k];
  }

  /** True when (a, ra) ranks below (b, rb). */
  private static boolean worse(float a, int ra, float b, int rb) {
    return a < b || (a == b && ra > rb);
  }

  /** How many pairs it holds: k, or fewer when fewer were offered. */
  int size() {
    return size;
  }

  /** The score a new row must beat to enter (when full); -infinity while not full. */
  float threshold() {
    return size < scores.length ? Float.NEGATIVE_INFINITY : scores[0];
  }

  void offer(float score, int row) {
    if (scores.length == 0) return;
    if (size < scores.length) {
      int i = size++;
      scores[i] = score;
      rows[i] = row;
      siftUp(i);
    } else if (worse(scores[0], rows[0], score, row)) {
      scores[0] = score;
      rows[0] = row;
      siftDown(0);
    }
  }

  private void siftUp(int i) {
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!worse(scores[i], rows[i], scores[p], rows[p])) break;
      swap(i, p);
      i = p;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int m = i;
      if (l < size && worse(scores[l], rows[l], scores[m], rows[m])) m = l;
      if (r < size && worse(scores[r], rows[r], scores[m], rows[m])) m = r;
      if (m == i) return;
      swap(i, m);
      i = m;
    }
  }

  private void swap(int a, int b) {
    float s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
    int r = rows[a];
    rows[a] = rows[b];
    rows[b] = r;
  }

  /** Drains the heap best-first into {@code outScores}/{@code outRows}, which must hold its size. */
  void drain(float[] outScores, int[] outRows) {
    int n = size;
    for (int i = n - 1; i >= 0; i--) {
      outScores[i] = scores[0];
      outRows[i] = rows[0];
      size--;
      scores[0] = scores[size];
      rows[0] = rows[size];
      siftDown(0);
    }
  }
}
