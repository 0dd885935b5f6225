/**
 * Explanations: turning one turn's {@link dev.glasscart.explanation.Evidence} into a streamed answer.
 *
 * <p>{@link dev.glasscart.explanation.BuiltinExplainer} writes the answer from
 * {@link dev.glasscart.explanation.Claim}s that each carry the facts they rest on.
 * {@link dev.glasscart.explanation.OllamaExplainer} asks a local model with the versioned
 * {@link dev.glasscart.explanation.PromptTemplates}; {@link dev.glasscart.explanation.GroundingGuard}
 * withholds model sentences the evidence does not support (its claim kinds are in {@code ClaimChecker}
 * and {@code OfferClaims}; {@code InstructionText} keeps instructions found in catalog text from
 * counting as evidence and catches paraphrased prompt leaks); {@link dev.glasscart.explanation.FallbackExplainer}
 * lets the built-in answer take over on a stall or error. {@link dev.glasscart.explanation.Explainers}
 * builds the right stack from configuration. Every generation ends with
 * {@link dev.glasscart.explanation.TokenSink#complete(Outcome)} carrying an
 * {@link dev.glasscart.explanation.Outcome} for persistence.
 *
 * <p>To add an explainer, implement {@link dev.glasscart.explanation.Explainer}, never call the sink
 * on the caller's thread, guard the sink with {@code SinkGate}, and finish with an {@code Outcome}.
 */
package dev.glasscart.explanation;
