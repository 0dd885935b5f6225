package dev.glasscart.engine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * {@code glasscart engine}: a local SolrCloud cluster (an embedded ZooKeeper and {@code --nodes}
 * Solr nodes, each a Jetty server on the loopback address) in this JVM, which runs from the
 * engine module's own classpath, never Glasscart's. The first line on standard output is
 * {@code ENGINE_URL=<url>[,<url>...]}: every node's base URL, the first on {@code --port}; logs go
 * to standard error. SIGTERM (or Ctrl+C) shuts the nodes and ZooKeeper down.
 *
 * <p>{@code --shards S} and {@code --replicas R} are the layout Glasscart gives the collections it
 * creates here: the launcher stores them as the cluster properties {@value #SHARDS_PROPERTY} and
 * {@value #REPLICAS_PROPERTY} (R copies of each shard besides the first, as OpenSearch counts
 * replicas; Solr's replicationFactor is R + 1), which Glasscart reads when it creates a collection.
 *
 * <p>Standard input takes one command, for fault tests: {@code stop N} stops node N (from 0) as
 * an outage would and answers {@code STOPPED <url>}.
 */
public final class SolrEngine {
  /** The cluster property Glasscart reads the number of shards from. */
  public static final String SHARDS_PROPERTY = "ext.glasscart.shards";
  /** The cluster property Glasscart reads the number of extra copies of each shard from. */
  public static final String REPLICAS_PROPERTY = "ext.glasscart.replicas";

  static final String USAGE = "usage: glasscart engine --data-dir DIR [--port P] [--nodes N] [--shards S] [--replicas R]";

  private SolrEngine() {}

  record Options(Path dataDir, int port, int nodes, int shards, int replicas) {}

  static Options parse(String[] args) {
    Path dataDir = null;
    int port = 8983, nodes = 2, shards = 2, replicas = 1;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) throw new IllegalArgumentException("option " + flag + " needs a value");
      String value = args[++i];
      switch (flag) {
        case "--data-dir" -> dataDir = Path.of(value);
        case "--port" -> port = integer(flag, value, 0, 65535);
        case "--nodes" -> nodes = integer(flag, value, 1, 16);
        case "--shards" -> shards = integer(flag, value, 1, 64);
        case "--replicas" -> replicas = integer(flag, value, 0, 15);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (dataDir == null) throw new IllegalArgumentException("option --data-dir is required");
    if (replicas + 1 > nodes) {
      throw new IllegalArgumentException("--replicas " + replicas + " needs at least " + (replicas + 1)
          + " nodes (each copy of a shard on its own node), got --nodes " + nodes);
    }
    return new Options(dataDir, port, nodes, shards, replicas);
  }

  private static int integer(String flag, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("option " + flag + " needs an integer between " + min + " and " + max + ", got '" + value + "'");
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("glasscart engine: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    // standard output carries the URL line and command answers only
    PrintStream out = System.out;
    System.setOut(System.err);
    Files.createDirectories(options.dataDir());
    // the cluster's state (ZooKeeper, the nodes' indexes) lasts one run: Glasscart creates its
    // collection when it finds none
    Path base = options.dataDir().toAbsolutePath().resolve("solrcloud");
    deleteTree(base);
    Files.createDirectories(base);
    long t0 = System.nanoTime();
    MiniSolrCloudCluster cluster = new MiniSolrCloudCluster(0, base, JettyConfig.builder().build());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        cluster.shutdown();
      } catch (Exception e) {
        System.err.println("glasscart engine: shutdown: " + e);
      } finally {
        stopped.countDown();
      }
    }, "engine-shutdown"));
    List<JettySolrRunner> nodes = new ArrayList<>();
    for (int i = 0; i < options.nodes(); i++) {
      JettyConfig config = JettyConfig.builder().setPort(i == 0 ? options.port() : 0).build();
      nodes.add(cluster.startJettySolrRunner("node" + i, "/solr", config));
    }
    cluster.waitForAllNodes(60);
    CollectionAdminRequest.setClusterProperty(SHARDS_PROPERTY, Integer.toString(options.shards()))
        .process(cluster.getSolrClient());
    CollectionAdminRequest.setClusterProperty(REPLICAS_PROPERTY, Integer.toString(options.replicas()))
        .process(cluster.getSolrClient());
    List<String> urls = new ArrayList<>();
    for (JettySolrRunner n : nodes) urls.add(n.getBaseUrl().toString());
    out.println("ENGINE_URL=" + String.join(",", urls));
    out.flush();
    System.err.printf("glasscart engine: SolrCloud with %d nodes (%d shards, %d replicas each for new collections), "
        + "ZooKeeper %s, data in %s, started in %d ms%n", options.nodes(), options.shards(), options.replicas(),
        cluster.getZkServer().getZkAddress(), base, (System.nanoTime() - t0) / 1_000_000);
    commands(cluster, nodes, out);
    stopped.await();
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) return;
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  /** Reads fault-test commands from standard input until it closes. */
  private static void commands(MiniSolrCloudCluster cluster, List<JettySolrRunner> nodes, PrintStream out) {
    Thread t = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          String[] words = line.strip().split("\\s+");
          if (words.length == 2 && words[0].equals("stop")) {
            int i = Integer.parseInt(words[1]);
            JettySolrRunner node = nodes.get(i);
            String url = node.getBaseUrl().toString();
            cluster.stopJettySolrRunner(node);
            cluster.waitForJettyToStop(node);
            out.println("STOPPED " + url);
            out.flush();
          } else if (!line.isBlank()) {
            System.err.println("glasscart engine: unknown command '" + line + "' (known: stop N)");
          }
        }
      } catch (Exception e) {
        System.err.println("glasscart engine: command failed: " + e);
      }
    }, "engine-commands");
    t.setDaemon(true);
    t.start();
  }
}
