package dev.glasscart.explanation;

import java.util.Objects;

/**
 * What happened in one generation, handed to {@link TokenSink#complete(Outcome)} for persistence.
 *
 * @param explainer the explainer that produced the text the shopper saw last ({@code builtin} or
 *     {@code ollama:<model>}); after a fallback this is {@code builtin}
 * @param fallbackReason why the built-in explainer took over (e.g. {@code first_token_timeout},
 *     {@code error_mid_stream: ...}), empty when it did not
 * @param promptVersion the prompt templates' version used, empty when no model was asked
 * @param rawModelOutput everything the model streamed, before the grounding guard, empty when no
 *     model was asked
 * @param grounding what the grounding guard checked and dropped; {@link GroundingReport#NONE} when
 *     it was off
 */
public record Outcome(
    String explainer, String fallbackReason, String promptVersion, String rawModelOutput, GroundingReport grounding) {

  public Outcome {
    Objects.requireNonNull(explainer, "explainer");
    fallbackReason = fallbackReason == null ? "" : fallbackReason;
    promptVersion = promptVersion == null ? "" : promptVersion;
    rawModelOutput = rawModelOutput == null ? "" : rawModelOutput;
    grounding = grounding == null ? GroundingReport.NONE : grounding;
  }

  public static Outcome builtin() {
    return new Outcome(BuiltinExplainer.NAME, "", "", "", GroundingReport.NONE);
  }

  public boolean fellBack() {
    return !fallbackReason.isEmpty();
  }

  public Outcome withFallback(String reason) {
    return new Outcome(explainer, reason, promptVersion, rawModelOutput, grounding);
  }
}
