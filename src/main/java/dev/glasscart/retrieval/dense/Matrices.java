package dev.glasscart.retrieval.dense;

import java.util.List;

/** Argument checks shared by the vector indexes. */
final class Matrices {
  private Matrices() {}

  static void check(List<String> ids, float[] matrix, int dimension) {
    if (dimension < 1) throw new IllegalArgumentException("illegal dimension " + dimension + ", must be >= 1");
    if ((long) ids.size() * dimension != matrix.length) {
      throw new IllegalArgumentException("matrix has " + matrix.length + " floats, must be ids (" + ids.size()
          + ") x dimension (" + dimension + ") = " + (long) ids.size() * dimension);
    }
  }

  static void checkQuery(float[] query, int dimension) {
    if (query.length != dimension) {
      throw new IllegalArgumentException("query has length " + query.length + ", must be " + dimension);
    }
  }
}
