/*
 * The public contribution pages (issue 4 item 8; Điều 9.1.b-c): the form
 * at /gui-tin-bai where anyone sends news, photos or files with their
 * details, the page that gives the reference number, and the status
 * lookup /gui-tin-bai/tra-cuu.  The rules and the transaction are
 * src/domain/contribution.c's; this file guards the form.
 *
 * The form's token, against forged posts and robots, is one hidden
 * field "ma_phien" = "T.NONCE.MAC": T the time the form was made, NONCE
 * 32 random hex digits also set as the cookie ttdt_gt (Path=/gui-tin-bai,
 * HttpOnly, SameSite=Strict), MAC a crypto_auth of "T.NONCE" under a key
 * kept in the database (setting "contribute_key", made by the first node
 * that needs it, so any node checks any form).  A POST must come from our
 * origin (Origin or Referer), carry an authentic token whose nonce equals
 * the cookie (a double submit bound by the MAC: another site can neither
 * read the cookie nor make a token for a nonce of its own), and come at
 * least CONTRIB_MIN_SECONDS after the form was made (people read and
 * type; robots post at once) and within CONTRIB_MAX_AGE.  The MAC'd time
 * cannot be moved back, so a robot cannot skip the wait.
 *
 * Other defences: a honeypot field (a text input hidden from people and
 * assistive technology; a robot that fills it is told "sent" and nothing
 * is stored), the per-address limit of the domain (CONTRIB_PER_HOUR,
 * CONTRIB_PER_DAY, counted in the database), and the size cap [server]
 * contribute_max over the text and files together.  Every field and
 * every file (its type, size, description, an image decoded whole) and
 * the per-address limit are checked before any file is stored, so a form
 * sent back leaves nothing in the library; a post that fails after files
 * were stored (a fault of the server) counts toward the limit all the
 * same.
 *
 * None of these pages is cached (no cache tags, no-store): they carry a
 * per-visitor token, and the status changes as the Board works.
 */
#include "common.h"

#include <pthread.h>
#include <sodium.h>

#include "catalog.h"
#include "config.h"
#include "contribution.h"
#include "csrf.h"
#include "log.h"
#include "mail.h"
#include "media.h"
#include "utf8.h"
#include "web_int.h"

#define CONTRIB_PATH "/gui-tin-bai"
#define CONTRIB_DONE_PATH "/gui-tin-bai/da-gui"
#define CONTRIB_STATUS_PATH "/gui-tin-bai/tra-cuu"
#define CONTRIB_COOKIE "ttdt_gt"
#define CONTRIB_MIN_SECONDS 3       /* from the form to its POST */
#define CONTRIB_MAX_AGE (24 * 3600) /* how long a form stays good */
#define CONTRIB_NONCE_HEX 32        /* hex digits of the nonce */
#define CONTRIB_DEFAULT_SECTION "tin-tuc-su-kien"
#define HONEYPOT_FIELD "dia_chi_web"

/* The file kinds a sender may attach (no caption files on their own). */
#define CONTRIB_KINDS                                                          \
	((1u << MEDIA_IMAGE) | (1u << MEDIA_PDF) | (1u << MEDIA_OFFICE) |      \
	 (1u << MEDIA_AUDIO) | (1u << MEDIA_VIDEO))

static const char msg_forged[] =
        "Biểu mẫu đã hết hiệu lực hoặc không được gửi từ trang của chúng "
        "tôi. Vui lòng mở lại trang Gửi tin, bài và gửi lại.";
static const char msg_too_fast[] =
        "Biểu mẫu được gửi quá nhanh sau khi mở trang. Vui lòng kiểm tra "
        "lại nội dung rồi bấm Gửi một lần nữa.";
static const char msg_expired[] =
        "Trang đã được mở quá lâu. Vui lòng kiểm tra lại nội dung rồi bấm "
        "Gửi một lần nữa.";
static const char msg_rate[] =
        "Địa chỉ mạng của bạn đã gửi nhiều tin, bài trong thời gian ngắn. "
        "Vui lòng gửi lại sau một giờ, hoặc liên hệ Văn phòng Sở theo "
        "thông tin ở cuối trang.";
static const char msg_too_big[] =
        "Tin, bài và các tệp đính kèm vượt quá dung lượng cho phép. Vui "
        "lòng bớt tệp hoặc giảm dung lượng tệp rồi gửi lại.";
static const char msg_reselect[] = " Vui lòng chọn lại tệp.";

