/*
 * The demo generator: published items that read like the site of a
 * provincial Department of Justice, composed from the phrase banks of
 * demo_words.c, for the demo site and the 100,000-item benchmark.
 *
 * Each item draws one set of values (a field of work, a district and one
 * of its communes, a leader, dates, numbers) and fills the templates of
 * its section's group with them, so a title and its body agree.  All
 * choices come from one splitmix64 stream seeded by the caller: the same
 * seed and reference time give the same items.
 *
 * Rules of the regulation the data respects, so the demo is a fair test
 * of the checks built on it: Điều 7.1.d and 7.2 (author and source on
 * every item; a source date on cited items), Điều 9.1.b (activity news
 * has a photo), Điều 9.2.a (an event is published within a day).
 *
 * Speed: one buffer set reused for every item, no allocation per item
 * beyond the slug set, 24 pictures shared by all items, and the inserts
 * inside store_bulk_begin/end.
 */
#include "common.h"

#include <sodium.h>
#include <utf8proc.h>

#include "demo.h"
#include "demo_images.h"
#include "demo_words.h"
#include "log.h"
#include "seed.h"
#include "vnfold.h"
#include "xalloc.h"

#define DAY 86400
#define SPAN_DAYS 730
#define SLUG_MAX 80

/* Seed-table indexes of the sections the generator fills. */
enum {
	SEC_ACTIVITY = 6,
	SEC_MINISTRY = 7,
	SEC_PROVINCE = 8,
	SEC_DISTRICT = 9,
	SEC_DOC_CENTRAL = 11,
	SEC_DOC_PROVINCE = 12,
	SEC_DOC_SPECIAL = 13,
	SEC_PROC = 15,
	SEC_PROC_ONLINE = 16,
	SEC_DISSEMINATION = 17,
	SEC_DIRECTIVE = 18,
	SEC_DISCLOSURE = 19,
	SEC_RESEARCH = 20,
	SEC_PETITION = 21,
	SEC_CONSULTATION = 22,
	SEC_GUIDANCE = 23,
	SEC_QA = 24,
	SEC_BUSINESS = 25,
	SEC_PRACTICE = 26,
	SEC_SCHEDULE = 27,
	SEC_PHOTO = 28,
	SEC__N = 30
};

/* Fields by index in demo_fields, as bits. */
#define F(i) (1u << (i))
#define FIELDS_ALL 0u
#define FIELDS_PRACTICE (F(3) | F(10) | F(13))
#define FIELDS_PROCEDURE                                                       \
	(F(1) | F(2) | F(3) | F(4) | F(8) | F(10) | F(11) | F(12) | F(13))
#define FIELDS_DISCLOSURE (F(0) | F(3) | F(4) | F(6) | F(13))

enum source_kind {
	SRC_OWN,      /* Sở Tư pháp */
	SRC_MINISTRY, /* cited from the Ministry's portal */
	SRC_PROVINCE, /* cited from the provincial portal or newspaper */
	SRC_DISTRICT, /* the district justice office, or the newspaper */
};

/* How one section is filled. */
struct plan {
	int section; /* seed-table index */
	enum demo_group group;
	enum item_kind kind;
	unsigned weight;    /* share of the items */
	uint32_t fields;    /* allowed fields, FIELDS_ALL: any */
	unsigned cover_pct; /* chance of a cover, 100 for news */
	enum demo_scene scene;
	enum source_kind source;
	bool staff_district; /* written by district collaborators */
};

static const struct plan plans[] = {
        {SEC_ACTIVITY, DEMO_GROUP_ACTIVITY, ITEM_KIND_TIN, 300, FIELDS_ALL, 100,
         DEMO_SCENE_HALL, SRC_OWN, false},
        {SEC_MINISTRY, DEMO_GROUP_MINISTRY, ITEM_KIND_TIN, 50, FIELDS_ALL, 100,
         DEMO_SCENE_HALL, SRC_MINISTRY, false},
        {SEC_PROVINCE, DEMO_GROUP_PROVINCE, ITEM_KIND_TIN, 70, FIELDS_ALL, 100,
         DEMO_SCENE_OFFICE, SRC_PROVINCE, false},
        {SEC_DISTRICT, DEMO_GROUP_DISTRICT, ITEM_KIND_TIN, 150, FIELDS_ALL, 100,
         DEMO_SCENE_VILLAGE, SRC_DISTRICT, true},
        {SEC_DOC_CENTRAL, DEMO_GROUP_LAW_DOC, ITEM_KIND_TIN, 20, FIELDS_ALL, 0,
         DEMO_SCENE_OFFICE, SRC_OWN, false},
        {SEC_DOC_PROVINCE, DEMO_GROUP_LAW_DOC, ITEM_KIND_TIN, 20, FIELDS_ALL, 0,
         DEMO_SCENE_OFFICE, SRC_OWN, false},
        {SEC_DOC_SPECIAL, DEMO_GROUP_LAW_DOC, ITEM_KIND_TIN, 20, FIELDS_ALL, 0,
         DEMO_SCENE_OFFICE, SRC_OWN, false},
        {SEC_PROC, DEMO_GROUP_PROCEDURE, ITEM_KIND_TIN, 15, FIELDS_PROCEDURE, 0,
         DEMO_SCENE_OFFICE, SRC_OWN, false},
        {SEC_PROC_ONLINE, DEMO_GROUP_PROCEDURE, ITEM_KIND_TIN, 15,
         FIELDS_PROCEDURE, 0, DEMO_SCENE_OFFICE, SRC_OWN, false},
        {SEC_DISSEMINATION, DEMO_GROUP_DISSEMINATION, ITEM_KIND_BAI, 90,
         FIELDS_ALL, 60, DEMO_SCENE_VILLAGE, SRC_OWN, false},
        {SEC_DIRECTIVE, DEMO_GROUP_DIRECTIVE, ITEM_KIND_TIN, 25, FIELDS_ALL, 0,
         DEMO_SCENE_OFFICE, SRC_OWN, false},
        {SEC_DISCLOSURE, DEMO_GROUP_DISCLOSURE, ITEM_KIND_TIN, 25,
         FIELDS_DISCLOSURE, 0, DEMO_SCENE_OFFICE, SRC_OWN, false},
        {SEC_RESEARCH, DEMO_GROUP_RESEARCH, ITEM_KIND_BAI, 35, FIELDS_ALL, 40,
         DEMO_SCENE_LANDSCAPE, SRC_OWN, false},
        {SEC_PETITION, DEMO_GROUP_PETITION, ITEM_KIND_TIN, 15, FIELDS_PROCEDURE,
         0, DEMO_SCENE_OFFICE, SRC_OWN, false},
        {SEC_CONSULTATION, DEMO_GROUP_CONSULTATION, ITEM_KIND_TIN, 15,
         FIELDS_ALL, 0, DEMO_SCENE_OFFICE, SRC_OWN, false},
        {SEC_GUIDANCE, DEMO_GROUP_GUIDANCE, ITEM_KIND_BAI, 25, FIELDS_PROCEDURE,
         30, DEMO_SCENE_VILLAGE, SRC_OWN, false},
        {SEC_QA, DEMO_GROUP_QA, ITEM_KIND_BAI, 30, FIELDS_ALL, 0,
         DEMO_SCENE_VILLAGE, SRC_OWN, false},
        {SEC_BUSINESS, DEMO_GROUP_BUSINESS, ITEM_KIND_BAI, 20, FIELDS_ALL, 50,
         DEMO_SCENE_OFFICE, SRC_OWN, false},
        {SEC_PRACTICE, DEMO_GROUP_PRACTICE, ITEM_KIND_TIN, 10, FIELDS_PRACTICE,
         0, DEMO_SCENE_OFFICE, SRC_OWN, false},
        {SEC_SCHEDULE, DEMO_GROUP_SCHEDULE, ITEM_KIND_TIN, 10, FIELDS_ALL, 0,
         DEMO_SCENE_OFFICE, SRC_OWN, false},
        {SEC_PHOTO, DEMO_GROUP_PHOTO, ITEM_KIND_ANH, 40, FIELDS_ALL, 100,
         DEMO_SCENE_HALL, SRC_OWN, false},
};

