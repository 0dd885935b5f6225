package dev.glasscart.retrieval.dense;

import java.util.List;

/**
 * Turns texts into fixed-size vectors for dense retrieval.
 *
 * <p>Blocking (runs a neural encoder): call from a worker or virtual thread, never a Vert.x event
 * loop. Implementations are thread-safe.
 */
public interface Embedder {

  /**
   * One vector per text, in input order, each of length {@link #dimension()}. When the encoder is
   * configured to normalize (the default) every vector has L2 norm 1, so a dot product is a cosine.
   */
  float[][] embed(List<String> texts);

  /**
   * How long {@code text} is for the encoder (its tokens, for a tokenizing one; its characters by
   * default): texts embedded together are ordered by it so that each batch pads little.
   */
  default int length(String text) {
    return text.length();
  }

  /** Length of every vector. */
  int dimension();

  /**
   * A stable name of the model and its settings; cached embeddings are keyed by it, so it must
   * change whenever the vectors would.
   */
  String name();
}
