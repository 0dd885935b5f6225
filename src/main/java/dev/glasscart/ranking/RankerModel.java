package dev.glasscart.ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A trained (or hand-set) additive model: {@code score = bias + sum_i weights[i] * x_i} where
 * {@code x_i = feature.transform(natural) / scales[i]}. Scales are the standard deviations of the
 * transformed features on the training candidates (no centering, so "no evidence" stays exactly
 * zero); they make weights, and so contributions, comparable across features. Immutable.
 *
 * @param type the model type, always {@link #TYPE}
 * @param features feature names, one per weight
 * @param weights weight per feature
 * @param scales positive divisor per feature
 * @param bias the baseline score, reported as its own contribution
 * @param trainedOn how the model was made; {@link TrainingNote#untrained()} for defaults
 */
public record RankerModel(
    String type, List<String> features, List<Double> weights, List<Double> scales, double bias,
    TrainingNote trainedOn) {

  public static final String TYPE = "linear-additive";

  public RankerModel {
    Objects.requireNonNull(trainedOn, "trainedOn");
    if (!TYPE.equals(type)) throw new IllegalArgumentException("unknown model type '" + type + "', must be " + TYPE);
    features = List.copyOf(features);
    weights = List.copyOf(weights);
    scales = List.copyOf(scales);
    if (weights.size() != features.size() || scales.size() != features.size()) {
      throw new IllegalArgumentException("model has " + features.size() + " features but " + weights.size()
          + " weights and " + scales.size() + " scales, must be equal");
    }
    for (int i = 0; i < features.size(); i++) {
      String name = features.get(i);
      if (Feature.byName(name).isEmpty()) {
        throw new IllegalArgumentException("unknown feature '" + name + "', known: " + names(Feature.ALL));
      }
      if (features.indexOf(name) != i) throw new IllegalArgumentException("duplicate feature '" + name + "'");
      if (!Double.isFinite(weights.get(i))) {
        throw new IllegalArgumentException("illegal weight " + weights.get(i) + " for " + name + ", must be finite");
      }
      double s = scales.get(i);
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("illegal scale " + s + " for " + name + ", must be > 0 and finite");
      }
    }
    if (!Double.isFinite(bias)) throw new IllegalArgumentException("illegal bias " + bias + ", must be finite");
  }

  /** A model over all features with the given weights and scales (in {@link Feature#ALL} order). */
  public static RankerModel of(double[] weights, double[] scales, double bias, TrainingNote note) {
    List<Double> w = new ArrayList<>();
    List<Double> s = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      w.add(weights[i]);
      s.add(scales[i]);
    }
    return new RankerModel(TYPE, names(Feature.ALL), w, s, bias, note);
  }

  /**
   * Hand-set weights used when no trained model is available: title evidence and meaning first,
   * stated constraints strong, quality signals (rating, reviews, stock) as tie-breakers.
   */
  public static RankerModel untrained() {
    double[] w = new double[Feature.ALL.size()];
    w[Feature.TITLE_MATCH.ordinal()] = 0.8;
    w[Feature.BRAND_MATCH.ordinal()] = 0.5;
    w[Feature.CATEGORY_MATCH.ordinal()] = 0.4;
    w[Feature.ATTRIBUTE_MATCH.ordinal()] = 0.4;
    w[Feature.DESCRIPTION_MATCH.ordinal()] = 0.2;
    w[Feature.SEMANTIC.ordinal()] = 2.0;
    w[Feature.TITLE_COVERAGE.ordinal()] = 1.0;
    w[Feature.PRICE_FIT.ordinal()] = 1.0;
    w[Feature.BUDGET_MARGIN.ordinal()] = 0.3;
    w[Feature.BRAND_FIT.ordinal()] = 1.0;
    w[Feature.CATEGORY_FIT.ordinal()] = 0.7;
    w[Feature.ATTRIBUTE_FIT.ordinal()] = 0.7;
    w[Feature.RATING.ordinal()] = 0.3;
    w[Feature.REVIEW_COUNT.ordinal()] = 0.05;
    // as strong as a stated wish: a shopper cannot buy an out-of-stock product today, so it needs a
    // clearly better match to rank above one in stock (it is still shown, and says so)
    w[Feature.IN_STOCK.ordinal()] = 1.0;
    w[Feature.DESCRIPTION_COVERAGE.ordinal()] = 0.1;
    w[Feature.TITLE_ALL_TERMS.ordinal()] = 0.3;
    w[Feature.QUERY_COVERAGE.ordinal()] = 0.5;
    w[Feature.TITLE_PHRASE.ordinal()] = 0.3;
    w[Feature.TITLE_SEMANTIC.ordinal()] = 1.0;
    w[Feature.TITLE_EXACT.ordinal()] = 0.3;
    // the profile family: weaker than a wish stated now (brand_fit 1.0), so what the shopper asks
    // for always wins; judged datasets have no profiles, so training leaves these as set here
    w[Feature.PROFILE_BRAND.ordinal()] = 0.5;
    w[Feature.PROFILE_CATEGORY.ordinal()] = 0.3;
    w[Feature.PROFILE_ATTRIBUTE.ordinal()] = 0.4;
    w[Feature.PROFILE_PRICE.ordinal()] = 0.3;
    // keyword_rank / meaning_rank stay 0: their scale depends on the fuser, so only training sets them;
    // peer_similarity too: how much "like the other top matches" should count is learned from judgments
    double[] s = new double[w.length];
    java.util.Arrays.fill(s, 1.0);
    return of(w, s, 0.0, TrainingNote.untrained());
  }

  /**
   * The weight of {@code f}, 0 when the model does not use it; a {@code profile_...} feature the
   * model does not list keeps its hand-set weight ({@link #untrained()}): judged datasets have no
   * profiles, so training cannot set it, and a model file from before the family must not turn
   * the shopper's profile off.
   */
  public double weight(Feature f) {
    int i = features.indexOf(f.featureName());
    if (i < 0) return f.fromProfile() && trainedOn.folds() > 0 ? untrained().weight(f) : 0;
    return weights.get(i);
  }

  /** The scale of {@code f}, 1 when the model does not use it. */
  public double scale(Feature f) {
    int i = features.indexOf(f.featureName());
    return i < 0 ? 1 : scales.get(i);
  }

  /** The weight of every feature in {@link Feature#ALL} order (0 where the model does not use it). */
  public double[] weightVector() {
    double[] w = new double[Feature.ALL.size()];
    for (Feature f : Feature.ALL) w[f.ordinal()] = weight(f);
    return w;
  }

  /** The scale of every feature in {@link Feature#ALL} order (1 where the model does not use it). */
  public double[] scaleVector() {
    double[] s = new double[Feature.ALL.size()];
    for (Feature f : Feature.ALL) s[f.ordinal()] = scale(f);
    return s;
  }

  /** One feature's term of the score: {@code weight * (transformed / scale)}. */
  public static double term(double weight, double transformed, double scale) {
    return weight * (transformed / scale);
  }

  public boolean isTrained() {
    return trainedOn.folds() > 0;
  }

  /** Reads a model file; throws {@link ModelFileException} naming the file and the problem. Blocking. */
  public static RankerModel load(java.nio.file.Path file) {
    return ModelJson.read(file);
  }

  /**
   * Reads {@code file}, or falls back to {@link #untrained()} with a warning saying which file and
   * what was wrong (missing, unreadable, not JSON, not a valid model). Blocking; never throws.
   */
  public static Loaded loadOrDefault(java.nio.file.Path file) {
    try {
      return new Loaded(load(file), Optional.empty());
    } catch (ModelFileException e) {
      return new Loaded(untrained(), Optional.of(e.getMessage() + "; using untrained default weights"));
    }
  }

  /** Writes this model as JSON to {@code file}, creating parent folders. Blocking. */
  public void save(java.nio.file.Path file) throws java.io.IOException {
    ModelJson.write(this, file);
  }

  /** A loaded model and, when the file could not be used, why (the model is then the defaults). */
  public record Loaded(RankerModel model, Optional<String> warning) {}

  private static List<String> names(List<Feature> fs) {
    return fs.stream().map(Feature::featureName).toList();
  }
}