/* Sources a cited item names (Điều 7.2). */
static const char *const ministry_sources[] = {"Cổng TTĐT Bộ Tư pháp",
                                               "Báo Pháp luật Việt Nam"};
static const char *const province_sources[] = {"Cổng TTĐT tỉnh Kon Tum",
                                               "Báo Kon Tum"};

/* splitmix64 ------------------------------------------------------------ */

struct rng {
	uint64_t s;
};

static uint64_t
rnext(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0. */
static size_t
rbelow(struct rng *r, size_t n)
{
	return (size_t)(rnext(r) % n);
}

static long
rrange(struct rng *r, long lo, long hi)
{
	return lo + (long)rbelow(r, (size_t)(hi - lo + 1));
}

static size_t
list_len(const char *const *v)
{
	size_t n = 0;

	while (v[n])
		n++;
	return n;
}

static size_t
list_index(const char *const *v, const char *s)
{
	size_t i = 0;

	while (v[i] && v[i] != s)
		i++;
	return i;
}

static const char *
rpick(struct rng *r, const char *const *v)
{
	size_t n = list_len(v);

	return n ? v[rbelow(r, n)] : NULL;
}

/* The values of one item --------------------------------------------------- */

struct vars {
	const struct demo_field *f;
	const struct demo_district *d;
	const char *xa, *lanh_dao, *dia_diem, *chu_de;
	char nguoi[64];
	/* Sized for any int, which keeps -Wformat-truncation quiet. */
	char nam[12], nam_truoc[12], ngay[40], thang[12], quy[4], tuan[4];
	char so[24], so_lon[24], so_nho[24], phan_tram[24];
};

static const char *
var_value(const struct vars *v, const char *name, size_t len)
{
#define IS(s) (len == sizeof(s) - 1 && memcmp(name, s, len) == 0)
	if (IS("nam"))
		return v->nam;
	if (IS("nam_truoc"))
		return v->nam_truoc;
	if (IS("ngay"))
		return v->ngay;
	if (IS("thang"))
		return v->thang;
	if (IS("quy"))
		return v->quy;
	if (IS("tuan"))
		return v->tuan;
	if (IS("huyen"))
		return v->d->name;
	if (IS("ten_huyen"))
		return v->d->short_name;
	if (IS("xa"))
		return v->xa;
	if (IS("lanh_dao"))
		return v->lanh_dao;
	if (IS("nguoi"))
		return v->nguoi;
	if (IS("so"))
		return v->so;
	if (IS("so_lon"))
		return v->so_lon;
	if (IS("so_nho"))
		return v->so_nho;
	if (IS("phan_tram"))
		return v->phan_tram;
	if (IS("linh_vuc"))
		return v->f->name;
	if (IS("luat"))
		return v->f->law;
	if (IS("doi_tuong"))
		return v->f->audience;
	if (IS("don_vi"))
		return v->f->unit;
	if (IS("thu_tuc"))
		return v->f->procedure;
	if (IS("dia_diem"))
		return v->dia_diem;
	if (IS("chu_de"))
		return v->chu_de;
	if (IS("question"))
		return v->f->question;
#undef IS
	return NULL;
}

/* Appends s, upper-casing its first letter ("huyện" -> "Huyện"). */
static void
add_capital(struct buf *out, const char *s, size_t len)
{
	utf8proc_int32_t cp;
	utf8proc_uint8_t enc[4];
	utf8proc_ssize_t n;

	n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	                     &cp);
	if (n <= 0) {
		buf_add(out, s, len);
		return;
	}
	buf_add(out, enc,
	        (size_t)utf8proc_encode_char(utf8proc_toupper(cp), enc));
	buf_add(out, s + n, len - (size_t)n);
}

