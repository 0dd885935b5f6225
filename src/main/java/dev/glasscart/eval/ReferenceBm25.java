package dev.glasscart.eval;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Product;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The plain BM25 baseline used to validate the metric code against the dataset's published
 * reference (crowdflower nDCG@10 0.726): Lucene's StandardAnalyzer with English stop words, title
 * and description concatenated into one field, default BM25 (k1=1.2, b=0.75), OR of query terms.
 * Benchmark support only; thread-safe after construction.
 */
final class ReferenceBm25 implements AutoCloseable {
  private final StandardAnalyzer analyzer = new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  ReferenceBm25(Catalog corpus) {
    try {
      ByteBuffersDirectory dir = new ByteBuffersDirectory();
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
        for (Product p : corpus.products()) {
          Document doc = new Document();
          doc.add(new StringField("id", p.id(), Field.Store.YES));
          doc.add(new TextField("text", p.title() + " " + p.description(), Field.Store.NO));
          w.addDocument(doc);
        }
      }
      reader = DirectoryReader.open(dir);
      searcher = new IndexSearcher(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("could not build the reference BM25 index", e);
    }
  }

  List<TrecRunWriter.Hit> search(String query, int k) {
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    try {
      try (TokenStream ts = analyzer.tokenStream("text", query)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        while (ts.incrementToken()) q.add(new TermQuery(new Term("text", term.toString())), BooleanClause.Occur.SHOULD);
        ts.end();
      }
      List<TrecRunWriter.Hit> hits = new ArrayList<>();
      for (ScoreDoc sd : searcher.search(q.build(), k).scoreDocs) {
        hits.add(new TrecRunWriter.Hit(searcher.storedFields().document(sd.doc).get("id"), sd.score));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException("reference search failed for " + query, e);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
