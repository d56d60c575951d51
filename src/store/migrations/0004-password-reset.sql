-- 0004: one-time password reset links (issue 3 item 3): the IT
-- administrator makes a link for an account and hands it over; whoever
-- opens it sets the password once.
--
-- id is the hex SHA-256 of the 256-bit token the link carries, as for
-- sessions: a stolen copy of this table opens no link.  A link is usable
-- while used_at and voided_at are NULL and expires_at is in the future;
-- making a new link for an account voids its earlier unused ones
-- (voided_at), so only the newest handed over works.  Rows stay, as the
-- history of who was given a way in and when (the audit log says by
-- whom).
CREATE TABLE password_reset (
	id TEXT PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account(id),
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at INTEGER,
	voided_at INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX password_reset_account ON password_reset(account_id);
