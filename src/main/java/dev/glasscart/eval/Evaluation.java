package dev.glasscart.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a search function over every judged query of a {@link Dataset} and averages nDCG@10,
 * recall@100 and MRR@10. Latency is the wall time of each search call (query analysis or encoding
 * included), measured on a second pass after one untimed warm-up pass over all queries. Queries
 * without judgments are skipped. Blocking; not for concurrent use of one instance.
 */
public final class Evaluation {

  /** A system under test: query text to ranked hits, best first. */
  @FunctionalInterface
  public interface Search {
    List<TrecRunWriter.Hit> search(String query, int k);
  }

  /** Mean metrics over {@code queries} judged queries, and the run that produced them. */
  public record Report(int queries, double ndcg10, double recall100, double mrr10, Latencies latencies,
      Map<String, List<TrecRunWriter.Hit>> run) {}

  private final Dataset dataset;

  public Evaluation(Dataset dataset) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
  }

  public Report evaluate(Search search) {
    Map<String, String> judged = new LinkedHashMap<>();
    dataset.queries().forEach((qid, text) -> {
      if (!dataset.qrels().judgments(qid).isEmpty()) judged.put(qid, text);
    });
    for (String text : judged.values()) search.search(text, TrecRunWriter.DEPTH); // warm-up
    Map<String, List<TrecRunWriter.Hit>> run = new LinkedHashMap<>();
    long[] nanos = new long[judged.size()];
    double ndcg = 0, recall = 0, mrr = 0;
    int i = 0;
    for (Map.Entry<String, String> q : judged.entrySet()) {
      long start = System.nanoTime();
      List<TrecRunWriter.Hit> hits = search.search(q.getValue(), TrecRunWriter.DEPTH);
      nanos[i++] = System.nanoTime() - start;
      run.put(q.getKey(), hits);
      List<String> ids = new ArrayList<>(hits.size());
      for (TrecRunWriter.Hit h : hits) ids.add(h.docId());
      Map<String, Integer> judgments = dataset.qrels().judgments(q.getKey());
      ndcg += Metrics.ndcg(ids, judgments, 10);
      recall += Metrics.recall(ids, judgments, 100);
      mrr += Metrics.reciprocalRank(ids, judgments, 10);
    }
    int n = Math.max(1, judged.size());
    return new Report(judged.size(), ndcg / n, recall / n, mrr / n, new Latencies(nanos), run);
  }
}
