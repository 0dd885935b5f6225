package dev.glasscart.explanation;

/**
 * Receives an explanation as it is produced. Methods may be called from any thread, but never
 * concurrently for one generation; after {@link #complete()} or {@link #error(Throwable)} nothing
 * more is called. Implementations must not throw.
 */
public interface TokenSink {
  void token(String text);

  void complete();

  void error(Throwable failure);

  /**
   * The explainers of this package finish a generation through this method, with what happened
   * (effective explainer, fallback reason, prompt version, raw model output, grounding counts).
   * Override it to keep the outcome; the default forwards to {@link #complete()}. Exactly one of
   * {@code complete(Outcome)} or {@link #error(Throwable)} ends a generation.
   */
  default void complete(Outcome outcome) {
    complete();
  }
}
