package dev.glasscart.conversation;

/**
 * Asks a language model which constraints a shopper's message states, as JSON for {@link
 * LlmProposals} (which checks every proposal against the catalog vocabulary before it counts).
 *
 * <p>Blocking (a model call): call on a worker thread. Thread-safe. Never throws: returns null when
 * it has nothing to offer (not configured, timed out, failed), and the rules decide alone.
 */
@FunctionalInterface
public interface ConstraintProposer {

  /** No model: the rule-based reading only. */
  ConstraintProposer NONE = message -> null;

  /** The model's proposal for {@code message} (raw JSON, unchecked), or null. */
  String propose(String message);
}
