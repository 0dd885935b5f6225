package dev.glasscart.retrieval.lexical;

import dev.glasscart.catalog.Product;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * The mapping from a {@link Product} to a Lucene document, and the index field names. Fields are
 * analyzed text, not stored, except the product id (stored, not analyzed).
 */
public final class ProductDocuments {
  public static final String ID = "id";
  public static final String TITLE = "title";
  public static final String BRAND = "brand";
  public static final String CATEGORY = "category";
  public static final String TAGS = "tags";
  public static final String ATTRIBUTES = "attributes";
  public static final String DESCRIPTION = "description";

  /** Ranker signals: the BM25 contribution of one field (category and tags share one). */
  public static final String TITLE_SIGNAL = "bm25_title";
  public static final String BRAND_SIGNAL = "bm25_brand";
  public static final String CATEGORY_SIGNAL = "bm25_category";
  public static final String ATTRIBUTES_SIGNAL = "bm25_attributes";
  public static final String DESCRIPTION_SIGNAL = "bm25_description";

  /** The ranker signal each index field contributes to; category and tags share one. */
  public static final Map<String, String> SIGNAL_BY_FIELD = Map.of(
      TITLE, TITLE_SIGNAL,
      BRAND, BRAND_SIGNAL,
      CATEGORY, CATEGORY_SIGNAL,
      TAGS, CATEGORY_SIGNAL,
      ATTRIBUTES, ATTRIBUTES_SIGNAL,
      DESCRIPTION, DESCRIPTION_SIGNAL);

  private ProductDocuments() {}

  static Document toDocument(Product p) {
    Document doc = new Document();
    doc.add(new StringField(ID, p.id(), Field.Store.YES));
    doc.add(new TextField(TITLE, p.title(), Field.Store.NO));
    addIfPresent(doc, BRAND, p.brand());
    addIfPresent(doc, CATEGORY, p.category());
    for (String tag : p.tags()) addIfPresent(doc, TAGS, tag);
    for (String value : p.attributes().values()) addIfPresent(doc, ATTRIBUTES, value);
    addIfPresent(doc, DESCRIPTION, p.description());
    return doc;
  }

  private static void addIfPresent(Document doc, String field, String value) {
    if (value != null && !value.isBlank()) doc.add(new TextField(field, value, Field.Store.NO));
  }
}
