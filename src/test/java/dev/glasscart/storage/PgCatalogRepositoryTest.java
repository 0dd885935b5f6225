package dev.glasscart.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.CatalogRepository;
import dev.glasscart.catalog.DemoCatalog;
import dev.glasscart.catalog.Product;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class PgCatalogRepositoryTest {

  private static Database db;
  private static PgCatalogRepository repository;

  @BeforeAll
  static void setUp(Vertx vertx) {
    db = TestDatabase.createMigrated(vertx);
    repository = new PgCatalogRepository(db.pool());
  }

  @AfterAll
  static void tearDown() {
    db.close().await();
  }

  private static List<Product> products(String prefix, int n) {
    List<Product> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Product(prefix + i, "Trail Shoe " + i, "A shoe", "Merrell", "hiking boots", 50 + i, "USD",
          (i % 50) / 10.0, i, List.of("hiking", "boot"), Map.of("colour", i % 2 == 0 ? "brown" : "black"),
          i % 7, List.of("Great grip."), i % 3 == 0 ? null : "https://img.example/" + i + ".jpg"));
    }
    return out;
  }

  @Test
  void should_store_and_load_every_field_in_import_order() {
    // Given products in a non-sorted id order
    List<Product> given = new ArrayList<>(products("b-", 40));
    given.addAll(products("a-", 40));

    // When replacing the catalog and loading it
    repository.replaceAll(given).await();
    Catalog loaded = repository.load().await();

    // Then every product comes back equal, in the same order
    assertEquals(given, loaded.products());
    assertEquals(80, repository.count().await());
  }

  @Test
  void should_record_the_digest_of_a_whole_catalog_and_forget_it_on_a_live_change() {
    // Given a catalog stored whole, larger than one INSERT's rows
    List<Product> given = products("d-", PgCatalogRepository.ROWS_PER_INSERT + 7);
    repository.replaceAll(given).await();

    // Then every row is there in order and the stored digest is the products' digest
    assertEquals(given, repository.load().await().products());
    assertEquals(java.util.Optional.of(PgCatalogRepository.digest(given)), repository.storedDigest().await());
    // the same products with their attributes given in another order are the same catalog (a
    // product's attribute map iterates in an order that differs between JVMs)
    Product many = new Product("m", "Shoe", "A shoe", "Merrell", "boots", 50, "USD", 4, 1, List.of("a"), orderedMap("colour", "brown",
        "size", "9", "material", "leather", "gender", "women", "width", "wide"), 1, List.of(), null);
    Product reversed = new Product("m", "Shoe", "A shoe", "Merrell", "boots", 50, "USD", 4, 1, List.of("a"), orderedMap("width", "wide",
        "gender", "women", "material", "leather", "size", "9", "colour", "brown"), 1, List.of(), null);
    assertEquals(PgCatalogRepository.digest(List.of(many)), PgCatalogRepository.digest(List.of(reversed)));
    String json = PgCatalogRepository.storedJson(reversed);
    List<Integer> at = java.util.stream.Stream.of("colour", "gender", "material", "size", "width")
        .map(k -> json.indexOf("\"" + k + "\":")).toList();
    assertEquals(at.stream().sorted().toList(), at, "attributes in key order, whatever the map's own order: " + json);
    // another order, or one field changed, is another catalog
    List<Product> reordered = new ArrayList<>(given);
    java.util.Collections.swap(reordered, 0, 1);
    assertTrue(!PgCatalogRepository.digest(reordered).equals(PgCatalogRepository.digest(given)));
    List<Product> repriced = new ArrayList<>(given);
    Product p = given.get(3);
    repriced.set(3, new Product(p.id(), p.title(), p.description(), p.brand(), p.category(), p.price() + 1, p.currency(),
        p.rating(), p.reviewCount(), p.tags(), p.attributes(), p.stock(), p.reviews(), p.imageUrl()));
    assertTrue(!PgCatalogRepository.digest(repriced).equals(PgCatalogRepository.digest(given)));

    // When a delete finds nothing, the digest stays; when a delete or an upsert changes the table, it is forgotten
    repository.delete("no-such-id").await();
    assertTrue(repository.storedDigest().await().isPresent());
    repository.delete("d-0").await();
    assertEquals(java.util.Optional.empty(), repository.storedDigest().await());
    repository.replaceAll(given).await();
    repository.upsert(List.of(repriced.get(3))).await();
    assertEquals(java.util.Optional.empty(), repository.storedDigest().await());
  }

  @Test
  void should_upsert_in_place_append_new_products_and_delete_by_id() {
    // Given a stored catalog of three
    List<Product> three = products("u-", 3);
    repository.replaceAll(three).await();
    Product changed = new Product("u-1", "Trail Shoe 1, new colour", "A shoe", "Merrell", "hiking boots", 44, "USD", 0, 0,
        List.of(), Map.of("colour", "green"), 2, List.of(), null);
    Product added = products("v-", 2).get(1);

    // When upserting a changed one and a new one, then deleting the first and an unknown id
    repository.upsert(List.of(added, changed)).await();
    boolean deleted = repository.delete("u-0").await();
    boolean unknown = repository.delete("nope").await();

    // Then the changed product kept its place, the new one came last, the deleted one is gone
    assertEquals(List.of(changed, three.get(2), added), repository.load().await().products());
    assertTrue(deleted);
    assertEquals(false, unknown);
  }

  @Test
  void should_round_trip_the_whole_demo_catalog() {
    // Given the demo catalog
    List<Product> demo = DemoCatalog.generate();

    // When storing and loading it
    repository.replaceAll(demo).await();
    Catalog loaded = repository.load().await();

    // Then it comes back identical
    assertEquals(demo, loaded.products());
  }

  @Test
  void should_keep_the_old_catalog_when_a_replacement_fails_midway() {
    // Given a stored catalog
    List<Product> old = products("old-", 30);
    repository.replaceAll(old).await();
    // and a larger replacement whose 700th row PostgreSQL rejects (jsonb cannot hold \u0000)
    List<Product> replacement = new ArrayList<>(products("new-", 1000));
    Product good = replacement.get(700);
    replacement.set(700, new Product(good.id(), "Broken\u0000title", "", "", "", 1, "USD", 1, 0, List.of(),
        Map.of(), 1, List.of(), null));

    // When replacing
    Throwable failure = assertThrows(IllegalStateException.class, () -> repository.replaceAll(replacement).await());

    // Then the failure says so and the old catalog is intact
    assertTrue(failure.getMessage().contains("old catalog kept"), failure.getMessage());
    assertEquals(old, repository.load().await().products());
    assertEquals(30, repository.count().await());
  }

  @Test
  void should_replace_with_an_empty_catalog() {
    // Given a stored catalog
    repository.replaceAll(products("x-", 5)).await();

    // When replacing it with nothing
    repository.replaceAll(List.of()).await();

    // Then it is empty
    assertEquals(0, repository.load().await().size());
  }

  @Test
  void should_number_every_change_in_order_with_its_origin_and_products() {
    // Given a second writer (another server) on the same database, and the version now
    PgCatalogRepository other = new PgCatalogRepository(db.pool(), "other-server");
    long before = repository.version().await();

    // When one replaces the catalog, the other upserts two products, the first deletes one
    repository.replaceAll(products("v", 3)).await();
    other.upsert(products("w", 2)).await();
    assertTrue(repository.delete("v1").await());
    assertFalse(repository.delete("nothing-here").await());

    // Then three changes follow the old version, in order, each with its writer and products
    List<CatalogRepository.Change> changes = repository.changesSince(before).await();
    assertEquals(List.of(before + 1, before + 2, before + 3), changes.stream().map(CatalogRepository.Change::version).toList());
    assertEquals(new CatalogRepository.Change(before + 1, repository.origin(), List.of(), List.of(), true), changes.get(0));
    assertEquals(new CatalogRepository.Change(before + 2, "other-server", List.of("w0", "w1"), List.of(), false), changes.get(1));
    assertEquals(new CatalogRepository.Change(before + 3, repository.origin(), List.of(), List.of("v1"), false), changes.get(2));
    assertEquals(before + 3, repository.version().await());
    assertEquals(List.of(), repository.changesSince(before + 3).await());
    // and the products a change names are read back as stored now (the deleted one missing)
    assertEquals(List.of("v0", "w1"), repository.products(List.of("w1", "v1", "v0")).await().stream().map(Product::id).toList());
  }

  @Test
  void should_announce_each_committed_change_to_listeners() throws Exception {
    // Given a listener on the change channel
    java.util.concurrent.LinkedBlockingQueue<Long> heard = new java.util.concurrent.LinkedBlockingQueue<>();
    AutoCloseable listening = db.listen(PgCatalogRepository.CHANNEL, () -> heard.add(System.nanoTime())).await();
    try {
      assertTrue(heard.poll(10, java.util.concurrent.TimeUnit.SECONDS) != null, "told once subscribed (to catch up)");

      // When a change is committed, and when one fails and rolls back
      repository.upsert(products("n", 1)).await();
      assertTrue(heard.poll(10, java.util.concurrent.TimeUnit.SECONDS) != null, "told of the committed change");
      long version = repository.version().await();
      Product twice = products("n", 1).get(0);
      assertThrows(RuntimeException.class, () -> repository.replaceAll(List.of(twice, twice)).await());

      // Then the rolled-back one is neither announced nor numbered
      assertEquals(null, heard.poll(1, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(version, repository.version().await());
    } finally {
      listening.close();
    }
  }

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }
}
