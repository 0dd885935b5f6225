package dev.glasscart.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class CatalogImporterTest {

  private static List<String> ids(ImportResult r) {
    return r.products().stream().map(Product::id).toList();
  }

  private static List<String> locations(ImportResult r) {
    return r.errors().stream().map(RowError::location).toList();
  }

  @Test
  void should_read_a_json_array_with_our_field_names() {
    // Given a JSON array with every field
    String json = """
        [{"id":"b1","title":"Merrell Moab 3","description":"Trail boot","brand":"Merrell","category":"hiking boots",
          "price":119.99,"currency":"EUR","rating":4.6,"reviewCount":812,"tags":["hiking","waterproof"],
          "attributes":{"Color":"brown","size":"9, 10","waterproof":true},"stock":4,
          "reviews":["Kept my feet dry."],"imageUrl":"https://img.example/b1.jpg"}]""";

    // When importing
    ImportResult r = CatalogImporter.parse(json, "catalog.json");

    // Then every field arrives, attribute keys canonical
    assertTrue(r.clean(), r.errors().toString());
    assertEquals(List.of(new Product("b1", "Merrell Moab 3", "Trail boot", "Merrell", "hiking boots", 119.99, "EUR",
        4.6, 812, List.of("hiking", "waterproof"), Map.of("colour", "brown", "size", "9, 10", "waterproof", "yes"), 4,
        List.of("Kept my feet dry."), "https://img.example/b1.jpg")), r.products());
  }

  @Test
  void should_skip_bad_array_elements_and_name_their_index() {
    // Given an array with a good element and one of each kind of bad element
    String json = """
        [{"id":"a","title":"Good","price":10},
         {"title":"No id","price":1},
         {"id":"c","price":1},
         {"id":"d","title":"Bad price","price":"ten"},
         {"id":"e","title":"Negative","price":-5},
         {"id":"f","title":"Rating","price":5,"rating":7.5},
         {"id":"a","title":"Duplicate","price":3},
         "not an object",
         {"id":"g","title":"Also good","price":"12.50","reviews":["Nice"]}]""";

    // When importing
    ImportResult r = CatalogImporter.parse(json, "x.json");

    // Then the good rows are kept, each bad one is reported at its index with the reason
    assertEquals(List.of("a", "g"), ids(r));
    assertEquals(12.5, r.products().get(1).price());
    assertEquals(1, r.products().get(1).reviewCount(), "review count defaults to the snippets");
    assertEquals(List.of("index 1", "index 2", "index 3", "index 4", "index 5", "index 6", "index 7"), locations(r));
    assertEquals("missing id", r.errors().get(0).message());
    assertTrue(r.errors().get(1).message().contains("missing title"));
    assertTrue(r.errors().get(2).message().contains("bad price 'ten'"));
    assertTrue(r.errors().get(3).message().contains("bad price -5.0"));
    assertTrue(r.errors().get(4).message().contains("rating 7.5 out of range"));
    assertTrue(r.errors().get(5).message().contains("duplicate id 'a' (first seen at index 0)"));
    assertTrue(r.errors().get(6).message().contains("expected a JSON object"));
  }

  @Test
  void should_read_jsonl_skipping_blank_lines_and_reporting_line_numbers() {
    // Given JSONL with a blank line, a malformed line and a duplicate
    String jsonl = """
        {"id":"1","title":"One","price":1}

        {"id":"2","title":"Two","price":2
        {"id":"3","title":"Three","price":3,"rating":4.5}
        {"id":"1","title":"Again","price":1}
        """;

    // When importing a .jsonl file's content (with a byte order mark, as Windows tools write)
    ImportResult r = CatalogImporter.parse("\uFEFF" + jsonl, "c.jsonl");

    // Then lines are 1-based and blank ones are not rows
    assertEquals(List.of("1", "3"), ids(r));
    assertEquals(List.of("line 3", "line 5"), locations(r));
    assertTrue(r.errors().get(0).message().startsWith("malformed JSON"), r.errors().get(0).message());
  }

  @Test
  void should_read_rfc4180_csv_with_extra_columns_as_attributes() {
    // Given CSV with quoted commas, doubled quotes, a line break inside quotes and extra columns
    String csv = "id,title,description,brand,category,price,currency,rating,reviewCount,tags,stock,imageUrl,reviews,colour,size,material\r\n"
        + "s1,\"Nike Pegasus 41, Women's\",\"Says \"\"fast\"\"\nand light\",Nike,running shoes,119.99,USD,4.6,210,running|women,12,,"
        + "Soft.|Light.,pink,\"7, 8, 9\",mesh\r\n"
        + "s2,Plain Tee,,Hanes,t-shirts,12,,,,,0,,,white,M,cotton\r\n";

    // When importing
    ImportResult r = CatalogImporter.parse(csv, "c.csv");

    // Then fields are unquoted correctly and unknown columns become attributes
    assertTrue(r.clean(), r.errors().toString());
    Product s1 = r.products().get(0);
    assertEquals("Nike Pegasus 41, Women's", s1.title());
    assertEquals("Says \"fast\"\nand light", s1.description());
    assertEquals(List.of("running", "women"), s1.tags());
    assertEquals(List.of("Soft.", "Light."), s1.reviews());
    assertEquals(Map.of("colour", "pink", "size", "7, 8, 9", "material", "mesh"), s1.attributes());
    assertEquals(210, s1.reviewCount());
    assertNull(s1.imageUrl());
    Product s2 = r.products().get(1);
    assertEquals(0, s2.stock());
    assertEquals(0, s2.rating());
    assertEquals("USD", s2.currency());
  }

  @Test
  void should_report_bad_csv_rows_by_their_starting_line() {
    // Given a header, then rows 2..7 where 3 (two physical lines), 5, 6 and 7 are bad
    String csv = """
        id,title,price,rating
        a,Good,10,4
        b,"Two
        lines",11,3
        c,Missing price column,12
        d,"Stray "quote",1,1
        ,No id,1,1
        e,Bad rating,1,9
        f,Last,1,1""";

    // When importing
    ImportResult r = CatalogImporter.parse(csv, "c.csv");

    // Then the good rows survive and each error carries the line its record starts on
    assertEquals(List.of("a", "b", "f"), ids(r));
    assertEquals("Two\nlines", r.products().get(1).title());
    assertEquals(List.of("line 5", "line 6", "line 7", "line 8"), locations(r));
    assertTrue(r.errors().get(0).message().contains("expected 4 fields, found 3"));
    assertTrue(r.errors().get(1).message().startsWith("malformed CSV row"));
    assertEquals("missing id", r.errors().get(2).message());
    assertTrue(r.errors().get(3).message().contains("rating 9.0 out of range"));
  }

  @Test
  void should_report_an_unterminated_quote_at_its_line_and_read_the_rows_after_it() {
    // Given a CSV where row b opens a quote it never closes, followed by valid rows
    String csv = "id,title,price\na,Good,1\nb,\"Open,2\nc,Next,3\nd,Last,4\n";

    // When importing
    ImportResult r = CatalogImporter.parse(csv, "c.csv");

    // Then the error names the line the quote opened on, and the rows after it are kept
    assertEquals(List.of("a", "c", "d"), ids(r));
    assertEquals(List.of(new RowError("line 3", "malformed CSV row: quoted field opened on line 3 is never closed")), r.errors());
  }

  @Test
  void should_not_let_an_unclosed_quote_swallow_rows_up_to_a_later_quote() {
    // Given an unclosed quote on line 3, then valid rows, one of them quoted
    String csv = """
        id,title,price
        a,Good,1
        b,"Open,2
        c,Next,3
        d,"Quoted, fine",4
        e,"Ends with a quote",5
        f,Tail,6""";
    // and one whose stray quote closes on a later line, leaving a record of the wrong width
    String csv2 = "id,title,price\na,Good,1\nb,\"Open,2\nc,Next,3\"\nd,Last,4\n";

    // When importing
    ImportResult r = CatalogImporter.parse(csv, "c.csv");
    ImportResult r2 = CatalogImporter.parse(csv2, "c.csv");

    // Then only the broken row is rejected, at the line where its quote opened
    assertEquals(List.of("a", "c", "d", "e", "f"), ids(r));
    assertEquals(List.of("line 3"), locations(r));
    assertTrue(r.errors().getFirst().message().contains("opened on line 3"), r.errors().toString());
    assertEquals(List.of("a", "d"), ids(r2));
    assertEquals(List.of("line 3", "line 4"), locations(r2), r2.errors().toString());
    assertTrue(r2.errors().getFirst().message().contains("opened on line 3"), r2.errors().toString());
  }

  @Test
  void should_skip_a_row_holding_u0000_and_name_its_field_and_location() {
    // Given a NUL character (which PostgreSQL text cannot hold) in one JSON, JSONL and CSV row each
    String json = "[{\"id\":\"a\",\"title\":\"A\",\"price\":1},{\"id\":\"b\",\"title\":\"B\",\"price\":1,"
        + "\"description\":\"bad\\u0000text\"},{\"id\":\"c\",\"title\":\"C\",\"price\":1}]";
    String jsonl = "{\"id\":\"a\",\"title\":\"A\",\"price\":1}\n{\"id\":\"b\",\"title\":\"B\",\"price\":1,"
        + "\"attributes\":{\"colour\":\"re\\u0000d\"}}\n";
    String csv = "id,title,price\na,A,1\nb,B\u0000,1\nc,C,1\n";

    // When importing each
    ImportResult fromJson = CatalogImporter.parse(json, "c.json");
    ImportResult fromJsonl = CatalogImporter.parse(jsonl, "c.jsonl");
    ImportResult fromCsv = CatalogImporter.parse(csv, "c.csv");

    // Then that row alone is skipped, reported with its location, field and position
    assertEquals(List.of("a", "c"), ids(fromJson));
    assertEquals(List.of(new RowError("index 1", "description", "field 'description' contains U+0000 at character 3; "
        + "a database text cannot hold it")), fromJson.errors());
    assertEquals(List.of("a"), ids(fromJsonl));
    assertEquals(List.of("line 2"), locations(fromJsonl));
    assertTrue(fromJsonl.errors().getFirst().message().startsWith("field 'attributes.colour' contains U+0000"));
    assertEquals(List.of("a", "c"), ids(fromCsv));
    assertEquals(List.of("line 3"), locations(fromCsv));
    assertTrue(fromCsv.errors().getFirst().message().startsWith("field 'title' contains U+0000 at character 1"));
  }

  @Test
  void should_read_a_products_document_with_dummyjson_field_names() {
    // Given a dummyjson-style document
    String json = """
        {"products":[{"id":7,"title":"Essence Mascara","description":"Volumising","category":"beauty","price":9.99,
          "rating":2.56,"stock":99,"tags":["beauty"],"brand":"Essence","sku":"BEA-1","weight":4,
          "dimensions":{"width":15.14,"height":13.08,"depth":22.99},"warrantyInformation":"1 week warranty",
          "shippingInformation":"Ships in 3-5 business days","availabilityStatus":"In Stock",
          "reviews":[{"rating":3,"comment":"Would not recommend!"},{"rating":5,"comment":"Very satisfied!"}],
          "returnPolicy":"No return policy","images":["https://x/1.png"],"thumbnail":"https://x/t.png"},
          {"id":8,"title":"No brand","price":1,"images":["https://x/8.png"]}],
         "total":2}""";

    // When importing (format detected from content)
    ImportResult r = CatalogImporter.parse(json, "products.json");

    // Then ids become strings, review comments become snippets and facts become attributes
    assertTrue(r.clean(), r.errors().toString());
    Product p = r.products().get(0);
    assertEquals("7", p.id());
    assertEquals(List.of("Would not recommend!", "Very satisfied!"), p.reviews());
    assertEquals(2, p.reviewCount());
    assertEquals("https://x/t.png", p.imageUrl());
    assertEquals("1 week warranty", p.attribute("warranty"));
    assertEquals("Ships in 3-5 business days", p.attribute("shipping"));
    assertEquals("In Stock", p.attribute("availability"));
    assertEquals("No return policy", p.attribute("return_policy"));
    assertEquals("15.14 x 13.08 x 22.99", p.attribute("dimensions"));
    assertEquals("4", p.attribute("weight"));
    assertEquals("", r.products().get(1).brand());
    assertEquals("https://x/8.png", r.products().get(1).imageUrl());
  }

  @Test
  void should_fail_with_the_file_name_when_nothing_can_be_parsed() throws IOException {
    // Given unparseable files
    Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "importer-test"));
    Path brokenJson = Files.writeString(dir.resolve("broken.json"), "[{\"id\":\"1\",");
    Path headless = Files.writeString(dir.resolve("headless.csv"), "sku,name\n1,x\n");
    Path text = Files.writeString(dir.resolve("notes.txt"), "just some words");

    // When / Then each fails naming the file
    for (Path file : List.of(brokenJson, headless, text, dir.resolve("missing.json"))) {
      CatalogImportException e = assertThrows(CatalogImportException.class, () -> CatalogImporter.read(file));
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
  }

  @Test
  void should_detect_formats_from_extension_and_content() {
    assertEquals(CatalogFormat.JSON_ARRAY, CatalogFormat.detect("a.json", " [ ]"));
    assertEquals(CatalogFormat.PRODUCTS_DOCUMENT, CatalogFormat.detect("a.json", "{\"total\":1,\n\"products\":[]}"));
    assertEquals(CatalogFormat.JSONL, CatalogFormat.detect("a.json", "{\"id\":1}\n{\"id\":2}"));
    assertEquals(CatalogFormat.JSONL, CatalogFormat.detect("a.ndjson", "{\"products\":[]}"));
    assertEquals(CatalogFormat.CSV, CatalogFormat.detect("a.csv", "anything"));
    assertEquals(CatalogFormat.CSV, CatalogFormat.detect("export", "id,title,price\n1,x,2"));
  }

  @Test
  void should_read_back_exactly_what_the_exporter_writes() {
    // Given the demo catalog exported as JSONL
    List<Product> demo = DemoCatalog.generate();
    String jsonl = CatalogExporter.toJsonLines(demo);

    // When importing it
    ImportResult r = CatalogImporter.parse(jsonl, "demo.jsonl");

    // Then every product comes back unchanged
    assertTrue(r.clean(), r.errors().toString());
    assertEquals(demo, r.products());
  }
}