static void
add_text(struct buf *out, const char *p, size_t len, bool html)
{
	if (html)
		buf_add_html(out, p, len);
	else
		buf_add(out, p, len);
}

/*
 * Appends tpl with its placeholders filled; values are templates too (a
 * place names its district), expanded to a small depth.  html: escape for
 * HTML text.  An unknown name is a bug in the phrase banks.
 */
static void
expand(struct buf *out, const char *tpl, const struct vars *v, bool html,
       int depth)
{
	const char *p = tpl;

	while (*p) {
		const char *open = strchr(p, '{'), *close, *name, *val;
		bool cap;

		if (!open) {
			add_text(out, p, strlen(p), html);
			return;
		}
		add_text(out, p, (size_t)(open - p), html);
		close = strchr(open, '}');
		if (!close)
			BUG("unclosed placeholder in '%s'", tpl);
		name = open + 1;
		cap = *name == '^';
		name += cap;
		val = var_value(v, name, (size_t)(close - name));
		if (!val || depth > 3)
			BUG("unknown placeholder '%.*s'", (int)(close - name),
			    name);
		if (cap) {
			struct buf tmp = BUF_INIT;

			expand(&tmp, val, v, false, depth + 1);
			if (html) {
				struct buf up = BUF_INIT;

				add_capital(&up, tmp.p, tmp.len);
				buf_add_html(out, up.p, up.len);
				buf_release(&up);
			} else {
				add_capital(out, tmp.p, tmp.len);
			}
			buf_release(&tmp);
		} else {
			expand(out, val, v, html, depth + 1);
		}
		p = close + 1;
	}
}

static void
add_para(struct buf *out, const char *tpl, const struct vars *v)
{
	buf_adds(out, "<p>");
	expand(out, tpl, v, true, 0);
	buf_adds(out, "</p>");
}

/* Picks up to n distinct entries of a NULL-terminated list. */
static size_t
pick_distinct(struct rng *r, const char *const *list, size_t n,
              const char **out)
{
	size_t len = list_len(list), k = 0;
	size_t start;

	if (len == 0)
		return 0;
	n = MIN(n, len);
	start = rbelow(r, len);
	/* A random start and a stride coprime-enough with len keeps the
	 * choice cheap and repeat-free. */
	for (size_t i = 0; k < n && i < len; i++)
		out[k++] = list[(start + i * 3) % len];
	/* A stride of 3 repeats when len is a multiple of 3: dedupe. */
	for (size_t i = 1; i < k; i++)
		for (size_t j = 0; j < i; j++)
			if (out[i] == out[j]) {
				out[i] = out[--k];
				i--;
				break;
			}
	return k;
}

static void
add_list(struct buf *out, struct rng *r, const char *const *points, size_t n,
         const struct vars *v)
{
	const char *pick[8];
	size_t k = pick_distinct(r, points, MIN(n, ARRAY_SIZE(pick)), pick);

	if (k == 0)
		return;
	buf_adds(out, "<ul>");
	for (size_t i = 0; i < k; i++) {
		buf_adds(out, "<li>");
		expand(out, pick[i], v, true, 0);
		buf_adds(out, "</li>");
	}
	buf_adds(out, "</ul>");
}

/* A results table by district, the kind a report attaches. */
static void
add_table(struct buf *out, struct rng *r, const struct vars *v)
{
	size_t rows = 4 + rbelow(r, demo_districts_n - 3);
	size_t first = rbelow(r, demo_districts_n);
	long t0 = 0, t1 = 0;

	buf_addf(out, "<p>Kết quả cụ thể tại một số địa phương như sau:</p>"
	              "<table><thead><tr><th>Đơn vị</th><th>");
	buf_add_html(out, v->f->metric[0], strlen(v->f->metric[0]));
	buf_adds(out, "</th><th>");
	buf_add_html(out, v->f->metric[1], strlen(v->f->metric[1]));
	buf_adds(out, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < rows; i++) {
		const struct demo_district *d =
		        &demo_districts[(first + i) % demo_districts_n];
		long a = rrange(r, 12, 480), b = a * rrange(r, 55, 98) / 100;

		t0 += a;
		t1 += b;
		buf_adds(out, "<tr><td>");
		add_capital(out, d->name, strlen(d->name));
		buf_addf(out, "</td><td>%ld</td><td>%ld</td></tr>", a, b);
	}
	buf_addf(out,
	         "</tbody><tfoot><tr><td><strong>Tổng cộng</strong></td>"
	         "<td><strong>%ld</strong></td><td><strong>%ld</strong>"
	         "</td></tr></tfoot></table>",
	         t0, t1);
}

/* Dates ----------------------------------------------------------------------
 */

static void
local_tm(time_t t, struct tm *tm)
{
	time_t lt = t + 7 * 3600;

	gmtime_r(&lt, tm);
}

/*
 * The publication time of item i of n: spread evenly over the span,
 * moved into office hours (7:30 to 17:00, Viet Nam time) and mostly off
 * weekends, as a Department publishes.
 */
static time_t
publish_time(struct rng *r, time_t start, size_t i, size_t n)
{
	double step = (double)SPAN_DAYS * DAY / (double)(n ? n : 1);
	time_t t = start + (time_t)(step * (double)i) +
	           (time_t)rbelow(r, (size_t)MAX(step, 1.0));
	time_t local = t + 7 * 3600, day = local - local % DAY;
	struct tm tm;

	gmtime_r(&day, &tm);
	if (rbelow(r, 100) < 85) {
		if (tm.tm_wday == 6)
			day -= DAY;
		else if (tm.tm_wday == 0)
			day -= 2 * DAY;
	}
	return day - 7 * 3600 + rrange(r, 7 * 3600 + 1800, 17 * 3600);
}

