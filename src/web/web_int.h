/*
 * Internals shared by the files of src/web: the pure helpers of
 * web_util.c (tested in web_util_test.c) and the page-building helpers
 * of web.c used by every handler.  Not an API for other layers.
 */
#ifndef TTDT_WEB_INT_H
#define TTDT_WEB_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "buf.h"
#include "catalog.h"
#include "http.h"
#include "image.h"
#include "store.h"
#include "tval.h"
#include "vntime.h"

#define WEB_PER_PAGE 20       /* items per section page */
#define WEB_MAX_PAGE 100000   /* ?trang= above this is refused */
#define WEB_FEED_ITEMS 20     /* items per RSS feed */
#define WEB_SITEMAP_PAGE 5000 /* items per sitemap file (at most 50,000) */
#define WEB_RELATED_ITEMS 5
#define WEB_HOME_FEATURED 5
#define WEB_HOME_PER_SECTION 4
#define WEB_TAG_MAX 127               /* longest page-cache tag we pass on */
#define WEB_SAVE_MAX_IMAGE (8u << 20) /* bytes of one embedded image */
#define WEB_SAVE_MAX_IMAGES 20        /* images embedded in one download */
/* Widths of the two renditions of an uploaded image (the original is
 * scaled to WEB_IMAGE_W, the thumbnail "-400" to WEB_THUMB_W). */
#define WEB_IMAGE_W 1200
#define WEB_THUMB_W 400

/* ---- pure helpers (web_util.c) ---- */

/* s is neither NULL nor "". */
static inline bool
web_nonempty(const char *s)
{
	return s && *s;
}

/* An absolute http:// or https:// URL: the only kind a configured link
 * may be before it goes into an href (no javascript:, data:...). */
bool web_url_is_http(const char *s);

/*
 * Parses the last segment of an item URL, "<slug>-<id>": the id is the
 * decimal digits after the last '-'.  Returns the id (> 0), or 0 if the
 * segment is malformed: no '-', an empty slug ("-5"), no digits or
 * anything but digits after the '-' ("12a", "a-12a"), id 0, or an id
 * beyond INT64_MAX.  Leading zeros are accepted ("a-007" is 7); the
 * handler then redirects to the canonical form.  slug (may be NULL) gets
 * the part before the '-'.
 */
int64_t web_parse_slugid(const char *seg, struct str *slug);

/* A database id as a form, query or route gives it: 1 to 18 decimal
 * digits and nothing else ("07" is 7), and not 0.  False for NULL, "",
 * "0", "-1", " 1", "1x" and longer numbers (which could overflow); *out
 * is set only on success. */
bool web_parse_id(const char *s, int64_t *out);

/* s without its leading and trailing ASCII blanks (space, tab, CR, LF):
 * a view into s, empty for NULL. */
struct str web_trim(const char *s);

/*
 * Parses ?trang=N.  NULL (absent) is page 1.  Only decimal digits are
 * accepted, 1..WEB_MAX_PAGE; false for anything else ("", "0", "-1",
 * "abc", "2x", " 2", huge numbers).
 */
bool web_parse_page(const char *s, size_t *page);

/* Number of pages for total items, per_page per page; at least 1 (an
 * empty list still has its first page). */
size_t web_page_count(size_t total, size_t per_page);

/* The offset of page (1-based) or SIZE_MAX if it would overflow. */
size_t web_page_offset(size_t page, size_t per_page);

/*
 * The page numbers a pager shows around page of pages: the first, the
 * last and page-2..page+2, in order, with 0 where numbers are skipped
 * (an ellipsis).  Writes at most max entries to out, returns the count.
 * max >= 9 always suffices.
 */
size_t web_page_window(size_t page, size_t pages, size_t *out, size_t max);

/*
 * Appends a search snippet as HTML: the text is HTML-escaped and each
 * \x01 ... \x02 pair becomes <mark> ... </mark>.  A \x02 with no open
 * mark, and a \x01 inside an open mark, are dropped; a mark still open
 * at the end is closed, so the output is always balanced.
 */
void web_add_snippet(struct buf *out, const char *s);

/*
 * Calls fn once per tag of a space-separated tag list ("item:12 cat:3
 * site"): runs of ASCII white space separate tags, empty tags are
 * skipped, and a tag longer than WEB_TAG_MAX bytes is skipped (and
 * logged) since it cannot name a page.  Returns how many calls were
 * made.  tags may be NULL.
 */
