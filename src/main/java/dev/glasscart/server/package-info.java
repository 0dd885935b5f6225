/**
 * The front door: one Vert.x verticle ({@link dev.glasscart.server.GlasscartServer}) serving the
 * chat WebSocket, the JSON API and the web UI. docs/protocol.md is the contract.
 *
 * <p>Everything here runs on event loops except the retrieval work, which goes to the shared
 * {@code retrieval} worker pool. {@code Protocol} builds every JSON shape and names every error
 * code; {@code ChatFrames} reads a socket's frames into {@code ChatRequest}s (masking e-mail
 * addresses, phone and card numbers in shopper text as they arrive); {@code ChatSocket}
 * binds a connection to one conversation (resuming one needs its resume token) and runs one
 * {@code Turn} at a time, a chain of futures over the narrow {@code TurnSteps} (prepare, explain,
 * save). {@code LiveConversations} holds the conversations in memory, each bound to its shopper's
 * profile, and deletes a shopper's data or old conversations from storage and memory (they are a
 * cache: any server resumes a conversation from the dialogue state its last stored turn keeps, and
 * {@code ChatTurns} catches up before each turn when another server stored later turns; a turn
 * another server stored first ends with {@code turn_taken});
 * {@code Shoppers} identifies shoppers (tokens, hashed shop customer ids) and caches their live
 * profiles; {@code FeedbackDesk} stores verdicts (and teaches the profile from them and from
 * "Why this?" opened); {@code MeRoutes} serves the shopper's own data ({@code /api/me}, export,
 * delete), through the domain's {@code profile.ShopperRepository}; {@code StorageRetry} rides out
 * a restarting database. To add a message type, add a record to {@code ChatRequest}, parse it in
 * {@code ChatFrames.parse}, handle it in {@code ChatSocket.request} and document it in
 * docs/protocol.md.
 *
 * <p>{@code McpEndpoint} serves the Model Context Protocol for agents at {@code /mcp} (streamable
 * HTTP, JSON-RPC 2.0, sessions) unless {@code --mcp off}; its read-only tools ({@code McpTools})
 * answer from {@code ConversationService}'s stateless search, placement and comparison with the
 * {@code Protocol} shapes, so an agent and the widget see the same items and contributions. To add
 * a tool, add its definition and case in {@code McpTools} and its row in docs/protocol.md.
 */
package dev.glasscart.server;