static void
set_dates(struct vars *v, struct rng *r, time_t published, bool schedule)
{
	time_t ev = published - (time_t)rbelow(r, 2) * DAY;
	struct tm tm, wk;

	if (schedule) {
		/* A week's schedule is published on its Monday morning or
		 * the Friday before; it names the Monday. */
		local_tm(published, &tm);
		ev = published + (time_t)((8 - tm.tm_wday) % 7) * DAY;
	}
	local_tm(ev, &tm);
	snprintf(v->ngay, sizeof(v->ngay), "%02d/%02d/%d", tm.tm_mday,
	         tm.tm_mon + 1, tm.tm_year + 1900);
	local_tm(published, &tm);
	snprintf(v->nam, sizeof(v->nam), "%d", tm.tm_year + 1900);
	snprintf(v->nam_truoc, sizeof(v->nam_truoc), "%d", tm.tm_year + 1899);
	snprintf(v->thang, sizeof(v->thang), "%d", tm.tm_mon + 1);
	snprintf(v->quy, sizeof(v->quy), "%s",
	         (const char *[]){"I", "II", "III", "IV"}[tm.tm_mon / 3]);
	local_tm(ev, &wk);
	strftime(v->tuan, sizeof(v->tuan), "%V", &wk);
}

/* People
 * ----------------------------------------------------------------------- */

#define STAFF_N 36
#define DISTRICT_STAFF_N 20

struct people {
	char staff[STAFF_N][64];
	char district[DISTRICT_STAFF_N][64];
};

static void
person_name(struct rng *r, char *out, size_t size, bool highland)
{
	if (highland) {
		snprintf(out, size, "%s",
		         demo_highland_names[rbelow(r, demo_highland_names_n)]);
		return;
	}
	snprintf(out, size, "%s %s %s",
	         demo_family_names[rbelow(r, demo_family_names_n)],
	         demo_middle_names[rbelow(r, demo_middle_names_n)],
	         demo_given_names[rbelow(r, demo_given_names_n)]);
}

/* A fixed staff, so that the monthly quota report (Điều 17.3) has the
 * same names writing month after month. */
static void
people_init(struct people *pp, struct rng *r)
{
	for (size_t i = 0; i < STAFF_N; i++)
		person_name(r, pp->staff[i], sizeof(pp->staff[i]), false);
	for (size_t i = 0; i < DISTRICT_STAFF_N; i++)
		person_name(r, pp->district[i], sizeof(pp->district[i]),
		            rbelow(r, 3) == 0);
}

/* Slugs: unique across the items ------------------------------------------- */

struct slugset {
	char **v;
	size_t cap, n;
};

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Adds s if absent; false if it was there. */
static bool
slugset_add(struct slugset *ss, const char *s)
{
	size_t i;

	if (2 * (ss->n + 1) > ss->cap) {
		struct slugset big = {0};

		big.cap = ss->cap ? ss->cap * 2 : 1024;
		big.v = xcalloc(big.cap, sizeof(*big.v));
		for (size_t k = 0; k < ss->cap; k++)
			if (ss->v[k]) {
				i = hash_str(ss->v[k]) & (big.cap - 1);
				while (big.v[i])
					i = (i + 1) & (big.cap - 1);
				big.v[i] = ss->v[k];
			}
		big.n = ss->n;
		free(ss->v);
		*ss = big;
	}
	i = hash_str(s) & (ss->cap - 1);
	for (; ss->v[i]; i = (i + 1) & (ss->cap - 1))
		if (strcmp(ss->v[i], s) == 0)
			return false;
	ss->v[i] = xstrdup(s);
	ss->n++;
	return true;
}

static void
slugset_release(struct slugset *ss)
{
	for (size_t k = 0; k < ss->cap; k++)
		free(ss->v[k]);
	free(ss->v);
	memset(ss, 0, sizeof(*ss));
}

/* A slug from the title, "-2", "-3"... when taken. */
static void
make_slug(struct buf *out, struct slugset *ss, const char *title)
{
	size_t base;

	buf_reset(out);
	vnslug(out, title, strlen(title), SLUG_MAX);
	base = out->len;
	for (unsigned k = 2; !slugset_add(ss, out->p); k++) {
		buf_truncate(out, base);
		buf_addf(out, "-%u", k);
	}
}

/* The generator
 * ------------------------------------------------------------------ */

struct gen {
	struct store *s;
	struct rng r;
	time_t now, start;
	int64_t cat_id[SEC__N];
	const struct plan *plan[ARRAY_SIZE(plans)];
	unsigned cum[ARRAY_SIZE(plans)];
	size_t nplans;
	unsigned total_weight;
	struct people people;
	struct slugset slugs;
	struct buf title, slug, summary, body, alt, cover, author, source;
	struct demo_stats st;
	int64_t media_id[DEMO_IMAGES_N]; /* media rows of the pictures */
};

static const struct demo_field *
pick_field(struct rng *r, uint32_t mask)
{
	for (;;) {
		size_t i = rbelow(r, demo_fields_n);

		if (mask == FIELDS_ALL || (mask & F(i)))
			return &demo_fields[i];
	}
}

static void
fill_vars(struct gen *g, struct vars *v, const struct plan *pl,
          time_t published)
{
	struct rng *r = &g->r;

	memset(v, 0, sizeof(*v));
	v->f = pick_field(r, pl->fields);
	v->d = &demo_districts[rbelow(r, demo_districts_n)];
	v->xa = rpick(r, v->d->communes);
	v->lanh_dao = demo_leaders[rbelow(r, demo_leaders_n)];
	v->dia_diem = demo_places[rbelow(r, demo_places_n)];
	v->chu_de = demo_business_topics[rbelow(r, demo_business_topics_n)];
	person_name(r, v->nguoi, sizeof(v->nguoi), rbelow(r, 4) == 0);
	snprintf(v->so, sizeof(v->so), "%ld", rrange(r, 35, 220));
	{
		/* Vietnamese groups thousands with a dot: 8.434. */
		long big = rrange(r, 1200, 9800);

		snprintf(v->so_lon, sizeof(v->so_lon), "%ld.%03ld", big / 1000,
		         big % 1000);
	}
	snprintf(v->so_nho, sizeof(v->so_nho), "%ld", rrange(r, 8, 30));
	snprintf(v->phan_tram, sizeof(v->phan_tram), "%ld", rrange(r, 82, 99));
	set_dates(v, r, published, pl->group == DEMO_GROUP_SCHEDULE);
}

