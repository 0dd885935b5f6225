package dev.glasscart.ranking;

/**
 * One feature's exact share of a product's score.
 *
 * @param feature stable feature name, e.g. {@code title_match}
 * @param label readable words for people, e.g. "title matches 'red', 'dress'"
 * @param value the additive contribution to the score
 * @param raw the feature's raw value before weighting
 */
public record Contribution(String feature, String label, double value, double raw) {}
