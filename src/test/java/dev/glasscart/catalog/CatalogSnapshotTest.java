package dev.glasscart.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog snapshot gives back exactly what parsing the file gives, and only for exactly the
 * bytes it was made from: real files, the real importer.
 */
final class CatalogSnapshotTest {
  @TempDir
  Path dir;

  /** Every field kind, non-ASCII text, a lone surrogate, -0.0, and bad rows of several kinds. */
  private static final String HAND_WRITTEN = String.join("\n",
      "{\"id\":\"t1\",\"title\":\"保温杯 500ml\",\"description\":\"Édition spéciale — 不锈钢 🍵\",\"brand\":\"Hüttl\","
          + "\"category\":\"杯子\",\"price\":12.5,\"currency\":\"CNY\",\"rating\":4.5,\"reviewCount\":3,"
          + "\"tags\":[\"热饮\",\"travel\"],\"attributes\":{\"Color\":\"红色\",\"dishwasher safe\":true,\"size\":\"500 ml\"},"
          + "\"stock\":-2,\"reviews\":[\"很好 👍\",{\"comment\":\"keeps tea hot\"}]}",
      "{\"id\":\"t2\",\"title\":\"Plain mug\",\"price\":-0.0}",
      "not json at all",
      "",
      "{\"id\":\"t3\",\"title\":\"\",\"price\":3}",
      "{\"id\":\"t1\",\"title\":\"Duplicate\",\"price\":3}",
      "{\"id\":\"t4\",\"title\":\"Bad price\",\"price\":-3}",
      "{\"id\":\"t5\",\"title\":\"Odd \\ud800 text\",\"price\":1e-7,\"rating\":0.1,\"imageUrl\":\"https://x.example/5.png\","
          + "\"thumbnail\":\"ignored\"}",
      "{\"id\":\"t6\",\"title\":\"Rated\",\"price\":\"19.99\",\"rating\":6}");

  private Path file(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  /** Reads {@code file} (parsed or loaded), checks it against the importer, writes its snapshot when parsed. */
  private static CatalogSnapshot.Read readAndKeep(Path file, Path snapshot, String digest) throws IOException {
    CatalogSnapshot.Read read = CatalogSnapshot.read(file, snapshot);
    assertEquals(CatalogImporter.read(file), read.result(), read.note());
    if (!read.fromSnapshot()) CatalogSnapshot.write(snapshot, read.source(), read.result(), digest);
    return read;
  }

  @Test
  void should_give_back_exactly_the_parse_of_a_hand_written_file_with_bad_rows() throws IOException {
    // Given a file with every field kind and bad rows, read once (parsed, snapshot written)
    Path file = file("shop.jsonl", HAND_WRITTEN);
    Path snapshot = dir.resolve("catalog.snapshot");
    CatalogSnapshot.Read first = readAndKeep(file, snapshot, "digest-1");
    assertFalse(first.fromSnapshot());
    assertTrue(first.note().contains("none yet"), first.note());
    ImportResult parsed = first.result();
    assertEquals(List.of("t1", "t2", "t5"), parsed.products().stream().map(Product::id).toList());
    assertEquals(5, parsed.errors().size(), parsed.errors().toString());

    // When it is read again
    CatalogSnapshot.Read again = readAndKeep(file, snapshot, "unused");

    // Then it comes from the snapshot, with the digest stored, equal to the parse field for field
    assertTrue(again.fromSnapshot(), again.note());
    assertTrue(again.note().contains(" used: 3 products, 5 skipped rows"), again.note());
    assertEquals("digest-1", again.digest());
    assertEquals(parsed, again.result());
    Product t1 = again.result().products().get(0);
    assertEquals("红色", t1.attribute("colour"));
    assertEquals("yes", t1.attribute("dishwasher_safe"));
    assertEquals(List.of("很好 👍", "keeps tea hot"), t1.reviews());
    assertEquals(-2, t1.stock());
    assertNull(t1.imageUrl());
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(again.result().products().get(1).price()));
    assertEquals("Odd \ud800 text", again.result().products().get(2).title());
    assertEquals(parsed.errors(), again.result().errors());
    assertTrue(again.result().errors().stream().anyMatch(e -> e.field() == null)
        && again.result().errors().stream().anyMatch(e -> "price".equals(e.field())));
  }