/* Body of a news item: lead, context, facts, maybe a list or a table. */
static void
body_news(struct gen *g, const struct plan *pl, const struct vars *v,
          const char *lead)
{
	const struct demo_group_words *w = &demo_groups[pl->group];
	struct rng *r = &g->r;
	const char *pick[3];
	size_t k;

	add_para(&g->body, lead, v);
	k = pick_distinct(r, w->paras, 1 + rbelow(r, 2), pick);
	for (size_t i = 0; i < k; i++)
		add_para(&g->body, pick[i], v);
	k = pick_distinct(r, v->f->facts, 1 + rbelow(r, 2), pick);
	for (size_t i = 0; i < k; i++)
		add_para(&g->body, pick[i], v);
	if (list_len(w->headings) && rbelow(r, 100) < 40) {
		buf_adds(&g->body, "<h2>");
		expand(&g->body, rpick(r, w->headings), v, true, 0);
		buf_adds(&g->body, "</h2>");
		add_list(&g->body, r, v->f->points, 3 + rbelow(r, 2), v);
	}
	if ((pl->group == DEMO_GROUP_ACTIVITY ||
	     pl->group == DEMO_GROUP_PROVINCE) &&
	    rbelow(r, 100) < 15)
		add_table(&g->body, r, v);
	if (list_len(w->closings))
		add_para(&g->body, rpick(r, w->closings), v);
}

/* Body of an article: sections under headings. */
static void
body_article(struct gen *g, const struct plan *pl, const struct vars *v,
             const char *lead)
{
	const struct demo_group_words *w = &demo_groups[pl->group];
	struct rng *r = &g->r;
	const char *heads[3], *paras[3], *facts[4];
	size_t nh, np, nf;

	buf_adds(&g->body, "<p><strong>");
	expand(&g->body, lead, v, true, 0);
	buf_adds(&g->body, "</strong></p>");
	nh = pick_distinct(r, w->headings, 2 + rbelow(r, 2), heads);
	/* Headings keep the bank's order: situation, causes, remedies. */
	for (size_t i = 1; i < nh; i++)
		for (size_t j = i;
		     j > 0 && list_index(w->headings, heads[j]) <
		                      list_index(w->headings, heads[j - 1]);
		     j--) {
			const char *t = heads[j];

			heads[j] = heads[j - 1];
			heads[j - 1] = t;
		}
	np = pick_distinct(r, w->paras, 3, paras);
	nf = pick_distinct(r, v->f->facts, 4, facts);
	for (size_t i = 0; i < MAX(nh, (size_t)1); i++) {
		if (i < nh) {
			buf_adds(&g->body, "<h2>");
			expand(&g->body, heads[i], v, true, 0);
			buf_adds(&g->body, "</h2>");
		}
		if (i < np)
			add_para(&g->body, paras[i], v);
		if (i < nf)
			add_para(&g->body, facts[i], v);
		if (i == 1)
			add_list(&g->body, r, v->f->points, 3 + rbelow(r, 3),
			         v);
	}
	for (size_t i = nh; i < nf; i++)
		add_para(&g->body, facts[i], v);
	if (list_len(w->closings))
		add_para(&g->body, rpick(r, w->closings), v);
}

static void
body_qa(struct gen *g, const struct vars *v)
{
	const char *a = v->f->answer;

	buf_adds(&g->body, "<p><strong>Hỏi:</strong> ");
	buf_add_html(&g->body, v->f->question, strlen(v->f->question));
	buf_adds(&g->body, " (Bạn đọc ");
	buf_add_html(&g->body, v->nguoi, strlen(v->nguoi));
	buf_adds(&g->body, ", ");
	buf_add_html(&g->body, v->xa, strlen(v->xa));
	buf_adds(&g->body, ", ");
	buf_add_html(&g->body, v->d->name, strlen(v->d->name));
	buf_adds(&g->body, ")</p><p><strong>Trả lời:</strong></p>");
	while (*a) {
		const char *nl = strchr(a, '\n');
		size_t len = nl ? (size_t)(nl - a) : strlen(a);

		buf_adds(&g->body, "<p>");
		buf_add_html(&g->body, a, len);
		buf_adds(&g->body, "</p>");
		a += len + (nl != NULL);
	}
	add_para(&g->body, rpick(&g->r, demo_groups[DEMO_GROUP_QA].closings),
	         v);
}

