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
 * @param prompt the prompt actually sent to the model, or null when no model was asked (or it
 *     could not be rendered)
 */
public record Outcome(String explainer, String fallbackReason, String promptVersion, String rawModelOutput,
    GroundingReport grounding, Prompt prompt) {

  /** An outcome without a recorded prompt. */
  public Outcome(String explainer, String fallbackReason, String promptVersion, String rawModelOutput,
      GroundingReport grounding) {
    this(explainer, fallbackReason, promptVersion, rawModelOutput, grounding, null);
  }

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

  /** This outcome with another explainer and fallback reason (the built-in explainer took over). */
  public Outcome fellBackTo(String explainer, String reason) {
    return new Outcome(explainer, reason, promptVersion, rawModelOutput, grounding, prompt);
  }

  /** This outcome with other grounding verdicts. */
  public Outcome withGrounding(GroundingReport report) {
    return new Outcome(explainer, fallbackReason, promptVersion, rawModelOutput, report, prompt);
  }

  public boolean fellBack() {
    return !fallbackReason.isEmpty();
  }

  /**
   * The outcome as plain JSON-ready values for {@code TurnRecord.details} (wrap it with
   * {@code new JsonObject(outcome.details())}): {@code explainer}, {@code fallback} (when it fell
   * back), {@code promptVersion}, {@code rawModelOutput} (when a model was asked) and
   * {@code grounding} {sentencesChecked, sentencesDropped, claims, supported, dropped[]} and
   * {@code prompt} {version, template, system, user} (when one was sent).
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
    if (prompt != null) m.put("prompt", promptDetails());
    return m;
  }

  /** The prompt sent as {@code {version, template, system, user}}; empty when none was sent. */
  public Map<String, Object> promptDetails() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (prompt == null) return m;
    m.put("version", prompt.version());
    m.put("template", prompt.template());
    m.put("system", prompt.system());
    m.put("user", prompt.user());
    return m;
  }
}
