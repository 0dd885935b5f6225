package dev.glasscart.retrieval.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class OnnxEmbedderTest {
  private final OnnxEmbedder embedder = SharedEncoder.get();

  /** Raw last_hidden_state [1, len, dim] for ids, straight from an independent ORT session. */
  private static float[][] rawTokens(byte[] model, long[] ids) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long[] mask = new long[ids.length];
    java.util.Arrays.fill(mask, 1);
    try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions());
        OnnxTensor a = OnnxTensor.createTensor(env, new long[][] {ids});
        OnnxTensor m = OnnxTensor.createTensor(env, new long[][] {mask});
        OnnxTensor t = OnnxTensor.createTensor(env, new long[][] {new long[ids.length]});
        OrtSession.Result r = s.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", t))) {
      return ((float[][][]) r.get("last_hidden_state").orElseThrow().getValue())[0];
    }
  }

  private static byte[] defaultModel() throws Exception {
    try (InputStream in = OnnxEmbedderTest.class.getResourceAsStream(OnnxEmbedder.DEFAULT_MODEL)) {
      return in.readAllBytes();
    }
  }

  @Test
  void should_equal_hand_computed_masked_mean_pooling_and_l2_norm() throws Exception {
    // Given the raw token vectors of the model for a sentence
    String text = "Lightweight running shoes with breathable mesh";
    long[] ids = embedder.tokenizer().encode(text, 256);
    float[][] tokens = rawTokens(defaultModel(), ids);
    double[] mean = new double[tokens[0].length];
    for (float[] tok : tokens) for (int j = 0; j < mean.length; j++) mean[j] += tok[j] / (double) tokens.length;
    double norm = Math.sqrt(java.util.Arrays.stream(mean).map(x -> x * x).sum());
    // When the embedder embeds it
    float[] got = embedder.embedOne(text);
    // Then it equals the hand-pooled, normalized vector
    assertEquals(384, got.length);
    for (int j = 0; j < mean.length; j++) assertEquals(mean[j] / norm, got[j], 2e-3, "component " + j);
    assertTrue(SharedEncoder.cosine(got, toFloat(mean)) > 0.9999);
    assertEquals(1.0, SharedEncoder.cosine(got, got) * Math.sqrt(dot(got, got)), 1e-5);
  }

  @Test
  void should_place_related_products_closer_than_unrelated() {
    float[][] v = embedder.embed(List.of("running shoes", "sneakers for jogging", "coffee maker"));
    assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.1, "shoes~sneakers " + dot(v[0], v[1]) + " shoes~coffee " + dot(v[0], v[2]));
  }

  @Test
  void should_give_batch_vectors_close_to_single_vectors() {
    // Given 40 product texts (title. category. description) of varied length: two padded batches of 32
    String[] titles = {"Wireless noise cancelling headphones", "Stainless steel insulated water bottle 750 ml",
        "Women's lightweight running shoes", "Programmable 12-cup coffee maker", "Leather bifold wallet for men",
        "Ergonomic office chair with lumbar support", "Organic green tea, 100 bags", "Kids' waterproof rain jacket"};
    String[] descriptions = {"Comfortable over-ear fit and a battery that lasts all day.",
        "Keeps drinks cold for 24 hours and hot for 12, leak-proof lid, dishwasher safe.",
        "Breathable mesh upper, cushioned sole and reflective details for running at night on roads and trails.",
        "Brew up to twelve cups with a timer, keep-warm plate and reusable filter.",
        "Made of full-grain leather with eight card slots, a coin pocket and RFID blocking to protect your cards."};
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      texts.add(titles[i % titles.length] + ". " + descriptions[(i / titles.length + i) % descriptions.length]
          + (i % 3 == 0 ? " " + descriptions[(i + 2) % descriptions.length] : ""));
    }
    // When embedded as one list and one by one
    float[][] batch = embedder.embed(texts);
    // Then each pair agrees: the quantized model quantizes activations with one scale per batch, so
    // vectors depend slightly on batch-mates (mean cosine ~0.994, worst ~0.99; see docs/dense.md)
    double sum = 0;
    double min = 1;
    for (int i = 0; i < texts.size(); i++) {
      double c = SharedEncoder.cosine(batch[i], embedder.embedOne(texts.get(i)));
      sum += c;
      min = Math.min(min, c);
    }
    double mean = sum / texts.size();
    assertTrue(mean > 0.99, "mean cosine " + mean);
    assertTrue(min > 0.98, "worst cosine " + min);
    System.out.printf("batch vs single cosine: mean %.4f, min %.4f%n", mean, min);
  }

  @Test
  void should_give_the_same_vectors_whether_batches_run_one_at_a_time_or_at_once() {
    // Given 45 texts of different lengths (six batches of 8) and two encoders that differ only in
    // how many batches they run at once
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 45; i++) texts.add("product " + i + " " + "with a longer description ".repeat(i % 7));
    EncoderConfig one = EncoderConfig.defaults().withParallelBatches(1);
    try (OnnxEmbedder sequential = OnnxEmbedder.createDefault(ExecutionDevice.CPU, SharedEncoder.NATIVE_DIR, one);
        OnnxEmbedder parallel = OnnxEmbedder.createDefault(ExecutionDevice.CPU, SharedEncoder.NATIVE_DIR, one.withParallelBatches(3))) {
      // When both embed the list
      float[][] a = sequential.embed(texts);
      float[][] b = parallel.embed(texts);
      // Then every text gets the same vector: same batch-mates, same order of rows
      for (int i = 0; i < texts.size(); i++) {
        for (int j = 0; j < a[i].length; j++) assertEquals(a[i][j], b[i][j], 1e-6, "text " + i + " component " + j);
      }
    }
  }

  @Test
  void should_give_identical_vectors_for_identical_rows_of_a_batch() {
    // Given a batch whose rows need no padding, the activations' range equals the single run's
    String t = "espresso machine with milk frother";
    float[][] v = embedder.embed(List.of(t, t, t));
    float[] single = embedder.embedOne(t);
    for (float[] row : v) for (int j = 0; j < single.length; j++) assertEquals(single[j], row[j], 1e-5);
  }

  @Test
  void should_load_model_directory_with_cls_pooling_and_no_normalization(@TempDir Path dir) throws Exception {
    // Given a model dir with the same model, its tokenizer and a settings file asking for raw CLS vectors
    Files.write(dir.resolve("model.onnx"), defaultModel());
    try (InputStream in = getClass().getResourceAsStream(OnnxEmbedder.DEFAULT_TOKENIZER)) {
      Files.copy(in, dir.resolve("tokenizer.json"));
    }
    Files.writeString(dir.resolve(EncoderConfig.FILE_NAME), "{\"pooling\":\"cls\",\"normalize\":false,\"maxLength\":128}");
    try (OnnxEmbedder fromDir = OnnxEmbedder.fromDirectory(dir, ExecutionDevice.CPU, SharedEncoder.NATIVE_DIR)) {
      // When it embeds a text
      String text = "stainless steel water bottle";
      float[] got = fromDir.embedOne(text);
      // Then the vector is the raw [CLS] token vector, and the name records the settings
      float[] cls = rawTokens(defaultModel(), fromDir.tokenizer().encode(text, 128))[0];
      for (int j = 0; j < cls.length; j++) assertEquals(cls[j], got[j], 2e-3);
      assertTrue(fromDir.name().endsWith("/cls/raw/128"), fromDir.name());
      assertTrue(Math.abs(Math.sqrt(dot(got, got)) - 1) > 0.01, "must not be normalized");
    }
  }

  @Test
  void should_run_on_cpu_and_keep_native_libraries_in_the_given_dir() throws Exception {
    assertEquals(ExecutionDevice.CPU, embedder.device());
    // the property is process-wide: whichever encoder started ORT first in this JVM chose the
    // directory (this class's, or a server test's data dir); either way it is ours, not /tmp
    Path used = Path.of(System.getProperty("onnxruntime.native.path"));
    assertTrue(used.toAbsolutePath().startsWith(Path.of("target").toAbsolutePath()), "native libraries under target/: " + used);
    assertTrue(Files.size(used.resolve(System.mapLibraryName("onnxruntime"))) > 1_000_000);
    assertTrue(Files.notExists(used.resolve(System.mapLibraryName("onnxruntime_providers_cuda"))));
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
    return f;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
    return s;
  }
}
