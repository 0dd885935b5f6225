package dev.glasscart.conversation;

import java.time.Instant;

/** One row of the agent's conversation list. */
public record ConversationSummary(
    String conversationId, Instant startedAt, Instant updatedAt, int turns, String firstMessage, String lastMessage) {}
