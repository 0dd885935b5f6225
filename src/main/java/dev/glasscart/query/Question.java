package dev.glasscart.query;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link Intent#QUESTION} asks about the shown products.
 *
 * <ul>
 *   <li>{@link Kind#SUPERLATIVE}: which of them is highest or lowest in one {@link Aspect}
 *       ("which costs the least?", "which has the higher rating?", "the lightest?").
 *   <li>{@link Kind#FACT}: a fact of the referenced products ("when does it ship?", "is that one
 *       available?"), or which of them has a property ("are any of them polarized?", "which is a
 *       minivan?"): {@code words} are the shopper's words for the property.
 * </ul>
 *
 * @param aspect what is compared or asked: a fixed field, or {@link Aspect#ATTRIBUTE} with the
 *     catalog's attribute key in {@code attribute}, or {@link Aspect#TEXT} for words looked up in
 *     the products' own texts
 * @param highest for a superlative: the largest value wins (priciest, best rated); false for the
 *     smallest (cheapest, lightest)
 * @param words the normalized content words of the question (for TEXT and ATTRIBUTE lookups and
 *     for saying what was asked)
 * @param pick for a FACT, a superlative that first picks the product asked about ("I'll take the
 *     cheapest one, is that available?"); null when the references pick it
 */
public record Question(Kind kind, Aspect aspect, String attribute, boolean highest, List<String> words, Question pick) {

  public enum Kind { SUPERLATIVE, FACT }

  public enum Aspect { PRICE, RATING, REVIEWS, STOCK, ATTRIBUTE, TEXT }

  public Question {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(aspect, "aspect");
    attribute = attribute == null ? "" : attribute;
    words = List.copyOf(words);
    if (aspect == Aspect.ATTRIBUTE && attribute.isBlank()) {
      throw new IllegalArgumentException("an attribute question needs the attribute key");
    }
    if (pick != null && pick.kind() != Kind.SUPERLATIVE) throw new IllegalArgumentException("a pick is a superlative");
  }

  public static Question superlative(Aspect aspect, String attribute, boolean highest) {
    return new Question(Kind.SUPERLATIVE, aspect, attribute, highest, List.of(), null);
  }

  /**
   * A superlative over a measure ({@code concept}, e.g. "weight") that no attribute key of the
   * catalog names: answered by saying the catalog does not state it.
   */
  public static Question missing(String concept, boolean highest) {
    return superlative(Aspect.ATTRIBUTE, concept, highest);
  }

  public static Question fact(Aspect aspect, String attribute, List<String> words) {
    return new Question(Kind.FACT, aspect, attribute, false, words, null);
  }

  /** The same question about other products (the references of a follow-up pick them). */
  public Question withoutPick() {
    return pick == null ? this : new Question(kind, aspect, attribute, highest, words, null);
  }
}
