package dev.glasscart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.Glasscart;
import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.testing.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code bench load} for about a second against the test server: the counts it reports are consistent. */
final class LoadBenchTest {
  private static Glasscart app;
  private static Catalog catalog;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.config(TestApp.freshDataDir("load")));
    catalog = new Catalog(DemoCatalog.generate());
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  @Test
  void should_count_closed_loop_turns_idle_sockets_and_searches_consistently() throws Exception {
    // Given two shoppers in a closed loop beside 20 idle sockets, for one second after a short warm-up
    LoadBench.Options o = new LoadBench.Options("127.0.0.1", app.port(), 2, 0, 1.0, 0.3, 20, 0.5, 30, 1);

    // When the bench runs
    JsonObject r = LoadBench.run(o, catalog, LoadBench.ServerProcess.self());

    // Then turns were answered without errors, and every counted turn has its three latencies
    long turns = r.getLong("turns");
    assertTrue(turns > 0, r.encodePrettily());
    assertEquals(new JsonObject(), r.getJsonObject("errors"), r.encodePrettily());
    assertEquals(turns / 1.0, r.getDouble("turnsPerSecond"), 0.01);
    JsonObject lat = r.getJsonObject("latencyMs");
    assertEquals(turns, lat.getJsonObject("done").getInteger("n").longValue());
    assertTrue(lat.getJsonObject("results").getInteger("n") >= turns, lat.encode());
    for (String m : List.of("results", "firstToken", "done")) {
      JsonObject l = lat.getJsonObject(m);
      assertTrue(l.getDouble("p50") > 0 && l.getDouble("p50") <= l.getDouble("p95")
          && l.getDouble("p95") <= l.getDouble("p99") && l.getDouble("p99") <= l.getDouble("max"), m + " " + l.encode());
    }
    assertTrue(lat.getJsonObject("results").getDouble("p50") <= lat.getJsonObject("done").getDouble("p50"), lat.encode());
    // And the idle sockets all connected and were still open at the end
    JsonObject idle = r.getJsonObject("idle");
    assertEquals(20, idle.getInteger("connected"), idle.encode());
    assertEquals(20, idle.getInteger("stillOpenAtEnd"), idle.encode());
    // And the /api/search yardstick ran, so the ratios exist
    JsonObject search = r.getJsonObject("search");
    assertTrue(search.getLong("requests") > 0, search.encode());
    assertEquals(new JsonObject(), search.getJsonObject("errors"));
    assertTrue(r.getJsonObject("ratios").getDouble("turnsPerSecondOverSearchesPerSecond") > 0, r.getJsonObject("ratios").encode());
    // And the server process was measured
    JsonObject p = r.getJsonObject("serverProcess");
    assertTrue(p.getLong("rssMb") > 0 && p.getDouble("cpuSeconds") >= 0, p.encode());
    assertTrue(p.getDouble("jitCpuSeconds") >= 0 && p.getDouble("gcCpuSeconds") >= 0
        && p.getDouble("jitCpuSeconds") + p.getDouble("gcCpuSeconds") <= p.getDouble("cpuSeconds") + 0.05, p.encode());
    assertFalse(LoadBench.describe(r).isBlank());
  }

  @Test
  void should_send_no_more_than_the_open_loop_rate() throws Exception {
    // Given an open loop of 4 messages per second over 2 shoppers for one second
    LoadBench.Options o = new LoadBench.Options("127.0.0.1", app.port(), 2, 4, 1.0, 0.0, 0, 0, 30, 2);

    // When the bench runs
    JsonObject r = LoadBench.run(o, catalog, LoadBench.ServerProcess.self());

    // Then turns were answered, no more than the schedule allows (plus one first send per shopper)
    long turns = r.getLong("turns");
    assertTrue(turns >= 1 && turns + r.getInteger("skippedSends") <= 4 + 2, r.encodePrettily());
    assertEquals(new JsonObject(), r.getJsonObject("errors"), r.encodePrettily());
  }

  @Test
  void should_read_an_events_type_from_its_start_or_else_from_the_parsed_text() {
    assertEquals("results", LoadBench.eventType("{\"type\":\"results\",\"turn\":1,\"items\":[{\"type\":\"x\"}]}"));
    assertEquals("first_token", LoadBench.eventType("{\"type\":\"first_token\"}"));
    // not this server's layout: another member first, spaces, an escape in the name
    assertEquals("done", LoadBench.eventType("{\"turn\":2,\"type\":\"done\"}"));
    assertEquals("done", LoadBench.eventType("{ \"type\" : \"done\" }"));
    assertEquals("do\"ne", LoadBench.eventType("{\"type\":\"do\\\"ne\"}"));
    assertEquals("", LoadBench.eventType("{\"turn\":3}"));
  }

  @Test
  void should_refuse_a_server_that_is_not_on_loopback() {
    LoadBench.requireLoopback("127.0.0.1");
    LoadBench.requireLoopback("localhost");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadBench.requireLoopback("10.1.2.3"));
    assertTrue(e.getMessage().contains("loopback"), e.getMessage());
  }

  @Test
  void should_build_conversations_from_the_catalogs_own_words() {
    // Given the demo catalog's vocabulary
    LoadMessages messages = LoadMessages.of(catalog);
    java.util.Set<String> categories = new java.util.HashSet<>();
    catalog.products().forEach(p -> categories.add(p.category().toLowerCase(java.util.Locale.ROOT)));

    // When many conversations are drawn
    Random random = new Random(3);
    int namingACategory = 0;
    for (int i = 0; i < 200; i++) {
      List<String> c = messages.conversation(random);
      // Then each has a search, one or two refinements and at most one follow-up
      assertTrue(c.size() >= 2 && c.size() <= 4, c.toString());
      assertTrue(c.stream().noneMatch(String::isBlank), c.toString());
      if (categories.stream().anyMatch(c.get(0)::contains)) namingACategory++;
    }
    // And most first messages name one of the catalog's categories (the rest are constraint-only)
    assertTrue(namingACategory > 120, "first messages naming a category: " + namingACategory);
  }
}
