package dev.glasscart.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.ranking.RankedProduct;
import dev.glasscart.ranking.Ranker;
import dev.glasscart.retrieval.dense.EncoderConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

final class EvalCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int eval(Ranker ranker, String... args) {
    return evalWith(ranker == null ? null : () -> ranker, args);
  }

  private int evalWith(Supplier<Ranker> ranker, String... args) {
    return EvalCommand.run(args, ranker, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static Map<String, List<String>> readRun(Path file) throws Exception {
    Map<String, List<String>> run = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split(" ");
      assertEquals(6, f.length, line);
      assertEquals("Q0", f[1]);
      assertEquals("glasscart", f[5]);
      List<String> docs = run.computeIfAbsent(f[0], q -> new ArrayList<>());
      docs.add(f[2]);
      assertEquals(docs.size(), Integer.parseInt(f[3]), "ranks count from 1: " + line);
    }
    return run;
  }

  @Test
  void should_evaluate_bm25_and_write_a_trec_run() throws Exception {
    // Given the tiny dataset and a run file under the test temp dir
    Path runFile = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))).resolve("tiny-bm25.run");
    Files.deleteIfExists(runFile);
    // When evaluated in bm25 mode
    int rc = eval(null, "--dataset", DatasetTest.TINY.toString(), "--mode", "bm25", "--run", runFile.toString());
    // Then it succeeds, the run ranks d1 first for "running shoes", and the printed nDCG is the
    // mean nDCG of the written run
    assertEquals(0, rc, err.toString());
    Map<String, List<String>> run = readRun(runFile);
    assertEquals(List.of("q1", "q2"), List.copyOf(run.keySet()));
    assertEquals("d1", run.get("q1").get(0));
    assertTrue(run.get("q2").containsAll(List.of("d3", "d4")));
    Dataset dataset = Dataset.load(DatasetTest.TINY);
    double ndcg = (Metrics.ndcg(run.get("q1"), dataset.qrels().judgments("q1"), 10)
        + Metrics.ndcg(run.get("q2"), dataset.qrels().judgments("q2"), 10)) / 2;
    assertTrue(out.toString().contains(String.format(Locale.ROOT, "nDCG@10     %.4f", ndcg)), out.toString());
    assertTrue(out.toString().contains("recall@100"));
  }

  @Test
  void should_report_rerank_unavailable_without_a_ranker() {
    int rc = eval(null, "--dataset", DatasetTest.TINY.toString(), "--mode", "rerank");
    assertEquals(2, rc);
    assertTrue(err.toString().contains("rerank is not available yet"), err.toString());
  }

  @Test
  void should_ask_for_the_ranker_only_in_rerank_mode() {
    // Given a ranker supplier that counts its calls
    AtomicInteger asked = new AtomicInteger();
    Supplier<Ranker> ranker = () -> {
      asked.incrementAndGet();
      return null;
    };
    // When evaluating in bm25 mode, then in rerank mode
    int bm25 = evalWith(ranker, "--dataset", DatasetTest.TINY.toString(), "--mode", "bm25");
    int afterBm25 = asked.get();
    int rerank = evalWith(ranker, "--dataset", DatasetTest.TINY.toString(), "--mode", "rerank");
    // Then bm25 never asks and succeeds; rerank asks once and, given no ranker, reports it unavailable
    assertEquals(0, bm25, err.toString());
    assertEquals(0, afterBm25);
    assertEquals(2, rerank);
    assertEquals(1, asked.get());
    assertTrue(err.toString().contains("rerank is not available yet"), err.toString());
  }

  @Test
  void should_rerank_hybrid_candidates_with_the_given_ranker() throws Exception {
    // Given a ranker that reverses the retrieved order, and the plain hybrid run
    Ranker reverse = (query, constraints, candidates, products, profile) -> {
      List<RankedProduct> out = new ArrayList<>();
      for (int i = candidates.size() - 1; i >= 0; i--) {
        out.add(new RankedProduct(out.size() + 1, products.get(i), -out.size(), List.of(), Map.of()));
      }
      return out;
    };
    Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    Path hybridRun = tmp.resolve("tiny-hybrid.run");
    Path rerankRun = tmp.resolve("tiny-rerank.run");
    String tiny = DatasetTest.TINY.toString();
    assertEquals(0, eval(null, "--dataset", tiny, "--mode", "hybrid", "--device", "cpu", "--run", hybridRun.toString()),
        err.toString());
    // When evaluated in rerank mode
    int rc = eval(reverse, "--dataset", tiny, "--mode", "rerank", "--device", "cpu", "--run", rerankRun.toString());
    // Then the run is the hybrid run, reversed, for every query
    assertEquals(0, rc, err.toString());
    Map<String, List<String>> hybrid = readRun(hybridRun);
    Map<String, List<String>> reranked = readRun(rerankRun);
    assertEquals(hybrid.keySet(), reranked.keySet());
    for (String q : hybrid.keySet()) {
      assertTrue(hybrid.get(q).size() >= 2, "fused list for " + q);
      assertEquals(hybrid.get(q).reversed(), reranked.get(q));
    }
  }

  @Test
  void should_reject_bad_arguments() {
    assertEquals(2, eval(null, "--mode", "bm25"));
    assertEquals(2, eval(null, "--dataset", DatasetTest.TINY.toString(), "--mode", "sparse"));
    assertTrue(err.toString().contains("unknown mode: sparse"), err.toString());
    assertEquals(2, eval(null, "--dataset", DatasetTest.TINY.toString(), "--mode", "dense", "--max-length", "1"));
    assertTrue(err.toString().contains("illegal maxLength 1, must be between 2 and 8192"), err.toString());
  }

  @Test
  void should_give_the_encoder_the_max_length_asked_for() {
    // Given eval arguments with and without --max-length
    EvalOptions asked = EvalOptions.parse(new String[] {"--dataset", DatasetTest.TINY.toString(), "--max-length", "48"});
    EvalOptions plain = EvalOptions.parse(new String[] {"--dataset", DatasetTest.TINY.toString()});
    // Then the encoder gets 48 tokens, or the default when not asked
    assertEquals(48, asked.encoderConfig().maxLength());
    assertEquals(EncoderConfig.defaults(), plain.encoderConfig());
  }
}
