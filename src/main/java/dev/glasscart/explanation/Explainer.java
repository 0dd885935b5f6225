package dev.glasscart.explanation;

/**
 * Turns a turn's evidence into a stream of tokens.
 *
 * <p>{@link #explain} returns at once; tokens arrive on {@code sink} from a thread of the
 * explainer's choosing. Cancelling stops generation upstream and then calls nothing more on the
 * sink.
 */
public interface Explainer {

  /** {@code builtin} or {@code ollama:<model>}: what {@code done.explainer} reports. */
  String name();

  Generation explain(Evidence evidence, TokenSink sink);

  /** A running explanation. */
  interface Generation {
    /** Stops generation; idempotent. */
    void cancel();

    /**
     * What this generation produced so far (prompt version, raw model output, grounding counts),
     * for a caller that stops it early, e.g. {@link FallbackExplainer}; empty when the explainer
     * does not report progress.
     */
    default java.util.Optional<Outcome> progress() {
      return java.util.Optional.empty();
    }
  }
}
