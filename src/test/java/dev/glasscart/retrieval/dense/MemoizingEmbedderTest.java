package dev.glasscart.retrieval.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class MemoizingEmbedderTest {

  /** The real encoder, recording the texts of each call it receives. */
  private static final class Recording implements Embedder {
    final List<List<String>> calls = new ArrayList<>();

    @Override
    public float[][] embed(List<String> texts) {
      calls.add(List.copyOf(texts));
      return SharedEncoder.get().embed(texts);
    }

    @Override
    public int dimension() {
      return SharedEncoder.get().dimension();
    }

    @Override
    public String name() {
      return SharedEncoder.get().name();
    }
  }

  @Test
  void should_encode_a_repeated_query_once_and_pass_batches_through() {
    // Given a memo of two queries over the real encoder
    Recording encoder = new Recording();
    MemoizingEmbedder memo = new MemoizingEmbedder(encoder, 2);

    // When a query is embedded twice, then a batch twice
    float[] first = memo.embed(List.of("red dress"))[0];
    float[] second = memo.embed(List.of("red dress"))[0];
    memo.embed(List.of("a", "b"));
    memo.embed(List.of("a", "b"));

    // Then the query reached the encoder once with the same vector both times, batches every time
    assertArrayEquals(first, second);
    assertEquals(List.of(List.of("red dress"), List.of("a", "b"), List.of("a", "b")), encoder.calls);
    assertEquals(encoder.name(), memo.name(), "cache keys stay valid");
    assertEquals(encoder.dimension(), memo.dimension());
  }

  @Test
  void should_forget_the_least_recent_query_beyond_capacity() {
    // Given a memo of two queries
    Recording encoder = new Recording();
    MemoizingEmbedder memo = new MemoizingEmbedder(encoder, 2);

    // When three queries are embedded and then the first again
    memo.embed(List.of("one"));
    memo.embed(List.of("two"));
    memo.embed(List.of("three"));
    memo.embed(List.of("one"));

    // Then the first was forgotten and encoded again; a changed returned array does not alter the memo
    assertEquals(4, encoder.calls.size());
    float[] v = memo.embed(List.of("one"))[0];
    v[0] = 42;
    assertEquals(4, encoder.calls.size());
    assertEquals(false, memo.embed(List.of("one"))[0][0] == 42);
    assertThrows(IllegalArgumentException.class, () -> new MemoizingEmbedder(encoder, 0));
  }
}
