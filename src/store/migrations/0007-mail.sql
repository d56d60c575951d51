-- 0007: the mail outbox (issue 4 item 11).  Requests never talk to a
-- mail server: they insert a row here, inside their own transaction, and
-- a background job (mail_send_due) sends what is due, outside any
-- transaction, so a slow or unreachable server never holds a request or
-- a write lock.
--
-- A row is pending while sent_at and failed_at are NULL; it is due when
-- next_try_at <= now.  Before sending, a sender claims the row by
-- raising attempts and pushing next_try_at past the send's timeout in
-- one UPDATE that checks the attempts it read, so two senders (threads
-- or nodes) never both send it.  A failed try records last_error and the
-- next time (exponential backoff); after the last allowed attempt, or a
-- permanent refusal (5xx), failed_at is set and the row stays as the
-- record.  body is emptied once a row is sent or given up: it may hold a
-- password reset link, which must not outlive its use in a copy of the
-- database (0004 keeps only hashes of tokens for that reason).
-- message_id is the random left part of the Message-ID header, fixed at
-- queueing so every retry sends the same message.
CREATE TABLE mail_outbox (
	id INTEGER PRIMARY KEY,
	to_addr TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	message_id TEXT NOT NULL UNIQUE,
	created_at INTEGER NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	next_try_at INTEGER NOT NULL,
	last_error TEXT,
	sent_at INTEGER,
	failed_at INTEGER
) STRICT;
CREATE INDEX mail_outbox_due ON mail_outbox(next_try_at)
	WHERE sent_at IS NULL AND failed_at IS NULL;
