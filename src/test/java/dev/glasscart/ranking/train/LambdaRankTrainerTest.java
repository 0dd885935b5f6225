package dev.glasscart.ranking.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.eval.Metrics;
import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.ranking.AdditiveRanker;
import dev.glasscart.ranking.Feature;
import dev.glasscart.ranking.QueryTerms;
import dev.glasscart.ranking.RankerModel;
import dev.glasscart.ranking.TrainingNote;
import dev.glasscart.retrieval.Candidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class LambdaRankTrainerTest {
  private final LambdaRankTrainer trainer =
      new LambdaRankTrainer(new LambdaRankTrainer.Config(150, 0.05, 0.01), QueryTerms.english());

  /**
   * A toy collection where relevance follows the description and the semantic score, while titles
   * match noise: the hand-set weights (title first) rank it poorly, so training has to learn.
   */
  private static List<TrainingQuery> toyQueries(long seed, int queries) {
    Random random = new Random(seed);
    List<TrainingQuery> out = new ArrayList<>();
    for (int q = 0; q < queries; q++) {
      List<JudgedCandidate> cs = new ArrayList<>();
      List<Double> gains = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        double relevance = random.nextDouble();
        double gain = relevance > 0.85 ? 3 : relevance > 0.6 ? 1 : 0;
        double description = 6 * relevance + random.nextGaussian();
        double dense = 0.3 + 0.4 * relevance + 0.05 * random.nextGaussian();
        double title = 8 * random.nextDouble();
        String id = "q" + q + "p" + i;
        Candidate c = new Candidate(id, title,
            Map.of("bm25_title", title, "bm25_description", Math.max(0, description), "dense", dense), Map.of());
        Product p = new Product(id, "item " + i, "", "", "", 10, "USD", 0, 0, List.of(), Map.of(), 1, List.of(), null);
        cs.add(new JudgedCandidate(c, p, gain));
        gains.add(gain);
      }
      cs.sort(Comparator.comparingDouble((JudgedCandidate j) -> -j.candidate().score()));
      out.add(new TrainingQuery("q" + q, "item", List.of(), cs, gains));
    }
    return out;
  }

  @Test
  void should_improve_ndcg_over_the_hand_set_weights_on_a_toy_collection() {
    // Given toy training and test queries
    List<PreparedQuery> train = trainer.prepare(toyQueries(1, 40));
    List<PreparedQuery> test = trainer.prepare(toyQueries(2, 40));

    // When training
    RankerModel model = trainer.train(train, TrainingNote.untrained());

    // Then held-out nDCG@10 beats both the defaults and the retrieval order clearly
    double trained = CrossValidation.meanNdcgAt10(model, test);
    double defaults = CrossValidation.meanNdcgAt10(RankerModel.untrained(), test);
    double retrieval = CrossValidation.meanBaselineNdcgAt10(test);
    assertTrue(trained > defaults + 0.1, "trained " + trained + " vs defaults " + defaults);
    assertTrue(trained > retrieval + 0.1, "trained " + trained + " vs retrieval " + retrieval);
    // and the learned weights point the right way
    assertTrue(model.weight(Feature.DESCRIPTION_MATCH) > model.weight(Feature.TITLE_MATCH));
  }

  @Test
  void should_keep_default_weights_for_features_the_data_never_varies() {
    // Given toy data without brands, ratings or constraints
    List<PreparedQuery> data = trainer.prepare(toyQueries(3, 10));

    // When training
    RankerModel model = trainer.train(data, TrainingNote.untrained());

    // Then those features keep the hand-set weights
    RankerModel defaults = RankerModel.untrained();
    for (Feature f : List.of(Feature.BRAND_FIT, Feature.PRICE_FIT, Feature.RATING, Feature.BRAND_MATCH, Feature.IN_STOCK)) {
      assertEquals(defaults.weight(f), model.weight(f), 1e-9, f.featureName());
    }
  }

  @Test
  void should_score_prepared_queries_exactly_as_the_ranker_orders_them() {
    // Given a trained model and one toy query
    List<TrainingQuery> queries = toyQueries(5, 12);
    RankerModel model = trainer.train(trainer.prepare(queries), TrainingNote.untrained());
    AdditiveRanker ranker = new AdditiveRanker(model, QueryTerms.english());

    for (TrainingQuery q : queries) {
      // When the ranker orders the candidates
      List<Product> products = q.candidates().stream().map(JudgedCandidate::product).toList();
      List<Candidate> candidates = q.candidates().stream().map(JudgedCandidate::candidate).toList();
      Map<String, Double> gainById = new java.util.HashMap<>();
      q.candidates().forEach(j -> gainById.put(j.product().id(), j.gain()));
      double[] ranked = ranker.rank(q.query(), q.constraints(), candidates, new Catalog(products)).stream()
          .mapToDouble(r -> gainById.get(r.product().id())).toArray();

      // Then its nDCG@10 equals what cross-validation computes from the prepared features
      double expected = Metrics.ndcg(ranked, q.allGains(), 10);
      assertEquals(expected, CrossValidation.meanNdcgAt10(model, trainer.prepare(List.of(q))), 1e-9, q.id());
    }
  }

  @Test
  void should_train_deterministically_and_cross_validate_by_query() {
    // Given the same data twice
    List<PreparedQuery> data = trainer.prepare(toyQueries(4, 25));

    // When training and cross-validating twice
    RankerModel a = trainer.train(data, TrainingNote.untrained());
    RankerModel b = trainer.train(data, TrainingNote.untrained());
    CrossValidation.Result cv1 = CrossValidation.run(trainer, data, 5, 42);
    CrossValidation.Result cv2 = CrossValidation.run(trainer, data, 5, 42);

    // Then results are identical, there is one score per fold and held-out beats retrieval order
    assertEquals(a, b);
    assertEquals(cv1, cv2);
    assertEquals(5, cv1.heldOut().size());
    assertTrue(cv1.meanHeldOut() > cv1.meanBaseline(), cv1.toString());
  }
}
