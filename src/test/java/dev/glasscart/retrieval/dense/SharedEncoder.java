package dev.glasscart.retrieval.dense;

import java.nio.file.Path;

/** One real OnnxEmbedder per test JVM (the machine has 2 shared cores: load the model once). */
final class SharedEncoder {
  /** Where the tests point ONNX Runtime's native libraries (a data-dir stand-in). */
  static final Path NATIVE_DIR = Path.of("target", "ort-native").toAbsolutePath();
  private static OnnxEmbedder embedder;

  private SharedEncoder() {}

  static synchronized OnnxEmbedder get() {
    if (embedder == null) embedder = OnnxEmbedder.createDefault(ExecutionDevice.CPU, NATIVE_DIR);
    return embedder;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
