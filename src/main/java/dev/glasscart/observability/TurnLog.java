package dev.glasscart.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One structured log record per finished turn on the logger {@code dev.glasscart.turn}: its
 * {@code turnId} (the id the agent console shows beside the turn), intent, explainer, timings,
 * fallback and grounding counts, as fields that {@link JsonLogFormatter} writes as JSON members.
 * Installed with the JSON logs, whose handler writes from its own thread, so logging a turn does
 * not write to a stream on the event loop. Holds no shopper text.
 */
public final class TurnLog implements ChatMetrics {
  static final Logger LOG = Logger.getLogger("dev.glasscart.turn");

  @Override
  public void done(TurnDone t) {
    if (!LOG.isLoggable(Level.INFO)) return;
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("turnId", t.turnId());
    fields.put("event", "turn_done");
    fields.put("intent", t.intent());
    fields.put("explainer", t.explainer());
    fields.put("resultsMs", t.resultsMs());
    fields.put("firstTokenMs", t.firstTokenMs() < 0 ? null : t.firstTokenMs());
    fields.put("totalMs", t.totalMs());
    fields.put("cancelled", t.cancelled());
    fields.put("saved", t.saved());
    if (t.fallback() != null) fields.put("fallback", t.fallback());
    if (t.grounding().sentencesChecked() > 0) {
      fields.put("groundingClaims", t.grounding().claims());
      fields.put("groundingSupported", t.grounding().supported());
      fields.put("sentencesWithheld", t.grounding().sentencesDropped());
    }
    log(Level.INFO, "turn " + t.turnId() + " done", fields);
  }

  @Override
  public void failed(String turnId) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("turnId", turnId);
    fields.put("event", "turn_failed");
    log(Level.WARNING, "turn " + turnId + " failed before its results", fields);
  }

  private static void log(Level level, String message, Map<String, Object> fields) {
    LogRecord r = new LogRecord(level, message);
    r.setLoggerName(LOG.getName());
    r.setParameters(new Object[] {fields});
    LOG.log(r);
  }
}
