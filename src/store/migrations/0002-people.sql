-- 0002: people and security (issue 3): unit kinds and units, accounts
-- and their roles, sessions, per-address login throttling, and the
-- hash-chained audit log.
--
-- Nothing here is ever deleted but sessions, throttling rows and, past
-- the retention period, audit entries (ttdt audit purge leaves a
-- checkpoint entry).  Units are closed (closed_at), accounts disabled
-- (active = 0): their history stays.  The table of accounts is called
-- "account" because USER is reserved in PostgreSQL, the second backend.

-- Kinds of unit are data, not code (Điều 8.1): district-level government
-- was abolished in 2025 and new kinds may come.
CREATE TABLE unit_kind (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	position INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO unit_kind (id, code, name, position) VALUES
	(1, 'van-phong', 'Văn phòng', 1),
	(2, 'phong-chuyen-mon', 'Phòng chuyên môn', 2),
	(3, 'trung-tam', 'Trung tâm', 3),
	(4, 'phong-tu-phap-huyen', 'Phòng tư pháp cấp huyện', 4);

-- Units of the Department and the district justice offices (Điều 8.1,
-- 9.1.a: address, phone, fax, e-mail and the unit's focal point).
-- focal_user_id names an account (declared below; SQLite checks foreign
-- keys when a row changes, not when the table is created).
CREATE TABLE unit (
	id INTEGER PRIMARY KEY,
	kind_id INTEGER NOT NULL REFERENCES unit_kind(id),
	parent_id INTEGER REFERENCES unit(id),
	name TEXT NOT NULL,
	address TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	fax TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	focal_user_id INTEGER REFERENCES account(id),
	position INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	closed_at INTEGER,
	CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX unit_parent ON unit(parent_id);

-- Accounts.  email is stored lower-cased (the domain folds it), so the
-- UNIQUE constraint is case-insensitive in effect.  password_hash is an
-- argon2id string from libsodium (crypto_pwhash_str), '' for none.
-- failed_count and locked_until are the lock-out state (TCVN 14423
-- x.5.2.2: lock after 5 failures for 12 h); keeping them here, not in
-- memory, makes them hold across restarts and nodes.  totp_secret and
-- recovery_codes are filled when two-factor log-in arrives.
CREATE TABLE account (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
	full_name TEXT NOT NULL,
	title TEXT NOT NULL DEFAULT '',
	unit_id INTEGER REFERENCES unit(id),
	phone TEXT NOT NULL DEFAULT '',
	professional INTEGER NOT NULL DEFAULT 0
		CHECK (professional IN (0, 1)),
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	must_change_password INTEGER NOT NULL DEFAULT 1
		CHECK (must_change_password IN (0, 1)),
	password_hash TEXT NOT NULL DEFAULT '',
	password_changed_at INTEGER,
	last_login_at INTEGER,
	failed_count INTEGER NOT NULL DEFAULT 0,
	locked_until INTEGER,
	totp_secret TEXT NOT NULL DEFAULT '',
	recovery_codes TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX account_unit ON account(unit_id);

-- Roles of an account (DESIGN, people and roles); a person may hold
-- several.  The codes are those of src/domain/role.c.
CREATE TABLE account_role (
	account_id INTEGER NOT NULL REFERENCES account(id),
	role TEXT NOT NULL
		CHECK (role IN ('director', 'board-head', 'board-deputy',
				'board-member', 'secretariat', 'office',
				'staff', 'unit-focal', 'district-collaborator',
				'district-head', 'it-admin')),
	PRIMARY KEY (account_id, role)
) STRICT, WITHOUT ROWID;
CREATE INDEX account_role_role ON account_role(role);

-- Sessions of the newsroom, in the database so that several nodes share
-- them.  id is the hex SHA-256 of the 256-bit token the cookie carries:
-- a stolen copy of this table opens no session.
CREATE TABLE session (
	id TEXT PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account(id),
	created_at INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL,
	client_addr TEXT NOT NULL DEFAULT '',
	user_agent TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
CREATE INDEX session_account ON session(account_id);
CREATE INDEX session_seen ON session(last_seen_at);

-- Failed log-ins per client address, for growing delays before an
-- account locks (and against guessing across many accounts).
CREATE TABLE login_attempt (
	addr TEXT PRIMARY KEY,
	failures INTEGER NOT NULL,
	last_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- The audit log: who did what, when, from where, to which object
-- (TCVN 14423 4.8.2.1).  Each entry's hash is SHA-256 over its fields
-- and the previous entry's hash (src/domain/audit.c), so altering or
-- removing an entry breaks the chain; AUTOINCREMENT keeps ids from being
-- reused, so removing the newest entries shows as a gap against
-- sqlite_sequence.  at is UTC seconds.
CREATE TABLE audit (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at INTEGER NOT NULL,
	actor_user_id INTEGER,
	actor_name TEXT NOT NULL,
	client_addr TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	object_type TEXT NOT NULL DEFAULT '',
	object_id INTEGER,
	detail TEXT NOT NULL DEFAULT '{}',
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_at ON audit(at);
