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
    /** Timers by id; a cancelled one is removed. The test fires them by hand. */
    final java.util.Map<Long, Runnable> timers = new java.util.LinkedHashMap<>();
    long nextTimer;

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

    @Override
    public long timer(long delayMs, Runnable task) {
      timers.put(nextTimer, task);
      return nextTimer++;
    }

    @Override
    public void cancel(long timerId) {
      timers.remove(timerId);
    }

    void time_passes() {
      List<Runnable> due = new ArrayList<>(timers.values());
      timers.clear();
      due.forEach(Runnable::run);
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
    Outbox out = new Outbox(wire, 1_000_000, 30_000);
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
    java.util.List<String> reported = new java.util.ArrayList<>();
    Outbox out = new Outbox(wire, 200, 30_000, reported::add);
    for (int i = 0; i < 20; i++) out.send(token(i));
    assertEquals("client too slow", wire.closedBecause);
    assertEquals(java.util.List.of("too_slow"), reported, "the disconnect is reported once, with its reason");
    assertTrue(out.isClosed());
    wire.reader_catches_up(100);
    assertTrue(wire.written.isEmpty(), "nothing is sent after the disconnect");
  }

  @Test
  void should_disconnect_a_reader_that_stopped_reading_and_spare_one_that_reads_or_has_nothing_to_read() {
    // a reader that takes some events before the stall time is not disconnected
    FakeWire reading = new FakeWire(0);
    Outbox out = new Outbox(reading, 1_000_000, 30_000);
    out.send(token(0));
    reading.reader_catches_up(10);
    assertTrue(reading.timers.isEmpty(), "nothing waits: no stall timer");
    reading.time_passes();
    assertEquals(null, reading.closedBecause);

    // one that takes nothing while an event waits is closed when the stall time has passed
    FakeWire stopped = new FakeWire(0);
    java.util.List<String> reported = new java.util.ArrayList<>();
    Outbox stuck = new Outbox(stopped, 1_000_000, 30_000, reported::add);
    stuck.send(token(1));
    stuck.send(token(2));
    assertEquals(1, stopped.timers.size(), "one stall timer however many events wait");
    stopped.time_passes();
    assertEquals("client stopped reading", stopped.closedBecause);
    assertEquals(java.util.List.of("stopped_reading"), reported);
    assertTrue(stuck.isClosed());

    // an idle socket with nothing to deliver has no timer at all
    FakeWire idle = new FakeWire(5);
    new Outbox(idle, 1_000_000, 30_000).send(token(3));
    assertTrue(idle.timers.isEmpty());
  }
}
