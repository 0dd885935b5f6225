package dev.glasscart.retrieval.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * The SolrCloud cluster as Glasscart reaches it: its HTTP/JSON API over {@link HttpClient} (no
 * Solr or Lucene jar on Glasscart's classpath). It knows several node base URLs ({@code
 * http://host:port/solr}): the configured ones and, once it has reached one, every live node the
 * cluster lists. A request goes to the node that answered last; when that node cannot be reached
 * (connection refused or reset, no answer within the timeout) the next node is tried, so a node
 * outage costs one failed connection, not the query: any node routes a query to live replicas of
 * every shard.
 *
 * <p>Blocking (the calling thread waits for the answer): call from a worker or virtual thread,
 * never an event loop. Thread-safe.
 */
public final class SolrNodes {
  private static final Logger LOG = Logger.getLogger(SolrNodes.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration timeout;
  private final List<URI> nodes = new CopyOnWriteArrayList<>();
  private volatile int preferred;

  /** {@code bases}: one or more node base URLs ({@code http://127.0.0.1:8983/solr}). */
  public SolrNodes(List<URI> bases, Duration timeout) {
    if (bases.isEmpty()) throw new IllegalArgumentException("the search engine needs at least one URL");
    for (URI b : bases) nodes.add(trimmed(b));
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** {@code http://a:1/solr,http://b:2/solr}: the form of {@code --engine-url} and of the launcher's ENGINE_URL. */
  public static List<URI> parseUrls(String commaSeparated) {
    List<URI> out = new ArrayList<>();
    for (String part : commaSeparated.split(",")) {
      String u = part.strip();
      if (u.isEmpty()) continue;
      URI uri;
      try {
        uri = URI.create(u);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("illegal search engine URL '" + u + "': " + e.getMessage(), e);
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("illegal search engine URL '" + u + "', must look like http://127.0.0.1:8983/solr");
      }
      out.add(uri);
    }
    if (out.isEmpty()) throw new IllegalArgumentException("no search engine URL in '" + commaSeparated + "'");
    return out;
  }

  private static URI trimmed(URI u) {
    String s = u.toString();
    return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
  }

  /** Adds the cluster's live nodes to the ones known (after the configured ones). Blocking. */
  public void discover() {
    JsonNode status = get("admin/collections", Map.of("action", "CLUSTERSTATUS"));
    Set<URI> known = new LinkedHashSet<>(nodes);
    String scheme = nodes.get(0).getScheme();
    for (JsonNode n : status.path("cluster").path("live_nodes")) {
      // a node name is host:port_context, the context's slashes written as underscores
      String name = n.asText();
      int cut = name.indexOf('_');
      if (cut < 0) continue;
      URI uri = URI.create(scheme + "://" + name.substring(0, cut) + "/" + name.substring(cut + 1).replace('_', '/'));
      if (known.add(uri)) nodes.add(uri);
    }
  }

  /** The node URLs known now, the configured ones first. */
  public List<URI> nodes() {
    return List.copyOf(nodes);
  }

  /** A GET of {@code path} (relative to a node's base URL) with {@code params}; the answer's JSON. */
  public JsonNode get(String path, Map<String, String> params) {
    return send(base -> HttpRequest.newBuilder(URI.create(base + "/" + path + "?" + form(params, "wt", "json"))).GET());
  }

  /** A form POST (the query parameters in the body: long queries and vectors fit). */
  public JsonNode postForm(String path, List<Map.Entry<String, String>> params) {
    StringBuilder body = new StringBuilder("wt=json");
    for (Map.Entry<String, String> p : params) {
      body.append('&').append(enc(p.getKey())).append('=').append(enc(p.getValue()));
    }
    String text = body.toString();
    return send(base -> HttpRequest.newBuilder(URI.create(base + "/" + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));
  }

  /** A POST of {@code body} with {@code contentType} to {@code path?params}. */
  public JsonNode post(String path, Map<String, String> params, String contentType, byte[] body) {
    return send(base -> HttpRequest.newBuilder(URI.create(base + "/" + path + "?" + form(params, "wt", "json")))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private interface RequestFor {
    HttpRequest.Builder at(URI base);
  }

  private JsonNode send(RequestFor request) {
    List<URI> all = nodes();
    int start = preferred;
    IOException last = null;
    for (int i = 0; i < all.size(); i++) {
      int n = (start + i) % all.size();
      URI base = all.get(n);
      HttpResponse<byte[]> response;
      try {
        response = http.send(request.at(base).timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        LOG.warning("search engine node " + base + " did not answer (" + e + "); trying the next one");
        last = e;
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the search engine", e);
      }
      if (n != start) preferred = n;
      return answer(base, response);
    }
    throw new UncheckedIOException("no search engine node answered (tried " + all + ")", last);
  }

  private static JsonNode answer(URI base, HttpResponse<byte[]> response) {
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new EngineException("the search engine at " + base + " answered " + response.statusCode() + " with no JSON: "
          + new String(response.body(), 0, Math.min(300, response.body().length), StandardCharsets.UTF_8));
    }
    if (response.statusCode() / 100 != 2) {
      String msg = json.path("error").path("msg").asText(json.toString());
      throw new EngineException("the search engine at " + base + " answered " + response.statusCode() + ": " + msg);
    }
    return json;
  }

  private static String form(Map<String, String> params, String k, String v) {
    StringBuilder b = new StringBuilder(enc(k)).append('=').append(enc(v));
    params.forEach((key, value) -> b.append('&').append(enc(key)).append('=').append(enc(value)));
    return b.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The engine refused a request (its HTTP status and message). */
  public static final class EngineException extends RuntimeException {
    public EngineException(String message) {
      super(message);
    }
  }
}
