package dev.glasscart.retrieval.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.config.Settings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --search-engine} and {@code --engine-url}, from flags and from the environment. */
final class SearchEngineTest {

  private static SearchEngine read(Map<String, String> env, String... args) {
    return SearchEngine.read(Settings.parse(args, env, SearchEngine.SETTINGS));
  }

  @Test
  void inProcessByDefault() {
    assertEquals(SearchEngine.LUCENE, read(Map.of()));
    assertTrue(read(Map.of()).inProcess());
  }

  @Test
  void solrWithItsNodeUrlsFromFlagsOrEnvironment() {
    SearchEngine flags = read(Map.of(), "--search-engine", "solr", "--engine-url",
        "http://127.0.0.1:8983/solr, http://127.0.0.1:8984/solr/");
    assertEquals(SearchEngine.Kind.SOLR, flags.kind());
    assertEquals(List.of(URI.create("http://127.0.0.1:8983/solr"), URI.create("http://127.0.0.1:8984/solr/")), flags.urls());
    SearchEngine env = read(Map.of("GLASSCART_SEARCH_ENGINE", "SOLR", "GLASSCART_ENGINE_URL", "http://h:1/solr"));
    assertEquals(new SearchEngine(SearchEngine.Kind.SOLR, List.of(URI.create("http://h:1/solr"))), env);
    // a flag wins over its variable
    assertEquals(SearchEngine.LUCENE, read(Map.of("GLASSCART_SEARCH_ENGINE", "solr"), "--search-engine", "lucene"));
  }

  @Test
  void anEngineUrlAloneMeansSolrAndSolrAloneTheLocalEngine() {
    assertEquals(new SearchEngine(SearchEngine.Kind.SOLR, List.of(URI.create("http://h:1/solr"))),
        read(Map.of(), "--engine-url", "http://h:1/solr"));
    assertEquals(new SearchEngine(SearchEngine.Kind.SOLR, List.of(SearchEngine.DEFAULT_URL)), read(Map.of(), "--search-engine", "solr"));
  }

  @Test
  void badCombinationsAreRefusedWithTheirReason() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> read(Map.of(), "--search-engine", "lucene", "--engine-url", "http://h:1/solr")).getMessage()
        .contains("is for --search-engine solr"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new SearchEngine(SearchEngine.Kind.SOLR, List.of()))
        .getMessage().contains("needs --engine-url"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> read(Map.of(), "--search-engine", "elastic"))
        .getMessage().contains("must be lucene or solr"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> read(Map.of(), "--search-engine", "solr", "--engine-url", "ftp://h/solr")).getMessage().contains("illegal search engine URL"));
  }
}
