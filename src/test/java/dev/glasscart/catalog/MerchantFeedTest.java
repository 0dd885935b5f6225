package dev.glasscart.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Google Merchant Center feeds (TSV and XML) and schema.org JSON-LD, from the fixtures in src/test/resources/feeds. */
final class MerchantFeedTest {

  private static String fixture(String name) throws IOException {
    try (InputStream in = MerchantFeedTest.class.getResourceAsStream("/feeds/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, Product> byId(ImportResult r) {
    return r.products().stream().collect(Collectors.toMap(Product::id, Function.identity()));
  }

  private static String errorsAsText(ImportResult r) {
    return r.errors().stream().map(e -> e.location() + " | " + e.field() + " | " + e.message()).collect(Collectors.joining("\n"));
  }

  @Test
  void should_import_a_merchant_tsv_feed_and_report_each_broken_row_with_line_and_field() throws IOException {
    // Given a Merchant Center TSV feed with three good rows and four broken ones
    String tsv = fixture("merchant.tsv");

    // When importing it (format from the extension)
    ImportResult r = CatalogImporter.parse(tsv, "feed.tsv");

    // Then the good rows are products and each broken row is reported with line, field and reason
    assertEquals(List.of("TR-100-BLU-9", "TR-100-RED-10", "MG-2"), r.products().stream().map(Product::id).toList());
    assertEquals(List.of("line 4", "line 5", "line 6", "line 7"), r.errors().stream().map(RowError::location).toList(),
        errorsAsText(r));
    assertEquals(List.of("price", "title", "availability", "<row>"),
        r.errors().stream().map(e -> e.field() == null ? "<row>" : e.field()).toList());
    assertTrue(r.errors().get(0).message().contains("'fifteen dollars'"), r.errors().get(0).message());
    assertTrue(r.errors().get(0).message().contains("ISO 4217"), r.errors().get(0).message());
    assertTrue(r.errors().get(2).message().contains("'sometimes'"), r.errors().get(2).message());
    assertTrue(r.errors().get(3).message().contains("expected 22 tab-separated fields, found 3"), r.errors().get(3).message());

    Product blue = byId(r).get("TR-100-BLU-9");
    assertEquals("Ridgeline trail runner, blue, size 9", blue.title());
    assertEquals(74.50, blue.price(), 1e-9); // the sale price, in force without an effective date
    assertEquals("USD", blue.currency());
    assertEquals("$89", blue.attribute("regular_price"));
    assertEquals("Ridgeline", blue.brand());
    assertEquals("Apparel & Accessories > Shoes > Trail Running Shoes", blue.category());
    assertEquals(List.of("Apparel & Accessories", "Shoes"), blue.tags());
    assertEquals("https://img.example/tr-100-blu.jpg", blue.imageUrl());
    assertEquals("in stock", blue.attribute("availability"));
    assertTrue(blue.inStock());
    assertEquals("Blue", blue.attribute("colour"));
    assertEquals("9", blue.attribute("size"));
    assertEquals("Mesh", blue.attribute("material"));
    assertEquals("Solid", blue.attribute("pattern"));
    assertEquals("unisex", blue.attribute("gender"));
    assertEquals("adult", blue.attribute("age_group"));
    assertEquals("TR-100", blue.attribute("item_group_id"));
    assertEquals("00012345678905", blue.attribute("gtin"));
    assertEquals("TR-100", blue.attribute("mpn"));
    assertEquals("new", blue.attribute("condition"));
    assertEquals("187", blue.attribute("google_product_category"));
    assertEquals("$4.95 (US, Standard); 12 CAD (CA, Express)", blue.attribute("shipping"));
    assertFalse(blue.attributes().containsKey("link"), "links are not facts a shopper asks for");

    Product red = byId(r).get("TR-100-RED-10");
    assertEquals(89.0, red.price(), 1e-9);
    assertFalse(red.inStock());
    assertEquals("free (US, Standard)", red.attribute("shipping"));
    assertEquals(red.attribute("item_group_id"), blue.attribute("item_group_id"));

    Product mug = byId(r).get("MG-2");
    assertEquals("preorder", mug.attribute("availability"));
    assertFalse(mug.inStock());
    assertEquals("$9.99 (US)", mug.attribute("shipping"));
  }

  @Test
  void should_import_a_merchant_xml_feed_and_report_each_broken_item() throws IOException {
    // Given an RSS 2.0 feed in the g: namespace with two good items and four broken ones
    String xml = fixture("merchant.xml");

    // When importing it (format sniffed from the content: no extension)
    ImportResult r = CatalogImporter.parse(xml, "upload");

    // Then the good items are products and the others are reported by item and line
    assertEquals(List.of("TENT-2P", "STOVE-1"), r.products().stream().map(Product::id).toList());
    assertEquals(List.of("item 2 (line 31)", "item 3 (line 37)", "item 4 (line 41)", "item 6 (line 59)"),
        r.errors().stream().map(RowError::location).toList(), errorsAsText(r));
    assertEquals(List.of("price", "id", "sale_price", "id"), r.errors().stream().map(RowError::field).toList());
    assertTrue(r.errors().get(0).message().contains("'-10.00 EUR'"), errorsAsText(r));
    assertTrue(r.errors().get(2).message().contains("in USD but price '79.00 EUR' in EUR"), errorsAsText(r));
    assertTrue(r.errors().get(3).message().contains("duplicate id 'TENT-2P'"), errorsAsText(r));

    Product tent = byId(r).get("TENT-2P");
    assertEquals("Cirrus two-person tent", tent.title());
    assertEquals("Freestanding tent, <b>1.9 kg</b>, two doors.", tent.description());
    assertEquals(249.0, tent.price(), 1e-9);
    assertEquals("EUR", tent.currency());
    assertTrue(tent.inStock());
    assertEquals("Sporting Goods > Camping > Tents", tent.category());
    assertEquals("Green", tent.attribute("colour"));
    assertEquals("Ripstop nylon", tent.attribute("material"));
    assertEquals("€5.90 (DE, Standard); free (AT)", tent.attribute("shipping"));
    assertEquals("https://img.example/tent-2p.jpg", tent.imageUrl());

    Product stove = byId(r).get("STOVE-1");
    assertEquals(39.0, stove.price(), 1e-9);
    assertEquals("€45", stove.attribute("regular_price"));
    assertEquals("Sporting Goods > Outdoor Recreation > Camping & Hiking > Camp Cooking", stove.category());
    assertEquals("backorder", stove.attribute("availability"));
    assertFalse(stove.inStock());
    assertEquals("STOVE", stove.attribute("item_group_id"));
  }

  @Test
  void should_refuse_a_truncated_xml_feed_whole_naming_line_and_column() throws IOException {
    // Given the feed cut off in the middle of an item
    String xml = fixture("merchant.xml");
    String truncated = xml.substring(0, xml.indexOf("<g:id>PAD-1"));

    // When importing it, then nothing is imported and the error says where it broke
    CatalogImportException e = assertThrows(CatalogImportException.class, () -> CatalogImporter.parse(truncated, "feed.xml"));
    assertTrue(e.getMessage().contains("feed.xml") && e.getMessage().contains("line ") && e.getMessage().contains("nothing imported"),
        e.getMessage());
  }

  @Test
  void should_not_resolve_external_entities(@TempDir Path dir) throws IOException {
    // Given a feed whose DOCTYPE declares an entity reading a local file
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "do-not-read");
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
        + "<rss xmlns:g=\"http://base.google.com/ns/1.0\"><channel><item><g:id>A</g:id><g:title>&x;</g:title>"
        + "<g:price>1.00 USD</g:price></item></channel></rss>";

    // When importing it, then the file's content never becomes catalog text
    try {
      ImportResult r = CatalogImporter.parse(xml, "feed.xml");
      assertTrue(r.products().stream().noneMatch(p -> p.title().contains("do-not-read")), r.products().toString());
    } catch (CatalogImportException refused) {
      assertFalse(refused.getMessage().contains("do-not-read"));
    }
  }

  @Test
  void should_read_an_atom_feed() {
    // Given an Atom entry with g: attributes and an Atom link
    String atom = """
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:g="http://base.google.com/ns/1.0">
          <title>Shop</title>
          <entry>
            <g:id>CUP-1</g:id><title>Glaze cup</title><summary>Hand thrown.</summary>
            <link href="https://shop.example/cup-1"/><g:price>18 GBP</g:price><g:availability>in_stock</g:availability>
          </entry>
        </feed>""";

    // When importing it
    ImportResult r = CatalogImporter.parse(atom, "feed.atom");

    // Then the entry is a product
    assertTrue(r.clean(), errorsAsText(r));
    Product cup = r.products().get(0);
    assertEquals(List.of("CUP-1", "Glaze cup", "Hand thrown.", "GBP"), List.of(cup.id(), cup.title(), cup.description(), cup.currency()));
    assertEquals(18.0, cup.price(), 1e-9);
    assertTrue(cup.inStock());
  }

  @Test
  void should_read_prices_with_the_code_first_or_grouped_digits() throws Exception {
    assertEquals(new MerchantFeed.Price(new java.math.BigDecimal("1299.00"), "EUR"), MerchantFeed.price("price", "1,299.00 EUR"));
    assertEquals(new MerchantFeed.Price(new java.math.BigDecimal("15"), "USD"), MerchantFeed.price("price", "USD 15"));
    assertThrows(ProductMapper.InvalidRowException.class, () -> MerchantFeed.price("price", "15.00"));
    assertThrows(ProductMapper.InvalidRowException.class, () -> MerchantFeed.price("price", "USD 15 EUR"));
  }

  @Test
  void should_import_schema_org_json_ld_from_a_graph() throws IOException {
    // Given a JSON-LD @graph with a page, a product, a product group with two variants and two broken products
    String jsonld = fixture("products.jsonld");

    // When importing it (format from the extension)
    ImportResult r = CatalogImporter.parse(jsonld, "products.jsonld");

    // Then products and variants arrive, the page is passed over, the broken ones are reported
    assertEquals(List.of("LAMP-1", "SHADE-S", "SHADE-L"), r.products().stream().map(Product::id).toList(), errorsAsText(r));
    assertEquals(List.of("@graph[3]", "@graph[4]"), r.errors().stream().map(RowError::location).toList());
    assertEquals(List.of("price", "price"), r.errors().stream().map(RowError::field).toList());

    Product lamp = byId(r).get("LAMP-1");
    assertEquals("Alder desk lamp", lamp.title());
    assertEquals("Alder", lamp.brand());
    assertEquals("Home > Lighting > Desk Lamps", lamp.category());
    assertEquals(64.90, lamp.price(), 1e-9);
    assertEquals("GBP", lamp.currency());
    assertEquals(4.6, lamp.rating(), 1e-9);
    assertEquals(41, lamp.reviewCount());
    assertEquals(List.of("Lovely warm light."), lamp.reviews());
    assertEquals("https://img.example/lamp-1.jpg", lamp.imageUrl());
    assertEquals("Natural oak", lamp.attribute("colour"));
    assertEquals("6 W", lamp.attribute("wattage"));
    assertEquals("new", lamp.attribute("condition"));
    assertEquals("4006381333931", lamp.attribute("gtin13"));
    assertEquals("£3.50 (GB)", lamp.attribute("shipping"));
    assertTrue(lamp.inStock());

    Product small = byId(r).get("SHADE-S");
    assertEquals(21.5, small.price(), 1e-9); // the cheapest offer
    assertFalse(small.inStock());
    assertEquals("SHADE", small.attribute("item_group_id"));
    Product large = byId(r).get("SHADE-L");
    assertEquals("Alder linen shade", large.title()); // the group's name
    assertEquals("Home > Lighting > Lamp Shades", large.category());
    assertEquals(29.0, large.price(), 1e-9);
    assertEquals("L", large.attribute("size"));
  }

  @Test
  void should_sniff_json_ld_objects_and_arrays_without_an_extension() {
    // Given one Product object and an array of them
    String one = """
        {"@context":"https://schema.org","@type":"Product","sku":"P1","name":"Pine stool",
         "offers":{"@type":"Offer","price":40,"priceCurrency":"USD","availability":"https://schema.org/PreOrder"}}""";
    String array = "[" + one + ", {\"@type\":\"Offer\",\"price\":3}]";

    // When importing each
    ImportResult single = CatalogImporter.parse(one, null);
    ImportResult many = CatalogImporter.parse(array, "catalog.json");

    // Then both read as JSON-LD; the array's non-product is a row error with its index
    assertEquals(CatalogFormat.JSON_LD, CatalogFormat.detect(null, one));
    assertEquals(List.of("P1"), single.products().stream().map(Product::id).toList());
    assertEquals("preorder", single.products().get(0).attribute("availability"));
    assertEquals(List.of("P1"), many.products().stream().map(Product::id).toList());
    assertEquals(List.of(new RowError("index 1", "@type", "not a schema.org Product: @type \"Offer\"")), many.errors());
  }

  @Test
  void should_sniff_a_tab_separated_feed_without_an_extension() {
    String tsv = "g:id\tg:title\tg:price\nA1\tOak shelf\t30.00 USD\n";
    assertEquals(CatalogFormat.MERCHANT_TSV, CatalogFormat.detect("upload", tsv));
    ImportResult r = CatalogImporter.parse(tsv, "upload");
    assertTrue(r.clean(), errorsAsText(r));
    assertEquals("Oak shelf", r.products().get(0).title());
  }
}
