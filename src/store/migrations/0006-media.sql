-- 0006: the media library (issue 4 item 7) and the media of items (the
-- photos of an album, the recording of an audio or video item).
--
-- A media row is one upload.  path is below the media folder and never
-- the uploader's file name: "YYYY/MM/<32 random hex>.<ext>", and for an
-- image the largest re-encoded JPEG "YYYY/MM/<hex>-<width>.jpg", with
-- the other widths (widths, comma-separated) in JPEG and WebP beside it.
-- sha256 is of the bytes uploaded, so the same file uploaded twice is
-- found and reused instead of stored again.  search_text is the folded
-- (vnfold) original name, alt text and caption, written by the domain, so
-- "hoi nghi" finds "Hội nghị".  Images must have alt text (WCAG 1.1.1);
-- an audio or video file gets its captions (a WebVTT file, itself a media
-- row of kind 'caption') or a transcript before an item using it is
-- published (WCAG 1.2; checked by the domain, media_accessible).
CREATE TABLE media (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL
		CHECK (kind IN ('image', 'audio', 'video', 'pdf', 'office',
				'caption')),
	mime TEXT NOT NULL,
	bytes INTEGER NOT NULL CHECK (bytes > 0),
	width INTEGER NOT NULL DEFAULT 0,
	height INTEGER NOT NULL DEFAULT 0,
	widths TEXT NOT NULL DEFAULT '',
	sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
	path TEXT NOT NULL UNIQUE,
	uploaded_by INTEGER REFERENCES account(id),
	uploaded_at INTEGER NOT NULL,
	captions_id INTEGER REFERENCES media(id),
	original_name TEXT NOT NULL,
	alt TEXT NOT NULL DEFAULT '',
	caption TEXT NOT NULL DEFAULT '',
	search_text TEXT NOT NULL DEFAULT '',
	transcript TEXT NOT NULL DEFAULT '',
	CHECK (kind <> 'image' OR (alt <> '' AND width > 0 AND height > 0
				   AND widths <> ''))
) STRICT;
-- The library, newest first, of every kind or of one.
CREATE INDEX media_time ON media(uploaded_at DESC, id DESC);
CREATE INDEX media_kind_time ON media(kind, uploaded_at DESC, id DESC);

-- The media of an item in order: the photos of a photo item (Thư viện
-- ảnh) each with its caption, the recording of an audio or video item,
-- attachments of others.  A file appears once per item.
CREATE TABLE item_media (
	item_id INTEGER NOT NULL REFERENCES item(id),
	media_id INTEGER NOT NULL REFERENCES media(id),
	position INTEGER NOT NULL,
	caption TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (item_id, media_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX item_media_media ON item_media(media_id);
