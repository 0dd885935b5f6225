package dev.glasscart.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CatalogEmbedBenchTest {

  @Test
  void should_embed_each_distinct_text_once_with_the_encoder_settings_it_was_given(@TempDir Path dir) throws Exception {
    // Given a small catalog whose variants share a title and a whole product text
    Path csv = dir.resolve("shop.csv");
    Files.writeString(csv, """
        id,title,brand,category,price,description
        s1,Wool Scarf,Knitty,scarves,19.99,A warm scarf of merino wool
        s2,Wool Scarf,Knitty,scarves,19.99,A warm scarf of merino wool
        s3,Wool Scarf,Knitty,scarves,21.50,A warm scarf of merino wool with tassels
        b1,Trail Boot,Stride,boots,89.00,Waterproof leather boot for muddy paths
        """);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    // When the bench runs with a shorter maximum length, smaller batches and one batch in flight
    CatalogEmbedBench.run(new String[] {"--catalog", csv.toString(), "--device", "cpu", "--max-length", "32",
        "--batch-size", "4", "--parallel-batches", "1"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    // Then it reports the distinct texts it embedded, with the settings it used
    String out = bytes.toString(StandardCharsets.UTF_8);
    for (String expected : List.of("4 products", "3 distinct product texts, 2 distinct titles", "4 products in ",
        "/mean/norm/32", "distinct texts embedded: 3 product texts in ", "2 titles in ", "batch 4, 1 batches in flight")) {
      assertTrue(out.contains(expected), "missing '" + expected + "' in:\n" + out);
    }
  }

  @Test
  void should_refuse_a_maximum_length_the_encoder_cannot_use(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("shop.csv");
    Files.writeString(csv, "id,title,price\na1,Wool Scarf,19.99\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CatalogEmbedBench.run(
        new String[] {"--catalog", csv.toString(), "--max-length", "1"}, new PrintStream(new ByteArrayOutputStream())));
    assertTrue(e.getMessage().contains("--max-length"), e.getMessage());
  }
}
