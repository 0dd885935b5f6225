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
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
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
 *
 * <p>Chinese (and other CJK) text is selected by script, token by token, so one analyzer serves an
 * English, a Chinese and a mixed catalog: the standard tokenizer marks CJK characters by type, and
 * {@link Cjk} decides what becomes of them, while every other token passes as before (with
 * bigrams, full-width Latin letters and digits are folded to ASCII first, half-width katakana to
 * full width; with {@link Cjk#UNIGRAMS} the chain is exactly the English one).
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

  /** What CJK characters (which carry no spaces) are indexed and searched as. */
  public enum Cjk {
    /** One term per character, the standard tokenizer's own output. */
    UNIGRAMS,
    /** Overlapping pairs of characters ("无线耳机": 无线, 线耳, 耳机); a lone character stays a unigram. */
    BIGRAMS,
    /** Both: pairs for precision, single characters for recall of one-character words (鞋, 表). */
    BIGRAMS_AND_UNIGRAMS
  }

  /**
   * The CJK setting {@link #standard} uses, chosen by measurement (docs/retrieval.md): on two small
   * judged Chinese query sets built from a Chinese catalog's categories, BM25 nDCG@10 was 0.527 /
   * 0.655 with unigrams, 0.514 / 0.648 with bigrams and unigrams, 0.278 / 0.631 with bigrams
   * alone (shoppers' synonyms share characters, not pairs, with the catalog's words: 墨镜 and 太阳镜).
   * Unigrams are also exactly the analysis an English catalog has always had.
   */
  public static final Cjk DEFAULT_CJK = Cjk.UNIGRAMS;

  private final Stemming stemming;
  private final boolean stopWords;
  private final Cjk cjk;

  public ProductAnalyzer(Stemming stemming, boolean stopWords, Cjk cjk) {
    this.stemming = Objects.requireNonNull(stemming, "stemming");
    this.stopWords = stopWords;
    this.cjk = Objects.requireNonNull(cjk, "cjk");
  }

  /** {@link #DEFAULT_CJK} CJK handling. */
  public ProductAnalyzer(Stemming stemming, boolean stopWords) {
    this(stemming, stopWords, DEFAULT_CJK);
  }

  /** The measured default: Krovetz stemming, stop words kept (BM25 idf already discounts them), {@link #DEFAULT_CJK}. */
  public static ProductAnalyzer standard() {
    return new ProductAnalyzer(Stemming.KSTEM, false);
  }

  public Stemming stemming() {
    return stemming;
  }

  public boolean stopWords() {
    return stopWords;
  }

  public Cjk cjk() {
    return cjk;
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream stream = source;
    if (cjk != Cjk.UNIGRAMS) {
      stream = new CJKBigramFilter(new CJKWidthFilter(stream), CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA
          | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL, cjk == Cjk.BIGRAMS_AND_UNIGRAMS);
    }
    stream = new EnglishPossessiveFilter(stream);
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
    return new ASCIIFoldingFilter(new LowerCaseFilter(cjk == Cjk.UNIGRAMS ? in : new CJKWidthFilter(in)));
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
    return "ProductAnalyzer[stemming=" + stemming + ", stopWords=" + stopWords + ", cjk=" + cjk + "]";
  }
}
