package dev.glasscart.retrieval.engine;

import dev.glasscart.retrieval.Signals;
import dev.glasscart.retrieval.lexical.ProductAnalyzer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Solr configset Glasscart's collections are created with, written from the in-process
 * index's own definitions so the two cannot drift: the fields of {@code ProductDocuments}, each
 * analyzed by the chain {@link ProductAnalyzer} builds (standard tokenizer, CJK width and bigrams
 * when configured, English possessives, lower case, ASCII folding, stop words when configured, the
 * configured stemmer; the same at index and query time), BM25 with Lucene's k1 = 1.2 and b = 0.75,
 * and the dense vector field (HNSW, dot product of unit vectors = cosine) of the encoder's
 * dimension. Query-time field boosts are not part of the schema: the retriever sends them with
 * each query ({@code FieldBoosts}). Distributed statistics are exact ({@code ExactStatsCache}), so
 * a product's BM25 score does not depend on which shard holds it.
 */
final class SolrSchema {
  /** The index field of the product embeddings. */
  static final String VECTOR = "vector";
  /** The text fields, as {@code ProductDocuments} fills them; the multi-valued ones. */
  static final List<String> TEXT_FIELDS = List.of(Signals.TITLE, Signals.BRAND, Signals.CATEGORY, Signals.TAGS,
      Signals.ATTRIBUTES, Signals.DESCRIPTION);
  private static final List<String> MULTI_VALUED = List.of(Signals.TAGS, Signals.ATTRIBUTES);

  private SolrSchema() {}

  /** The analysis chain's Solr factories for {@code analyzer}'s settings, one XML element per line. */
  static String analysisChain(ProductAnalyzer analyzer) {
    StringBuilder b = new StringBuilder("        <tokenizer class=\"solr.StandardTokenizerFactory\"/>\n");
    if (analyzer.cjk() != ProductAnalyzer.Cjk.UNIGRAMS) {
      b.append("        <filter class=\"solr.CJKWidthFilterFactory\"/>\n");
      b.append("        <filter class=\"solr.CJKBigramFilterFactory\" han=\"true\" hiragana=\"true\" katakana=\"true\""
          + " hangul=\"true\" outputUnigrams=\"").append(analyzer.cjk() == ProductAnalyzer.Cjk.BIGRAMS_AND_UNIGRAMS)
          .append("\"/>\n");
    }
    b.append("        <filter class=\"solr.EnglishPossessiveFilterFactory\"/>\n");
    b.append("        <filter class=\"solr.LowerCaseFilterFactory\"/>\n");
    b.append("        <filter class=\"solr.ASCIIFoldingFilterFactory\"/>\n");
    // without a words file the factory takes Lucene's English stop set, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET
    if (analyzer.stopWords()) b.append("        <filter class=\"solr.StopFilterFactory\"/>\n");
    switch (analyzer.stemming()) {
      case NONE -> { }
      case MINIMAL -> b.append("        <filter class=\"solr.EnglishMinimalStemFilterFactory\"/>\n");
      case KSTEM -> b.append("        <filter class=\"solr.KStemFilterFactory\"/>\n");
      case PORTER -> b.append("        <filter class=\"solr.PorterStemFilterFactory\"/>\n");
    }
    return b.toString();
  }

  /** {@code schema.xml}; {@code dimension} 0 leaves the vector field out (a text-only collection). */
  static String schema(ProductAnalyzer analyzer, int dimension) {
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<schema name=\"glasscart\" version=\"1.6\">\n");
    b.append("  <uniqueKey>").append(Signals.ID).append("</uniqueKey>\n");
    b.append("  <similarity class=\"solr.BM25SimilarityFactory\"><float name=\"k1\">1.2</float>"
        + "<float name=\"b\">0.75</float></similarity>\n");
    b.append("  <fieldType name=\"string\" class=\"solr.StrField\"/>\n");
    b.append("  <fieldType name=\"plong\" class=\"solr.LongPointField\" docValues=\"true\"/>\n");
    // no gap between the values of a multi-valued field, as in the in-process index (positions only)
    b.append("  <fieldType name=\"product_text\" class=\"solr.TextField\" positionIncrementGap=\"0\">\n");
    b.append("    <analyzer>\n").append(analysisChain(analyzer)).append("    </analyzer>\n");
    b.append("  </fieldType>\n");
    if (dimension > 0) {
      b.append("  <fieldType name=\"embedding\" class=\"solr.DenseVectorField\" vectorDimension=\"").append(dimension)
          .append("\" similarityFunction=\"dot_product\" knnAlgorithm=\"hnsw\"/>\n");
    }
    b.append("  <field name=\"").append(Signals.ID).append("\" type=\"string\" indexed=\"true\" stored=\"true\" required=\"true\"/>\n");
    b.append("  <field name=\"_version_\" type=\"plong\" indexed=\"false\" stored=\"false\"/>\n");
    for (String f : TEXT_FIELDS) {
      b.append("  <field name=\"").append(f).append("\" type=\"product_text\" indexed=\"true\" stored=\"false\"")
          .append(MULTI_VALUED.contains(f) ? " multiValued=\"true\"" : "").append("/>\n");
    }
    if (dimension > 0) {
      b.append("  <field name=\"").append(VECTOR).append("\" type=\"embedding\" indexed=\"true\" stored=\"false\"/>\n");
    }
    b.append("</schema>\n");
    return b.toString();
  }

  /** {@code solrconfig.xml}: update log (replicas need it), exact distributed statistics, /select. */
  static String solrConfig() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <config>
          <luceneMatchVersion>9.12</luceneMatchVersion>
          <dataDir>${solr.data.dir:}</dataDir>
          <schemaFactory class="ClassicIndexSchemaFactory"/>
          <updateHandler class="solr.DirectUpdateHandler2">
            <updateLog><str name="dir">${solr.ulog.dir:}</str></updateLog>
            <autoCommit><maxTime>60000</maxTime><openSearcher>false</openSearcher></autoCommit>
          </updateHandler>
          <query>
            <maxBooleanClauses>${solr.max.booleanClauses:1024}</maxBooleanClauses>
          </query>
          <statsCache class="org.apache.solr.search.stats.ExactStatsCache"/>
          <requestHandler name="/select" class="solr.SearchHandler"/>
        </config>
        """;
  }

  /** The configset as the upload API takes it: a zip of the two files. */
  static byte[] configSetZip(ProductAnalyzer analyzer, int dimension) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("solrconfig.xml"));
      zip.write(solrConfig().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("schema.xml"));
      zip.write(schema(analyzer, dimension).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
