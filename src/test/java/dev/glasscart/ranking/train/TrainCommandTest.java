package dev.glasscart.ranking.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.ranking.RankerModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TrainCommandTest {

  /** A small dataset on disk: 12 queries over colour words, relevant products name the colour in the title. */
  private static Path toyDataset() throws Exception {
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    Path dir = Files.createTempDirectory("toy-dataset");
    String[] colours = {"red", "blue", "green", "black", "white", "pink", "grey", "brown", "navy", "teal", "gold", "beige"};
    List<String> corpus = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    List<String> qrels = new ArrayList<>();
    for (int q = 0; q < colours.length; q++) {
      String c = colours[q];
      queries.add("q" + q + "\t" + c + " shirt");
      corpus.add("{\"id\":\"" + c + "-hit\",\"title\":\"" + c + " shirt\",\"description\":\"cotton top\"}");
      corpus.add("{\"id\":\"" + c + "-noise\",\"title\":\"plain top\",\"description\":\"" + c + " " + c + " " + c
          + " shirt shirt shirt shirt, not " + c + "\"}");
      qrels.add("q" + q + " 0 " + c + "-hit 4");
      qrels.add("q" + q + " 0 " + c + "-noise 1");
    }
    Files.write(dir.resolve("corpus.jsonl"), corpus);
    Files.write(dir.resolve("queries.tsv"), queries);
    Files.write(dir.resolve("qrels.tsv"), qrels);
    return dir;
  }

  @Test
  void should_train_on_a_dataset_and_write_a_model_with_its_note() throws Exception {
    // Given a toy dataset on disk
    Path dir = toyDataset();
    Path out = dir.resolve("models/ranker.json");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    // When training with 3 folds over real BM25 candidates
    int status = TrainCommand.run(new String[] {"--dataset", dir.toString(), "--out", out.toString(), "--folds", "3",
        "--epochs", "50", "--retriever", "bm25"},
        new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));

    // Then it succeeds, reports cross-validated nDCG@10 and writes a loadable trained model
    assertEquals(0, status, stderr.toString(StandardCharsets.UTF_8));
    assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("cv nDCG@10"));
    RankerModel model = RankerModel.load(out);
    assertEquals(3, model.trainedOn().folds());
    assertEquals(12, model.trainedOn().queries());
    assertTrue(model.trainedOn().cvNdcgAt10() > 0.9, model.trainedOn().toString());
  }

  @Test
  void should_reject_a_missing_dataset_with_usage() {
    // When the dataset option is missing
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status = TrainCommand.run(new String[] {"--out", "x.json"},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(stderr, true, StandardCharsets.UTF_8));

    // Then the status is 2 and the message says what is missing
    assertEquals(2, status);
    assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("--dataset is required"));
  }
}
