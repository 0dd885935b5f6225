package dev.glasscart.retrieval.dense;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.logging.Logger;

/**
 * Opens ONNX Runtime sessions on the chosen {@link ExecutionDevice}: the one place that decides the
 * execution provider, so encoders and the GPU vector index agree. AUTO resolves by probing for a
 * GPU first; CUDA is only ever requested when a GPU was detected or CUDA was named explicitly. If an
 * auto-detected GPU cannot be used, it falls back to CPU with a warning; an explicit CUDA request
 * that fails is an error. Thread-safe; blocking.
 */
final class OrtSessionFactory {
  private static final Logger LOG = Logger.getLogger(OrtSessionFactory.class.getName());
  private static volatile OrtEnvironment env;

  record Loaded(OrtEnvironment env, OrtSession session, ExecutionDevice device) {}

  private interface Opener {
    OrtSession open(OrtEnvironment env, OrtSession.SessionOptions options) throws OrtException;
  }

  private OrtSessionFactory() {}

  static Loaded open(byte[] model, ExecutionDevice device, Path nativeDir) {
    return open((env, o) -> env.createSession(model, o), device, nativeDir, "in-memory model");
  }

  static Loaded open(Path model, ExecutionDevice device, Path nativeDir) {
    return open((env, o) -> env.createSession(model.toString(), o), device, nativeDir, model.toString());
  }

  private static Loaded open(Opener opener, ExecutionDevice requested, Path nativeDir, String what) {
    ExecutionDevice device = requested.resolve();
    OrtNatives.prepare(nativeDir, device == ExecutionDevice.CUDA);
    OrtEnvironment env = environment();
    if (device == ExecutionDevice.CUDA) {
      try (OrtSession.SessionOptions o = options(ExecutionDevice.CUDA)) {
        o.addCUDA(0);
        OrtSession s = opener.open(env, o);
        LOG.info("ONNX session for " + what + " uses the CUDA execution provider");
        return new Loaded(env, s, ExecutionDevice.CUDA);
      } catch (OrtException | RuntimeException e) {
        if (requested == ExecutionDevice.CUDA) {
          throw new IllegalStateException("CUDA was requested but ONNX Runtime cannot use it for " + what, e);
        }
        LOG.warning("GPU detected but CUDA provider failed (" + e.getMessage() + "); falling back to CPU");
      }
    }
    try (OrtSession.SessionOptions o = options(ExecutionDevice.CPU)) {
      OrtSession s = opener.open(env, o);
      LOG.info("ONNX session for " + what + " uses the CPU execution provider");
      return new Loaded(env, s, ExecutionDevice.CPU);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot open ONNX model " + what + " on CPU", e);
    }
  }

  /**
   * The process-wide ORT environment. Its first use loads the native libraries and runs ORT's native
   * initialization, which crashed the JVM (SIGSEGV, no hs_err) on a 1 MB Java thread stack -- the
   * launcher's default for {@code main} -- here; so it is done once on a thread with a 64 MB stack.
   * Later session creation and runs are fine on ordinary threads.
   */
  static synchronized OrtEnvironment environment() {
    if (env != null) return env;
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(null, () -> {
      try {
        env = OrtEnvironment.getEnvironment();
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "ort-init", 64L << 20);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while initializing ONNX Runtime", e);
    }
    if (env == null) throw new IllegalStateException("cannot initialize ONNX Runtime", failure[0]);
    return env;
  }

  private static OrtSession.SessionOptions options(ExecutionDevice device) throws OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    // ORT's intra-op threads spin-wait after each run by default; between two queries the spinning
    // threads steal the cores from the Java work that follows (top-k, BM25, ranking): measured here,
    // query p50 10.4 ms with spinning vs 2.5 ms without. -Dglasscart.ort.spin=true restores it.
    if (!Boolean.getBoolean("glasscart.ort.spin")) o.addConfigEntry("session.intra_op.allow_spinning", "0");
    if (device == ExecutionDevice.CPU) {
      // One thread per run: ORT splits this encoder's small operators over its threads poorly, so
      // OnnxEmbedder runs several batches at once instead (docs/dense.md: 2 single-threaded runs
      // in flight 605 products/s vs 414/s for one run on 2 intra-op threads).
      // -Dglasscart.ort.threads=N overrides.
      o.setIntraOpNumThreads(Math.max(1, Integer.getInteger("glasscart.ort.threads", 1)));
      // ORT fuses the exported LayerNorm subgraph into its LayerNormalization kernel, which took a
      // third of the encoder's CPU time (profiled: 0.8 ms per call on 8 x 65 x 384); left unfused,
      // the same arithmetic runs as SimplifiedLayerNormalization plus element-wise ops in a sixth
      // of that. Same function, vectors equal within float rounding (OnnxEmbedderTest's reference check).
      if (!Boolean.getBoolean("glasscart.ort.layerNormFusion")) {
        o.addConfigEntry("optimization.disable_specified_optimizers", "LayerNormFusionL1;LayerNormFusionL2");
      }
    }
    return o;
  }

  /** First 12 hex digits of the SHA-256 of the model bytes: changes whenever the model does. */
  static String shortHash(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes)).substring(0, 12);
  }

  static String shortHash(Path file) {
    MessageDigest md = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + file, e);
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 12);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks SHA-256", e);
    }
  }
}
