package dev.glasscart.retrieval.dense;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where ONNX models run. {@link #AUTO} (the default) becomes {@link #CUDA} only when an NVIDIA GPU
 * is really present ({@code /dev/nvidia0} exists or {@code /proc/driver/nvidia/gpus} is non-empty),
 * else {@link #CPU}. onnxruntime_gpu lists CUDA as available even on CPU-only machines, and asking
 * for it there fails only after ~4.5 s and ~590 MB of unpacked libraries, so it is never asked
 * unless a GPU is detected or CUDA is requested explicitly.
 */
public enum ExecutionDevice {
  AUTO,
  CPU,
  CUDA;

  /** Parses {@code auto}, {@code cpu} or {@code cuda} (case-insensitive; null or blank is auto). */
  public static ExecutionDevice parse(String value) {
    if (value == null || value.isBlank()) return AUTO;
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "cpu" -> CPU;
      case "cuda", "gpu" -> CUDA;
      default -> throw new IllegalArgumentException("illegal device: " + value + ", must be auto, cpu or cuda");
    };
  }

  /** CPU or CUDA, probing this machine's root file system for AUTO. */
  public ExecutionDevice resolve() {
    return resolve(Path.of("/"));
  }

  /** CPU or CUDA, probing {@code /dev} and {@code /proc} under {@code root} for AUTO (tests pass a temp dir). */
  public ExecutionDevice resolve(Path root) {
    if (this != AUTO) return this;
    return gpuPresent(root) ? CUDA : CPU;
  }

  static boolean gpuPresent(Path root) {
    if (Files.exists(root.resolve("dev/nvidia0"))) return true;
    Path gpus = root.resolve("proc/driver/nvidia/gpus");
    if (!Files.isDirectory(gpus)) return false;
    try (Stream<Path> s = Files.list(gpus)) {
      return s.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }
}
