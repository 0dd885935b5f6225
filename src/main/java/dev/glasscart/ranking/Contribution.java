package dev.glasscart.ranking;

import dev.glasscart.query.Language;
import java.util.Objects;
import java.util.function.Function;

/**
 * One feature's exact share of a product's score: {@code feature} (stable name, e.g.
 * {@code title_match}), {@code label} (readable words for people, e.g. "title matches 'red',
 * 'dress'"), {@code value} (the additive contribution to the score) and {@code raw} (the
 * feature's raw value before weighting). The label is said in English or, for a shopper who wrote
 * Chinese, in Chinese ({@link #label(Language)}): both worded from the same feature value and facts.
 *
 * <p>The ranker scores every candidate but only the shown page's labels are ever read, so a
 * ranked contribution carries its label as a pure function of the ranking's inputs and words it
 * on the first {@link #label()} (formatting was most of ranking's time). Value, feature and raw
 * value are always exact and fixed; the label is the same whenever it is computed. Immutable as
 * far as anyone can observe and thread-safe without a lock: racing first readers each compute
 * the same string, and the label is published through a volatile field.
 */
public final class Contribution {
  private final String feature;
  private final double value;
  private final double raw;
  /** Computes the label in a language; null when it was given in words. */
  private final Function<Language, String> wording;
  private volatile String label;
  private volatile String chinese;

  /** A contribution with its label already in words, the same in every language. */
  public Contribution(String feature, String label, double value, double raw) {
    this(feature, label, label, value, raw);
  }

  /** A contribution with its label already in words, in English and in Chinese. */
  public Contribution(String feature, String label, String chinese, double value, double raw) {
    this.feature = Objects.requireNonNull(feature, "feature");
    this.label = Objects.requireNonNull(label, "label");
    this.chinese = Objects.requireNonNull(chinese, "chinese");
    this.wording = null;
    this.value = value;
    this.raw = raw;
  }

  private Contribution(String feature, Function<Language, String> wording, double value, double raw) {
    this.feature = Objects.requireNonNull(feature, "feature");
    this.wording = Objects.requireNonNull(wording, "wording");
    this.value = value;
    this.raw = raw;
  }

  /** A contribution whose label {@code wording} computes, per language, when first asked (it must be pure). */
  static Contribution worded(String feature, Function<Language, String> wording, double value, double raw) {
    return new Contribution(feature, wording, value, raw);
  }

  public String feature() {
    return feature;
  }

  /** Words for people, in English; computed once, on first use, for a ranked contribution. */
  public String label() {
    return label(Language.EN);
  }

  /** Words for people in {@code language} (English or Chinese); computed once per language, on first use. */
  public String label(Language language) {
    if (language == Language.ZH) {
      String l = chinese;
      if (l == null) {
        l = Objects.requireNonNull(wording.apply(Language.ZH), "label");
        chinese = l;
      }
      return l;
    }
    String l = label;
    if (l == null) {
      l = Objects.requireNonNull(wording.apply(Language.EN), "label");
      label = l;
    }
    return l;
  }

  public double value() {
    return value;
  }

  public double raw() {
    return raw;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Contribution c && feature.equals(c.feature) && label().equals(c.label())
        && Double.compare(value, c.value) == 0 && Double.compare(raw, c.raw) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(feature, label(), value, raw);
  }

  @Override
  public String toString() {
    return "Contribution[feature=" + feature + ", label=" + label() + ", value=" + value + ", raw=" + raw + "]";
  }
}
