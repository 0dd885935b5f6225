package dev.glasscart.explanation;

import java.util.List;
import java.util.Objects;

/**
 * One sentence of an answer together with the evidence it rests on. The built-in explainer only
 * produces sentences this way, so every sentence can be traced back to the turn's {@link Evidence}.
 */
public record Claim(String sentence, List<Fact> basis) {

  public Claim {
    Objects.requireNonNull(sentence, "sentence");
    if (sentence.isBlank()) throw new IllegalArgumentException("claim sentence must not be blank");
    basis = List.copyOf(basis);
  }

  public static Claim of(String sentence, Fact... basis) {
    return new Claim(sentence, List.of(basis));
  }

  /** The claims' sentences joined by single spaces: the text the shopper sees. */
  public static String render(List<Claim> claims) {
    StringBuilder out = new StringBuilder();
    for (Claim c : claims) {
      if (!out.isEmpty()) out.append(' ');
      out.append(c.sentence());
    }
    return out.toString();
  }
}
