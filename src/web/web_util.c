/*
 * Pure helpers of the web layer: URL segment, id and page-number parsing,
 * trimming, pagination maths, search-snippet highlighting, page-cache tag
 * splitting, media paths and the rewriting that makes an item's download
 * self-contained (Decree 42/2022: print and save each article).  No I/O,
 * no globals, so web_util_test.c covers them directly.
 */
#include "common.h"

#include <ctype.h>

#include "log.h"
#include "image.h"
#include "web_int.h"

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Parses a run of decimal digits [p, p + len) into *out; false if empty,
 * not all digits or over INT64_MAX. */
static bool
parse_u63(const char *p, size_t len, int64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0)
		return false;
	for (i = 0; i < len; i++) {
		if (!is_digit(p[i]))
			return false;
		if (v > ((uint64_t)INT64_MAX - (uint64_t)(p[i] - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(p[i] - '0');
	}
	*out = (int64_t)v;
	return true;
}

int64_t
web_parse_slugid(const char *seg, struct str *slug)
{
	const char *dash;
	int64_t id;

	if (!seg)
		return 0;
	dash = strrchr(seg, '-');
	if (!dash || dash == seg)
		return 0;
	if (!parse_u63(dash + 1, strlen(dash + 1), &id) || id <= 0)
		return 0;
	if (slug)
		*slug = str_make(seg, (size_t)(dash - seg));
	return id;
}

bool
web_parse_id(const char *s, int64_t *out)
{
	size_t len = s ? strlen(s) : 0;
	int64_t v;

	if (len > 18 || !parse_u63(s, len, &v) || v == 0)
		return false;
	*out = v;
	return true;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct str
web_trim(const char *s)
{
	size_t len;

	if (!s)
		return str_make("", 0);
	while (is_blank(*s))
		s++;
	len = strlen(s);
	while (len && is_blank(s[len - 1]))
		len--;
	return str_make(s, len);
}

bool
web_parse_page(const char *s, size_t *page)
{
	int64_t v;

	if (!s) {
		*page = 1;
		return true;
	}
	/* Seven digits hold WEB_MAX_PAGE; more can only be too big (or
	 * zero-padded, which no link of ours makes). */
	if (strlen(s) > 7 || !parse_u63(s, strlen(s), &v) || v < 1 ||
	    v > WEB_MAX_PAGE)
		return false;
	*page = (size_t)v;
	return true;
}

size_t
web_page_count(size_t total, size_t per_page)
{
	size_t n;

	if (per_page == 0)
		return 1;
	n = total / per_page + (total % per_page != 0);
	return n ? n : 1;
}

size_t
web_page_offset(size_t page, size_t per_page)
{
	if (page == 0)
		return 0;
	if (per_page && page - 1 > SIZE_MAX / per_page)
		return SIZE_MAX;
	return (page - 1) * per_page;
}

size_t
web_page_window(size_t page, size_t pages, size_t *out, size_t max)
{
	size_t n = 0, lo, hi, i;

	if (pages <= 1 || max == 0)
		return 0;
	if (page < 1)
		page = 1;
	if (page > pages)
		page = pages;
	lo = page > 3 ? page - 2 : 1;
	hi = page + 2 < pages ? page + 2 : pages;
	if (lo > 1) {
		out[n++] = 1;
		/* A gap of one page shows the page rather than "…". */
		if (lo > 3 && n < max)
			out[n++] = 0;
		else if (lo == 3 && n < max)
			out[n++] = 2;
	}
	for (i = lo; i <= hi && n < max; i++)
		out[n++] = i;
	if (hi < pages && n < max) {
		if (hi < pages - 2)
			out[n++] = 0;
		else if (hi == pages - 2)
			out[n++] = pages - 1;
		if (n < max)
			out[n++] = pages;
	}
	return n;
}

void
web_add_snippet(struct buf *out, const char *s)
{
	const char *run = s;
	bool open = false;

	if (!s)
		return;
	for (; *s; s++) {
		if (*s != '\x01' && *s != '\x02')
			continue;
		buf_add_html(out, run, (size_t)(s - run));
		run = s + 1;
		if (*s == '\x01' && !open) {
			buf_adds(out, "<mark>");
			open = true;
		} else if (*s == '\x02' && open) {
			buf_adds(out, "</mark>");
			open = false;
		}
	}
	buf_add_html(out, run, (size_t)(s - run));
	if (open)
		buf_adds(out, "</mark>");
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

size_t
web_tags_each(const char *tags, void (*fn)(const char *tag, void *arg),
              void *arg)
{
	char tag[WEB_TAG_MAX + 1];
	size_t calls = 0, len;
	const char *start;

	if (!tags)
		return 0;
	for (;;) {
		while (is_space(*tags))
			tags++;
		if (!*tags)
			break;
		start = tags;
		while (*tags && !is_space(*tags))
			tags++;
		len = (size_t)(tags - start);
		if (len > WEB_TAG_MAX) {
			log_warnx("page-cache tag '%.40s...' too long, "
			          "ignored",
			          start);
			continue;
		}
		memcpy(tag, start, len);
		tag[len] = '\0';
		fn(tag, arg);
		calls++;
	}
	return calls;
}

bool
web_media_path_ok(const char *p)
{
	const char *seg = p;
	size_t len;

	if (!p || !*p || *p == '/' || strlen(p) > 255)
		return false;
	for (const char *q = p;; q++) {
		unsigned char c = (unsigned char)*q;

		if (c == '/' || c == '\0') {
			len = (size_t)(q - seg);
			if (len == 0 || (len == 1 && seg[0] == '.') ||
			    (len == 2 && seg[0] == '.' && seg[1] == '.'))
				return false;
			if (c == '\0')
				return true;
			seg = q + 1;
			continue;
		}
		if (c <= ' ' || c >= 0x7f || c == '\\' || c == '"' ||
		    c == '\'' || c == '<' || c == '>' || c == '%' || c == ',')
			return false;
	}
}

bool
web_url_is_http(const char *s)
{
	return s && ((!strncasecmp(s, "http://", 7) && s[7]) ||
	             (!strncasecmp(s, "https://", 8) && s[8]));
}

/* The extension of the last segment of path (after its last '.'), or
 * NULL if it has none. */
static const char *
extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');

	/* A leading dot names a hidden file, not an extension. */
	if (!dot || dot == (slash ? slash + 1 : path))
		return NULL;
	return dot;
}

/*
 * If path names a variant of the media library ("2026/11/<32 hex>-<w>"
 * and an extension: media_variant_path), sets *base to the length before
 * "-<w>" and *w.  Its widths are those of image_widths below the
 * picture's own width, then its own: every width up to the named one
 * that is in that list exists.
 */
static bool
library_variant(const char *path, const char *dot, size_t *base, int *w)
{
	const char *slash = strrchr(path, '/'),
	           *name = slash ? slash + 1 : path;
	const char *dash = memchr(name, '-', (size_t)(dot - name));
	const char *p;
	int n = 0;

	if (!dash || dash - name != 32 || dot - dash < 2 || dot - dash > 6)
		return false;
	for (p = name; p < dash; p++)
		if (!isxdigit((unsigned char)*p))
			return false;
	for (p = dash + 1; p < dot; p++) {
		if (!isdigit((unsigned char)*p))
			return false;
		n = n * 10 + (*p - '0');
	}
	*base = (size_t)(dash - path);
	*w = n;
	return true;
}

void
web_thumb_path(struct buf *out, const char *path)
{
	const char *dot = extension(path);
	size_t base;
	int w;

	if (!dot) {
		buf_adds(out, path);
		buf_adds(out, "-400");
		return;
	}
	if (library_variant(path, dot, &base, &w)) {
		/* The smallest width, which exists whenever the picture is
		 * wider; a narrower one is its own thumbnail. */
		if (w <= image_widths[0]) {
			buf_adds(out, path);
			return;
		}
		buf_add(out, path, base);
		buf_addf(out, "-%d%s", image_widths[0], dot);
		return;
	}
	buf_add(out, path, (size_t)(dot - path));
	buf_adds(out, "-400");
	buf_adds(out, dot);
}

int
web_image_width(const char *path, bool thumb)
{
	const char *dot = extension(path);
	size_t base;
	int w;

	if (dot && library_variant(path, dot, &base, &w))
		return thumb && w > image_widths[0] ? image_widths[0] : w;
	return thumb ? WEB_THUMB_W : WEB_IMAGE_W;
}

const char *
web_image_mime(const char *path)
{
	static const struct {
		const char *ext, *mime;
	} types[] = {
	        {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"},
	        {".png", "image/png"},  {".webp", "image/webp"},
	        {".gif", "image/gif"},  {".svg", "image/svg+xml"},
	};
	const char *dot = extension(path);

	if (!dot)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		if (!strcasecmp(dot, types[i].ext))
			return types[i].mime;
	return NULL;
}

void
web_add_base64(struct buf *out, const void *data, size_t len)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                          "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = data;
	char q[4];
	size_t i;

	if (!buf_grow(out, (len + 2) / 3 * 4))
		return;
	for (i = 0; i + 3 <= len; i += 3) {
		q[0] = tab[p[i] >> 2];
		q[1] = tab[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
		q[2] = tab[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)];
		q[3] = tab[p[i + 2] & 63];
		buf_add(out, q, 4);
	}
	if (len - i == 1) {
		q[0] = tab[p[i] >> 2];
		q[1] = tab[(p[i] & 3) << 4];
		q[2] = q[3] = '=';
		buf_add(out, q, 4);
	} else if (len - i == 2) {
		q[0] = tab[p[i] >> 2];
		q[1] = tab[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
		q[2] = tab[(p[i + 1] & 15) << 2];
		q[3] = '=';
		buf_add(out, q, 4);
	}
}

/* The name of the element whose start tag begins at tag (just after
 * '<'), lower-cased into name (at most size - 1 bytes). */
static void
tag_name(const char *tag, char *name, size_t size)
{
	size_t n = 0;

	while (n + 1 < size &&
	       ((*tag >= 'a' && *tag <= 'z') || (*tag >= 'A' && *tag <= 'Z') ||
	        (*tag >= '0' && *tag <= '9'))) {
		name[n++] = (char)(*tag | 0x20);
		tag++;
	}
	name[n] = '\0';
}

/* Matches an attribute start ` name="` at p (p at the white space). */
static size_t
attr_at(const char *p, const char *name)
{
	size_t n = strlen(name);

	if (!is_space(*p))
		return 0;
	p++;
	if (strncasecmp(p, name, n) || p[n] != '=' || p[n + 1] != '"')
		return 0;
	return 1 + n + 2;
}

void
web_rewrite_for_save(struct buf *out, const char *html, const char *base_url,
                     bool (*embed)(struct buf *out, const char *url, size_t len,
                                   void *arg),
                     void *arg)
{
	const char *p = html;
	char name[16] = "";
	bool in_tag = false, in_quote = false;
	size_t n;

	/*
	 * The sanitiser re-serialises rich text, so markup is regular:
	 * attribute values are double-quoted and a '<' in text is "&lt;".
	 * That is what makes this small state machine enough.
	 */
	while (*p) {
		if (!in_tag) {
			const char *lt = strchr(p, '<');

			if (!lt) {
				buf_adds(out, p);
				return;
			}
			buf_add(out, p, (size_t)(lt - p + 1));
			p = lt + 1;
			in_tag = true;
			tag_name(p, name, sizeof(name));
			continue;
		}
		if (in_quote) {
			if (*p == '"')
				in_quote = false;
			buf_addch(out, *p++);
			continue;
		}
		if (*p == '>') {
			in_tag = false;
			buf_addch(out, *p++);
			continue;
		}
		if (!strcmp(name, "img") && (n = attr_at(p, "src")) != 0) {
			const char *v = p + n, *end = strchr(v, '"');

			if (!end)
				end = v + strlen(v);
			buf_add(out, p, n);
			if (!embed || !embed(out, v, (size_t)(end - v), arg))
				buf_adds(out, "data:,");
			p = end; /* the closing quote is copied as it is */
			if (*p == '"')
				buf_addch(out, *p++);
			continue;
		}
		if ((n = attr_at(p, "href")) != 0 && p[n] == '/' &&
		    p[n + 1] != '/') {
			buf_add(out, p, n);
			buf_add_attr(out, base_url, strlen(base_url));
			p += n;
			in_quote = true;
			continue;
		}
		if ((n = attr_at(p, "srcset")) != 0) {
			/* Renditions would load from the network: dropped,
			 * src alone (embedded) is enough offline. */
			const char *end = strchr(p + n, '"');

			p = end ? end + 1 : p + strlen(p);
			continue;
		}
		if (*p == '"')
			in_quote = true;
		buf_addch(out, *p++);
	}
}