size_t web_tags_each(const char *tags, void (*fn)(const char *tag, void *arg),
                     void *arg);

/*
 * True if p is a safe relative path below the media folder: non-empty,
 * at most 255 bytes, no leading '/', no backslash, no empty, "." or ".."
 * segment, only printable ASCII other than quotes, '<', '>', '%' and ','
 * (a comma would split a srcset candidate list).
 */
bool web_media_path_ok(const char *p);

/* Appends the thumbnail path of an image: "-400" before the extension of
 * the last segment ("demo/07.jpg" -> "demo/07-400.jpg"), or at the end
 * if it has none; for a variant of the media library ("<hex>-1600.jpg")
 * its smallest width ("<hex>-320.jpg"), which always exists. */
void web_thumb_path(struct buf *out, const char *path);
/* "/media/" and the thumbnail path of path (web_thumb_path), in a: the
 * src of a card's picture. */
const char *web_thumb_url(struct arena *a, const char *path);
/* media_srcset of image m in format f below "/media/", in a. */
const char *web_srcset(struct arena *a, const struct media *m,
                       enum image_format f);
/* The width of the image at path (thumb false) or of its thumbnail, for
 * srcset: a library variant's from its name, else WEB_IMAGE_W or
 * WEB_THUMB_W. */
int web_image_width(const char *path, bool thumb);

/* MIME type of an image by extension (jpg, jpeg, png, webp, gif, svg),
 * case-insensitive; NULL for anything else. */
const char *web_image_mime(const char *path);

/* Appends standard base64 (RFC 4648, with padding). */
void web_add_base64(struct buf *out, const void *p, size_t len);

/*
 * Rewrites sanitised HTML for the self-contained download: inside tags,
 * a root-relative href="/x" becomes base_url + "/x"; an img's src is
 * replaced by what embed returns for its URL (a data: URI, appended to
 * out by embed, which returns true) or, if embed returns false, by
 * "data:," so the saved file loads nothing from the network and shows
 * the alt text.  Text outside tags is copied as it is.
 */
void web_rewrite_for_save(struct buf *out, const char *html,
                          const char *base_url,
                          bool (*embed)(struct buf *out, const char *url,
                                        size_t len, void *arg),
                          void *arg);

/* ---- page building (web.c) ---- */

/* The store given to web_init. */
extern struct store *web_store;

/* Vietnamese name of an item kind ("Tin", "Bài"...). */
const char *web_kind_name(enum item_kind k);

/* An item's "<slug>-<id>" as the :slugid segment reads once decoded. */
const char *web_item_slugid(struct arena *a, const struct item *it);
/* Paths (root-relative, in the arena, the slug percent-encoded) of an
 * item and a section. */
const char *web_item_path(struct arena *a, const struct item *it);
const char *web_cat_path(struct arena *a, const struct category *c);
/* config.site.base_url + path, in the arena. */
const char *web_abs(struct arena *a, const char *path);
/* A time formatted in Viet Nam local time, in the arena. */
const char *web_time(struct arena *a, time_t t, enum vntime_fmt f);

/* A section can be shown: neither it nor an ancestor is hidden. */
bool web_cat_visible(const struct cat_node *n);
/* Section n's name indented by its depth ("— " a level) for an option of
 * a section list, in the arena. */
const char *web_cat_label(struct arena *a, const struct cat_node *n);

/*
 * The root view model every page starts from: site (config.site), nav
 * (visible main sections; the one holding current is marked), demo flag,
 * version, and an empty crumbs list.  cat may be NULL (no navigation).
 */
struct tval *web_ctx(struct req *r, const struct catalog *cat,
                     const struct cat_node *current);

/*
 * Adds the "page" map (title, description, canonical URL from path,
 * Open Graph and Dublin Core defaults) to ctx and returns it so the
 * handler can set more (og_type, og_image, dc_creator, dc_date,
 * noindex, feed_url...).
 */
struct tval *web_page(struct req *r, struct tval *ctx, const char *title,
                      const char *description, const char *path);

