package dev.glasscart.ranking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns a query into the distinct analyzed terms that retrieval reports in
 * {@code Candidate.matchedTerms()}, so that "fraction of query terms in the title" compares like
 * with like. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface QueryTerms {

  /** The distinct analyzed terms of {@code query}, in query order; empty for a blank query. */
  Set<String> terms(String query);

  /** Terms from any Lucene analyzer (analyzers are thread-safe); the field name is passed through. */
  static QueryTerms of(Analyzer analyzer, String field) {
    return query -> {
      Set<String> out = new LinkedHashSet<>();
      if (query == null || query.isBlank()) return out;
      try (TokenStream ts = analyzer.tokenStream(field, query)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        while (ts.incrementToken()) out.add(term.toString());
        ts.end();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot analyze query '" + query + "'", e);
      }
      return out;
    };
  }

  /**
   * The analysis of the lexical index ({@code ProductAnalyzer.standard()}), so terms compare equal
   * to the matched terms that {@code Bm25Retriever} reports. The default for production.
   */
  static QueryTerms lexical() {
    return of(dev.glasscart.retrieval.lexical.ProductAnalyzer.standard(), "title");
  }

  /** Lucene's English analyzer (lower case, English stop words, Porter stemming). */
  static QueryTerms english() {
    return of(new EnglishAnalyzer(), "title");
  }
}
