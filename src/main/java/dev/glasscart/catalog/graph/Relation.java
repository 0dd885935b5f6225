package dev.glasscart.catalog.graph;

import java.util.Locale;
import java.util.Optional;

/** The kinds of edge between two products of the catalog's knowledge graph. */
public enum Relation {
  /** Close in meaning (title embeddings) in the same category, sharing attribute values. */
  SIMILAR,
  /** Another product of the same brand. */
  SAME_BRAND,
  /** Goes with it: a complement rule over category and tag words, or liked together by shoppers. */
  COMPLEMENTARY,
  /** A similar product that costs less. */
  CHEAPER_ALTERNATIVE;

  /** The wire name: {@code similar}, {@code same_brand}, {@code complementary}, {@code cheaper_alternative}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The relation of a wire name, empty when none has it. */
  public static Optional<Relation> ofWire(String name) {
    for (Relation r : values()) if (r.wire().equals(name)) return Optional.of(r);
    return Optional.empty();
  }
}