/* A week's schedule as a table: the regulation's Điều 8.10.e. */
static void
body_schedule(struct gen *g, struct vars *v, time_t published)
{
	static const char *const days[] = {"Thứ Hai", "Thứ Ba", "Thứ Tư",
	                                   "Thứ Năm", "Thứ Sáu"};
	struct rng *r = &g->r;
	struct tm tm;
	time_t monday;

	local_tm(published, &tm);
	monday = published + (time_t)((8 - tm.tm_wday) % 7) * DAY;
	add_para(&g->body, demo_groups[DEMO_GROUP_SCHEDULE].stories[0].lead, v);
	buf_adds(&g->body, "<table><thead><tr><th>Ngày</th><th>Buổi</th>"
	                   "<th>Nội dung</th><th>Lãnh đạo</th><th>Địa điểm"
	                   "</th></tr></thead><tbody>");
	for (int d = 0; d < 5; d++) {
		local_tm(monday + d * DAY, &tm);
		for (int half = 0; half < 2; half++) {
			/* Each slot may concern another field or district. */
			v->f = pick_field(r, FIELDS_ALL);
			v->d = &demo_districts[rbelow(r, demo_districts_n)];
			buf_addf(&g->body,
			         "<tr><td>%s, %02d/%02d</td><td>%s"
			         "</td><td>",
			         days[d], tm.tm_mday, tm.tm_mon + 1,
			         half ? "Chiều" : "Sáng");
			expand(&g->body,
			       demo_schedule_tasks[rbelow(
			               r, demo_schedule_tasks_n)],
			       v, true, 0);
			buf_adds(&g->body, "</td><td>");
			buf_adds(&g->body,
			         demo_leaders_short[rbelow(r, demo_leaders_n)]);
			buf_adds(&g->body, "</td><td>");
			expand(&g->body,
			       demo_schedule_places[rbelow(
			               r, demo_schedule_places_n)],
			       v, true, 0);
			buf_adds(&g->body, "</td></tr>");
		}
	}
	buf_adds(&g->body, "</tbody></table><p>Lịch làm việc có thể thay đổi; "
	                   "Văn phòng Sở sẽ thông báo khi có điều chỉnh.</p>");
}

static void
plain_summary(struct gen *g, const char *lead, const struct vars *v)
{
	buf_reset(&g->summary);
	expand(&g->summary, lead, v, false, 0);
}

static enum err
insert(struct gen *g, struct item *it)
{
	enum err e = store_item_insert(g->s, it);

	if (e != ERR_OK)
		return e;
	g->st.items++;
	g->st.with_cover += it->cover_image != NULL;
	g->st.featured += it->featured;
	g->st.pages += it->kind == ITEM_KIND_TRANG;
	return ERR_OK;
}

/* The introduction pages (Điều 8.1), dated at the start of the span. */
static enum err
gen_pages(struct gen *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct demo_page *pg = &demo_pages[i];
		struct item it = {0};
		enum err e;

		make_slug(&g->slug, &g->slugs, pg->title);
		it.kind = ITEM_KIND_TRANG;
		it.state = ITEM_STATE_PUBLISHED;
		it.category_id = g->cat_id[pg->section];
		it.title = pg->title;
		it.slug = g->slug.p;
		it.summary = pg->summary;
		it.body_html = pg->body_html;
		it.author_name = "Văn phòng Sở Tư pháp";
		it.source = "Sở Tư pháp tỉnh Kon Tum";
		it.published_at = g->start + (time_t)i * 600 + 8 * 3600;
		it.created_at = it.published_at - 3 * DAY;
		/* The pages were last reviewed recently (Điều 11). */
		it.updated_at = g->now - (time_t)rrange(&g->r, 5, 60) * DAY;
		it.hits = rrange(&g->r, 300, 5000);
		if (it.category_id == 0)
			continue;
		if ((e = insert(g, &it)) != ERR_OK)
			return e;
	}
	return ERR_OK;
}

static const struct plan *
pick_plan(struct gen *g)
{
	unsigned x = (unsigned)rbelow(&g->r, g->total_weight);

	for (size_t i = 0; i < g->nplans; i++)
		if (x < g->cum[i])
			return g->plan[i];
	return g->plan[g->nplans - 1];
}

static void
set_source(struct gen *g, const struct plan *pl, const struct vars *v,
           struct item *it)
{
	struct rng *r = &g->r;
	const char *src = "Sở Tư pháp";

	it->source_date = 0;
	switch (pl->source) {
	case SRC_OWN:
		break;
	case SRC_MINISTRY:
		src = ministry_sources[rbelow(r, ARRAY_SIZE(ministry_sources))];
		break;
	case SRC_PROVINCE:
		src = province_sources[rbelow(r, ARRAY_SIZE(province_sources))];
		break;
	case SRC_DISTRICT:
		if (rbelow(r, 4) == 0) {
			src = "Báo Kon Tum";
		} else {
			buf_reset(&g->source);
			buf_adds(&g->source, "Phòng Tư pháp ");
			buf_adds(&g->source, v->d->name);
			src = g->source.p;
		}
		break;
	}
	/* Điều 7.2: a cited item carries the date its source published
	 * it, at most three days before ours. */
	if (pl->source == SRC_MINISTRY || pl->source == SRC_PROVINCE ||
	    strcmp(src, "Báo Kon Tum") == 0)
		it->source_date =
		        it->published_at - (time_t)rrange(r, 3600, 3 * DAY);
	it->source = src;
}

/* The demo pictures as media rows, and the albums of photo items (issue
 * 4 item 7): what an editor would have uploaded, so the photo library
 * and the album pages show something.  The files are demo_images.c's. */

/* Alt text of each scene's pictures (WCAG 1.1.1). */
static const char *const scene_alt[DEMO_SCENE__MAX] = {
        "Hội trường với phông nền đỏ, đại biểu ngồi quanh bàn hội nghị",
        "Nhà rông giữa làng vùng cao, người dân tập trung phía trước",
        "Trụ sở cơ quan nhiều tầng, lá cờ trên nóc",
        "Núi đồi và ruộng đồng Kon Tum dưới bầu trời quang",
};

/* Album captions, three per scene. */
static const char *const scene_captions[DEMO_SCENE__MAX][3] = {
        {"Đại biểu dự hội nghị tại hội trường.", "Quang cảnh phiên làm việc.",
         "Lãnh đạo Sở phát biểu tại hội nghị."},
        {"Buổi tuyên truyền pháp luật tại nhà rông.",
         "Người dân trong thôn tham dự buổi sinh hoạt.",
         "Quang cảnh làng vùng cao nơi diễn ra hoạt động."},
        {"Trụ sở cơ quan.", "Cán bộ tiếp nhận hồ sơ tại bộ phận một cửa.",
         "Quang cảnh khu làm việc."},
        {"Phong cảnh núi rừng Kon Tum.", "Đường về các xã vùng sâu.",
         "Cánh đồng dưới chân núi."},
};