/* The form's fields, in the order of the page (ids and names alike). */
static const struct field {
	const char *name;
	enum contrib_field f; /* CONTRIB_F__MAX: not one of the domain's */
} fields[] = {
        {"ho_ten", CONTRIB_F_NAME},     {"co_quan", CONTRIB_F_AGENCY},
        {"chuc_danh", CONTRIB_F_TITLE}, {"lien_he", CONTRIB_F_CONTACT},
        {"email", CONTRIB_F_EMAIL},     {"tieu_de", CONTRIB_F_HEADLINE},
        {"noi_dung", CONTRIB_F_TEXT},   {"chuyen_muc", CONTRIB_F__MAX},
        {"tep", CONTRIB_F__MAX},        {"dong_y", CONTRIB_F__MAX},
};
enum { FI_SECTION = 7, FI_FILES = 8, FI_CONSENT = 9, FI__MAX = 10 };

/* The key of the form token; read or made once (key_once). */
static unsigned char form_key[crypto_auth_KEYBYTES];
static bool key_ready;
static pthread_mutex_t key_lock = PTHREAD_MUTEX_INITIALIZER;

/* Reads (or, first of all nodes, makes) the key; false if the database
 * cannot give one (logged).  The key is read lazily, on the first form,
 * because web_init is not ours to extend. */
static bool
key_get(void)
{
	char hex[2 * crypto_auth_KEYBYTES + 1];
	struct arena a = ARENA_INIT;
	const char *have = NULL;
	size_t n = 0;
	bool ok;
	enum err e;

	pthread_mutex_lock(&key_lock);
	if (key_ready) {
		pthread_mutex_unlock(&key_lock);
		return true;
	}
	if (sodium_init() < 0)
		BUG("libsodium cannot start");
	arena_init(&a, 256);
	crypto_auth_keygen(form_key);
	sodium_bin2hex(hex, sizeof(hex), form_key, sizeof(form_key));
	e = store_setting_add(web_store, "contribute_key", hex);
	if (e == ERR_OK)
		e = store_setting_get(web_store, &a, "contribute_key", &have);
	sodium_memzero(hex, sizeof(hex));
	ok = e == ERR_OK && have && strlen(have) == 2 * crypto_auth_KEYBYTES &&
	     sodium_hex2bin(form_key, sizeof(form_key), have, strlen(have),
	                    NULL, &n, NULL) == 0 &&
	     n == sizeof(form_key);
	if (!ok)
		log_errx("cannot read or make the contribution form key: %s",
		         err_str(e == ERR_OK ? ERR_DB : e));
	key_ready = ok;
	arena_release(&a);
	pthread_mutex_unlock(&key_lock);
	return ok;
}

static bool
secure(const struct req *r)
{
	return config_https(&config) || r->https;
}

/* The MAC of "T.NONCE" in hex. */
static void
token_mac(const char *msg, size_t len, char hex[2 * crypto_auth_BYTES + 1])
{
	unsigned char mac[crypto_auth_BYTES];

	crypto_auth(mac, (const unsigned char *)msg, len, form_key);
	sodium_bin2hex(hex, 2 * crypto_auth_BYTES + 1, mac, sizeof(mac));
}

