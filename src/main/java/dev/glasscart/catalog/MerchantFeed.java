package dev.glasscart.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glasscart.catalog.ProductMapper.InvalidRowException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Google Merchant Center product data: tab-separated feeds (a header row of attribute names) and
 * XML feeds (RSS 2.0 {@code <item>}s or Atom {@code <entry>}s, attributes in the {@code g:}
 * namespace {@value #NAMESPACE}; {@code title}, {@code link} and {@code description} may be plain
 * RSS elements). Each item becomes the JSON object {@link ProductMapper} reads:
 *
 * <ul>
 *   <li>{@code id}, {@code title}, {@code description}, {@code brand}; {@code image_link} the image;
 *   <li>{@code price} "15.00 USD" the amount and the currency (ISO 4217 code after or before it);
 *       an effective {@code sale_price} (in the same currency, within {@code
 *       sale_price_effective_date} when given) is the price, the regular one kept as {@code
 *       regular_price};
 *   <li>{@code availability} (in_stock, out_of_stock, preorder, backorder) in words as the
 *       {@code availability} attribute, which {@link Product#inStock} reads: feeds state no stock
 *       figures;
 *   <li>{@code product_type} "A > B > C": the category is the path, its ancestors are tags (a
 *       second product_type adds its segments as tags); without one a {@code
 *       google_product_category} given by name is the category (a numeric one stays an attribute);
 *   <li>{@code shipping} "US:CA:Overnight:16.00 USD" (or XML's nested country / region / service /
 *       price, or the sub-attribute order a TSV header names, {@code shipping(country:price)}) in
 *       words as the {@code shipping} attribute, several joined by "; ";
 *   <li>every other attribute ({@code gtin}, {@code mpn}, {@code condition}, {@code color}, {@code
 *       size}, {@code material}, {@code pattern}, {@code gender}, {@code age_group}, {@code
 *       item_group_id} tying variants together, custom labels) as an attribute; links and
 *       settings that describe the ad rather than the product ({@link #NOT_FACTS}) are left out,
 *       and so is any value that is a URL, since attribute values are words shoppers say.
 * </ul>
 *
 * Rows are reported as the other formats report them: a TSV row by its line, an XML item as
 * {@code item N (line L)}; a broken row is skipped with its field and reason. An XML document that
 * is not well-formed is refused whole ({@link CatalogImportException} with line and column), so a
 * truncated feed never replaces a catalog with its first half. DTDs and external entities are off.
 *
 * <p>Stateless and thread-safe.
 */
final class MerchantFeed {
  /** The Merchant Center attribute namespace of XML feeds. */
  static final String NAMESPACE = "http://base.google.com/ns/1.0";
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** "15.00 USD", "USD 15.00", "1,299.00 EUR". */
  private static final Pattern PRICE = Pattern.compile(
      "^\\s*(?:([A-Za-z]{3})\\s*)?(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(?:([A-Za-z]{3}))?\\s*$");
  /** Several shipping groups in one TSV cell: a comma before the next "CC:". */
  private static final Pattern SHIPPING_SPLIT = Pattern.compile(",(?=\\s*[A-Za-z]{2}:)");
  private static final List<String> SHIPPING_ORDER = List.of("country", "region", "service", "price");
  /** Attributes about the ad or the listing, not about the product a shopper asks after. */
  private static final Set<String> NOT_FACTS = Set.of("link", "mobile_link", "canonical_link", "ads_redirect",
      "additional_image_link", "lifestyle_image_link", "image_link", "identifier_exists", "excluded_destination",
      "included_destination", "shopping_ads_excluded_country", "sale_price_effective_date", "expiration_date",
      "availability_date", "cost_of_goods_sold", "tax", "adult", "is_bundle", "multipack", "pause", "ads_grouping",
      "ads_labels", "promotion_id");
  /** Handled by {@link #record} itself. */
  private static final Set<String> MAPPED = Set.of("id", "title", "description", "brand", "price", "sale_price",
      "availability", "product_type", "google_product_category", "shipping");
  private static final Map<String, String> AVAILABILITY = Map.of(
      "in_stock", "in stock", "out_of_stock", "out of stock", "preorder", "preorder", "backorder", "backorder");

  private MerchantFeed() {}

  /** One feed item: attribute name (lower case, no prefix) to its values in feed order. */
  static final class Item {
    final Map<String, List<String>> values = new LinkedHashMap<>();

    void add(String name, String value) {
      if (value == null || value.isBlank()) return;
      values.computeIfAbsent(name, k -> new ArrayList<>()).add(value.strip());
    }

    String first(String name) {
      List<String> v = values.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  /** The item as {@link ProductMapper}'s JSON object; a bad price, sale price or availability is the row's error. */
  static ObjectNode record(Item item) throws InvalidRowException {
    ObjectNode node = JSON.createObjectNode();
    putIfPresent(node, "id", item.first("id"));
    putIfPresent(node, "title", item.first("title"));
    putIfPresent(node, "description", item.first("description"));
    putIfPresent(node, "brand", item.first("brand"));
    putIfPresent(node, "imageUrl", item.first("image_link"));
    ObjectNode attributes = node.putObject("attributes");
    ArrayNode tags = node.putArray("tags");

    String priceText = item.first("price");
    if (priceText != null) {
      Price regular = price("price", priceText);
      Price current = regular;
      String saleText = item.first("sale_price");
      if (saleText != null && saleEffective(item.first("sale_price_effective_date"))) {
        Price sale = price("sale_price", saleText);
        if (!sale.currency().equals(regular.currency())) {
          throw new InvalidRowException("sale_price", "sale_price '" + saleText + "' is in " + sale.currency()
              + " but price '" + priceText + "' in " + regular.currency());
        }
        if (sale.amount().compareTo(regular.amount()) < 0) {
          current = sale;
          attributes.put("regular_price", Money.format(regular.amount().doubleValue(), regular.currency()));
        }
      }
      node.put("price", current.amount().toPlainString());
      node.put("currency", current.currency());
    }

    String availability = item.first("availability");
    if (availability != null) {
      String key = availability.toLowerCase(Locale.ROOT).replace(' ', '_');
      String words = AVAILABILITY.get(key);
      if (words == null) {
        throw new InvalidRowException("availability", "bad availability '" + availability
            + "': expected in_stock, out_of_stock, preorder or backorder");
      }
      attributes.put("availability", words);
    }

    List<String> types = item.values.getOrDefault("product_type", List.of());
    String googleCategory = item.first("google_product_category");
    if (!types.isEmpty()) {
      List<String> path = segments(types.get(0));
      node.put("category", String.join(" > ", path));
      for (String ancestor : path.subList(0, path.size() - 1)) tags.add(ancestor);
      for (String other : types.subList(1, types.size())) for (String s : segments(other)) tags.add(s);
      if (googleCategory != null) attributes.put("google_product_category", googleCategory);
    } else if (googleCategory != null && !googleCategory.chars().allMatch(Character::isDigit)) {
      List<String> path = segments(googleCategory);
      node.put("category", String.join(" > ", path));
      for (String ancestor : path.subList(0, path.size() - 1)) tags.add(ancestor);
    } else if (googleCategory != null) {
      attributes.put("google_product_category", googleCategory);
    }

    List<String> shipping = new ArrayList<>();
    for (String s : item.values.getOrDefault("shipping", List.of())) shipping.add(shipping(s));
    if (!shipping.isEmpty()) attributes.put("shipping", String.join("; ", shipping));

    for (Map.Entry<String, List<String>> e : item.values.entrySet()) {
      String name = e.getKey();
      if (MAPPED.contains(name) || NOT_FACTS.contains(name)) continue;
      List<String> facts = e.getValue().stream().filter(v -> !isUrl(v)).toList();
      if (!facts.isEmpty() && !attributes.has(name)) attributes.put(name, String.join(", ", facts));
    }
    return node;
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) node.put(field, value);
  }

  private static boolean isUrl(String v) {
    String s = v.toLowerCase(Locale.ROOT);
    return s.startsWith("http://") || s.startsWith("https://") || s.startsWith("www.");
  }

  /** "Apparel & Accessories > Shoes" as its segments. */
  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split(">")) if (!s.isBlank()) out.add(s.strip());
    return out.isEmpty() ? List.of(path.strip()) : out;
  }

  record Price(BigDecimal amount, String currency) {}

  /** A Merchant Center price: an amount and an ISO 4217 code. */
  static Price price(String field, String text) throws InvalidRowException {
    Matcher m = PRICE.matcher(text);
    String code = m.matches() ? (m.group(1) != null ? m.group(1) : m.group(3)) : null;
    if (code == null || m.group(1) != null && m.group(3) != null) {
      throw new InvalidRowException(field, "bad " + field + " '" + text
          + "': expected an amount and an ISO 4217 currency code, such as '15.00 USD'");
    }
    return new Price(new BigDecimal(m.group(2).replace(",", "")), code.toUpperCase(Locale.ROOT));
  }

  /**
   * Whether a sale with this {@code sale_price_effective_date} ("start/end" in ISO 8601) runs now;
   * true without one, or with one that cannot be read (the sale price is then taken as given).
   */
  private static boolean saleEffective(String range) {
    if (range == null) return true;
    String[] ends = range.split("/");
    if (ends.length != 2) return true;
    try {
      OffsetDateTime now = OffsetDateTime.now();
      return !now.isBefore(OffsetDateTime.parse(ends[0].strip())) && now.isBefore(OffsetDateTime.parse(ends[1].strip()));
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  /** "US:CA:Overnight:16.00 USD" (or the XML form, already in that order) in words: "$16 (US, CA, Overnight)". */
  private static String shipping(String value) throws InvalidRowException {
    String[] parts = value.split(":", -1);
    List<String> where = new ArrayList<>();
    String cost = null;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      if (part.isEmpty()) continue;
      if (i == parts.length - 1 && PRICE.matcher(part).matches()) {
        Price p = price("shipping", part);
        cost = p.amount().signum() == 0 ? "free" : Money.format(p.amount().doubleValue(), p.currency());
      } else {
        where.add(part);
      }
    }
    if (cost == null) {
      throw new InvalidRowException("shipping", "bad shipping '" + value
          + "': expected country:region:service:price, such as 'US:CA:Overnight:16.00 USD'");
    }
    return where.isEmpty() ? cost : cost + " (" + String.join(", ", where) + ")";
  }

  // ---------------------------------------------------------------- tab-separated

  /** A header name as an attribute name: "g:Image Link" -> "image_link"; "shipping(country:price)" -> "shipping". */
  private static String attributeName(String header) {
    String h = header.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("g:")) h = h.substring(2);
    int paren = h.indexOf('(');
    if (paren > 0) h = h.substring(0, paren);
    return h.strip().replace(' ', '_');
  }

  /** The sub-attribute order a header names, "shipping(country:postal_code:price)", or null. */
  private static List<String> subAttributes(String header) {
    int open = header.indexOf('(');
    int close = header.lastIndexOf(')');
    if (open < 0 || close < open) return null;
    List<String> out = new ArrayList<>();
    for (String s : header.substring(open + 1, close).split(":")) out.add(s.strip().toLowerCase(Locale.ROOT));
    return out;
  }

  static void readTsv(String text, CatalogImporter.Rows rows, String fileName) {
    CsvReader reader = new CsvReader(text, '\t');
    CsvReader.Row header = reader.next();
    if (header == null || header.error() != null) {
      throw new CatalogImportException("feed " + fileName + " has no readable tab-separated header"
          + (header == null ? "" : ": " + header.error()));
    }
    List<String> names = header.fields().stream().map(MerchantFeed::attributeName).toList();
    List<List<String>> orders = header.fields().stream().map(MerchantFeed::subAttributes).toList();
    if (!names.contains("id")) {
      throw new CatalogImportException("Merchant Center feed " + fileName + " needs an id column, found " + names);
    }
    reader.expect(names.size());
    for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
      String location = "line " + row.line();
      if (row.error() != null) {
        rows.reject(location, null, row.error().replace("CSV", "TSV"));
        continue;
      }
      if (row.fields().size() != names.size()) {
        rows.reject(location, null, "malformed TSV row: expected " + names.size() + " tab-separated fields, found "
            + row.fields().size());
        continue;
      }
      Item item = new Item();
      try {
        for (int i = 0; i < names.size(); i++) {
          String value = row.fields().get(i);
          if (names.get(i).equals("shipping")) {
            for (String group : SHIPPING_SPLIT.split(value)) item.add("shipping", inOrder(group, orders.get(i)));
          } else {
            item.add(names.get(i), value);
          }
        }
        rows.add(location, record(item));
      } catch (InvalidRowException e) {
        rows.reject(location, e.field(), e.getMessage());
      }
    }
  }

  /** A TSV shipping group in the order its header names, rewritten to country:region:service:price. */
  private static String inOrder(String group, List<String> order) {
    if (order == null || group.isBlank()) return group;
    String[] parts = group.split(":", -1);
    Map<String, String> byName = new LinkedHashMap<>();
    for (int i = 0; i < parts.length && i < order.size(); i++) byName.put(order.get(i), parts[i]);
    List<String> out = new ArrayList<>();
    for (String name : SHIPPING_ORDER) out.add(byName.getOrDefault(name, ""));
    return String.join(":", out);
  }

  // ---------------------------------------------------------------- XML

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  static void readXml(String text, CatalogImporter.Rows rows, String fileName) {
    XMLStreamReader xml = null;
    int items = 0;
    try {
      xml = factory().createXMLStreamReader(new StringReader(text));
      while (xml.hasNext()) {
        if (xml.next() != XMLStreamConstants.START_ELEMENT) continue;
        String name = xml.getLocalName();
        if (!name.equals("item") && !(name.equals("entry") && ATOM.equals(xml.getNamespaceURI()))) continue;
        items++;
        String location = "item " + items + " (line " + xml.getLocation().getLineNumber() + ")";
        Item item = readItem(xml);
        try {
          rows.add(location, record(item));
        } catch (InvalidRowException e) {
          rows.reject(location, e.field(), e.getMessage());
        }
      }
    } catch (XMLStreamException e) {
      var at = e.getLocation();
      throw new CatalogImportException("cannot parse feed " + fileName + " as XML"
          + (at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber())
          + " (after " + items + " items; nothing imported): " + e.getMessage().replaceAll("^ParseError at \\[[^]]*\\]\\s*Message:\\s*", ""), e);
    } finally {
      if (xml != null) {
        try {
          xml.close();
        } catch (XMLStreamException ignored) {
          // nothing held but the string reader
        }
      }
    }
    if (items == 0) {
      throw new CatalogImportException("feed " + fileName + " has no <item> (RSS) or <entry> (Atom) elements");
    }
  }

  /** Reads the children of the {@code item}/{@code entry} the reader is on, up to its end tag. */
  private static Item readItem(XMLStreamReader xml) throws XMLStreamException {
    Item item = new Item();
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        String ns = xml.getNamespaceURI();
        String name = xml.getLocalName().toLowerCase(Locale.ROOT);
        boolean ours = NAMESPACE.equals(ns) || ns == null || ns.isEmpty() || ATOM.equals(ns);
        if (!ours) {
          skip(xml);
        } else if (ATOM.equals(ns) && name.equals("link")) {
          item.add("link", xml.getAttributeValue(null, "href"));
          skip(xml);
        } else if (ATOM.equals(ns) && name.equals("summary")) {
          item.add("description", text(xml));
        } else if (name.equals("shipping")) {
          item.add("shipping", nested(xml));
        } else {
          item.add(name, text(xml));
        }
      }
    }
    return item;
  }

  /** The text of a simple element (nested elements' text included), the reader left on its end tag. */
  private static String text(XMLStreamReader xml) throws XMLStreamException {
    StringBuilder b = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) depth++;
      else if (event == XMLStreamConstants.END_ELEMENT) depth--;
      else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) b.append(xml.getText());
    }
    return b.toString();
  }

  /** {@code <g:shipping>} with country / region / service / price children, as "country:region:service:price". */
  private static String nested(XMLStreamReader xml) throws XMLStreamException {
    Map<String, String> parts = new LinkedHashMap<>();
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        parts.put(xml.getLocalName().toLowerCase(Locale.ROOT), text(xml).strip());
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.CHARACTERS && depth == 1 && !xml.isWhiteSpace() && parts.isEmpty()) {
        String flat = xml.getText().strip();
        if (!flat.isEmpty()) parts.put("", flat); // the flat form "US::Standard:4.95 USD"
      }
    }
    if (parts.containsKey("")) return parts.get("");
    List<String> out = new ArrayList<>();
    for (String name : SHIPPING_ORDER) out.add(parts.getOrDefault(name, ""));
    return String.join(":", out);
  }

  private static void skip(XMLStreamReader xml) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) depth++;
      else if (event == XMLStreamConstants.END_ELEMENT) depth--;
    }
  }
}
