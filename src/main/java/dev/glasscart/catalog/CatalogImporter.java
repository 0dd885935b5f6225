package dev.glasscart.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a catalog file (JSON array, JSONL, CSV, a dummyjson {@code {"products":[...]}} document, a
 * Google Merchant Center TSV or XML feed, or schema.org Product JSON-LD; see {@link CatalogFormat})
 * into products. Bad rows (missing id or title, bad price, rating out of
 * range, duplicate id, a U+0000 character, malformed line) are skipped and reported as
 * {@link RowError}s with their location; a file that cannot be parsed at all raises
 * {@link CatalogImportException} naming it.
 *
 * <p>Blocking (file I/O); stateless and thread-safe. Call it off the event loop.
 */
public final class CatalogImporter {

  /** Our CSV columns; any other column becomes an attribute. */
  private static final Set<String> CSV_FIELDS = Set.of("id", "title", "description", "brand", "category",
      "price", "currency", "rating", "reviewcount", "tags", "stock", "imageurl", "reviews");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ProductMapper MAPPER = new ProductMapper();

  private CatalogImporter() {}

  /** Reads and parses {@code file}; the format comes from its extension and content. */
  public static ImportResult read(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CatalogImportException("cannot read catalog file " + file + ": " + e.getMessage(), e);
    }
    return read(file, content);
  }

  /**
   * Parses {@code content}, the bytes of {@code file} (UTF-8; bytes that are not UTF-8 fail the
   * whole file, naming it). Whatever changes what this makes of a file changes
   * {@link CatalogSnapshot#FORMAT} too.
   */
  static ImportResult read(Path file, byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0) { // a replaced malformed sequence, or a U+FFFD of the file: decode strictly
      try {
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
      } catch (CharacterCodingException e) {
        throw new CatalogImportException("cannot read catalog file " + file + ": " + e.getMessage(), e);
      }
    }
    return parse(text, file.toString());
  }

  /** Parses catalog text; {@code fileName} (may be null) helps detect the format and names errors. */
  public static ImportResult parse(String content, String fileName) {
    String name = fileName == null ? "<text>" : fileName;
    String text = withoutByteOrderMark(content);
    CatalogFormat.Detection detected = CatalogFormat.detection(name, text);
    return parseText(text, detected.format(), detected.document(), name);
  }

  /** Parses catalog text in a known format. */
  public static ImportResult parse(String content, CatalogFormat format, String fileName) {
    return parseText(withoutByteOrderMark(content), format, null, fileName);
  }

  /** {@code document}: the text already parsed as JSON (by format detection), or null to parse it here. */
  private static ImportResult parseText(String text, CatalogFormat format, JsonNode document, String fileName) {
    Rows rows = new Rows();
    switch (format) {
      case JSON_ARRAY -> readArray(document != null ? document : parseJson(text, fileName), "", rows, fileName);
      case PRODUCTS_DOCUMENT -> readArray((document != null ? document : parseJson(text, fileName)).get("products"),
          "products", rows, fileName);
      case JSONL -> readJsonLines(text, rows);
      case CSV -> readCsv(text, rows, fileName);
      case MERCHANT_TSV -> MerchantFeed.readTsv(text, rows, fileName);
      case MERCHANT_XML -> MerchantFeed.readXml(text, rows, fileName);
      case JSON_LD -> JsonLdProducts.read(document != null ? document : parseJson(text, fileName), rows);
    }
    return new ImportResult(rows.products, rows.errors);
  }

  private static String withoutByteOrderMark(String content) {
    return content.startsWith("\uFEFF") ? content.substring(1) : content;
  }

  private static JsonNode parseJson(String content, String fileName) {
    try {
      return JSON.readTree(content);
    } catch (JsonProcessingException e) {
      throw new CatalogImportException("cannot parse catalog file " + fileName + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void readArray(JsonNode array, String what, Rows rows, String fileName) {
    if (array != null && array.isObject() && what.isEmpty()) {
      rows.add("index 0", array); // one product object alone
      return;
    }
    if (array == null || !array.isArray()) {
      throw new CatalogImportException("catalog file " + fileName + " has no " + (what.isEmpty() ? "top-level" : "\"" + what + "\"") + " array");
    }
    for (int i = 0; i < array.size(); i++) rows.add("index " + i, array.get(i));
  }

  private static void readJsonLines(String content, Rows rows) {
    String[] lines = content.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) continue;
      String location = "line " + (i + 1);
      try {
        rows.add(location, JSON.readTree(lines[i]));
      } catch (JsonProcessingException e) {
        rows.errors.add(new RowError(location, "malformed JSON: " + e.getOriginalMessage()));
      }
    }
  }

  private static void readCsv(String content, Rows rows, String fileName) {
    CsvReader reader = new CsvReader(content);
    CsvReader.Row header = reader.next();
    if (header == null || header.error() != null) {
      throw new CatalogImportException("catalog file " + fileName + " has no readable CSV header"
          + (header == null ? "" : ": " + header.error()));
    }
    List<String> columns = header.fields().stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
    if (!columns.contains("id") || !columns.contains("title")) {
      throw new CatalogImportException("CSV catalog " + fileName + " needs id and title columns, found " + columns);
    }
    reader.expect(columns.size());
    for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
      String location = "line " + row.line();
      if (row.error() != null) {
        rows.errors.add(new RowError(location, row.error()));
      } else if (row.fields().size() != columns.size()) {
        rows.errors.add(new RowError(location, "malformed CSV row: expected " + columns.size()
            + " fields, found " + row.fields().size()));
      } else {
        rows.add(location, csvRecord(columns, row.fields()));
      }
    }
  }

  /** One CSV record as the JSON object {@link ProductMapper} reads. */
  private static ObjectNode csvRecord(List<String> columns, List<String> fields) {
    ObjectNode node = JSON.createObjectNode();
    ObjectNode attributes = node.putObject("attributes");
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      String value = fields.get(i);
      if (value.isBlank()) continue;
      if (column.equals("reviewcount")) node.put("reviewCount", value);
      else if (column.equals("imageurl")) node.put("imageUrl", value);
      else if (CSV_FIELDS.contains(column)) node.put(column, value);
      else attributes.put(column, value);
    }
    return node;
  }

  /**
   * Where {@code p} holds U+0000, which no PostgreSQL text can store (so one such row would abort
   * the import's transaction), as the error of the row at {@code location} naming the field and
   * position; null when nowhere.
   */
  static RowError nulCharacter(Product p, String location) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", p.id());
    fields.put("title", p.title());
    fields.put("description", p.description());
    fields.put("brand", p.brand());
    fields.put("category", p.category());
    fields.put("currency", p.currency());
    fields.put("imageUrl", p.imageUrl());
    for (int i = 0; i < p.tags().size(); i++) fields.put("tags[" + i + "]", p.tags().get(i));
    new TreeMap<>(p.attributes()).forEach((k, v) -> {
      fields.put("attributes key " + k, k);
      fields.put("attributes." + k, v);
    });
    for (int i = 0; i < p.reviews().size(); i++) fields.put("reviews[" + i + "]", p.reviews().get(i));
    for (Map.Entry<String, String> f : fields.entrySet()) {
      int at = f.getValue() == null ? -1 : f.getValue().indexOf('\u0000');
      if (at >= 0) {
        return new RowError(location, f.getKey(),
            "field '" + f.getKey() + "' contains U+0000 at character " + at + "; a database text cannot hold it");
      }
    }
    return null;
  }

  /** Collects products and errors, rejecting duplicate ids and rows holding U+0000. */
  static final class Rows {
    final List<Product> products = new ArrayList<>();
    final List<RowError> errors = new ArrayList<>();
    final Map<String, String> seen = new HashMap<>();
    /** The shared texts of this read's products. */
    final StringPool pool = new StringPool();

    void add(String location, JsonNode node) {
      try {
        Product p = MAPPER.map(node, pool);
        RowError nul = nulCharacter(p, location);
        if (nul != null) {
          errors.add(nul);
          return;
        }
        String first = seen.putIfAbsent(p.id(), location);
        if (first != null) {
          errors.add(new RowError(location, "id", "duplicate id '" + p.id() + "' (first seen at " + first + ")"));
        } else {
          products.add(p);
        }
      } catch (ProductMapper.InvalidRowException e) {
        errors.add(new RowError(location, e.field(), e.getMessage()));
      } catch (IllegalArgumentException | NullPointerException e) {
        errors.add(new RowError(location, "invalid product: " + e.getMessage()));
      }
    }

    /** A row that could not even become a record: {@code field} may be null (the row as a whole). */
    void reject(String location, String field, String message) {
      errors.add(new RowError(location, field, message));
    }
  }
}
