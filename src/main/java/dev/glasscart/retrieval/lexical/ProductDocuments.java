package dev.glasscart.retrieval.lexical;

import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Signals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * The mapping from a {@link Product} to its indexed text fields ({@link #fields}), and to a Lucene
 * document. Fields are analyzed text, not stored, except the product id (stored, not analyzed, and
 * as binary doc values); their names are {@link Signals}'s field names. The search engine's index
 * takes the same {@link #fields}, so both indexes hold the same text.
 */
public final class ProductDocuments {
  private ProductDocuments() {}

  /**
   * The analyzed text fields of {@code p}, by field name, in index order: title always, then
   * brand, category, tags, attribute values and description when present (blank values left out).
   */
  public static Map<String, List<String>> fields(Product p) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.computeIfAbsent(Signals.TITLE, f -> new ArrayList<>()).add(p.title());
    addIfPresent(fields, Signals.BRAND, p.brand());
    addIfPresent(fields, Signals.CATEGORY, p.category());
    for (String tag : p.tags()) addIfPresent(fields, Signals.TAGS, tag);
    for (String value : p.attributes().values()) addIfPresent(fields, Signals.ATTRIBUTES, value);
    addIfPresent(fields, Signals.DESCRIPTION, p.description());
    return fields;
  }

  static Document toDocument(Product p) {
    Document doc = new Document();
    doc.add(new StringField(Signals.ID, p.id(), Field.Store.YES));
    // the id again as doc values: a segment's ids are read in one pass at open (LexicalIndex.productId)
    doc.add(new BinaryDocValuesField(Signals.ID, new BytesRef(p.id())));
    fields(p).forEach((field, values) -> {
      for (String v : values) doc.add(new TextField(field, v, Field.Store.NO));
    });
    return doc;
  }

  private static void addIfPresent(Map<String, List<String>> fields, String field, String value) {
    if (value != null && !value.isBlank()) fields.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
  }
}
