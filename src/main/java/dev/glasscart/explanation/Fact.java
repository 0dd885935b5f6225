package dev.glasscart.explanation;

import java.util.Objects;

/**
 * One piece of evidence a sentence rests on: a catalog fact, a score contribution, a constraint or
 * a pipeline note.
 *
 * @param productId the product the fact is about, empty for constraints and notes
 * @param name what kind of fact, e.g. {@code price}, {@code rating}, {@code contribution:title_match},
 *     {@code constraint:PRICE_MAX}, {@code note}
 * @param value the fact's value as text, exactly as taken from the evidence
 */
public record Fact(String productId, String name, String value) {

  public Fact {
    productId = productId == null ? "" : productId;
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) throw new IllegalArgumentException("fact name must not be blank");
    value = value == null ? "" : value;
  }

  public static Fact of(String productId, String name, Object value) {
    return new Fact(productId, name, String.valueOf(value));
  }
}
