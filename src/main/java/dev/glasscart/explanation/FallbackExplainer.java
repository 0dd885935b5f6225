package dev.glasscart.explanation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks a primary explainer (a model) and lets the {@link BuiltinExplainer} take over when it fails:
 * no first token in time, a stall between tokens, an answer running too long, an error, or an
 * answer of which nothing was shown. Before anything was shown the built-in explainer answers the
 * whole turn; mid-stream it continues after what was shown, with only its sentences not already
 * said. The {@link Outcome} names the explainer that ended the answer and the fallback reason.
 * Thread-safe; one scheduler thread for all generations; close it when done.
 */
public final class FallbackExplainer implements Explainer, AutoCloseable {

  /**
   * @param firstToken longest wait for the primary's first visible token
   * @param stall longest gap between two tokens once streaming
   * @param total longest time for the whole answer
   */
  public record Timeouts(Duration firstToken, Duration stall, Duration total) {
    public Timeouts {
      for (Duration d : List.of(firstToken, stall, total)) {
        if (d == null || d.isZero() || d.isNegative()) {
          throw new IllegalArgumentException("illegal timeout: " + d + ", must be positive");
        }
      }
    }
  }

  private final Explainer primary;
  private final BuiltinExplainer builtin;
  private final Timeouts timeouts;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "explainer-fallback-timer");
    t.setDaemon(true);
    return t;
  });

  public FallbackExplainer(Explainer primary, BuiltinExplainer builtin, Timeouts timeouts) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.builtin = Objects.requireNonNull(builtin, "builtin");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
  }

  /** The primary's name: what a turn reports unless its {@link Outcome} says it fell back. */
  @Override
  public String name() {
    return primary.name();
  }

  @Override
  public Generation explain(Evidence evidence, TokenSink sink) {
    Turn turn = new Turn(evidence, new SinkGate(sink));
    turn.start();
    return turn;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (primary instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close primary explainer " + primary.name(), e);
      }
    }
  }

  /** One turn: the primary's stream, its timers, and the switch to the built-in explainer. */
  private final class Turn implements Generation, TokenSink {
    private final Evidence evidence;
    private final SinkGate gate;
    private final StringBuilder shown = new StringBuilder();
    private Generation running;
    private volatile Outcome fellBack;
    private boolean primaryActive = true;
    private ScheduledFuture<?> idle;
    private ScheduledFuture<?> whole;

    Turn(Evidence evidence, SinkGate gate) {
      this.evidence = evidence;
      this.gate = gate;
    }

    synchronized void start() {
      idle = timer.schedule(() -> takeOver("first_token_timeout"), timeouts.firstToken().toMillis(), TimeUnit.MILLISECONDS);
      whole = timer.schedule(() -> takeOver("answer_timeout"), timeouts.total().toMillis(), TimeUnit.MILLISECONDS);
      try {
        running = primary.explain(evidence, this);
      } catch (RuntimeException e) {
        error(e); // e.g. the prompt could not be rendered: the built-in explainer answers
      }
    }

    @Override
    public synchronized void token(String text) {
      if (!primaryActive) return;
      shown.append(text);
      gate.token(text);
      idle.cancel(false);
      idle = timer.schedule(() -> takeOver("stall_timeout"), timeouts.stall().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void complete() {
      complete(new Outcome(primary.name(), "", "", "", GroundingReport.NONE));
    }

    @Override
    public void complete(Outcome outcome) {
      synchronized (this) {
        if (!primaryActive) return;
        if (!shown.toString().isBlank()) {
          primaryActive = false;
          stopTimers();
          gate.complete(outcome);
          return;
        }
      }
      takeOver("empty_answer");
    }

    @Override
    public void error(Throwable failure) {
      String m = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
      takeOver("error: " + m);
    }

    /** Stops the primary and lets the built-in explainer answer the rest of the turn. */
    private void takeOver(String why) {
      String said;
      Generation stopped;
      synchronized (this) {
        if (!primaryActive) return;
        primaryActive = false;
        stopTimers();
        said = shown.toString();
        stopped = running;
      }
      if (stopped != null) stopped.cancel();
      String reason = said.isBlank() ? why : why + " (after " + said.length() + " characters shown)";
      Optional<Outcome> progress = stopped == null ? Optional.empty() : stopped.progress();
      Outcome outcome = progress.orElse(Outcome.builtin());
      Outcome fellBack = outcome.fellBackTo(BuiltinExplainer.NAME, reason);
      this.fellBack = fellBack;
      Thread.ofVirtual().name("builtin-fallback").start(() -> {
        try {
          String rest = Continuation.after(said, builtin.claims(evidence));
          if (BuiltinExplainer.stream(rest, gate)) gate.complete(fellBack);
        } catch (RuntimeException e) {
          gate.error(new IllegalStateException("built-in fallback failed after " + why, e));
        }
      });
    }

    private void stopTimers() {
      if (idle != null) idle.cancel(false);
      if (whole != null) whole.cancel(false);
    }

    /** After a fallback, its outcome; before, the primary's progress. */
    @Override
    public Optional<Outcome> progress() {
      Outcome f = fellBack;
      if (f != null) return Optional.of(f);
      Generation g;
      synchronized (this) {
        g = running;
      }
      return g == null ? Optional.empty() : g.progress();
    }

    @Override
    public void cancel() {
      Generation g;
      synchronized (this) {
        primaryActive = false;
        stopTimers();
        g = running;
      }
      gate.close();
      if (g != null) g.cancel();
    }
  }
}