static bool
nonce_ok(const char *s)
{
	if (!s || strlen(s) != CONTRIB_NONCE_HEX)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

/* A token for a form made now, with the browser's nonce (a new one, set
 * as the cookie, if it has none), in r's arena; NULL without a key. */
static const char *
token_new(struct req *r, struct resp *rs, time_t now)
{
	const char *nonce = req_cookie(r, CONTRIB_COOKIE), *msg;
	char hex[2 * crypto_auth_BYTES + 1];

	if (!key_get())
		return NULL;
	if (!nonce_ok(nonce)) {
		unsigned char b[CONTRIB_NONCE_HEX / 2];
		char *n = arena_alloc(r->arena, CONTRIB_NONCE_HEX + 1);

		randombytes_buf(b, sizeof(b));
		sodium_bin2hex(n, CONTRIB_NONCE_HEX + 1, b, sizeof(b));
		nonce = n;
		/* SameSite=Strict: the form is only ever posted from its own
		 * page, so the cookie need not travel with any other. */
		resp_header(rs, "Set-Cookie",
		            arena_printf(r->arena,
		                         "%s=%s; Path=" CONTRIB_PATH
		                         "; HttpOnly; SameSite=Strict%s",
		                         CONTRIB_COOKIE, nonce,
		                         secure(r) ? "; Secure" : ""));
	}
	msg = arena_printf(r->arena, "%lld.%s", (long long)now, nonce);
	token_mac(msg, strlen(msg), hex);
	return arena_printf(r->arena, "%s.%s", msg, hex);
}

enum token_state { TOKEN_OK, TOKEN_FORGED, TOKEN_TOO_FAST, TOKEN_EXPIRED };

/* Checks the posted token against the cookie and the clock. */
static enum token_state
token_check(struct req *r, time_t now)
{
	const char *tok = req_form(r, "ma_phien"), *dot, *cookie;
	char hex[2 * crypto_auth_BYTES + 1];
	long long t;
	char *end;

	cookie = req_cookie(r, CONTRIB_COOKIE);
	if (!tok || !nonce_ok(cookie) || !key_get() ||
	    !(dot = strrchr(tok, '.')) ||
	    strlen(dot + 1) != 2 * crypto_auth_BYTES)
		return TOKEN_FORGED;
	token_mac(tok, (size_t)(dot - tok), hex);
	if (sodium_memcmp(hex, dot + 1, 2 * crypto_auth_BYTES) != 0)
		return TOKEN_FORGED;
	/* Authentic, so made by token_new: "T.NONCE". */
	t = strtoll(tok, &end, 10);
	if (*end != '.' || (size_t)(dot - end - 1) != CONTRIB_NONCE_HEX ||
	    sodium_memcmp(end + 1, cookie, CONTRIB_NONCE_HEX) != 0)
		return TOKEN_FORGED;
	if (now - t < CONTRIB_MIN_SECONDS)
		return TOKEN_TOO_FAST;
	if (now - t > CONTRIB_MAX_AGE)
		return TOKEN_EXPIRED;
	return TOKEN_OK;
}

/* A form field trimmed of ASCII blanks, in r's arena ("" if absent); the
 * http layer has already put it in NFC. */
static const char *
field_text(struct req *r, const char *key)
{
	struct str t = web_trim(req_form(r, key));

	return arena_strdup_str(r->arena, t);
}

/* The section a sender may choose: visible, and the default one. */
static const struct cat_node *
default_section(const struct catalog *cat)
{
	const struct cat_node *n =
	        catalog_find_slug(cat, CONTRIB_DEFAULT_SECTION);

	if (n && web_cat_visible(n))
		return n;
	for (size_t i = 0; i < cat->nall; i++)
		if (web_cat_visible(cat->all[i]))
			return cat->all[i];
	return NULL;
}

/* What the form shows: values typed, messages per field, the summary. */
struct form_view {
	const char *val[FI__MAX];
	const char *err[FI__MAX];
	const char *desc[CONTRIB_FILES_MAX]; /* mo_ta_1.. as typed */
	int64_t section;
	bool consent;
	const char *notice; /* a message not about one field */
};

static void
form_error(struct form_view *v, size_t fi, const char *msg)
{
	if (!v->err[fi])
		v->err[fi] = msg;
}

static bool
form_has_errors(const struct form_view *v)
{
	for (size_t i = 0; i < FI__MAX; i++)
		if (v->err[i])
			return true;
	return v->notice != NULL;
}

/* Renders the form with v (may be NULL: empty) and status. */
static void
render_form(struct req *r, struct resp *rs, const struct form_view *v,
            int status)
{
	struct arena *a = r->arena;
	struct catalog *cat = catalog_get();
	const struct cat_node *def = cat ? default_section(cat) : NULL;
	struct tval *ctx, *f = tv_map(a), *errs = tv_list(a),
	                  *opts = tv_list(a);
	struct tval *files = tv_list(a), *page;
	const char *tok = token_new(r, rs, time(NULL));
	int64_t chosen = v && v->section ? v->section : def ? def->c.id : 0;

	if (!tok) {
		catalog_put(cat);
		http_error(r, rs, 503, NULL);
		return;
	}
	ctx = web_ctx(r, cat, NULL);
	page = web_page(r, ctx, "Gửi tin, bài",
	                "Gửi tin, bài, ảnh và tệp cho Ban Biên tập Trang thông "
	                "tin điện tử.",
	                CONTRIB_PATH);
	tv_set_bool(page, "noindex", v && status != 200);
	web_crumbs(r, ctx, NULL, "Gửi tin, bài");
	for (size_t i = 0; i < FI__MAX; i++) {
		struct tval *m = tv_map(a);
		const char *msg = v ? v->err[i] : NULL;

		tv_set_str(m, "value", v && v->val[i] ? v->val[i] : "");
		tv_set_bool(m, "has_error", msg != NULL);
		tv_set_str(m, "error", msg ? msg : "");
		tv_set(f, fields[i].name, m);
		if (msg) {
			struct tval *e = tv_map(a);

			tv_set_str(e, "id", fields[i].name);
			tv_set_str(e, "message", msg);
			tv_push(errs, e);
		}
	}
	for (size_t i = 0; cat && i < cat->nall; i++) {
		const struct cat_node *n = cat->all[i];
		struct tval *o;

		if (!web_cat_visible(n))
			continue;
		o = tv_map(a);
		tv_set_int(o, "id", n->c.id);
		tv_set_str(o, "label", web_cat_label(a, n));
		tv_set_bool(o, "selected", n->c.id == chosen);
		tv_push(opts, o);
	}
	for (int i = 1; i <= CONTRIB_FILES_MAX; i++) {
		struct tval *m = tv_map(a);

		tv_set_int(m, "n", i);
		/* The files must be chosen again (a browser cannot be
		 * given them back); their descriptions need not be. */
		tv_set_str(m, "desc",
		           v && v->desc[i - 1] ? v->desc[i - 1] : "");
		tv_push(files, m);
	}
	tv_set(ctx, "f", f);
	tv_set(ctx, "errors", errs);
	tv_set_bool(ctx, "has_field_errors", tv_len(errs) > 0);
	tv_set_bool(ctx, "has_errors", v && form_has_errors(v));
	tv_set_str(ctx, "notice", v && v->notice ? v->notice : "");
	tv_set_bool(ctx, "has_notice", v && v->notice);
	tv_set(ctx, "sections", opts);
	tv_set(ctx, "files", files);
	tv_set_bool(ctx, "consent", v && v->consent);
	tv_set_str(ctx, "token", tok);
	tv_set_int(ctx, "files_max", CONTRIB_FILES_MAX);
	tv_set_int(ctx, "text_max", CONTRIB_TEXT_MAX);
	tv_set_str(ctx, "size_max",
	           arena_printf(a, "%zu MB",
	                        (config.contribute_max + (1u << 19)) >> 20));
	web_render(r, rs, "contribute", ctx);
	if (rs->status == 200 || rs->status == 0)
		rs->status = status;
	catalog_put(cat);
}

void
pub_contribute_form(struct req *r, struct resp *rs)
{
	render_form(r, rs, NULL, 200);
}

/* Reads the typed values into v and the domain's input. */
static void
read_form(struct req *r, struct form_view *v, struct contrib_in *in)
{
	for (size_t i = 0; i < FI__MAX; i++)
		if (i != FI_FILES)
			v->val[i] = field_text(r, fields[i].name);
	for (int i = 0; i < CONTRIB_FILES_MAX; i++)
		v->desc[i] = field_text(
		        r, arena_printf(r->arena, "mo_ta_%d", i + 1));
	v->consent = req_form(r, "dong_y") != NULL;
	memset(in, 0, sizeof(*in));
	in->name = v->val[0];
	in->agency = v->val[1];
	in->title = v->val[2];
	in->contact = v->val[3];
	in->email = v->val[4];
	in->headline = v->val[5];
	in->text = v->val[6];
	in->client_addr = r->client_addr;
}

/* The uploads that hold a file (an empty file input sends one with no
 * name and no bytes), at most max of them in out; how many there are. */
static size_t
real_uploads(struct req *r, const struct upload **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nuploads; i++) {
		const struct upload *u = &r->uploads[i];

		if (strncmp(u->field, "tep_", 4) || (!u->len && !*u->filename))
			continue;
		if (n < max)
			out[n] = u;
		n++;
	}
	return n;
}

