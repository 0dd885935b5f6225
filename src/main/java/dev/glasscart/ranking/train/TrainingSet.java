package dev.glasscart.ranking.train;

import dev.glasscart.catalog.Product;
import dev.glasscart.eval.Dataset;
import dev.glasscart.eval.Qrels;
import dev.glasscart.retrieval.Candidate;
import dev.glasscart.retrieval.Retriever;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link TrainingQuery}s from an evaluation {@link Dataset}: every judged query is retrieved
 * with the given retriever (top {@code depth}) and each candidate gets its qrels gain (0 when
 * unjudged). Blocking (retrieval); stateless.
 */
public final class TrainingSet {
  private TrainingSet() {}

  public static List<TrainingQuery> from(Dataset dataset, Retriever retriever, int depth) {
    if (depth < 1) throw new IllegalArgumentException("illegal depth " + depth + ", must be >= 1");
    List<TrainingQuery> out = new ArrayList<>();
    for (Map.Entry<String, String> q : dataset.queries().entrySet()) {
      Map<String, Integer> judgments = dataset.qrels().judgments(q.getKey());
      if (judgments.isEmpty()) continue;
      List<JudgedCandidate> judged = new ArrayList<>();
      for (Candidate c : retriever.retrieve(q.getValue(), depth)) {
        Optional<Product> p = dataset.corpus().get(c.productId());
        if (p.isEmpty()) continue;
        judged.add(new JudgedCandidate(c, p.get(), Qrels.gain(judgments.getOrDefault(c.productId(), 0))));
      }
      List<Double> allGains = judgments.values().stream().map(Qrels::gain).toList();
      out.add(new TrainingQuery(q.getKey(), q.getValue(), List.of(), judged, allGains));
    }
    return out;
  }
}
