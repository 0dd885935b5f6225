/**
 * Lexical retrieval: a Lucene BM25 index of the catalog ({@link
 * dev.glasscart.retrieval.lexical.LexicalIndex}, fields title, brand, category, tags, attributes,
 * description), the product analyzer and {@link dev.glasscart.retrieval.lexical.Bm25Retriever},
 * whose candidates carry per-field BM25 signals and matched terms.
 *
 * <p>To index a new product field: add it in {@code ProductDocuments} (field name and the signal it
 * feeds), give it a boost in {@code FieldBoosts}, and measure with {@code LexicalSweep}.
 */
package dev.glasscart.retrieval.lexical;
