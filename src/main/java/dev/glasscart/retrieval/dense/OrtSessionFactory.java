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
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    if (device == ExecutionDevice.CUDA) {
      try (OrtSession.SessionOptions o = options()) {
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
    try (OrtSession.SessionOptions o = options()) {
      OrtSession s = opener.open(env, o);
      LOG.info("ONNX session for " + what + " uses the CPU execution provider");
      return new Loaded(env, s, ExecutionDevice.CPU);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot open ONNX model " + what + " on CPU", e);
    }
  }

  private static OrtSession.SessionOptions options() throws OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
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