/* The description typed for the file of input field ("tep_3" ->
 * "mo_ta_3"). */
static const char *
file_description(struct req *r, const struct upload *u)
{
	return field_text(r, arena_printf(r->arena, "mo_ta_%s", u->field + 4));
}

/* A file of the post, checked before anything is stored. */
struct file_in {
	const struct upload *u;
	const char *name; /* media_name_clean'd, for messages */
	const char *desc; /* its description: alt text and caption */
};

/*
 * Checks f->u as media_upload will, writing nothing: not empty, within
 * config.upload_max, of a kind the form takes (media_sniff: what the
 * bytes are, never the name), a description within MEDIA_ALT_MAX
 * characters, required for an image, and an image that decodes whole
 * (image_probe).  ERR_INVALID and *msg (in a); ERR_IO if libmagic or
 * libvips cannot start.  Checking every file first
 * is what keeps a refused post from leaving files in the library.
 */
static enum err
file_check(struct arena *a, const struct file_in *f, const char **msg)
{
	const struct upload *u = f->u;
	struct media_type t;
	struct image_info info;
	const char *why = NULL;
	enum err e;

	*msg = NULL;
	if (!u->len) {
		*msg = arena_printf(a, "Tệp “%s” rỗng.", f->name);
		return ERR_INVALID;
	}
	if (u->len > config.upload_max) {
		*msg = arena_printf(
		        a, "Tệp “%s” quá lớn; mỗi tệp tối đa %zu MB.", f->name,
		        (config.upload_max + (1u << 19)) >> 20);
		return ERR_INVALID;
	}
	if ((e = media_sniff(a, u->data, u->len, &t, &why)) != ERR_OK) {
		if (e == ERR_INVALID)
			*msg = arena_printf(
			        a, "Không nhận tệp “%s”: %s", f->name,
			        why ? why : "loại tệp không được nhận.");
		return e;
	}
	if (!(CONTRIB_KINDS & (1u << t.kind))) {
		*msg = arena_printf(a,
		                    "Không nhận tệp “%s”: chỉ nhận ảnh, PDF, "
		                    "Word, Excel, PowerPoint, âm thanh hoặc "
		                    "video.",
		                    f->name);
		return ERR_INVALID;
	}
	if (!utf8_valid(f->desc, strlen(f->desc)) ||
	    utf8_count(f->desc, strlen(f->desc)) > MEDIA_ALT_MAX) {
		*msg = arena_printf(
		        a,
		        "Mô tả của tệp “%s” dài quá %d ký tự hoặc có "
		        "ký tự không hợp lệ.",
		        f->name, MEDIA_ALT_MAX);
		return ERR_INVALID;
	}
	if (t.kind != MEDIA_IMAGE)
		return ERR_OK;
	/* WCAG 1.1.1: a photo carries a text alternative. */
	if (!*f->desc) {
		*msg = arena_printf(
		        a,
		        "Ảnh “%s” cần một câu mô tả ngắn nội dung ảnh "
		        "cho người không xem được ảnh.",
		        f->name);
		return ERR_INVALID;
	}
	if ((e = image_probe(u->data, u->len, &info)) == ERR_INVALID)
		*msg = arena_printf(
		        a,
		        "Không đọc được ảnh “%s”: tệp hỏng, không đầy "
		        "đủ hoặc quá lớn (tối đa %d triệu điểm ảnh, "
		        "mỗi chiều %d điểm ảnh).",
		        f->name, IMAGE_MAX_PIXELS / 1000000, IMAGE_MAX_SIDE);
	return e;
}

