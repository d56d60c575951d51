-- 0010: the album of a correction (issue 4 items 1 and 7).  While a
-- published item is corrected, changes to its photos and files go to a
-- pending copy, so the public page keeps the published album until the
-- correction itself is published (then the copy replaces item_media, in
-- the publishing transaction) or discarded (then the copy is dropped).
--
-- item_media_pending has the columns of item_media.  An album emptied by
-- the correction has no rows, so item_album_pending marks that a pending
-- copy exists at all: without a mark the newsroom reads item_media.
CREATE TABLE item_media_pending (
	item_id INTEGER NOT NULL REFERENCES item(id),
	media_id INTEGER NOT NULL REFERENCES media(id),
	position INTEGER NOT NULL,
	caption TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (item_id, media_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX item_media_pending_media ON item_media_pending(media_id);

CREATE TABLE item_album_pending (
	item_id INTEGER PRIMARY KEY REFERENCES item(id),
	set_at INTEGER NOT NULL
) STRICT;
