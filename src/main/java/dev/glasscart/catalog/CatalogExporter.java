package dev.glasscart.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes products as JSONL in our own field names, the form {@link CatalogImporter} reads back
 * unchanged. Also a command: {@code CatalogExporter <file.jsonl>} writes the demo catalog, e.g. to
 * hand-edit it or to feed the import endpoint. Stateless and thread-safe; {@link #write} blocks.
 */
public final class CatalogExporter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CatalogExporter() {}

  /** One JSON object per product and line, in list order. */
  public static String toJsonLines(List<Product> products) {
    StringBuilder out = new StringBuilder(products.size() * 600);
    for (Product p : products) {
      try {
        out.append(JSON.writeValueAsString(p)).append('\n');
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write product " + p.id() + " as JSON", e);
      }
    }
    return out.toString();
  }

  /** Writes {@link #toJsonLines} to {@code file}. */
  public static void write(List<Product> products, Path file) {
    try {
      Files.writeString(file, toJsonLines(products), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write catalog file " + file, e);
    }
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: CatalogExporter <file.jsonl>   (writes the demo catalog)");
      System.exit(2);
    }
    List<Product> demo = DemoCatalog.generate();
    write(demo, Path.of(args[0]));
    System.out.println("wrote " + demo.size() + " demo products to " + args[0]);
  }
}
