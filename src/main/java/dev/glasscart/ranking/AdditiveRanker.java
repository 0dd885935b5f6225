package dev.glasscart.ranking;

import dev.glasscart.catalog.Product;
import dev.glasscart.profile.ShopperProfile;
import dev.glasscart.query.Constraint;
import dev.glasscart.retrieval.Candidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link Ranker} with a linear additive model: {@code score = bias + sum_i w_i * x_i}. Each
 * non-zero term becomes a {@link Contribution} labelled in words (worded when first read), plus the bias as the
 * {@value #BASELINE} contribution (always present), so the contributions add up to the score
 * exactly (up to floating-point rounding). Contributions are sorted by absolute value, largest
 * first; ties keep feature order. Products tie-break by retrieval order.
 *
 * <p>Immutable and thread-safe; pure CPU work that never blocks (median 0.32 ms for 100
 * candidates, see {@code RerankBenchmark}).
 */
public final class AdditiveRanker implements Ranker {
  /** Feature name of the bias contribution. */
  public static final String BASELINE = "baseline";
  /** Words for the bias: it is every product's starting score, not something about this product. */
  static final String BASELINE_LABEL = "starting score, the same for every product";
  static final String BASELINE_LABEL_ZH = "起始分，每件商品都一样";

  private final double bias;
  private final QueryTerms queryTerms;
  private final double[] weights;
  private final double[] scales;
  private final FeatureExtractor extractor = new FeatureExtractor();
  private final FeatureLabels labels = new FeatureLabels();

  /** @param queryTerms must analyze queries the way retrieval reports matched terms */
  public AdditiveRanker(RankerModel model, QueryTerms queryTerms) {
    this.bias = Objects.requireNonNull(model, "model").bias();
    this.queryTerms = Objects.requireNonNull(queryTerms, "queryTerms");
    this.weights = model.weightVector();
    this.scales = model.scaleVector();
  }

  /** A ranker with the hand-set default weights and the lexical index's query analysis. */
  public static AdditiveRanker untrained() {
    return new AdditiveRanker(RankerModel.untrained(), QueryTerms.lexical());
  }

  /**
   * A ranker with the model in {@code modelFile} (e.g. {@code models/ranker.json}), or with the
   * defaults when the file is missing or invalid; the warning then says which file and why.
   * Blocking (reads the file).
   */
  public static Loaded load(java.nio.file.Path modelFile) {
    RankerModel.Loaded loaded = RankerModel.loadOrDefault(modelFile);
    return new Loaded(new AdditiveRanker(loaded.model(), QueryTerms.lexical()), loaded.warning());
  }

  /** A ranker and, when the model file could not be used, why. */
  public record Loaded(AdditiveRanker ranker, Optional<String> warning) {}

  @Override
  public List<RankedProduct> rankKnown(String query, List<Constraint> constraints, List<Candidate> candidates,
      List<Product> products, ShopperProfile profile) {
    if (candidates.size() != products.size()) {
      throw new IllegalArgumentException(candidates.size() + " candidates but " + products.size() + " products");
    }
    RankingQuery q = RankingQuery.of(query, constraints, queryTerms);
    ProfileFeatures pf = ProfileFeatures.of(profile, q, Instant.now());
    List<Scored> scored = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) scored.add(score(q, candidates.get(i), products.get(i), pf));
    scored.sort(BY_SCORE); // stable: ties keep retrieval order
    List<RankedProduct> out = new ArrayList<>(scored.size());
    for (int i = 0; i < scored.size(); i++) {
      Scored s = scored.get(i);
      // every candidate is scored to be ordered, but a turn shows a page: the contributions and
      // the typed words are made when read, from the same feature values and terms as the score
      out.add(RankedProduct.lazy(i + 1, s.product(), s.score(), s::contributions,
          () -> typedWords(q, s.candidate().matchedTerms())));
    }
    return out;
  }

  /** Matched index terms ("hike") as the words the shopper typed ("hiking"), by field, sorted. */
  private static Map<String, Set<String>> typedWords(RankingQuery q, Map<String, Set<String>> matched) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    matched.forEach((field, terms) -> {
      Set<String> words = new TreeSet<>();
      for (String t : terms) words.addAll(q.surfaceOf(t));
      out.put(field, words);
    });
    return out;
  }

  /** The score of one candidate with its sorted contributions. */
  Scored score(RankingQuery q, Candidate c, Product p) {
    return score(q, c, p, ProfileFeatures.NONE);
  }

  /** The score of one candidate for a shopper whose profile features are {@code pf}. */
  Scored score(RankingQuery q, Candidate c, Product p, ProfileFeatures pf) {
    double[] natural = extractor.extract(q, c, p);
    pf.fill(natural, p);
    double score = bias;
    for (Feature f : Feature.ALL) {
      score += term(f, natural); // zero terms add nothing; the same sum, in the same order, as the contributions'
    }
    return new Scored(q, c, p, pf, natural, score);
  }

  private double term(Feature f, double[] natural) {
    int i = f.ordinal();
    return RankerModel.term(weights[i], f.transform(natural[i]), scales[i]);
  }

  /** The bias and every non-zero term of {@code s}, sorted by absolute value, largest first. */
  private List<Contribution> contributions(Scored s) {
    List<Contribution> contributions = new ArrayList<>();
    contributions.add(new Contribution(BASELINE, BASELINE_LABEL, BASELINE_LABEL_ZH, bias, 1.0));
    RankingQuery q = s.query();
    Candidate c = s.candidate();
    Product p = s.product();
    ProfileFeatures pf = s.profile();
    for (Feature f : Feature.ALL) {
      double value = term(f, s.natural());
      if (value == 0.0) continue;
      double x = s.natural()[f.ordinal()];
      // worded when read: only the shown page's labels ever are, and formatting them all was
      // most of ranking's time
      contributions.add(Contribution.worded(f.featureName(), f.fromProfile() ? language -> pf.label(f, x, p, language)
          : language -> labels.label(f, x, q, c, p, language), value, x));
    }
    contributions.sort(Comparator.comparingDouble((Contribution x) -> -Math.abs(x.value())));
    return contributions;
  }

  /** Highest score first; a plain comparison of the two doubles, as every candidate of a turn is sorted. */
  private static final Comparator<Scored> BY_SCORE = (a, b) -> Double.compare(b.score, a.score);

  /** One candidate's feature values and score; its contributions are computed from them when asked. */
  final class Scored {
    private final RankingQuery query;
    private final Candidate candidate;
    private final Product product;
    private final ProfileFeatures profile;
    private final double[] natural;
    private final double score;

    private Scored(RankingQuery query, Candidate candidate, Product product, ProfileFeatures profile, double[] natural,
        double score) {
      this.query = query;
      this.candidate = candidate;
      this.product = product;
      this.profile = profile;
      this.natural = natural;
      this.score = score;
    }

    RankingQuery query() {
      return query;
    }

    Candidate candidate() {
      return candidate;
    }

    Product product() {
      return product;
    }

    ProfileFeatures profile() {
      return profile;
    }

    double[] natural() {
      return natural;
    }

    double score() {
      return score;
    }

    /** The bias and the non-zero terms, sorted by absolute value, largest first; they add up to {@link #score}. */
    List<Contribution> contributions() {
      return AdditiveRanker.this.contributions(this);
    }
  }
}
