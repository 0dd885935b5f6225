package dev.glasscart.retrieval.dense;

import java.nio.FloatBuffer;

/** Pooling of token vectors into sentence vectors, and L2 normalization. Stateless. */
final class Pooler {
  private Pooler() {}

  /**
   * Pools row {@code r} of a {@code [batch, len, dim]} buffer: masked mean or the first token.
   */
  static float[] pool(FloatBuffer hidden, int r, int len, int dim, long[] mask, Pooling pooling, boolean normalize) {
    float[] v = new float[dim];
    int base = r * len * dim;
    if (pooling == Pooling.CLS) {
      hidden.get(base, v, 0, dim);
    } else {
      double[] sum = new double[dim];
      int count = 0;
      float[] tok = new float[dim];
      for (int t = 0; t < len; t++) {
        if (mask[r * len + t] == 0) continue;
        hidden.get(base + t * dim, tok, 0, dim);
        for (int j = 0; j < dim; j++) sum[j] += tok[j];
        count++;
      }
      double c = Math.max(count, 1);
      for (int j = 0; j < dim; j++) v[j] = (float) (sum[j] / c);
    }
    return normalize ? normalize(v) : v;
  }

  /** Row {@code r} of an already pooled {@code [batch, dim]} output. */
  static float[] row(FloatBuffer pooled, int r, int dim, boolean normalize) {
    float[] v = new float[dim];
    pooled.get(r * dim, v, 0, dim);
    return normalize ? normalize(v) : v;
  }

  /** Scales {@code v} in place to unit L2 norm (a zero vector stays zero) and returns it. */
  static float[] normalize(float[] v) {
    double ss = 0;
    for (float x : v) ss += (double) x * x;
    double norm = Math.sqrt(ss);
    if (norm < 1e-12) return v;
    for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] / norm);
    return v;
  }
}
