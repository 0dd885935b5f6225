package dev.glasscart.conversation;

import java.time.LocalDate;

/**
 * Feedback aggregated per explainer, prompt version and UTC day.
 *
 * @param explainer the turn's explainer, {@code unknown} when the turn is not stored
 * @param promptVersion the turn's {@code details.promptVersion}, {@code none} when absent
 */
public record HelpfulRate(String explainer, String promptVersion, LocalDate day, long total, long helpful) {

  /** Share of helpful votes, 0 when there are none. */
  public double rate() {
    return total == 0 ? 0 : (double) helpful / total;
  }
}
