package dev.glasscart.storage;

/**
 * For writes whose durability a later durable commit carries: a statement that selects from
 * {@link #FROM} commits with {@code synchronous_commit} off for its own transaction alone
 * ({@code set_config(..., true)} lasts until the transaction's end, and the commit reads the
 * setting before that end), so it returns without waiting for the WAL to reach the disk. Its rows are
 * visible at once; they reach the disk with the next flush of the WAL: the WAL writer's (within
 * {@code wal_writer_delay}, 200 ms by default) or any durable commit's, which flushes the whole
 * WAL up to its own record and so every record written before it.
 *
 * <p>Used where the write's only reader before a durable commit is the same server: a new
 * conversation's row and a new shopper's (the conversation's first turn is committed durably
 * before its {@code done} says {@code saved: true}, and after these rows were written). A crash
 * before then can lose a conversation with no stored turn and the token just issued with it; the
 * token is then unknown, and a shopper who sends it gets a new one, as for any unknown token.
 */
final class UnflushedCommit {
  /** A one-row relation that turns the flush wait off for the statement's transaction. */
  static final String FROM = "FROM (SELECT set_config('synchronous_commit', 'off', true)) unflushed";

  private UnflushedCommit() {}
}
