/**
 * What an operator sees of a running server: {@link dev.glasscart.observability.AppMetrics} (the
 * Micrometer registry behind {@code GET /metrics}, with Vert.x's own HTTP, WebSocket and pool
 * meters and Glasscart's turn, explainer, grounding, storage, import and indexing meters),
 * {@link dev.glasscart.observability.ChatMetrics} (the one listener the chat path reports to) and
 * the structured JSON logs ({@link dev.glasscart.observability.JsonLogs}, {@link
 * dev.glasscart.observability.TurnLog}).
 *
 * <p>Nothing here blocks an event loop: recording is Micrometer's lock-free counters and
 * fixed-bucket histograms, gauges are read at scrape time (on a worker, see the server), and JSON
 * log lines are written by their own thread from a bounded queue. Depends on {@code explanation}
 * (the grounding report) and {@code retrieval.dense} (indexing progress) only.
 */
package dev.glasscart.observability;
