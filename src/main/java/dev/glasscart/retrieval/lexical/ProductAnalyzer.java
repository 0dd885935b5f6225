package dev.glasscart.retrieval.lexical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analyzer for product text, used for both indexing and queries: standard tokenization,
 * English possessive removal ("men's" to "men"), lower-casing, ASCII folding ("café" to "cafe"),
 * optional English stop words and a configurable stemmer.
 *
 * <p>The default ({@link Stemming#KSTEM}, no stop-word removal) was chosen by nDCG@10 on the
 * crowdflower set; see docs/retrieval.md. Thread-safe (Lucene reuses token streams per thread).
 */
public final class ProductAnalyzer extends Analyzer {

  /** How words are reduced to a common form. */
  public enum Stemming {
    /** No stemming: exact (folded, lower-cased) words only. */
    NONE,
    /** Plural to singular only ({@link EnglishMinimalStemFilter}). */
    MINIMAL,
    /** Krovetz: dictionary-backed, conservative inflectional stemming. */
    KSTEM,
    /** Porter: aggressive algorithmic stemming. */
    PORTER
  }

  private final Stemming stemming;
  private final boolean stopWords;

  public ProductAnalyzer(Stemming stemming, boolean stopWords) {
    this.stemming = Objects.requireNonNull(stemming, "stemming");
    this.stopWords = stopWords;
  }

  /** The measured default: Krovetz stemming, stop words kept (BM25 idf already discounts them). */
  public static ProductAnalyzer standard() {
    return new ProductAnalyzer(Stemming.KSTEM, false);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream stream = new EnglishPossessiveFilter(source);
    stream = new LowerCaseFilter(stream);
    stream = new ASCIIFoldingFilter(stream);
    if (stopWords) stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    stream = switch (stemming) {
      case NONE -> stream;
      case MINIMAL -> new EnglishMinimalStemFilter(stream);
      case KSTEM -> new KStemFilter(stream);
      case PORTER -> new PorterStemFilter(stream);
    };
    return new TokenStreamComponents(source, stream);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new ASCIIFoldingFilter(new LowerCaseFilter(in));
  }

  /** The distinct analyzed terms of {@code text}, in order of first occurrence. */
  public List<String> terms(String field, String text) {
    return terms(this, field, text);
  }

  /**
   * The distinct terms {@code analyzer} (any Lucene analyzer; they are thread-safe) makes of
   * {@code text} for {@code field}, in order of first occurrence; empty for a blank text.
   */
  public static List<String> terms(Analyzer analyzer, String field, String text) {
    if (text == null || text.isBlank()) return List.of();
    LinkedHashSet<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) terms.add(term.toString());
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("could not analyze text for field " + field + ": " + text, e);
    }
    return new ArrayList<>(terms);
  }

  @Override
  public String toString() {
    return "ProductAnalyzer[stemming=" + stemming + ", stopWords=" + stopWords + "]";
  }
}
