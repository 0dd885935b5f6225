package dev.glasscart.retrieval.engine;

import dev.glasscart.config.Setting;
import dev.glasscart.config.Settings;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where catalog search runs ({@code --search-engine}, {@code --engine-url}): in this process
 * (Lucene BM25 and the in-memory vector index, the default) or on a SolrCloud cluster reached at
 * one or more node URLs. {@code serve} and {@code eval} read it through the same two settings.
 *
 * @param urls the engine's node base URLs; empty for {@link Kind#LUCENE}
 */
public record SearchEngine(Kind kind, List<URI> urls) {

  /** The search implementations. */
  public enum Kind { LUCENE, SOLR }

  /** In-process search. */
  public static final SearchEngine LUCENE = new SearchEngine(Kind.LUCENE, List.of());

  /** Where {@code ./glasscart engine} listens by default. */
  public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8983/solr");

  public static final Setting SEARCH_ENGINE = Setting.of("--search-engine", "`lucene`; `solr` with `--engine-url`",
      "`lucene`: catalog search in this process; `solr`: on a SolrCloud cluster at `--engine-url` (same fields, analysis and "
          + "boosts, k-NN over the same embeddings; `./glasscart engine` runs one; [docs/engine.md](docs/engine.md))");
  public static final Setting ENGINE_URL = Setting.of("--engine-url", "`" + DEFAULT_URL + "` with `solr`",
      "the search engine's node URLs, comma-separated (`http://127.0.0.1:8983/solr`), as `./glasscart engine` prints them; "
          + "the other live nodes are found from the first that answers, and a query goes to the next when one is down");

  /** The two settings, in table order. */
  public static final List<Setting> SETTINGS = List.of(SEARCH_ENGINE, ENGINE_URL);

  public SearchEngine {
    Objects.requireNonNull(kind, "kind");
    urls = List.copyOf(urls);
    if (kind == Kind.SOLR && urls.isEmpty()) {
      throw new IllegalArgumentException("--search-engine solr needs --engine-url (run ./glasscart engine for a local one)");
    }
    if (kind == Kind.LUCENE && !urls.isEmpty()) {
      throw new IllegalArgumentException("--engine-url is for --search-engine solr; the lucene search runs in this process");
    }
  }

  /**
   * The settings' values (both from {@code s}, which must declare {@link #SETTINGS}): an engine URL
   * alone means solr, solr alone the local engine's default URL.
   */
  public static SearchEngine read(Settings s) {
    String url = s.string(ENGINE_URL, null);
    String kind = s.string(SEARCH_ENGINE, url == null ? "lucene" : "solr").strip().toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "lucene" -> new SearchEngine(Kind.LUCENE, url == null ? List.of() : SolrNodes.parseUrls(url));
      case "solr" -> new SearchEngine(Kind.SOLR, url == null ? List.of(DEFAULT_URL) : SolrNodes.parseUrls(url));
      default -> throw new IllegalArgumentException("illegal --search-engine '" + kind + "', must be lucene or solr");
    };
  }

  public boolean inProcess() {
    return kind == Kind.LUCENE;
  }

  @Override
  public String toString() {
    return inProcess() ? "lucene (in process)" : "solr at " + urls;
  }
}
