package dev.glasscart.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The slow-reader discipline: never block, keep order, drain on demand, drop a hopeless reader. */
final class OutboxTest {

  /** A socket whose write queue fills after {@code capacity} writes until the test drains it. */
  private static final class FakeWire implements Outbox.Wire {
    final List<String> written = new ArrayList<>();
    int capacity;
    Runnable drained;
    String closedBecause;

    FakeWire(int capacity) {
      this.capacity = capacity;
    }

    @Override
    public boolean writeQueueFull() {
      return capacity <= 0;
    }

    @Override
    public void write(String text) {
      written.add(text);
      capacity--;
    }

    @Override
    public void onDrain(Runnable drained) {
      this.drained = drained;
    }

    @Override
    public void close(String reason) {
      closedBecause = reason;
    }

    void reader_catches_up(int room) {
      capacity = room;
      drained.run();
    }
  }

  private static JsonObject token(int i) {
    return new JsonObject().put("type", "token").put("text", "t" + i);
  }

  @Test
  void should_hold_events_while_the_queue_is_full_and_send_them_in_order_on_drain() {
    FakeWire wire = new FakeWire(2);
    Outbox out = new Outbox(wire, 1_000_000);
    for (int i = 0; i < 5; i++) out.send(token(i)); // returns at once: nothing blocks

    assertEquals(2, wire.written.size(), "only what the socket could take went out");
    wire.reader_catches_up(2);
    assertEquals(4, wire.written.size());
    wire.reader_catches_up(10);
    assertEquals(List.of("t0", "t1", "t2", "t3", "t4"),
        wire.written.stream().map(s -> new JsonObject(s).getString("text")).toList());
    out.send(token(5));
    assertEquals(6, wire.written.size(), "with room again, events go straight out");
  }

  @Test
  void should_disconnect_a_reader_that_falls_too_far_behind() {
    FakeWire wire = new FakeWire(0);
    Outbox out = new Outbox(wire, 200);
    for (int i = 0; i < 20; i++) out.send(token(i));
    assertEquals("client too slow", wire.closedBecause);
    assertTrue(out.isClosed());
    wire.reader_catches_up(100);
    assertTrue(wire.written.isEmpty(), "nothing is sent after the disconnect");
  }
}
