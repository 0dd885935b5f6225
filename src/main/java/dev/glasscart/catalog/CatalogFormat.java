package dev.glasscart.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;

/** The catalog file formats {@link CatalogImporter} understands. */
public enum CatalogFormat {
  /** A JSON array of product objects (our field names or dummyjson's), or one such object alone. */
  JSON_ARRAY,
  /** One JSON product object per line; blank lines ignored. */
  JSONL,
  /** RFC 4180 CSV with a header row. */
  CSV,
  /** A {@code {"products":[...]}} document, as served by dummyjson.com. */
  PRODUCTS_DOCUMENT,
  /** A Google Merchant Center tab-separated feed: a header row of attribute names ({@link MerchantFeed}). */
  MERCHANT_TSV,
  /** A Google Merchant Center XML feed: RSS 2.0 or Atom with the {@code g:} namespace ({@link MerchantFeed}). */
  MERCHANT_XML,
  /** schema.org {@code Product} JSON-LD: one object, an array or an {@code @graph} ({@link JsonLdProducts}). */
  JSON_LD;

  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * Detects the format from the file name's extension and the content's first characters. The
   * content decides between the JSON forms (JSON-LD by its {@code @context}, {@code @type} or
   * {@code @graph}); the extension decides for CSV, TSV ({@code .tsv}, {@code .txt}), XML
   * ({@code .xml}, {@code .rss}, {@code .atom}) and JSON-LD ({@code .jsonld}); without one, content
   * starting with {@code <} is an XML feed and a first line of tab-separated names with an id is a
   * TSV feed.
   *
   * @throws CatalogImportException when neither tells
   */
  public static CatalogFormat detect(String fileName, String content) {
    return detection(fileName, content).format();
  }

  /**
   * A detected format; {@code document} is the content already parsed when detection had to parse
   * it (the JSON forms other than JSONL), else null.
   */
  record Detection(CatalogFormat format, JsonNode document) {}

  /** {@link #detect}, keeping the document it parsed so that the importer does not parse it again. */
  static Detection detection(String fileName, String content) {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    String trimmed = content.stripLeading();
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return new Detection(JSONL, null);
    if (name.endsWith(".csv")) return new Detection(CSV, null);
    if (name.endsWith(".tsv") || name.endsWith(".txt")) return new Detection(MERCHANT_TSV, null);
    if (name.endsWith(".xml") || name.endsWith(".rss") || name.endsWith(".atom")) return new Detection(MERCHANT_XML, null);
    if (trimmed.startsWith("<")) return new Detection(MERCHANT_XML, null);
    if (trimmed.startsWith("[") || trimmed.startsWith("{") || name.endsWith(".jsonld")) {
      JsonNode document = whole(trimmed);
      if (document != null && (name.endsWith(".jsonld") || JsonLdProducts.looksLike(document))) {
        return new Detection(JSON_LD, document);
      }
      if (trimmed.startsWith("[")) return new Detection(JSON_ARRAY, document);
      if (document != null && document.path("products").isArray()) return new Detection(PRODUCTS_DOCUMENT, document);
      if (document != null && document.isObject()) return new Detection(JSON_ARRAY, document); // one product object
      if (name.endsWith(".jsonld")) return new Detection(JSON_LD, null);
      return new Detection(JSONL, null);
    }
    String firstLine = trimmed.lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
    if (firstLine.contains("\t") && List.of(firstLine.split("\t")).stream().anyMatch(h -> h.strip().matches("(?:g:)?id"))) {
      return new Detection(MERCHANT_TSV, null);
    }
    if (firstLine.contains(",") && firstLine.contains("id") && firstLine.contains("title")) return new Detection(CSV, null);
    throw new CatalogImportException("cannot detect the catalog format of " + fileName
        + ": expected .json, .jsonl, .csv, .tsv, .xml, .jsonld or JSON, CSV, TSV or XML content");
  }

  /** The content parsed, when the whole of it is one JSON value (JSONL is several); else null. */
  private static JsonNode whole(String trimmed) {
    try {
      return STRICT.readTree(trimmed);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
