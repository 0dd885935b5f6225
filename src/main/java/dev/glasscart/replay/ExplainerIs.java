package dev.glasscart.replay;

import java.util.List;

/**
 * {@code explainer}: the explainer named by {@code done.explainer}. A value ending in {@code :}
 * (e.g. {@code ollama:}) is a prefix; any other value must match exactly.
 *
 * @param expected the name or prefix, non-blank
 */
public record ExplainerIs(String expected) implements Expectation {
  public ExplainerIs {
    if (expected == null || expected.isBlank()) {
      throw new IllegalArgumentException("illegal explainer: '" + expected + "', must be a name such as builtin or a prefix such as ollama:");
    }
  }

  @Override
  public String key() {
    return "explainer";
  }

  @Override
  public List<String> check(TurnEvents turn) {
    String actual = turn.done().map(d -> d.getString("explainer")).orElse(null);
    if (actual == null) return List.of("no explainer reported (no done event)");
    boolean ok = expected.endsWith(":") ? actual.startsWith(expected) : actual.equals(expected);
    if (ok) return List.of();
    return List.of("explainer is " + actual + ", expected " + (expected.endsWith(":") ? expected + "*" : expected)
        + turn.done().map(d -> d.getString("fallback")).map(f -> " (fallback: " + f + ")").orElse(""));
  }
}
