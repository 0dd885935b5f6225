package dev.glasscart.retrieval.dense;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Puts ONNX Runtime's native libraries in a directory we own instead of the temp dir.
 *
 * <p>What ORT 1.29's {@code ai.onnxruntime.OnnxRuntime.init()} does (read from its bytecode): it
 * always creates an {@code onnxruntime-java*} directory with {@code Files.createTempDirectory}
 * (so under {@code java.io.tmpdir}); it reads system property {@code onnxruntime.native.path} and,
 * for each library ({@code onnxruntime_providers_shared}, {@code onnxruntime}, {@code
 * onnxruntime4j_jni}, and later {@code onnxruntime_providers_cuda} when CUDA is asked for), loads it
 * from that directory when the file exists there, else extracts it from the jar into the temp
 * directory and deletes it on exit. So every start re-extracted ~33 MB, or ~620 MB with CUDA.
 *
 * <p>{@link #prepare} copies the libraries out of the jar once into {@code dir} (kept across restarts,
 * re-copied when the size differs) and sets {@code onnxruntime.native.path} to it. It must run before
 * ORT is first touched in the process; when the property is already set (operator's choice) it
 * changes nothing. Thread-safe; blocking (file copies).
 */
final class OrtNatives {
  static final String PROPERTY = "onnxruntime.native.path";
  private static final Logger LOG = Logger.getLogger(OrtNatives.class.getName());
  private static final String[] BASE = {"onnxruntime_providers_shared", "onnxruntime", "onnxruntime4j_jni"};

  private OrtNatives() {}

  static synchronized void prepare(Path dir, boolean withCuda) {
    ensureTempDir();
    if (dir == null) return;
    String preset = System.getProperty(PROPERTY);
    if (preset != null && !preset.equals(dir.toAbsolutePath().toString())) {
      LOG.info("onnxruntime.native.path already set to " + preset + "; not using " + dir);
      return;
    }
    String platform = platform();
    if (platform == null) {
      LOG.info("no bundled ONNX Runtime libraries for this platform; ORT uses java.io.tmpdir");
      return;
    }
    List<String> libs = new ArrayList<>(List.of(BASE));
    if (withCuda) libs.add("onnxruntime_providers_cuda");
    try {
      Files.createDirectories(dir);
      for (String lib : libs) {
        String file = System.mapLibraryName(lib);
        URL url = OrtNatives.class.getResource("/ai/onnxruntime/native/" + platform + "/" + file);
        if (url == null) continue;
        copyIfChanged(url, dir.resolve(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare ONNX Runtime native libraries in " + dir, e);
    }
    System.setProperty(PROPERTY, dir.toAbsolutePath().toString());
    LOG.info("ONNX Runtime native libraries in " + dir.toAbsolutePath());
  }

  /** ORT's init creates a directory in java.io.tmpdir and fails when that does not exist. */
  private static void ensureTempDir() {
    try {
      Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    } catch (IOException e) {
      throw new UncheckedIOException("java.io.tmpdir " + System.getProperty("java.io.tmpdir") + " is unusable", e);
    }
  }

  private static void copyIfChanged(URL url, Path target) throws IOException {
    URLConnection c = url.openConnection();
    long size = c.getContentLengthLong();
    if (size >= 0 && Files.exists(target) && Files.size(target) == size) return;
    Path tmp = target.resolveSibling(target.getFileName() + ".part");
    try (InputStream in = c.getInputStream()) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
    if (os.contains("linux") && x64) return "linux-x64";
    if (os.contains("win") && x64) return "win-x64";
    return null;
  }
}
