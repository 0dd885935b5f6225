package dev.glasscart.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class DatasetTest {
  static final Path TINY = Path.of("src/test/resources/eval/tiny");

  @Test
  void should_load_corpus_queries_and_qrels() {
    // When the tiny dataset is loaded
    Dataset dataset = Dataset.load(TINY);
    // Then products carry title and description, queries keep file order, grades are parsed
    assertEquals(5, dataset.corpus().size());
    assertEquals("Coffee mug", dataset.corpus().get("d3").orElseThrow().title());
    assertEquals("A ceramic mug for coffee or tea.", dataset.corpus().get("d3").orElseThrow().description());
    assertEquals(List.of("q1", "q2", "q3"), List.copyOf(dataset.queries().keySet()));
    assertEquals("running shoes", dataset.queries().get("q1"));
    assertEquals(Map.of("d3", 4, "d4", 3), dataset.qrels().judgments("q2"));
    assertEquals(Map.of(), dataset.qrels().judgments("q3"));
  }

  @Test
  void should_compute_gain_from_grade() {
    assertEquals(0.0, Qrels.gain(1));
    assertEquals(1.0, Qrels.gain(2));
    assertEquals(7.0, Qrels.gain(4));
  }

  @Test
  void should_average_metrics_over_judged_queries_only() {
    // Given a fixed system that returns d1, d2, d3 for every query
    Dataset dataset = Dataset.load(TINY);
    Evaluation.Report report = new Evaluation(dataset).evaluate((q, k) -> List.of(
        new TrecRunWriter.Hit("d1", 3), new TrecRunWriter.Hit("d2", 2), new TrecRunWriter.Hit("d3", 1)));
    // Then q3 (unjudged) is skipped and the means are over q1 and q2
    assertEquals(2, report.queries());
    double q1 = Metrics.ndcg(List.of("d1", "d2", "d3"), dataset.qrels().judgments("q1"), 10);
    double q2 = 7 / Math.log(4) * Math.log(2) / (7 + 3 / (Math.log(3) / Math.log(2))); // d3 at rank 3
    assertEquals((q1 + q2) / 2, report.ndcg10(), 1e-12);
    assertEquals((2.0 / 3 + 1.0 / 2) / 2, report.recall100(), 1e-12);
    assertEquals((1.0 + 1.0 / 3) / 2, report.mrr10(), 1e-12);
  }
}