/* Checks every file of the post (files[0..n)), the same file chosen
 * twice included; the problems, one per file, joined in *msg (in a):
 * ERR_INVALID.  Any other error of file_check (the server's) at once. */
static enum err
files_check(struct req *r, const struct file_in *files, size_t n,
            const char **msg)
{
	struct arena *a = r->arena;
	struct buf all = BUF_INIT;
	enum err e = ERR_OK;

	*msg = NULL;
	for (size_t i = 0; i < n && e == ERR_OK; i++) {
		const char *m = NULL;
		enum err fe = ERR_OK;

		for (size_t j = 0; j < i && !m; j++)
			if (files[j].u->len == files[i].u->len &&
			    !memcmp(files[j].u->data, files[i].u->data,
			            files[i].u->len))
				m = arena_printf(
				        a,
				        "Tệp “%s” trùng với tệp “%s” đã "
				        "chọn.",
				        files[i].name, files[j].name);
		if (!m)
			fe = file_check(a, &files[i], &m);
		if (fe != ERR_OK && fe != ERR_INVALID)
			e = fe;
		else if (m)
			buf_addf(&all, "%s%s", all.len ? " " : "", m);
	}
	if (all.len)
		*msg = arena_strndup(a, all.p, all.len);
	buf_release(&all);
	if (e != ERR_OK)
		return e;
	return *msg ? ERR_INVALID : ERR_OK;
}

/*
 * A post that failed after files were stored: the attempt still counts
 * toward the address's limit (contribution_rate_note), so that a post
 * that fails late cannot be repeated to fill the library, and the media
 * ids are logged, for the Board to find or delete them.
 */
