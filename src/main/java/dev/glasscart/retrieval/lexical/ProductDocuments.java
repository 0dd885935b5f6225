package dev.glasscart.retrieval.lexical;

import dev.glasscart.catalog.Product;
import dev.glasscart.retrieval.Signals;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * The mapping from a {@link Product} to a Lucene document. Fields are
 * analyzed text, not stored, except the product id (stored, not analyzed, and as binary doc values); their names are
 * {@link Signals}'s field names.
 */
public final class ProductDocuments {
  private ProductDocuments() {}

  static Document toDocument(Product p) {
    Document doc = new Document();
    doc.add(new StringField(Signals.ID, p.id(), Field.Store.YES));
    // the id again as doc values: a segment's ids are read in one pass at open (LexicalIndex.productId)
    doc.add(new BinaryDocValuesField(Signals.ID, new BytesRef(p.id())));
    doc.add(new TextField(Signals.TITLE, p.title(), Field.Store.NO));
    addIfPresent(doc, Signals.BRAND, p.brand());
    addIfPresent(doc, Signals.CATEGORY, p.category());
    for (String tag : p.tags()) addIfPresent(doc, Signals.TAGS, tag);
    for (String value : p.attributes().values()) addIfPresent(doc, Signals.ATTRIBUTES, value);
    addIfPresent(doc, Signals.DESCRIPTION, p.description());
    return doc;
  }

  private static void addIfPresent(Document doc, String field, String value) {
    if (value != null && !value.isBlank()) doc.add(new TextField(field, value, Field.Store.NO));
  }
}