  @Test
  void should_give_back_exactly_the_parse_of_a_generated_demo_catalog() throws IOException {
    // Given the generated catalog the load bench serves, exported as JSONL and read once
    List<Product> demo = DemoCatalog.generate(2_000);
    Path file = dir.resolve("demo.jsonl");
    CatalogExporter.write(demo, file);
    Path snapshot = dir.resolve("catalog.snapshot");
    assertFalse(readAndKeep(file, snapshot, "demo-digest").fromSnapshot());

    // When it is read again, Then the snapshot serves the same products (tags, attributes, reviews)
    CatalogSnapshot.Read again = readAndKeep(file, snapshot, "unused");
    assertTrue(again.fromSnapshot(), again.note());
    assertEquals(demo, again.result().products());
    assertTrue(demo.stream().anyMatch(p -> !p.tags().isEmpty() && !p.attributes().isEmpty() && !p.reviews().isEmpty()));
    // and the texts products share are one instance each, parsed or loaded (StringPool)
    assertShared(CatalogImporter.read(file).products());
    assertShared(again.result().products());
  }

  /** Equal brands, categories, currencies, tags and attribute keys and values are the same instance. */
  static void assertShared(List<Product> products) {
    java.util.Map<String, String> first = new java.util.HashMap<>();
    int compared = 0;
    for (Product p : products) {
      List<String> shared = new java.util.ArrayList<>(List.of(p.brand(), p.category(), p.currency()));
      shared.addAll(p.tags());
      p.attributes().forEach((k, v) -> {
        shared.add(k);
        shared.add(v);
      });
      for (String s : shared) {
        String seen = first.putIfAbsent(s, s);
        if (seen != null) {
          compared++;
          assertTrue(seen == s, "a second instance of '" + s + "' in " + p.id());
        }
      }
    }
    assertTrue(compared > products.size(), "products share texts: " + compared);
  }

  @Test
  void should_parse_again_a_file_changed_in_place_with_the_same_size_and_time() throws IOException {
    // Given a snapshot of a file
    Path file = file("shop.jsonl", HAND_WRITTEN);
    Path snapshot = dir.resolve("catalog.snapshot");
    readAndKeep(file, snapshot, "digest-1");
    FileTime time = Files.getLastModifiedTime(file);

    // When one price changes, same length, and the file's time is set back
    String edited = HAND_WRITTEN.replace("\"price\":12.5", "\"price\":13.5");
    assertNotEquals(HAND_WRITTEN, edited);
    Files.writeString(file, edited);
    Files.setLastModifiedTime(file, time);
    assertEquals(HAND_WRITTEN.getBytes(StandardCharsets.UTF_8).length, Files.size(file));

    // Then it is parsed again (the checksums differ), and the new price is read
    CatalogSnapshot.Read read = readAndKeep(file, snapshot, "digest-2");
    assertFalse(read.fromSnapshot());
    assertTrue(read.note().contains("content changed"), read.note());
    assertEquals(13.5, read.result().products().get(0).price());
    // And the snapshot rewritten for the new bytes serves them with their digest
    CatalogSnapshot.Read after = readAndKeep(file, snapshot, "unused");
    assertTrue(after.fromSnapshot(), after.note());
    assertEquals("digest-2", after.digest());
  }

