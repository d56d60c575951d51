-- 0005: the item workflow (issue 4; DESIGN, the item workflow; regulation
-- Điều 7, 9, 13-18).  The rules live in src/domain/workflow.c; these
-- tables only keep what it decides.
--
-- The item row keeps the text the public reads.  While an item has never
-- been published that is also the text being worked on; once published,
-- a correction is written as a new revision named by
-- item_flow.pending_rev and is copied into the item row only when the
-- correction is published, so the live text stays until then.

-- The workflow's side of an item, one row per item that entered the
-- newsroom.  Items without a row (the demo, imports) read as defaults:
-- no unit, no sender, no deadline, nothing assigned.
--
-- corr_state is the state of a correction of a published item (NULL:
-- none); item.state stays 'published' meanwhile.  due_at is derived by
-- the domain from event_ended_at / doc_issued_at (Điều 9.2) and kept
-- here so the "late" queue is one index range.
CREATE TABLE item_flow (
	item_id INTEGER PRIMARY KEY REFERENCES item(id),
	unit_id INTEGER REFERENCES unit(id),
	via_district INTEGER NOT NULL DEFAULT 0
		CHECK (via_district IN (0, 1)),
	contribution INTEGER NOT NULL DEFAULT 0
		CHECK (contribution IN (0, 1)),
	cited INTEGER NOT NULL DEFAULT 0 CHECK (cited IN (0, 1)),
	sender_name TEXT NOT NULL DEFAULT '',
	sender_agency TEXT NOT NULL DEFAULT '',
	sender_title TEXT NOT NULL DEFAULT '',
	sender_contact TEXT NOT NULL DEFAULT '',
	event_ended_at INTEGER,
	doc_issued_at INTEGER,
	due_at INTEGER,
	assigned_user_id INTEGER REFERENCES account(id),
	assigned_by INTEGER REFERENCES account(id),
	assigned_at INTEGER,
	submitted_at INTEGER,
	approved_at INTEGER,
	approved_by INTEGER REFERENCES account(id),
	publish_at INTEGER,
	corr_state TEXT
		CHECK (corr_state IS NULL OR corr_state IN ('in-editing',
			'pending-approval', 'approved')),
	corr_by INTEGER REFERENCES account(id),
	revision INTEGER NOT NULL DEFAULT 0,
	pending_rev INTEGER,
	return_reason TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX item_flow_assigned ON item_flow(assigned_user_id)
	WHERE assigned_user_id IS NOT NULL;
CREATE INDEX item_flow_unit ON item_flow(unit_id) WHERE unit_id IS NOT NULL;
CREATE INDEX item_flow_due ON item_flow(due_at) WHERE due_at IS NOT NULL;
CREATE INDEX item_flow_publish_at ON item_flow(publish_at)
	WHERE publish_at IS NOT NULL;
CREATE INDEX item_flow_corr ON item_flow(corr_state)
	WHERE corr_state IS NOT NULL;
-- The newsroom's queues select by state among the items not yet public.
CREATE INDEX item_state_id ON item(state, id);

-- Every save of an item's editable fields (Điều 10.2: nothing is lost).
-- Restoring one makes a new revision with its fields.
CREATE TABLE item_revision (
	item_id INTEGER NOT NULL REFERENCES item(id),
	number INTEGER NOT NULL,
	at INTEGER NOT NULL,
	user_id INTEGER REFERENCES account(id),
	category_id INTEGER NOT NULL REFERENCES category(id),
	source_date INTEGER,
	title TEXT NOT NULL,
	summary TEXT NOT NULL DEFAULT '',
	author_name TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT '',
	cover_image TEXT,
	cover_alt TEXT,
	note TEXT NOT NULL DEFAULT '',
	body_html TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (item_id, number)
) STRICT;

-- The history of an item's states: who moved it, when, from, to, why.
-- correction marks a step of a correction (corr_state) rather than of
-- item.state.
CREATE TABLE item_transition (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES item(id),
	at INTEGER NOT NULL,
	user_id INTEGER REFERENCES account(id),
	actor_name TEXT NOT NULL DEFAULT '',
	action TEXT NOT NULL,
	from_state TEXT NOT NULL,
	to_state TEXT NOT NULL,
	correction INTEGER NOT NULL DEFAULT 0 CHECK (correction IN (0, 1)),
	note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX item_transition_item ON item_transition(item_id, id);

-- Editorial comments, seen by the people working on the item.
CREATE TABLE item_comment (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES item(id),
	user_id INTEGER REFERENCES account(id),
	at INTEGER NOT NULL,
	body TEXT NOT NULL
) STRICT;
CREATE INDEX item_comment_item ON item_comment(item_id, id);
