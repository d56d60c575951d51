-- 0008: contributions from outside (issue 4 item 8; Điều 9.1.b-c): news,
-- photos and files anyone sends through the public page /gui-tin-bai.
--
-- A contribution is an item like any other (kind tin, state submitted,
-- item_flow.contribution = 1 with the sender's details), so it waits in
-- the Secretariat's triage queue and follows the workflow from there.
-- This table only adds what the public side needs: the reference number
-- the sender was given, with which the public status page finds the
-- item, and the e-mail address the sender chose to give (not in
-- item_flow: the newsroom never needs it to judge the item).
--
-- ref is "GT-<year>-<6 characters>" drawn at random from the Crockford
-- base-32 alphabet (no I, L, O, U), upper case: not sequential, not
-- guessable, unique by its index.
CREATE TABLE contribution (
	id INTEGER PRIMARY KEY,
	ref TEXT NOT NULL UNIQUE,
	item_id INTEGER NOT NULL UNIQUE REFERENCES item(id),
	sender_email TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
) STRICT;

-- The per-address limit of contributions (3 an hour, 10 a day), in the
-- database so that every node counts the same.  One row per contribution
-- accepted: the client address (IPv6 cut to its /64, which one household
-- or phone holds) and the time.  Rows older than a day are deleted when
-- the next contribution is written: the address is personal data
-- (Decree 13/2023) and is kept here no longer than the limit needs; the
-- audit log keeps its own record of who sent what.
CREATE TABLE contribution_rate (
	addr TEXT NOT NULL,
	at INTEGER NOT NULL
) STRICT;
CREATE INDEX contribution_rate_addr ON contribution_rate(addr, at);
CREATE INDEX contribution_rate_at ON contribution_rate(at);
