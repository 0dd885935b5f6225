package dev.glasscart.explanation;

import java.util.LinkedHashMap;
import java.util.Map;
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

  /**
   * The outcome as plain JSON-ready values for {@code TurnRecord.details} (wrap it with
   * {@code new JsonObject(outcome.details())}): {@code explainer}, {@code fallback} (when it fell
   * back), {@code promptVersion}, {@code rawModelOutput} (when a model was asked) and
   * {@code grounding} {sentencesChecked, sentencesDropped, claims, supported, dropped[]}.
   */
  public Map<String, Object> details() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("explainer", explainer);
    if (fellBack()) m.put("fallback", fallbackReason);
    if (!promptVersion.isEmpty()) m.put("promptVersion", promptVersion);
    if (!rawModelOutput.isEmpty()) m.put("rawModelOutput", rawModelOutput);
    if (grounding != GroundingReport.NONE) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("sentencesChecked", grounding.sentencesChecked());
      g.put("sentencesDropped", grounding.sentencesDropped());
      g.put("claims", grounding.claims());
      g.put("supported", grounding.supported());
      g.put("dropped", grounding.dropped());
      m.put("grounding", g);
    }
    return m;
  }
}
