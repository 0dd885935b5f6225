/**
 * The front door: one Vert.x verticle ({@link dev.glasscart.server.GlasscartServer}) serving the
 * chat WebSocket, the JSON API and the web UI. docs/protocol.md is the contract.
 *
 * <p>Everything here runs on event loops except the retrieval work, which goes to the shared
 * {@code retrieval} worker pool. {@code Protocol} builds every JSON shape and names every error
 * code; {@code ChatFrames} reads a socket's frames into {@code ChatRequest}s; {@code ChatSocket}
 * binds a connection to one conversation (resuming one needs its resume token) and runs one
 * {@code Turn} at a time, a chain of futures over the narrow {@code TurnSteps} (prepare, explain,
 * save). {@code LiveConversations} holds the conversations in memory, {@code FeedbackDesk} stores
 * verdicts, {@code StorageRetry} rides out a restarting database. To add a message type, add a
 * record to {@code ChatRequest}, parse it in {@code ChatFrames.parse}, handle it in
 * {@code ChatSocket.request} and document it in docs/protocol.md.
 *
 * <p>{@code McpEndpoint} serves the Model Context Protocol for agents at {@code /mcp} (streamable
 * HTTP, JSON-RPC 2.0, sessions) unless {@code --mcp off}; its read-only tools ({@code McpTools})
 * answer from {@code ConversationService}'s stateless search, placement and comparison with the
 * {@code Protocol} shapes, so an agent and the widget see the same items and contributions. To add
 * a tool, add its definition and case in {@code McpTools} and its row in docs/protocol.md.
 */
package dev.glasscart.server;
