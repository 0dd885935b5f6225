package dev.glasscart.server;

import dev.glasscart.testing.EngineProcess;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@link TwoNodesTest}'s conversations, race and catalog change with both servers searching one
 * real SolrCloud cluster ({@code engine/}'s launcher in a JVM of its own: two nodes, two shards of
 * two copies) instead of an index each: a conversation alternating between them, a turn two
 * servers race on stored once, a product upserted through one found through the other's search on
 * the shared collection. The two servers' builds of that collection at start and when their
 * vectors join take turns (the database's advisory lock), so neither drops the other's.
 */
final class TwoNodesOnEngineTest extends TwoNodesTest {
  private EngineProcess engine;

  @Override
  protected List<String> catalogSearch(Path dir) throws Exception {
    engine = EngineProcess.start("two-nodes", dir.resolve("engine"), 2, 2, 1);
    String urls = engine.urls().stream().map(URI::toString).collect(Collectors.joining(","));
    return List.of("--search-engine", "solr", "--engine-url", urls);
  }

  @Override
  protected void stopCatalogSearch() throws Exception {
    if (engine != null) engine.close();
  }
}
