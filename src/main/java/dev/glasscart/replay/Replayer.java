package dev.glasscart.replay;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Plays transcripts against a server: each transcript on a fresh connection (one conversation),
 * each turn sends a {@code message} and collects events until {@code done}. A turn fails on an
 * {@code error} event (with its code), on a timeout, on a closed connection, or on any broken
 * expectation. After a timeout or a closed connection the transcript's remaining turns fail as not
 * run. Blocks the calling thread (never an event loop); not thread-safe.
 */
public final class Replayer {
  private final Vertx vertx;
  private final URI url;
  private final Duration timeout;

  /**
   * @param vertx the Vert.x instance that owns the client connections
   * @param url the chat endpoint, e.g. {@code ws://localhost:8080/ws/chat}
   * @param timeout the longest wait for one turn (and for connecting), positive
   */
  public Replayer(Vertx vertx, URI url, Duration timeout) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.url = checkUrl(Objects.requireNonNull(url, "url"), "url");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("illegal timeout: " + timeout + ", must be positive");
    this.timeout = timeout;
  }

  /**
   * Returns {@code url} when it is a ws or wss URL with a host; else fails with a message naming
   * it as {@code name} (a parameter or a command-line option).
   */
  static URI checkUrl(URI url, String name) {
    if (!("ws".equals(url.getScheme()) || "wss".equals(url.getScheme())) || url.getHost() == null) {
      throw new IllegalArgumentException("illegal " + name + " " + url + ", must look like ws://HOST:PORT/ws/chat or wss://HOST:PORT/ws/chat");
    }
    return url;
  }

  /** Replays {@code transcript}, handing each verdict to {@code onVerdict} as soon as it is known. */
  public List<TurnVerdict> run(Transcript transcript, Consumer<TurnVerdict> onVerdict) {
    List<TurnVerdict> verdicts = new ArrayList<>();
    Consumer<TurnVerdict> record = v -> {
      verdicts.add(v);
      onVerdict.accept(v);
    };
    ChatConnection connection;
    try {
      connection = ChatConnection.open(vertx, url, timeout);
    } catch (IllegalStateException e) {
      notRun(transcript, 0, e.getMessage(), record);
      return verdicts;
    }
    try (connection) {
      int settled = 0; // highest server turn number seen so far on this connection
      TurnEvents previous = null;
      for (int i = 0; i < transcript.turns().size(); i++) {
        Transcript.Turn turn = transcript.turns().get(i);
        Played played = play(connection, turn.user(), settled);
        settled = Math.max(settled, played.lastTurn);
        List<String> failures = new ArrayList<>(played.failures);
        TurnEvents events = previous == null ? new TurnEvents(played.events) : new TurnEvents(played.events).after(previous);
        previous = events;
        if (events.done().isPresent()) turn.expectations().forEach(e -> failures.addAll(e.check(events)));
        record.accept(new TurnVerdict(transcript.name(), i + 1, turn.user(), failures, played.millis, events));
        if (played.fatal) {
          notRun(transcript, i + 1, "turn " + (i + 1) + " " + played.failures.getFirst(), record);
          break;
        }
      }
    }
    return verdicts;
  }

  private void notRun(Transcript t, int from, String why, Consumer<TurnVerdict> record) {
    for (int j = from; j < t.turns().size(); j++) {
      record.accept(new TurnVerdict(t.name(), j + 1, t.turns().get(j).user(), List.of("not run: " + why), 0, new TurnEvents(List.of())));
    }
  }

  private record Played(List<JsonObject> events, List<String> failures, long millis, boolean fatal, int lastTurn) {}

  /**
   * Sends one message and collects its events. Events numbered with a server turn at or below
   * {@code settled} belong to an earlier turn that ended on an error (e.g. a late {@code done}) and
   * are skipped, so they cannot end this turn early.
   */
  private Played play(ChatConnection connection, String text, int settled) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    List<JsonObject> events = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    boolean fatal = false;
    int lastTurn = settled;
    try {
      connection.send(new JsonObject().put("type", "message").put("text", text));
    } catch (Exception e) { // await() rethrows the write failure as is
      failures.add("could not send the message: " + e.getMessage());
      return new Played(events, failures, (System.nanoTime() - start) / 1_000_000, true, settled);
    }
    while (true) {
      JsonObject e = connection.next(Duration.ofNanos(deadline - System.nanoTime()));
      if (e == null) {
        failures.add("no done within " + timeout.toSeconds() + " s (timeout; " + events.size() + " events received)");
        fatal = true;
        break;
      }
      String type = e.getString("type", "");
      if (type.equals(ChatConnection.CLOSED)) {
        failures.add(e.getString("message"));
        fatal = true;
        break;
      }
      Integer turn = e.getValue("turn") instanceof Number n ? n.intValue() : null;
      if (turn != null && turn <= settled) continue;
      if (turn != null) lastTurn = Math.max(lastTurn, turn);
      events.add(e);
      if (type.equals("done")) break;
      if (type.equals("error")) {
        failures.add("error " + e.getString("code") + ": " + e.getString("message"));
        if (!"not_saved".equals(e.getString("code"))) break; // only not_saved is followed by done
      }
    }
    return new Played(events, failures, (System.nanoTime() - start) / 1_000_000, fatal, lastTurn);
  }
}
