package dev.glasscart.ranking;

import dev.glasscart.retrieval.Signals;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * Turns a query into the distinct analyzed terms that retrieval reports in
 * {@code Candidate.matchedTerms()}, so that "fraction of query terms in the title" compares like
 * with like. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface QueryTerms {

  /** The distinct analyzed terms of {@code query}, in query order; empty for a blank query. */
  Set<String> terms(String query);

  /**
   * Terms from any Lucene analyzer (analyzers are thread-safe); the field name is passed through.
   * Each distinct text is analyzed once ({@link TermsMemo}); the sets are unmodifiable.
   */
  static QueryTerms of(Analyzer analyzer, String field) {
    return new TermsMemo(text -> ProductAnalyzer.terms(analyzer, field, text));
  }

  /**
   * The analysis of the lexical index ({@code ProductAnalyzer.standard()}), so terms compare equal
   * to the matched terms that {@code Bm25Retriever} reports. The default for production.
   */
  static QueryTerms lexical() {
    return of(ProductAnalyzer.standard(), Signals.TITLE);
  }

  /** Lucene's English analyzer (lower case, English stop words, Porter stemming). */
  static QueryTerms english() {
    return of(new EnglishAnalyzer(), Signals.TITLE);
  }
}
