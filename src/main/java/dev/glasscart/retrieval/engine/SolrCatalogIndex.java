package dev.glasscart.retrieval.engine;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.CatalogIndex;
import dev.glasscart.retrieval.Signals;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import dev.glasscart.retrieval.lexical.ProductDocuments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The catalog as a SolrCloud collection behind an alias. {@link #replaceAll} (and the first
 * {@link #index}) creates a new collection named after a fingerprint of what it will hold (schema,
 * every product's indexed fields, every vector), with the configset {@link SolrSchema} writes, the
 * shard count and replicas the cluster's {@code ext.glasscart.*} properties give (the launcher
 * sets them; 1 shard and no replica when absent), bulk-indexes it in batches of {@value #BATCH}
 * with progress logged, commits, then points the alias at it in one step and deletes the old
 * collection: a search through the alias sees the old catalog or the new one, never a mix. When
 * the alias already points at a collection with the same fingerprint (a restart, a second app
 * node, a repeated eval), nothing is indexed.
 *
 * <p>Live changes ({@link #apply}) go through the alias to the collection it points at. Vectors,
 * when a {@link Vectors} source is given, are the embeddings Glasscart computed (the engine does
 * not embed). Blocking; changes are serialized on this object.
 */
public final class SolrCatalogIndex implements CatalogIndex {
  private static final Logger LOG = Logger.getLogger(SolrCatalogIndex.class.getName());
  /** Products per bulk request. */
  public static final int BATCH = 500;
  /** Cluster properties the launcher sets (engine/SolrEngine): shards, and copies of each shard besides the first. */
  static final String SHARDS_PROPERTY = "ext.glasscart.shards";
  static final String REPLICAS_PROPERTY = "ext.glasscart.replicas";
  private static final JsonFactory JSON = new JsonFactory();
  private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

  private final SolrNodes nodes;
  private final String alias;
  private final ProductAnalyzer analyzer;
  private volatile Vectors vectors;
  private volatile String collection;

  public SolrCatalogIndex(SolrNodes nodes, String alias, ProductAnalyzer analyzer) {
    this.nodes = Objects.requireNonNull(nodes, "nodes");
    if (!alias.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("illegal collection alias '" + alias + "'");
    this.alias = alias;
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
  }

  SolrNodes nodes() {
    return nodes;
  }

  /** The name searches use: the alias. */
  String alias() {
    return alias;
  }

  ProductAnalyzer analyzer() {
    return analyzer;
  }

  /** The collection the alias points at now (after {@link #index}). */
  public String collection() {
    return collection;
  }

  /** Whether the collection holds vectors (k-NN search is possible). */
  public boolean hasVectors() {
    return vectors != null;
  }

  /**
   * Makes the alias point at a collection holding {@code catalog} (and, when {@code vectors} is
   * not null, its vectors): the one it points at when that already holds exactly this, else a new
   * one, built and swapped in. Blocking: seconds per ten thousand products.
   *
   * @return whether a new collection was built (false: the alias's one already held this)
   */
  public synchronized boolean index(Catalog catalog, Vectors vectors) {
    this.vectors = vectors;
    return build(catalog);
  }

  @Override
  public synchronized void vectorsJoined(Catalog catalog, Vectors vectors) {
    index(catalog, vectors);
  }

  @Override
  public synchronized void replaceAll(Catalog catalog) {
    build(catalog);
  }

  private boolean build(Catalog catalog) {
    long t0 = System.nanoTime();
    int dimension = vectors == null ? 0 : vectors.dimension();
    String schema = SolrSchema.schema(analyzer, dimension);
    // named by the catalog's text, and by its vectors when it has them: a collection that holds
    // this catalog serves a server without vectors yet, and one with vectors (another server's
    // build, another run of the same encoder) one that has them, so servers sharing the engine
    // neither build it twice nor swap a vector collection back to text only
    String text = alias + "_" + fingerprint(SolrSchema.schema(analyzer, 0), catalog, null);
    String name = dimension > 0 ? text + "_v" + fingerprint(schema, catalog, vectors) : text;
    String current = aliasTarget();
    if (current != null && (current.equals(name) || current.startsWith(dimension > 0 ? text + "_v" : text))) {
      collection = current;
      LOG.info("search engine: collection " + current + " already holds these " + catalog.size() + " products; not re-indexed");
      return false;
    }
    if (collectionExists(name)) drop(name); // left over from an interrupted build
    dropConfigSet(name);
    nodes.post("admin/configs", Map.of("action", "UPLOAD", "name", name), "application/octet-stream",
        SolrSchema.configSetZip(analyzer, dimension));
    int[] layout = layout();
    nodes.get("admin/collections", Map.of("action", "CREATE", "name", name, "collection.configName", name,
        "numShards", Integer.toString(layout[0]), "replicationFactor", Integer.toString(layout[1] + 1),
        "waitForFinalState", "true"));
    LOG.info("search engine: collection " + name + " created (" + layout[0] + " shards, " + (layout[1] + 1)
        + " copies of each" + (dimension > 0 ? ", " + dimension + "-dimensional vectors" : "") + ")");
    List<Product> products = catalog.products();
    long lastLog = System.nanoTime();
    for (int from = 0; from < products.size(); from += BATCH) {
      List<Product> batch = products.subList(from, Math.min(products.size(), from + BATCH));
      nodes.post(name + "/update", Map.of(), "application/json", documents(batch));
      int done = from + batch.size();
      long now = System.nanoTime();
      if (now - lastLog >= PROGRESS_EVERY_NANOS || done == products.size()) {
        lastLog = now;
        double seconds = (now - t0) / 1e9;
        LOG.info(String.format(java.util.Locale.ROOT, "search engine: indexed %d of %d products into %s (%.0f/s)",
            done, products.size(), name, done / Math.max(seconds, 1e-9)));
      }
    }
    nodes.get(name + "/update", Map.of("commit", "true", "waitSearcher", "true"));
    // one step: searches through the alias go to the new collection from here on
    nodes.get("admin/collections", Map.of("action", "CREATEALIAS", "name", alias, "collections", name));
    collection = name;
    LOG.info("search engine: alias " + alias + " now points at " + name + " (" + products.size() + " products in "
        + (System.nanoTime() - t0) / 1_000_000 + " ms)");
    if (current != null && !current.equals(name)) {
      drop(current);
      dropConfigSet(current);
    }
    return true;
  }

  /** {@code [shards, extra copies]} from the cluster properties. */
  private int[] layout() {
    JsonNode props = nodes.get("admin/collections", Map.of("action", "CLUSTERSTATUS")).path("cluster").path("properties");
    int shards = props.path(SHARDS_PROPERTY).asInt(1);
    int replicas = props.path(REPLICAS_PROPERTY).asInt(0);
    return new int[] {Math.max(1, shards), Math.max(0, replicas)};
  }

  /** The collection the alias points at, or null when there is no such alias. */
  private String aliasTarget() {
    JsonNode target = nodes.get("admin/collections", Map.of("action", "LISTALIASES")).path("aliases").path(alias);
    return target.isMissingNode() || target.asText().isBlank() ? null : target.asText();
  }

  private boolean collectionExists(String name) {
    for (JsonNode c : nodes.get("admin/collections", Map.of("action", "LIST")).path("collections")) {
      if (c.asText().equals(name)) return true;
    }
    return false;
  }

  private void drop(String name) {
    try {
      nodes.get("admin/collections", Map.of("action", "DELETE", "name", name));
    } catch (SolrNodes.EngineException e) {
      LOG.warning("search engine: could not delete the old collection " + name + ": " + e.getMessage());
    }
  }

  private void dropConfigSet(String name) {
    try {
      nodes.get("admin/configs", Map.of("action", "DELETE", "name", name));
    } catch (SolrNodes.EngineException e) {
      // none of that name: nothing to delete
    }
  }

  @Override
  public synchronized void apply(Collection<Product> upserts, Collection<String> deletes) {
    if (collection == null) throw new IllegalStateException("the search engine collection is not built yet");
    if (!upserts.isEmpty()) nodes.post(alias + "/update", Map.of(), "application/json", documents(List.copyOf(upserts)));
    if (!deletes.isEmpty()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
        g.writeStartObject();
        g.writeArrayFieldStart("delete");
        for (String id : deletes) g.writeString(id);
        g.writeEndArray();
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      nodes.post(alias + "/update", Map.of(), "application/json", out.toByteArray());
    }
    nodes.get(alias + "/update", Map.of("commit", "true", "waitSearcher", "true"));
  }

  /** The JSON array of {@code products}' documents: id, the text fields, the vector. */
  private byte[] documents(List<Product> products) {
    Vectors v = vectors;
    ByteArrayOutputStream out = new ByteArrayOutputStream(products.size() * 2048);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartArray();
      for (Product p : products) {
        g.writeStartObject();
        g.writeStringField(Signals.ID, p.id());
        for (Map.Entry<String, List<String>> f : ProductDocuments.fields(p).entrySet()) {
          if (f.getValue().size() == 1 && !f.getKey().equals(Signals.TAGS) && !f.getKey().equals(Signals.ATTRIBUTES)) {
            g.writeStringField(f.getKey(), f.getValue().get(0));
          } else {
            g.writeArrayFieldStart(f.getKey());
            for (String s : f.getValue()) g.writeString(s);
            g.writeEndArray();
          }
        }
        float[] vector = v == null ? null : v.of(p.id());
        if (vector != null) {
          g.writeArrayFieldStart(SolrSchema.VECTOR);
          for (float x : vector) g.writeNumber(x);
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** 12 hex digits of SHA-256 over the schema and every product's fields and vector ({@code v}'s, if any), in catalog order. */
  private static String fingerprint(String schema, Catalog catalog, Vectors v) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha.update(schema.getBytes(StandardCharsets.UTF_8));
    for (Product p : catalog.products()) {
      sha.update(documentKey(p));
      float[] vector = v == null ? null : v.of(p.id());
      if (vector != null) {
        ByteBuffer b = ByteBuffer.allocate(vector.length * Float.BYTES);
        for (float x : vector) b.putFloat(x);
        sha.update(b.array());
      }
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 6);
  }

  private static byte[] documentKey(Product p) {
    StringBuilder b = new StringBuilder(p.id()).append('\u0000');
    // values in sorted order: an attribute map's iteration order differs from one JVM to the next,
    // and every server sharing the engine must name the same catalog's collection alike
    ProductDocuments.fields(p).forEach((f, values) -> {
      b.append(f).append('\u0001');
      for (String s : values.stream().sorted().toList()) b.append(s).append('\u0002');
    });
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Nothing to release: the collection stays in the engine for the next start (or the next app node). */
  @Override
  public void close() {}
}
