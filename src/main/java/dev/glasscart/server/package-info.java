/**
 * The front door: one Vert.x verticle ({@link dev.glasscart.server.GlasscartServer}) serving the
 * chat WebSocket, the JSON API and the web UI. docs/protocol.md is the contract.
 *
 * <p>Everything here runs on event loops except the retrieval work, which goes to the shared
 * {@code retrieval} worker pool. {@code Protocol} builds every JSON shape; {@code ChatSocket}
 * runs one connection's turns (a connection is bound to one conversation; resuming one needs its
 * resume token); {@code ChatBackend} is the asynchronous edge to storage; {@code Shoppers}
 * identifies shoppers (tokens, hashed shop customer ids) and caches their live profiles;
 * {@code MeRoutes} serves the shopper's own data ({@code /api/me}, export, delete). To add a
 * message type, add a case in {@code ChatSocket.onText} and document it in docs/protocol.md.
 */
package dev.glasscart.server;
