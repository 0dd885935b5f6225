package dev.glasscart.eval;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.retrieval.Retriever;
import dev.glasscart.retrieval.lexical.LexicalIndex;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The retrievers an evaluation needs, built over the dataset corpus and closed together. Building
 * blocks (indexing, and for dense modes, encoding the corpus).
 */
final class EvalSystems implements AutoCloseable {
  private final LexicalIndex index;

  private EvalSystems(LexicalIndex index) {
    this.index = index;
  }

  static EvalSystems build(Catalog corpus, EvalOptions options) {
    return new EvalSystems(EvalCommand.lexicalIndex(corpus));
  }

  Retriever retriever(EvalOptions.Mode mode) {
    return switch (mode) {
      case BM25, RERANK -> EvalCommand.bm25(index);
      case DENSE, HYBRID -> throw new IllegalStateException(
          "mode " + mode.name().toLowerCase() + " needs the dense retriever, which is not merged yet");
    };
  }

  @Override
  public void close() {
    try {
      index.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not close the lexical index", e);
    }
  }
}