/*
 * Fills ctx's breadcrumbs: the visible ancestors of node and node itself
 * as links, then last (not a link) if given; with last NULL, node is the
 * last, unlinked crumb.
 */
void web_crumbs(struct req *r, struct tval *ctx, const struct cat_node *node,
                const char *last);

/* A card for an item list (title, url, kind, date, summary, thumbnail). */
struct tval *web_card(struct arena *a, const struct item *it);

/* Cards for a whole list. */
struct tval *web_cards(struct arena *a, const struct item_list *l);

/*
 * The pager of a list: prev/next links and the page numbers of
 * web_page_window.  Page n's URL is path, then "?" query "&trang=n"
 * (query: already percent-encoded, without trang; may be ""), with no
 * trang for page 1.  has_pager is false when there is a single page.
 */
struct tval *web_pager(struct arena *a, const char *path, const char *query,
                       size_t page, size_t pages);

/*
 * The "search" map the search-form partial reads: the values typed (q,
 * from, to) and the visible sections as options with cat_slug selected.
 * Any argument may be NULL.
 */
struct tval *web_search_form(struct arena *a, const struct catalog *cat,
                             const char *q, const char *cat_slug,
                             const char *from, const char *to);

/* "cat:<id>" for node and every ancestor, then "site", in the arena. */
const char *web_cat_tags(struct arena *a, const struct cat_node *node);

/*
 * Renders template name with ctx into rs->body as an HTML page.  If the
 * template fails (unknown name, body over its cap) logs it and answers
 * 500 instead.
 */
void web_render(struct req *r, struct resp *rs, const char *name,
                struct tval *ctx);

/* Answers an expected failure with its error page: ERR_NOTFOUND 404,
 * ERR_GONE 410, ERR_INVALID 400, ERR_DENIED 403, ERR_BUSY 503, other
 * 500. */
void web_fail(struct req *r, struct resp *rs, enum err e);

/* ---- handlers (pub_*.c) ---- */

void pub_home(struct req *r, struct resp *rs);
void pub_section(struct req *r, struct resp *rs);
void pub_item(struct req *r, struct resp *rs);
void pub_item_print(struct req *r, struct resp *rs);
void pub_item_save(struct req *r, struct resp *rs);
void pub_search(struct req *r, struct resp *rs);
void pub_rss(struct req *r, struct resp *rs);
void pub_section_rss(struct req *r, struct resp *rs);
void pub_sitemap_xml(struct req *r, struct resp *rs);
void pub_sitemap_part(struct req *r, struct resp *rs);
void pub_robots(struct req *r, struct resp *rs);
void pub_sitemap_html(struct req *r, struct resp *rs);
void pub_accessibility(struct req *r, struct resp *rs);
/* pub_media.c: the photo library (Thư viện ảnh), PUB_PHOTOS_PER_PAGE
 * photo items a page. */
#define PUB_PHOTOS_PER_PAGE 24
void pub_photo_library(struct req *r, struct resp *rs);
/* The media of item it for its public page (the album's figures, the
 * player of a recording with its captions and transcript, attachments),
 * as a map in *out, and how many photos it has in *nphotos; the store's
 * errors. */
enum err pub_media_map(struct req *r, const struct item *it, struct tval **out,
                       size_t *nphotos);
/* A file size in Vietnamese notation ("196 KB", "1,5 MB"), in a. */
const char *pub_media_size(struct arena *a, int64_t bytes);
/* pub_units.c: the directory of open units (Điều 8.1). */
void pub_units(struct req *r, struct resp *rs);
void pub_healthz(struct req *r, struct resp *rs);
/* pub_contribute.c: the public contribution form at /gui-tin-bai
 * (Điều 9.1.b-c), its POST, the page after sending and the status
 * lookup by reference number. */
void pub_contribute_form(struct req *r, struct resp *rs);
void pub_contribute_post(struct req *r, struct resp *rs);
void pub_contribute_done(struct req *r, struct resp *rs);
void pub_contribute_status(struct req *r, struct resp *rs);

/* "tel:" and the digits (and a leading '+') of a phone number as people
 * write it ("0260 3862 340"), in a. */
const char *web_tel_href(struct arena *a, const char *phone);

/* True if the database is a demo (setting "demo" = 1, read at start):
 * the banner shows, and its public accounts need no second factor. */
bool web_demo_site(void);

#endif
