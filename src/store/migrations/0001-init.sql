-- 0001: the first schema.  Applied by src/store/migrate.c inside one
-- transaction and recorded in schema_version (which the runner creates).
--
-- The search table item_fts uses our own tokenizer "vnfold", which only
-- ttdt registers: the sqlite3 command-line shell can read and write every
-- other table, but any statement touching item_fts fails there with
-- "no such tokenizer: vnfold".  Never write to item, or item_fts, with the
-- shell on a live database: the store keeps the index in step with item.

-- Settings: key/value text (demo flag, site-wide switches).
CREATE TABLE setting (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- Sections (Điều 8): a small tree, about forty rows.
CREATE TABLE category (
	id INTEGER PRIMARY KEY,
	parent_id INTEGER REFERENCES category(id),
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	position INTEGER NOT NULL DEFAULT 0,
	hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
	activity_news INTEGER NOT NULL DEFAULT 0
		CHECK (activity_news IN (0, 1)),
	owner_unit_id INTEGER,
	CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX category_parent ON category(parent_id, position);

-- Items of every kind (Điều 7, 8).  body_text is body_html without tags,
-- kept by the store for the search index (external content below).
--
-- The two large columns come last on purpose: SQLite stores a row's
-- columns in order and spills what does not fit in the page to overflow
-- pages, so reading a column placed after a 4 kB body walks the overflow
-- chain.  With the bodies last, listings and search (which read
-- category_id, published_at and the short texts of many rows) touch one
-- page per row.
CREATE TABLE item (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL
		CHECK (kind IN ('tin', 'bai', 'anh', 'am-thanh', 'video',
				'trang')),
	state TEXT NOT NULL
		CHECK (state IN ('draft', 'district-review', 'submitted',
				 'in-editing', 'pending-approval', 'approved',
				 'scheduled', 'published', 'returned',
				 'unpublished', 'archived')),
	category_id INTEGER NOT NULL REFERENCES category(id),
	featured INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
	created_at INTEGER NOT NULL,
	published_at INTEGER,
	updated_at INTEGER,
	hits INTEGER NOT NULL DEFAULT 0,
	author_user_id INTEGER,
	source_date INTEGER,
	title TEXT NOT NULL,
	slug TEXT NOT NULL,
	summary TEXT NOT NULL DEFAULT '',
	author_name TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT '',
	cover_image TEXT,
	cover_alt TEXT,
	body_html TEXT NOT NULL DEFAULT '',
	body_text TEXT NOT NULL DEFAULT ''
) STRICT;

-- Latest published of one or several sections (category IN the subtree
-- from a recursive CTE over category): each section is one range of this
-- index, already newest first, and the row id rides along, so listing
-- and counting read the index only.  Also serves "related" (nearest in
-- time within a section) from both sides of a date.
CREATE INDEX item_state_cat_pub
	ON item(state, category_id, published_at DESC);
-- Latest published of the whole site, sitemap.
CREATE INDEX item_state_pub ON item(state, published_at DESC);
-- Featured of a section tree or of the whole site.
CREATE INDEX item_featured
	ON item(state, featured, category_id, published_at DESC);
CREATE INDEX item_author ON item(author_user_id)
	WHERE author_user_id IS NOT NULL;

-- Usage statistics per day (Decree 42/2022), yyyymmdd in Viet Nam time.
CREATE TABLE view_daily_item (
	day INTEGER NOT NULL,
	item_id INTEGER NOT NULL REFERENCES item(id),
	count INTEGER NOT NULL,
	PRIMARY KEY (day, item_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE view_daily_category (
	day INTEGER NOT NULL,
	category_id INTEGER NOT NULL REFERENCES category(id),
	count INTEGER NOT NULL,
	PRIMARY KEY (day, category_id)
) STRICT, WITHOUT ROWID;

-- What the search index holds: published items only, so unpublished text
-- can never match and the index stays the size of the public site.
-- tags is not text anyone reads: "c<section id> y<year> m<yyyymm>"
-- (UTC) of the item, so that a search within a section or a date range
-- is one FTS5 query whose filter terms FTS5 intersects with the words
-- (seeking in the doclists), instead of walking every match of the
-- words and looking each row up (see store_search).
CREATE VIEW item_pub AS
	SELECT id, title, summary, body_text,
		'c' || category_id || strftime(' y%Y m%Y%m', published_at,
					       'unixepoch') AS tags
	FROM item
	WHERE state = 'published';

-- Full-text search over folded text.  External content (item_pub): the
-- index stores no copy of the text; snippet() reads it back from item.
-- detail=full because phrase queries need positions.  No prefix index:
-- the last word is matched as a prefix only when the whole word is in no
-- item (src/domain/search.c), and then expanded into words through
-- item_fts_vocab below; a prefix index for the lengths people type (3 to
-- 7 letters) would about quadruple the index.
-- Queries always name the text columns ({title summary body_text} : ...)
-- so that words typed never match tags.
CREATE VIRTUAL TABLE item_fts USING fts5(
	title, summary, body_text, tags,
	content = 'item_pub', content_rowid = 'id',
	tokenize = 'vnfold'
);

-- The words of the index with their document counts, read by
-- store_search to turn a prefix ("nghi"*) into the few most common words
-- it stands for: FTS5 itself would merge the doclists of every such word
-- before the first row (300 ms for "ngh"* at 100,000 items), while this
-- walk of the term list takes about 5 ms and the OR of words that
-- follows stops early like any other query.
CREATE VIRTUAL TABLE item_fts_vocab USING fts5vocab(item_fts, row);