/* Reads a whole (small) file into out; false (logged) if it cannot. */
static bool
read_file(const char *path, struct buf *out)
{
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		log_warn("demo: cannot open '%s'", path);
		return false;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	n = (size_t)ferror(f);
	fclose(f);
	if (n)
		log_warnx("demo: cannot read '%s'", path);
	return n == 0;
}

/* Inserts one media row per demo picture (or finds it, by its bytes,
 * when the database already has it). */
static enum err
gen_media(struct gen *g, const char *media_dir)
{
	struct buf rel = BUF_INIT, path = BUF_INIT, data = BUF_INIT,
	           fold = BUF_INIT;
	struct arena a = ARENA_INIT;
	enum err e = ERR_OK;

	arena_init(&a, 4096);
	for (unsigned i = 0; i < DEMO_IMAGES_N && e == ERR_OK; i++) {
		unsigned char hash[crypto_hash_sha256_BYTES];
		char hex[2 * crypto_hash_sha256_BYTES + 1];
		enum demo_scene sc = demo_image_scene(i);
		struct media m = {0};
		char name[16];

		buf_reset(&rel);
		buf_reset(&path);
		buf_reset(&data);
		buf_reset(&fold);
		demo_image_media_path(&rel, i);
		buf_addf(&path, "%s/%s", media_dir, rel.p);
		if (!read_file(path.p, &data) || !data.len) {
			e = ERR_IO;
			break;
		}
		crypto_hash_sha256(hash, (const unsigned char *)data.p,
		                   data.len);
		sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
		if (store_media_by_sha256(g->s, &a, hex, &m) == ERR_OK) {
			g->media_id[i] = m.id;
			continue;
		}
		snprintf(name, sizeof(name), "anh-%02u.jpg", i);
		m.kind = MEDIA_IMAGE;
		m.mime = "image/jpeg";
		m.bytes = (int64_t)data.len;
		m.width = DEMO_IMAGE_W;
		m.height = DEMO_IMAGE_H;
		m.widths = DEMO_MEDIA_WIDTHS;
		m.sha256 = hex;
		m.path = rel.p;
		m.uploaded_at = g->start;
		m.original_name = name;
		m.alt = scene_alt[sc];
		m.caption = "";
		/* As media.c's search_text: folded name, alt, caption. */
		vnfold(&fold, name, strlen(name));
		buf_addch(&fold, ' ');
		vnfold(&fold, m.alt, strlen(m.alt));
		buf_addch(&fold, ' ');
		m.search_text = fold.p;
		m.transcript = "";
		if ((e = store_media_insert(g->s, &m)) == ERR_OK)
			g->media_id[i] = m.id;
	}
	arena_release(&a);
	buf_release(&rel);
	buf_release(&path);
	buf_release(&data);
	buf_release(&fold);
	return e;
}

/* A mixer of its own, so the albums do not change the items that the
 * main generator draws after them. */
static uint64_t
album_mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Gives photo item it an album of 3 to 6 demo pictures, its cover
 * (picture first) first, each with a caption. */
static enum err
gen_album(struct gen *g, const struct item *it, unsigned first)
{
	struct item_media v[6];
	unsigned used[6];
	uint64_t h = album_mix((uint64_t)it->id);
	size_t n = 3 + (size_t)(h % 4);

	memset(v, 0, sizeof(v));
	used[0] = first;
	for (size_t k = 1; k < n; k++) {
		unsigned pick;
		bool dup;

		do {
			h = album_mix(h);
			pick = (unsigned)(h % DEMO_IMAGES_N);
			dup = false;
			for (size_t j = 0; j < k; j++)
				dup = dup || used[j] == pick;
		} while (dup);
		used[k] = pick;
	}
	for (size_t k = 0; k < n; k++) {
		enum demo_scene sc = demo_image_scene(used[k]);

		if (!g->media_id[used[k]])
			return ERR_OK;
		h = album_mix(h);
		v[k].media_id = g->media_id[used[k]];
		v[k].position = (int)k + 1;
		v[k].caption = scene_captions[sc][h % 3];
	}
	return store_item_media_set(g->s, it->id, v, n);
}

