-- 0009: newsroom notifications (issue 4 item 11).  A workflow transition
-- tells whoever must act next, and the author when an item is approved,
-- returned, published or taken down: one row per recipient, written
-- inside the transition's transaction (src/domain/notify.c), so a step
-- that rolls back tells nobody.  text is the Vietnamese sentence shown,
-- fixed when the row is written (the item's title may change later; the
-- link goes to the item as it is now).  read_at is NULL while unread;
-- the partial index keeps the unread count of the navigation bar, asked
-- on every newsroom page, an index-only lookup.
CREATE TABLE notification (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES account(id),
	item_id INTEGER REFERENCES item(id),
	kind TEXT NOT NULL,
	text TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	read_at INTEGER
) STRICT;
CREATE INDEX notification_user ON notification(user_id, id);
CREATE INDEX notification_unread ON notification(user_id, item_id)
	WHERE read_at IS NULL;
