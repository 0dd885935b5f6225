package dev.glasscart.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/** The catalog file formats {@link CatalogImporter} understands. */
public enum CatalogFormat {
  /** A JSON array of product objects (our field names or dummyjson's). */
  JSON_ARRAY,
  /** One JSON product object per line; blank lines ignored. */
  JSONL,
  /** RFC 4180 CSV with a header row. */
  CSV,
  /** A {@code {"products":[...]}} document, as served by dummyjson.com. */
  PRODUCTS_DOCUMENT;

  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * Detects the format from the file name's extension and the content's first characters. The
   * content decides between the JSON forms; the extension decides for CSV.
   *
   * @throws CatalogImportException when neither tells
   */
  public static CatalogFormat detect(String fileName, String content) {
    return detection(fileName, content).format();
  }

  /**
   * A detected format; {@code document} is the content already parsed when detection had to parse
   * it (a {@link #PRODUCTS_DOCUMENT}), else null.
   */
  record Detection(CatalogFormat format, JsonNode document) {}

  /** {@link #detect}, keeping the document it parsed so that the importer does not parse it again. */
  static Detection detection(String fileName, String content) {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    String trimmed = content.stripLeading();
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return new Detection(JSONL, null);
    if (name.endsWith(".csv")) return new Detection(CSV, null);
    if (trimmed.startsWith("[")) return new Detection(JSON_ARRAY, null);
    if (trimmed.startsWith("{")) {
      JsonNode document = productsDocument(trimmed);
      return document != null ? new Detection(PRODUCTS_DOCUMENT, document) : new Detection(JSONL, null);
    }
    String firstLine = trimmed.lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
    if (firstLine.contains(",") && firstLine.contains("id") && firstLine.contains("title")) return new Detection(CSV, null);
    throw new CatalogImportException(
        "cannot detect the catalog format of " + fileName + ": expected .json, .jsonl, .csv or JSON/CSV content");
  }

  /** The content parsed, when the whole of it is one JSON object with a "products" array (JSONL is several); else null. */
  private static JsonNode productsDocument(String trimmed) {
    try {
      JsonNode node = STRICT.readTree(trimmed);
      return node != null && node.path("products").isArray() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
