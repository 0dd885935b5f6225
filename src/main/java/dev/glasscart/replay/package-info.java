/**
 * {@code glasscart replay}: plays QA transcripts (JSON files of shopper turns with expectations)
 * against a running server's {@code /ws/chat} and reports a verdict per turn, optionally as JUnit
 * XML. The format is documented in docs/replay.md.
 *
 * <p>Pieces: {@link dev.glasscart.replay.TranscriptParser} reads and validates files into
 * {@link dev.glasscart.replay.Transcript}s; {@link dev.glasscart.replay.Expectation} is one checkable
 * promise about a turn's events ({@link dev.glasscart.replay.TurnEvents});
 * {@link dev.glasscart.replay.ChatConnection} is the blocking WebSocket client;
 * {@link dev.glasscart.replay.Replayer} runs transcripts into {@link dev.glasscart.replay.TurnVerdict}s;
 * {@link dev.glasscart.replay.JunitReport} writes them as XML; {@link dev.glasscart.replay.ReplayCommand}
 * is the CLI. To add an expectation: add a record implementing {@code Expectation}, parse its key in
 * {@code ExpectationParser} and document it in docs/replay.md.
 *
 * <p>Everything here blocks the calling thread (network waits use {@code Future.await()}); call it
 * from {@code main} or a test thread, never from a Vert.x event loop.
 */
package dev.glasscart.replay;
