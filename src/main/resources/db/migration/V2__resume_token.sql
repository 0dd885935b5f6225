-- Glasscart schema, version 2: the secret that lets a shopper resume a conversation.
-- Only its SHA-256 (hex) is stored; conversations from before this version have none and
-- cannot be resumed from a new connection.
ALTER TABLE conversations ADD COLUMN resume_token_hash text;