static void
stored_then_failed(struct req *r, const struct media_album_entry *album,
                   size_t n, time_t now, const char *what)
{
	struct buf ids = BUF_INIT;
	enum err e;

	if (!n)
		return;
	for (size_t i = 0; i < n; i++)
		buf_addf(&ids, "%s%lld", i ? "," : "",
		         (long long)album[i].media_id);
	log_warnx("contribution from '%s' failed after storing media %.*s: %s",
	          r->client_addr ? r->client_addr : "?", (int)ids.len, ids.p,
	          what);
	buf_release(&ids);
	e = contribution_rate_note(web_store, r->client_addr, now);
	if (e != ERR_OK)
		log_errx("cannot count a failed contribution from '%s': %s",
		         r->client_addr ? r->client_addr : "?", err_str(e));
}

/* Total bytes of what was posted: the cap covers text and files. */
static size_t
posted_bytes(const struct req *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->form.n; i++)
		n += r->form.v[i].val_len;
	for (size_t i = 0; i < r->nuploads; i++)
		n += r->uploads[i].len;
	return n;
}

void
pub_contribute_post(struct req *r, struct resp *rs)
{
	struct arena *a = r->arena;
	time_t now = time(NULL);
	struct form_view v = {0};
	struct contrib_in in;
	struct contrib_problems p;
	struct contrib_out out;
	const struct upload *ups[CONTRIB_FILES_MAX];
	struct file_in files[CONTRIB_FILES_MAX];
	struct media_album_entry album[CONTRIB_FILES_MAX];
	struct media cover = {0};
	struct audit_actor actor = {0, CONTRIB_ACTOR,
	                            r->client_addr ? r->client_addr : ""};
	struct catalog *cat;
	const struct cat_node *sect = NULL;
	const char *msg;
	size_t nup, stored = 0;
	int64_t sid = 0;
	enum err e;

	/* A post from another site, or without our token: 403. */
	if (!csrf_origin_ok(req_header(r, "Origin"), req_header(r, "Referer"),
	                    config.site.base_url, req_header(r, "Host"),
	                    secure(r))) {
		log_warnx("contribution refused from '%s': not our origin",
		          r->client_addr ? r->client_addr : "?");
		http_error(r, rs, 403, msg_forged);
		return;
	}
	switch (token_check(r, now)) {
	case TOKEN_OK:
		break;
	case TOKEN_FORGED:
		log_warnx("contribution refused from '%s': bad form token",
		          r->client_addr ? r->client_addr : "?");
		http_error(r, rs, 403, msg_forged);
		return;
	case TOKEN_TOO_FAST:
		v.notice = msg_too_fast;
		break;
	case TOKEN_EXPIRED:
		v.notice = msg_expired;
		break;
	}
	/* A robot that fills every field: it is told "sent", nothing is
	 * stored, so it learns nothing to adapt to. */
	if (web_nonempty(req_form(r, HONEYPOT_FIELD))) {
		log_warnx("contribution from '%s' dropped: honeypot filled",
		          r->client_addr ? r->client_addr : "?");
		resp_redirect(rs, 303, CONTRIB_DONE_PATH);
		return;
	}
	if (posted_bytes(r) > config.contribute_max) {
		http_error(r, rs, 413, msg_too_big);
		return;
	}
	read_form(r, &v, &in);
	if (v.notice) {
		render_form(r, rs, &v, 422);
		return;
	}

	/* Every check of what was typed, before any file is stored. */
	contribution_check(&in, &p);
	for (size_t i = 0; i < FI__MAX; i++)
		if (fields[i].f != CONTRIB_F__MAX && p.msg[fields[i].f])
			form_error(&v, i, p.msg[fields[i].f]);
	cat = catalog_get();
	if (web_nonempty(v.val[FI_SECTION])) {
		if (!web_parse_id(v.val[FI_SECTION], &sid) || !cat ||
		    !(sect = catalog_find_id(cat, sid)) ||
		    !web_cat_visible(sect))
			form_error(&v, FI_SECTION,
			           "Vui lòng chọn một chuyên mục trong danh "
			           "sách.");
	} else if (cat) {
		sect = default_section(cat);
	}
	in.category_id = sect ? sect->c.id : 0;
	v.section = in.category_id;
	catalog_put(cat);
	if (!in.category_id && !v.err[FI_SECTION])
		form_error(&v, FI_SECTION,
		           "Chưa có chuyên mục nào nhận tin, bài.");
	if (!v.consent)
		form_error(&v, FI_CONSENT,
		           "Vui lòng đánh dấu đồng ý để chúng tôi được xử lý "
		           "thông tin cá nhân của bạn; nếu không, chúng tôi "
		           "không thể tiếp nhận tin, bài.");
	nup = real_uploads(r, ups, CONTRIB_FILES_MAX);
	if (nup > CONTRIB_FILES_MAX) {
		form_error(&v, FI_FILES,
		           arena_printf(a, "Chỉ gửi được tối đa %d tệp.%s",
		                        CONTRIB_FILES_MAX, msg_reselect));
	} else {
		/* Every file checked before any is stored: a post refused for
		 * its fourth file must not leave the first three behind. */
		for (size_t i = 0; i < nup; i++) {
			files[i].u = ups[i];
			files[i].name = media_name_clean(a, ups[i]->filename);
			files[i].desc = file_description(r, ups[i]);
		}
		e = files_check(r, files, nup, &msg);
		if (e != ERR_OK && e != ERR_INVALID) {
			web_fail(r, rs, e);
			return;
		}
		if (msg)
			form_error(&v, FI_FILES,
			           arena_printf(a, "%s%s", msg, msg_reselect));
	}
	if (form_has_errors(&v)) {
		if (nup && !v.err[FI_FILES])
			form_error(&v, FI_FILES,
			           "Các tệp đã chọn chưa được gửi. Vui lòng "
			           "chọn lại tệp.");
		render_form(r, rs, &v, 422);
		return;
	}

	/* Before the files: a robot past the other checks must not fill
	 * the library either. */
	if ((e = contribution_rate_check(web_store, r->client_addr, now)) !=
	    ERR_OK) {
		if (e == ERR_DENIED) {
			log_warnx("contribution from '%s' refused: over the "
			          "limit",
			          r->client_addr ? r->client_addr : "?");
			http_error(r, rs, 429, msg_rate);
		} else {
			web_fail(r, rs, e);
		}
		return;
	}

	/* Each file into the library (its own transaction, media.h).  All
	 * passed file_check, so only a fault of the server (a disk, the
	 * database, an encoder) fails here or in contribution_add; then
	 * the files stored so far stay as unused library entries, logged,
	 * and the attempt counts toward the address's limit. */
	for (size_t i = 0; i < nup; i++) {
		const char *why = NULL;
		struct media_upload mu = {
		        .data = ups[i]->data,
		        .len = ups[i]->len,
		        .name = ups[i]->filename,
		        .alt = files[i].desc,
		        .caption = files[i].desc,
		        .kinds = CONTRIB_KINDS,
		};
		struct media m;
		bool dup = false;

		e = media_upload(web_store, a, &actor, &mu, now, &m, &dup,
		                 &why);
		if (e != ERR_OK) {
			stored_then_failed(r, album, stored, now,
			                   why ? why : err_str(e));
			if (e != ERR_INVALID) {
				web_fail(r, rs, e);
				return;
			}
			form_error(&v, FI_FILES,
			           arena_printf(a, "Tệp “%s”: %s%s",
			                        files[i].name,
			                        why ? why : "không nhận được.",
			                        msg_reselect));
			render_form(r, rs, &v, 422);
			return;
		}
		album[i].media_id = m.id;
		album[i].caption = files[i].desc;
		stored = i + 1;
		if (m.kind == MEDIA_IMAGE && !cover.id)
			cover = m;
	}
	in.media = album;
	in.nmedia = nup;
	in.cover = cover.id ? &cover : NULL;

	e = contribution_add(web_store, &in, now, &out, &p);
	if (e != ERR_OK)
		stored_then_failed(r, album, stored, now, err_str(e));
	if (e == ERR_DENIED) {
		http_error(r, rs, 429, msg_rate);
		return;
	}
	if (e == ERR_INVALID) {
		/* Checked above: only what the domain alone refuses (the
		 * sanitiser, the item's media) gets here. */
		v.notice = "Không lưu được tin, bài này. Vui lòng kiểm tra "
		           "lại nội dung rồi gửi lại.";
		if (nup)
			form_error(&v, FI_FILES,
			           "Các tệp đã chọn chưa được gửi. Vui lòng "
			           "chọn lại tệp.");
		render_form(r, rs, &v, 422);
		return;
	}
	if (e != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	log_info("contribution %s received as item %lld from '%s'", out.ref,
	         (long long)out.item_id, r->client_addr ? r->client_addr : "?");
	resp_redirect(rs, 303,
	              arena_printf(a, CONTRIB_DONE_PATH "?ma=%s%s", out.ref,
	                           vnlegacy_is_legacy(out.converted)
	                                   ? "&ma-cu=1"
	                                   : ""));
}

/* The status view of a contribution, for the done and status pages. */
static void
status_view(struct req *r, struct tval *ctx, const char *ref,
            const struct contrib_status *st)
{
	struct arena *a = r->arena;

	tv_set_str(ctx, "ref", ref);
	tv_set_str(ctx, "stage", contribution_stage_name(st->stage));
	tv_set_str(ctx, "sent_at", web_time(a, st->sent_at, VNTIME_DATETIME));
	tv_set_str(ctx, "sent_iso", web_time(a, st->sent_at, VNTIME_ISO));
	tv_set_bool(ctx, "received", st->stage == CONTRIB_RECEIVED);
	tv_set_bool(ctx, "editing", st->stage == CONTRIB_EDITING);
	tv_set_bool(ctx, "published", st->stage == CONTRIB_PUBLISHED);
	tv_set_bool(ctx, "not_used", st->stage == CONTRIB_NOT_USED);
	if (st->stage == CONTRIB_PUBLISHED) {
		tv_set_str(ctx, "item_url", web_item_path(a, &st->item));
		tv_set_str(ctx, "item_title", st->item.title);
	}
	tv_set_str(ctx, "status_url",
	           arena_printf(a, CONTRIB_STATUS_PATH "?ma=%s", ref));
}

void
pub_contribute_done(struct req *r, struct resp *rs)
{
	struct catalog *cat = catalog_get();
	struct tval *ctx = web_ctx(r, cat, NULL), *page;
	char ref[CONTRIB_REF_SIZE];
	struct contrib_status st;
	bool found = false;

	page = web_page(r, ctx, "Đã gửi tin, bài", NULL, CONTRIB_DONE_PATH);
	tv_set_bool(page, "noindex", true);
	web_crumbs(r, ctx, NULL, "Đã gửi tin, bài");
	/* A number the database does not know (or none: what a robot that
	 * filled the honeypot is sent to) shows the thanks alone. */
	if (contribution_ref_parse(req_query(r, "ma"), ref) &&
	    contribution_status(web_store, r->arena, ref, &st) == ERR_OK) {
		status_view(r, ctx, ref, &st);
		found = true;
	}
	tv_set_bool(ctx, "has_ref", found);
	tv_set_bool(ctx, "converted", found && req_query(r, "ma-cu"));
	tv_set_bool(ctx, "mail_on", found && mail_enabled());
	web_render(r, rs, "contribute-done", ctx);
	catalog_put(cat);
}

void
pub_contribute_status(struct req *r, struct resp *rs)
{
	struct catalog *cat = catalog_get();
	struct tval *ctx = web_ctx(r, cat, NULL), *page;
	const char *typed = req_query(r, "ma");
	char ref[CONTRIB_REF_SIZE];
	struct contrib_status st;
	int status = 200;
	enum err e;

	page = web_page(r, ctx, "Tra cứu tin, bài đã gửi",
	                "Xem tình trạng xử lý tin, bài đã gửi bằng số tiếp "
	                "nhận.",
	                CONTRIB_STATUS_PATH);
	tv_set_bool(page, "noindex", true);
	web_crumbs(r, ctx, NULL, "Tra cứu tin, bài đã gửi");
	tv_set_str(ctx, "typed", typed ? typed : "");
	tv_set_bool(ctx, "asked", typed != NULL);
	tv_set_bool(ctx, "found", false);
	tv_set_bool(ctx, "has_error", false);
	if (typed && !contribution_ref_parse(typed, ref)) {
		status = 400;
		tv_set_bool(ctx, "has_error", true);
		tv_set_str(ctx, "error",
		           "Số tiếp nhận không đúng định dạng. Số tiếp nhận có "
		           "dạng GT-2026-7K4M9Q, gồm chữ GT, năm gửi và 6 ký "
		           "tự.");
	} else if (typed) {
		e = contribution_status(web_store, r->arena, ref, &st);
		if (e == ERR_OK) {
			status_view(r, ctx, ref, &st);
			tv_set_bool(ctx, "found", true);
		} else if (e == ERR_NOTFOUND) {
			status = 404;
			tv_set_bool(ctx, "has_error", true);
			tv_set_str(
			        ctx, "error",
			        "Không tìm thấy tin, bài nào có số tiếp nhận "
			        "này. Vui lòng kiểm tra lại số trong thông "
			        "báo hoặc thư điện tử bạn đã nhận.");
		} else {
			catalog_put(cat);
			web_fail(r, rs, e);
			return;
		}
	}
	web_render(r, rs, "contribute-status", ctx);
	if (rs->status == 200 || rs->status == 0)
		rs->status = status;
	catalog_put(cat);
}
