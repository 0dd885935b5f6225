package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBatchTest {

  @Test
  void should_join_the_tokens_that_arrive_before_the_loop_takes_them_into_one_chunk() {
    // Given a loop that has not run yet
    List<Runnable> loop = new ArrayList<>();
    List<String> sent = new ArrayList<>();
    TokenBatch batch = new TokenBatch(loop::add);

    // When three tokens arrive at once
    batch.add("Three ", sent::add);
    batch.add("good ", sent::add);
    batch.add("options.", sent::add);

    // Then one drain was queued, and it sends them as one chunk, in order
    assertEquals(1, loop.size());
    loop.removeFirst().run();
    assertEquals(List.of("Three good options."), sent);
  }

  @Test
  void should_send_a_token_that_arrives_after_a_drain_in_a_chunk_of_its_own() {
    List<Runnable> loop = new ArrayList<>();
    List<String> sent = new ArrayList<>();
    TokenBatch batch = new TokenBatch(loop::add);
    batch.add("First ", sent::add);
    loop.removeFirst().run();

    // When the next token comes after the loop took the first
    batch.add("second.", sent::add);

    // Then it queues a drain of its own
    assertEquals(1, loop.size());
    loop.removeFirst().run();
    assertEquals(List.of("First ", "second."), sent);
  }

  @Test
  void should_give_what_is_left_to_a_drain_called_before_the_end_and_nothing_twice() {
    List<Runnable> loop = new ArrayList<>();
    List<String> sent = new ArrayList<>();
    TokenBatch batch = new TokenBatch(loop::add);
    batch.add("last ", sent::add);
    batch.add("words", sent::add);

    // When the streaming ends before the queued drain ran
    assertEquals("last words", batch.drain());
    assertNull(batch.drain());

    // Then the queued drain finds nothing more to send
    loop.removeFirst().run();
    assertEquals(List.of(), sent);
  }

  @Test
  void should_lose_and_reorder_nothing_while_a_producer_races_the_loop() throws Exception {
    // Given a loop thread running whatever drains are queued
    LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    StringBuilder received = new StringBuilder();
    List<Integer> chunks = new ArrayList<>();
    Thread loopThread = Thread.ofPlatform().start(() -> {
      try {
        for (Runnable r; (r = tasks.poll(5, TimeUnit.SECONDS)) != null; ) r.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    TokenBatch batch = new TokenBatch(tasks::add);
    StringBuilder expected = new StringBuilder();

    // When one producer adds 20,000 tokens as fast as it can
    for (int i = 0; i < 20_000; i++) {
      String token = i + " ";
      expected.append(token);
      batch.add(token, chunk -> {
        received.append(chunk);
        chunks.add(chunk.length());
      });
    }
    tasks.add(() -> { }); // the last task: everything queued before it has run once it runs
    while (!tasks.isEmpty()) Thread.sleep(10);
    Thread.sleep(50);
    loopThread.interrupt();
    loopThread.join(5_000);

    // Then every token arrived once, in order, in no more chunks than tokens
    assertEquals(expected.toString(), received.toString());
    assertTrue(chunks.size() <= 20_000, "chunks " + chunks.size());
  }
}
