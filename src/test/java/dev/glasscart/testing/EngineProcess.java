package dev.glasscart.testing;

import dev.glasscart.retrieval.engine.SolrNodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real SolrCloud cluster for a test: {@code engine/}'s launcher in a JVM of its own, started
 * from the engine module's Maven classpath (built here when {@code ./glasscart build} has not
 * built it), stopped by SIGTERM on {@link #close}. Its log goes to {@code target/engine-<name>.log}.
 */
public final class EngineProcess implements AutoCloseable {
  private static final Path MODULE = Path.of("engine");
  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final List<URI> urls;

  private EngineProcess(Process process, BufferedReader out, Writer in, List<URI> urls) {
    this.process = process;
    this.out = out;
    this.in = in;
    this.urls = urls;
  }

  /** Starts {@code nodes} nodes; collections get {@code shards} shards of {@code replicas + 1} copies. */
  public static EngineProcess start(String name, Path dataDir, int nodes, int shards, int replicas) throws Exception {
    buildModuleIfNeeded();
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = "engine/target/classes:" + Files.readString(MODULE.resolve("target/classpath.txt")).strip();
    Path log = Path.of("target", "engine-" + name + ".log");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", cp, "dev.glasscart.engine.SolrEngine", "--data-dir", dataDir.toString(), "--port", "0",
        "--nodes", Integer.toString(nodes), "--shards", Integer.toString(shards), "--replicas", Integer.toString(replicas))
        .redirectError(log.toFile());
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    String line;
    try {
      line = first.get(240, TimeUnit.SECONDS);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("the engine did not print its URL (log: " + log + ")", e);
    }
    if (line == null || !line.startsWith("ENGINE_URL=")) {
      p.destroyForcibly();
      throw new IllegalStateException("the engine's first line was '" + line + "', not ENGINE_URL=... (log: " + log + ")");
    }
    return new EngineProcess(p, out, new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8),
        SolrNodes.parseUrls(line.substring("ENGINE_URL=".length())));
  }

  private static synchronized void buildModuleIfNeeded() throws Exception {
    if (Files.isRegularFile(MODULE.resolve("target/classpath.txt")) && Files.isDirectory(MODULE.resolve("target/classes"))) {
      return;
    }
    List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-q", "-f", MODULE.resolve("pom.xml").toString(), "compile"));
    Process mvn = new ProcessBuilder(cmd).inheritIO().start();
    if (mvn.waitFor() != 0) throw new IllegalStateException("could not build the engine module: " + cmd);
  }

  /** Every node's base URL, as the launcher printed them. */
  public List<URI> urls() {
    return urls;
  }

  /** Stops node {@code n} (its Jetty: the node leaves the cluster as in an outage); returns its URL. */
  public URI stopNode(int n) throws IOException {
    in.write("stop " + n + "\n");
    in.flush();
    String line = out.readLine();
    if (line == null || !line.startsWith("STOPPED ")) throw new IllegalStateException("the engine answered '" + line + "'");
    return URI.create(line.substring("STOPPED ".length()));
  }

  /** SIGTERM, and the wait for a clean exit (then the kill, should it hang). */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }

  public int exitCode() {
    return process.exitValue();
  }
}
