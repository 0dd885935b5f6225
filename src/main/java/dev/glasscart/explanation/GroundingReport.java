package dev.glasscart.explanation;

import java.util.List;

/**
 * The grounding guard's counts for one generation and the sentences it withheld.
 *
 * @param sentencesChecked sentences the model produced and the guard examined
 * @param sentencesDropped sentences withheld because a claim in them was not supported
 * @param claims claims found (prices, numbers, names, attribute values, stock, shipping/warranty,
 *     superlatives)
 * @param supported claims the evidence supports
 * @param dropped the withheld sentences with the reason, in order, and a sentence left unfinished
 *     when the stream failed (withheld unchecked, so not counted in {@code sentencesDropped})
 */
public record GroundingReport(
    int sentencesChecked, int sentencesDropped, int claims, int supported, List<String> dropped) {

  public static final GroundingReport NONE = new GroundingReport(0, 0, 0, 0, List.of());

  public GroundingReport {
    dropped = List.copyOf(dropped);
  }
}
