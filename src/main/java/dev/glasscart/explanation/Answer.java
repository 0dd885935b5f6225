package dev.glasscart.explanation;

import dev.glasscart.query.Question;
import java.util.List;
import java.util.Objects;

/**
 * The facts that answer a question about the shown products, gathered before any words are
 * written: one {@link Finding} per product looked at, in answer order (for a superlative the
 * winner first), and what the catalog does not state.
 *
 * @param question what was asked
 * @param findings per product, the fact found (or not) for it
 * @param unstated true when no product looked at states the asked fact at all ("the catalog
 *     lists no weights"): the answer must say so instead of guessing
 */
public record Answer(Question question, List<Finding> findings, boolean unstated) {

  /**
   * What one product says about the question.
   *
   * @param productId the product
   * @param fact the field it came from: {@code price}, {@code rating}, {@code reviewCount},
   *     {@code stock}, {@code attribute:<key>}, {@code title}, {@code description}, {@code tag},
   *     or empty when nothing was found
   * @param value the fact as the catalog states it (a sentence of the description, an attribute
   *     value, a number), empty when nothing was found
   * @param found whether this product states the fact (or, for "are any of them polarized?",
   *     whether it has the property)
   */
  public record Finding(String productId, String fact, String value, boolean found) {
    public Finding {
      Objects.requireNonNull(productId, "productId");
      fact = fact == null ? "" : fact;
      value = value == null ? "" : value;
    }
  }

  public Answer {
    Objects.requireNonNull(question, "question");
    findings = List.copyOf(findings);
  }
}
