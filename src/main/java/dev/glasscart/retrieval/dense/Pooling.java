package dev.glasscart.retrieval.dense;

/** How token vectors become one sentence vector. */
public enum Pooling {
  /** Average of the token vectors, ignoring padding (attention mask 0). Sentence-transformers default. */
  MEAN,
  /** The vector of the first token ({@code [CLS]}). */
  CLS;

  /** Parses {@code mean} or {@code cls} (case-insensitive). */
  public static Pooling parse(String value) {
    return switch (value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "mean" -> MEAN;
      case "cls" -> CLS;
      default -> throw new IllegalArgumentException("illegal pooling: " + value + ", must be mean or cls");
    };
  }
}
