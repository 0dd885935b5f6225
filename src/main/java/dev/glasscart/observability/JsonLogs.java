package dev.glasscart.observability;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Structured logs ({@code serve --log-format json}): the root logger's handlers are replaced by
 * one that formats each record with {@link JsonLogFormatter} on the logging thread and hands the
 * line to a writer thread through a bounded queue, so a logging call never waits for the stream.
 * When the queue is full (the stream is slower than the logging), lines are dropped and counted;
 * the next line written says how many.
 */
public final class JsonLogs extends Handler {
  /** Lines waiting for the stream at most; beyond it they are dropped (counted). */
  static final int QUEUE_LINES = 8192;
  private static final String STOP = "";

  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
  private final AtomicLong dropped = new AtomicLong();
  private final PrintStream out;
  private final Thread writer;
  private volatile boolean closed;

  JsonLogs(OutputStream stream) {
    this.out = new PrintStream(stream, false, StandardCharsets.UTF_8);
    setFormatter(new JsonLogFormatter());
    writer = Thread.ofPlatform().daemon().name("glasscart-json-log").start(this::drain);
  }

  /** Replaces the root logger's handlers with a JSON handler writing to standard error; returns it. */
  public static JsonLogs install() {
    JsonLogs handler = new JsonLogs(System.err);
    Logger root = LogManager.getLogManager().getLogger("");
    for (Handler h : root.getHandlers()) root.removeHandler(h);
    root.addHandler(handler);
    return handler;
  }

  @Override
  public void publish(LogRecord record) {
    if (closed || !isLoggable(record)) return;
    String line;
    try {
      line = getFormatter().format(record);
    } catch (RuntimeException e) {
      reportError("cannot format a log record", e, java.util.logging.ErrorManager.FORMAT_FAILURE);
      return;
    }
    if (!queue.offer(line)) dropped.incrementAndGet();
  }

  /** Lines dropped so far because the stream fell behind. */
  long dropped() {
    return dropped.get();
  }

  private void drain() {
    try {
      while (true) {
        String line = queue.take();
        if (line == STOP) break;
        long lost = dropped.getAndSet(0);
        if (lost > 0) out.print(lostLine(lost));
        out.print(line);
        if (queue.isEmpty()) out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      out.flush();
    }
  }

  private String lostLine(long lost) {
    LogRecord r = new LogRecord(Level.WARNING, lost + " log lines were dropped: the log stream fell behind");
    r.setLoggerName(JsonLogs.class.getName());
    return getFormatter().format(r);
  }

  @Override
  public void flush() {
    // the writer flushes whenever the queue empties
  }

  /** Writes what is queued (waiting up to 2 s), then stops the writer. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    try {
      if (queue.offer(STOP, 2, TimeUnit.SECONDS)) writer.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