static enum err
gen_item(struct gen *g, size_t i, size_t n)
{
	struct rng *r = &g->r;
	const struct plan *pl = pick_plan(g);
	const struct demo_group_words *w = &demo_groups[pl->group];
	size_t nstories = 0;
	const struct demo_story *story;
	struct vars v;
	struct item it = {0};
	time_t published = publish_time(r, g->start, i, n);
	size_t story_i;
	unsigned pic = 0;
	enum err e;

	if (published > g->now - 3600)
		published = g->now - 3600;
	while (w->stories[nstories].title)
		nstories++;
	story_i = rbelow(r, nstories);
	story = &w->stories[story_i];
	fill_vars(g, &v, pl, published);

	buf_reset(&g->title);
	expand(&g->title, story->title, &v, false, 0);
	make_slug(&g->slug, &g->slugs, g->title.p);
	plain_summary(g, story->lead, &v);
	buf_reset(&g->body);
	switch (pl->group) {
	case DEMO_GROUP_QA:
		body_qa(g, &v);
		break;
	case DEMO_GROUP_SCHEDULE:
		body_schedule(g, &v, published);
		break;
	case DEMO_GROUP_PHOTO:
		add_para(&g->body, story->lead, &v);
		add_para(&g->body, w->paras[0], &v);
		break;
	default:
		if (pl->kind == ITEM_KIND_BAI)
			body_article(g, pl, &v, story->lead);
		else
			body_news(g, pl, &v, story->lead);
		break;
	}

	it.kind = pl->kind;
	it.state = ITEM_STATE_PUBLISHED;
	it.category_id = g->cat_id[pl->section];
	it.title = g->title.p;
	it.slug = g->slug.p;
	it.summary = g->summary.p;
	it.body_html = g->body.p;
	it.published_at = published;
	it.created_at = published - (time_t)rrange(r, 3600, 2 * DAY);
	it.updated_at = published;
	if (rbelow(r, 100) < 15)
		it.updated_at = MIN(
		        g->now, published + (time_t)rrange(r, 3600, 20 * DAY));
	it.hits = rrange(r, 20, 60 + (g->now - published) / DAY * 4);

	buf_reset(&g->author);
	if (pl->staff_district)
		buf_adds(&g->author,
		         g->people.district[rbelow(r, DISTRICT_STAFF_N)]);
	else
		buf_adds(&g->author, g->people.staff[rbelow(r, STAFF_N)]);
	it.author_name = g->author.p;
	set_source(g, pl, &v, &it);

	/* Điều 9.1.b: news of activities always has a photo. */
	if (pl->cover_pct >= 100 || rbelow(r, 100) < pl->cover_pct) {
		enum demo_scene scene = pl->scene;
		size_t alt_i = rbelow(r, list_len(w->alts));

		if (pl->group == DEMO_GROUP_PHOTO) {
			/* Photo stories and their descriptions pair up. */
			static const enum demo_scene photo_scene[] = {
			        DEMO_SCENE_HALL, DEMO_SCENE_VILLAGE,
			        DEMO_SCENE_HALL};
			alt_i = story_i % list_len(w->alts);
			scene = photo_scene[story_i % 3];
		}
		pic = demo_image_pick(scene, rnext(r));
		buf_reset(&g->cover);
		demo_image_path(&g->cover, pic);
		buf_reset(&g->alt);
		expand(&g->alt, w->alts[alt_i], &v, false, 0);
		it.cover_image = g->cover.p;
		it.cover_alt = g->alt.p;
		it.featured = pl->kind != ITEM_KIND_BAI && rbelow(r, 100) < 8;
	}
	if ((e = insert(g, &it)) != ERR_OK)
		return e;
	/* A photo item is an album (issue 4 item 7). */
	if (pl->kind == ITEM_KIND_ANH && it.cover_image)
		e = gen_album(g, &it, pic);
	return e;
}

/* Finds the seeded sections by slug. */
static enum err
map_sections(struct gen *g)
{
	struct arena a = ARENA_INIT;
	struct category *cats;
	size_t n = 0, found = 0;
	struct buf slug = BUF_INIT;
	enum err e;

	arena_init(&a, 8192);
	if ((e = store_categories(g->s, &a, &cats, &n)) != ERR_OK)
		goto out;
	/* From here every failure goes to out. */
	for (size_t i = 0; i < seed_section_count && i < SEC__N; i++) {
		const char *name = seed_section_table[i].name;

		buf_reset(&slug);
		vnslug(&slug, name, strlen(name), SLUG_MAX);
		for (size_t k = 0; k < n; k++)
			if (cats[k].slug && strcmp(cats[k].slug, slug.p) == 0) {
				g->cat_id[i] = cats[k].id;
				found++;
				break;
			}
	}
	g->nplans = 0;
	g->total_weight = 0;
	for (size_t i = 0; i < ARRAY_SIZE(plans); i++) {
		if (!g->cat_id[plans[i].section])
			continue;
		g->total_weight += plans[i].weight;
		g->plan[g->nplans] = &plans[i];
		g->cum[g->nplans++] = g->total_weight;
	}
	if (found == 0 || g->nplans == 0) {
		log_errx(
		        "demo: none of the seeded sections is in the database");
		e = ERR_NOTFOUND;
	}
out:
	buf_release(&slug);
	arena_release(&a);
	return e;
}

static void
gen_release(struct gen *g)
{
	slugset_release(&g->slugs);
	buf_release(&g->title);
	buf_release(&g->slug);
	buf_release(&g->summary);
	buf_release(&g->body);
	buf_release(&g->alt);
	buf_release(&g->cover);
	buf_release(&g->author);
	buf_release(&g->source);
}

enum err
demo_generate_at(struct store *s, const char *media_dir, size_t nitems,
                 unsigned seed, time_t now, struct demo_stats *out)
{
	struct gen *g = xcalloc(1, sizeof(*g));
	size_t npages;
	enum err e, e2;

	g->s = s;
	g->r.s = 0x53545054544454ULL ^ ((uint64_t)seed << 32 | seed);
	g->now = now;
	/* Leave the last hours of the span free so nothing is dated in the
	 * future of now. */
	g->start = now - (time_t)SPAN_DAYS * DAY - DAY;
	people_init(&g->people, &g->r);
	if ((e = seed_sections(s)) != ERR_OK ||
	    (e = map_sections(g)) != ERR_OK ||
	    (e = demo_images_write(media_dir)) != ERR_OK)
		goto out;
	g->st.images = DEMO_IMAGES_N;
	if ((e = store_bulk_begin(s)) != ERR_OK)
		goto out;
	npages = MIN(nitems, demo_pages_n);
	e = gen_media(g, media_dir);
	if (e == ERR_OK)
		e = gen_pages(g, npages);
	for (size_t i = 0; e == ERR_OK && g->st.items < nitems; i++)
		e = gen_item(g, i, nitems - npages);
	e2 = store_bulk_end(s);
	if (e == ERR_OK)
		e = e2;
out:
	if (out)
		*out = g->st;
	gen_release(g);
	free(g);
	return e;
}

enum err
demo_generate(struct store *s, const char *media_dir, size_t nitems,
              unsigned seed, struct demo_stats *out)
{
	time_t now = time(NULL);

	return demo_generate_at(s, media_dir, nitems, seed, now - now % DAY,
	                        out);
}
