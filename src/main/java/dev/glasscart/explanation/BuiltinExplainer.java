package dev.glasscart.explanation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The explainer that needs no model: a short answer built from {@link Claim}s, each resting on facts
 * of the {@link Evidence}, streamed word by word (a token is a word and its trailing space) from a
 * virtual thread of its own. Thread-safe; {@link #explain} never blocks.
 */
public final class BuiltinExplainer implements Explainer {
  public static final String NAME = "builtin";

  @Override
  public String name() {
    return NAME;
  }

  /** The answer as claims, without streaming it: for tests, the fallback and persistence. */
  public List<Claim> claims(Evidence evidence) {
    Objects.requireNonNull(evidence, "evidence");
    return ClaimComposer.compose(evidence);
  }

  @Override
  public Generation explain(Evidence evidence, TokenSink sink) {
    Objects.requireNonNull(evidence, "evidence");
    SinkGate gate = new SinkGate(sink);
    Thread.ofVirtual().name("builtin-explainer").start(() -> {
      try {
        if (stream(Claim.render(claims(evidence)), gate)) gate.complete(Outcome.builtin());
      } catch (RuntimeException e) {
        gate.error(new IllegalStateException("built-in explainer failed for query '"
            + evidence.understanding().query() + "'", e));
      }
    });
    return new Generation() {
      @Override
      public void cancel() {
        gate.close();
      }

      @Override
      public Optional<Outcome> progress() {
        return Optional.of(Outcome.builtin());
      }
    };
  }

  /** Streams {@code text} word by word through {@code gate}; false when stopped on the way. */
  static boolean stream(String text, SinkGate gate) {
    for (String token : tokens(text)) {
      if (!gate.token(token)) return false;
    }
    return true;
  }

  /** Splits text into tokens of one word plus its trailing space; concatenated they give {@code text}. */
  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ' ') {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) == ' ') end++;
        out.add(text.substring(start, end));
        start = end;
        i = end - 1;
      }
    }
    if (start < text.length()) out.add(text.substring(start));
    return out;
  }
}