  @Test
  void should_parse_again_a_file_of_another_size_time_or_path() throws IOException {
    Path file = file("shop.jsonl", HAND_WRITTEN);
    Path snapshot = dir.resolve("catalog.snapshot");
    readAndKeep(file, snapshot, "digest-1");

    // Another path with the same bytes and time
    Path copy = dir.resolve("copy.jsonl");
    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
    assertEquals(Files.getLastModifiedTime(file), Files.getLastModifiedTime(copy));
    CatalogSnapshot.Read other = readAndKeep(copy, snapshot, "digest-copy");
    assertFalse(other.fromSnapshot());
    assertTrue(other.note().contains("another file"), other.note());

    // The first file, touched (same bytes, a new time); then one row appended (another size)
    assertFalse(CatalogSnapshot.read(file, snapshot).fromSnapshot(), "the snapshot is now the copy's");
    readAndKeep(file, snapshot, "digest-1");
    Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() - 60_000));
    CatalogSnapshot.Read touched = readAndKeep(file, snapshot, "digest-1");
    assertTrue(touched.note().contains("modification time"), touched.note());
    Files.writeString(file, HAND_WRITTEN + "\n{\"id\":\"t9\",\"title\":\"New\",\"price\":1}");
    CatalogSnapshot.Read grown = readAndKeep(file, snapshot, "digest-3");
    assertFalse(grown.fromSnapshot());
    assertTrue(grown.note().contains("size changed"), grown.note());
    assertEquals(4, grown.result().products().size());
  }

  @Test
  void should_ignore_a_truncated_bit_flipped_or_old_format_snapshot_and_parse() throws IOException {
    Path file = file("shop.jsonl", HAND_WRITTEN);
    Path snapshot = dir.resolve("catalog.snapshot");
    readAndKeep(file, snapshot, "digest-1");
    byte[] sound = Files.readAllBytes(snapshot);
    assertTrue(readAndKeep(file, snapshot, "x").fromSnapshot());

    // Cut short anywhere: at its middle, inside its header, to nothing
    for (int length : new int[] {sound.length - 1, sound.length / 2, 10, 0}) {
      Files.write(snapshot, Arrays.copyOf(sound, length));
      CatalogSnapshot.Read read = readAndKeep(file, snapshot, "digest-1");
      assertFalse(read.fromSnapshot(), length + ": " + read.note());
      assertTrue(read.note().contains("cut short"), read.note());
      assertTrue(readAndKeep(file, snapshot, "x").fromSnapshot(), "rewritten");
    }
    // One bit flipped at places in the body, and in the header's length
    for (int at : new int[] {16, 20, sound.length / 3, sound.length / 2, sound.length - 1, 9}) {
      byte[] flipped = sound.clone();
      flipped[at] ^= 0x10;
      Files.write(snapshot, flipped);
      CatalogSnapshot.Read read = readAndKeep(file, snapshot, "digest-1");
      assertFalse(read.fromSnapshot(), at + ": " + read.note());
      assertTrue(read.note().contains("damaged") || read.note().contains("cut short"), read.note());
      assertArrayEquals(sound, Files.readAllBytes(snapshot), "rewritten as it was");
      assertTrue(readAndKeep(file, snapshot, "x").fromSnapshot(), "rewritten");
    }
    // An older format number
    byte[] old = sound.clone();
    old[7] = (byte) (CatalogSnapshot.FORMAT - 1);
    Files.write(snapshot, old);
    CatalogSnapshot.Read read = readAndKeep(file, snapshot, "digest-1");
    assertFalse(read.fromSnapshot());
    assertTrue(read.note().contains("format " + (CatalogSnapshot.FORMAT - 1)), read.note());
    // Not a snapshot at all
    Files.writeString(snapshot, "something else entirely, long enough for a header");
    assertTrue(readAndKeep(file, snapshot, "digest-1").note().contains("not a catalog snapshot"));
    assertTrue(readAndKeep(file, snapshot, "x").fromSnapshot());
  }

  @Test
  void should_fail_a_file_that_is_not_utf8_as_the_importer_does() throws IOException {
    // Given a file with a byte that is not UTF-8
    Path file = dir.resolve("latin1.jsonl");
    Files.write(file, "{\"id\":\"a\",\"title\":\"Caf\u00e9\",\"price\":1}".getBytes(StandardCharsets.ISO_8859_1));
    // Then both fail naming the file, and a U+FFFD the file itself holds is read as text
    String viaSnapshot = assertThrows(CatalogImportException.class, () -> CatalogSnapshot.read(file, dir.resolve("s"))).getMessage();
    String viaImporter = assertThrows(CatalogImportException.class, () -> CatalogImporter.read(file)).getMessage();
    assertEquals(viaImporter, viaSnapshot);
    assertTrue(viaSnapshot.startsWith("cannot read catalog file " + file), viaSnapshot);
    Path replacement = file("fffd.jsonl", "{\"id\":\"a\",\"title\":\"Caf\uFFFD\",\"price\":1}");
    assertEquals("Caf\uFFFD", CatalogSnapshot.read(replacement, dir.resolve("s")).result().products().get(0).title());
  }
}
