package dev.glasscart.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class RankerModelTest {
  private Path dir;

  @BeforeEach
  void setUp() throws Exception {
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    dir = Files.createTempDirectory("ranker-model");
  }

  @Test
  void should_round_trip_a_model_through_its_json_file() throws Exception {
    // Given a trained-looking model
    double[] w = new double[Feature.ALL.size()];
    double[] s = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.1 * i - 0.5;
      s[i] = 1.0 + i / 7.0;
    }
    TrainingNote note = new TrainingNote("crowdflower", "2026-11-22T06:00:00Z", "lambdarank", 5, 0.78, Double.NaN, 197);
    RankerModel model = RankerModel.of(w, s, -1.25, note);

    // When saved and loaded
    Path file = dir.resolve("sub/ranker.json");
    model.save(file);
    RankerModel.Loaded loaded = RankerModel.loadOrDefault(file);

    // Then it is equal and comes without a warning
    assertEquals(model, loaded.model());
    assertTrue(loaded.warning().isEmpty());
    assertTrue(loaded.model().isTrained());
  }

  @Test
  void should_fall_back_to_defaults_with_a_warning_naming_a_missing_file() {
    // Given no file
    Path file = dir.resolve("absent.json");

    // When loading
    RankerModel.Loaded loaded = RankerModel.loadOrDefault(file);

    // Then the defaults come back with a warning naming the file and the problem
    assertEquals(RankerModel.untrained(), loaded.model());
    String warning = loaded.warning().orElseThrow();
    assertTrue(warning.contains(file.toString()) && warning.contains("file not found"), warning);
  }

  @Test
  void should_fall_back_to_defaults_with_a_warning_for_corrupt_json() throws Exception {
    // Given a truncated file
    Path file = dir.resolve("corrupt.json");
    Files.writeString(file, "{\"type\": \"linear-additive\", \"features\": [");

    // When loading
    RankerModel.Loaded loaded = RankerModel.loadOrDefault(file);

    // Then the defaults come back and the warning says it is not valid JSON
    assertEquals(RankerModel.untrained(), loaded.model());
    String warning = loaded.warning().orElseThrow();
    assertTrue(warning.contains(file.toString()) && warning.contains("not valid JSON"), warning);
  }

  @Test
  void should_name_the_problem_of_a_well_formed_but_invalid_model() throws Exception {
    // Given valid JSON with mismatched lengths, and one with an unknown feature
    Path lengths = dir.resolve("lengths.json");
    Files.writeString(lengths, "{\"type\":\"linear-additive\",\"features\":[\"title_match\",\"semantic\"],"
        + "\"weights\":[1.0],\"scales\":[1.0,1.0],\"bias\":0}");
    Path unknown = dir.resolve("unknown.json");
    Files.writeString(unknown, "{\"type\":\"linear-additive\",\"features\":[\"colour_vibes\"],"
        + "\"weights\":[1.0],\"scales\":[1.0],\"bias\":0}");

    // Then loading throws with the file and the exact problem
    ModelFileException e1 = assertThrows(ModelFileException.class, () -> RankerModel.load(lengths));
    assertTrue(e1.getMessage().contains("lengths.json") && e1.getMessage().contains("2 features but 1 weights"), e1.getMessage());
    ModelFileException e2 = assertThrows(ModelFileException.class, () -> RankerModel.load(unknown));
    assertTrue(e2.getMessage().contains("unknown feature 'colour_vibes'"), e2.getMessage());
  }

  @Test
  void should_load_the_shipped_trained_model_with_its_note() {
    // Given the model file committed at the repository top level
    Path shipped = Path.of("models", "ranker.json");

    // When loading it
    RankerModel.Loaded loaded = RankerModel.loadOrDefault(shipped);

    // Then it is valid, trained with 5 folds, and says what it was trained on
    assertTrue(loaded.warning().isEmpty(), loaded.warning().orElse(""));
    assertTrue(loaded.model().isTrained());
    assertEquals(5, loaded.model().trainedOn().folds());
    assertTrue(loaded.model().trainedOn().dataset().contains("crowdflower"));
    assertTrue(loaded.model().trainedOn().cvNdcgAt10() > 0 && loaded.model().trainedOn().cvNdcgAt10() <= 1);
  }

  @Test
  void should_give_unused_features_zero_weight_when_a_model_lists_only_some() throws Exception {
    // Given a model file with two features
    Path file = dir.resolve("partial.json");
    Files.writeString(file, "{\"type\":\"linear-additive\",\"features\":[\"title_match\",\"semantic\"],"
        + "\"weights\":[2.0,3.0],\"scales\":[0.5,1.0],\"bias\":0.1}");

    // When loading
    RankerModel model = RankerModel.load(file);

    // Then listed features carry their weights, others weigh nothing, and it is marked untrained
    assertEquals(2.0, model.weight(Feature.TITLE_MATCH));
    assertEquals(0.5, model.scale(Feature.TITLE_MATCH));
    assertEquals(0.0, model.weight(Feature.RATING));
    assertEquals(false, model.isTrained());
  }
}
