/*
 * Contributions from outside (issue 4 item 8): the checks of what a
 * sender typed, the text turned into safe paragraphs, reference numbers,
 * the limit per address, the one transaction that files a contribution
 * as a submitted item, and the status a sender may see.
 *
 * Invariants: a contribution is filed whole or not at all (item, flow,
 * revision, history, media, reference, count, audit, mail); the status
 * page tells only the stage in plain words, never a reason written in
 * the newsroom; reference numbers are random (not sequential), so one
 * cannot be guessed from another.
 *
 * Regulation: Điều 9.1.b (photos of activity news: the first photo sent
 * becomes the cover, with its description), 9.1.c (sender's name,
 * agency, title if any, phone or address), 16.1 (the Secretariat
 * receives what is sent: the triage queue).
 */
#include "common.h"

#include <arpa/inet.h>
#include <sodium.h>

#include "audit.h"
#include "config.h"
#include "contribution.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "sanitize.h"
#include "str.h"
#include "smtp.h"
#include "utf8.h"
#include "vnfold.h"
#include "vntime.h"

/* Crockford's base 32: no I, L, O, U, so what is read aloud or copied
 * by hand comes back the same. */
static const char ref_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
#define REF_TRIES 8 /* fresh numbers tried when one is taken */

static const char *const stage_names[CONTRIB_STAGE__MAX] = {
        /* CONTRIB_RECEIVED */ "Đã tiếp nhận, đang chờ xem xét",
        /* CONTRIB_EDITING */ "Đang biên tập",
        /* CONTRIB_PUBLISHED */ "Đã đăng",
        /* CONTRIB_NOT_USED */ "Không được sử dụng",
};

const char *
contribution_stage_name(enum contrib_stage st)
{
	return (unsigned)st < CONTRIB_STAGE__MAX ? stage_names[st] : NULL;
}

enum contrib_stage
contribution_stage_of(enum item_state s)
{
	switch (s) {
	case ITEM_STATE_IN_EDITING:
	case ITEM_STATE_PENDING_APPROVAL:
	case ITEM_STATE_APPROVED:
	case ITEM_STATE_SCHEDULED:
		return CONTRIB_EDITING;
	case ITEM_STATE_PUBLISHED:
		return CONTRIB_PUBLISHED;
	case ITEM_STATE_RETURNED:
	case ITEM_STATE_UNPUBLISHED:
	case ITEM_STATE_ARCHIVED:
		return CONTRIB_NOT_USED;
	default:
		return CONTRIB_RECEIVED;
	}
}

/* Checks one text field: NULL for fine, else a message.  multiline
 * allows CR, LF and tab (the text); single-line fields allow none. */
static const char *
text_problem(const char *s, bool required, size_t max_chars, bool multiline,
             const char *missing, const char *too_long)
{
	size_t len;

	if (!str_filled(s))
		return required ? missing : NULL;
	len = strlen(s);
	if (!utf8_valid(s, len))
		return "Nội dung có ký tự không hợp lệ.";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && !(multiline && strchr("\t\r\n", c))) ||
		    c == 0x7f)
			return "Nội dung có ký tự điều khiển không hợp lệ.";
	}
	if (utf8_count(s, len) > max_chars)
		return too_long;
	return NULL;
}

static void
problem(struct contrib_problems *p, enum contrib_field f, const char *msg)
{
	if (msg && !p->msg[f]) {
		p->msg[f] = msg;
		p->n++;
	}
}

bool
contribution_check(const struct contrib_in *in, struct contrib_problems *p)
{
	memset(p, 0, sizeof(*p));
	problem(p, CONTRIB_F_NAME,
	        text_problem(in->name, true, CONTRIB_FIELD_MAX, false,
	                     "Vui lòng nhập họ và tên người gửi.",
	                     "Họ và tên dài quá 200 ký tự."));
	problem(p, CONTRIB_F_AGENCY,
	        text_problem(in->agency, true, CONTRIB_FIELD_MAX, false,
	                     "Vui lòng nhập cơ quan, đơn vị công tác (nếu "
	                     "không có, ghi nơi cư trú).",
	                     "Tên cơ quan, đơn vị dài quá 200 ký tự."));
	problem(p, CONTRIB_F_TITLE,
	        text_problem(in->title, false, CONTRIB_FIELD_MAX, false, NULL,
	                     "Chức danh dài quá 200 ký tự."));
	/* Điều 9.1.c: a phone number or an address, so the Board can
	 * check the news with its sender. */
	problem(p, CONTRIB_F_CONTACT,
	        text_problem(in->contact, true, CONTRIB_FIELD_MAX, false,
	                     "Vui lòng nhập số điện thoại hoặc địa chỉ liên "
	                     "hệ.",
	                     "Số điện thoại, địa chỉ dài quá 200 ký tự."));
	if (str_filled(in->email) &&
	    (strlen(in->email) > CONTRIB_EMAIL_MAX || !smtp_addr_ok(in->email)))
		problem(p, CONTRIB_F_EMAIL,
		        "Địa chỉ thư điện tử không đúng định dạng (ví dụ: "
		        "ten@example.vn).");
	problem(p, CONTRIB_F_HEADLINE,
	        text_problem(in->headline, true, CONTRIB_HEADLINE_MAX, false,
	                     "Vui lòng nhập tiêu đề của tin, bài.",
	                     "Tiêu đề dài quá 300 ký tự."));
	problem(p, CONTRIB_F_TEXT,
	        text_problem(in->text, true, CONTRIB_TEXT_MAX, true,
	                     "Vui lòng nhập nội dung tin, bài.",
	                     "Nội dung dài quá 20.000 ký tự. Vui lòng rút "
	                     "gọn hoặc gửi phần còn lại thành tệp đính "
	                     "kèm."));
	return p->n == 0;
}

/* Appends text[0..len) escaped, CR LF and CR as LF, LF within a paragraph
 * as <br>, blank lines as paragraph breaks. */
static void
paragraphs(struct buf *out, const char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t start, end, nl = 0;

		/* Skip blank lines between paragraphs. */
		while (i < len && strchr(" \t\r\n", p[i]))
			i++;
		if (i >= len)
			break;
		start = i;
		/* A paragraph ends at a line holding only blanks. */
		for (end = i; end < len; end++) {
			if (p[end] != '\n')
				continue;
			size_t k = end + 1;

			while (k < len && strchr(" \t\r", p[k]))
				k++;
			if (k >= len || p[k] == '\n')
				break;
		}
		buf_adds(out, "<p>");
		for (size_t j = start; j < end; j++) {
			size_t k = j;

			while (k < end && p[k] != '\r' && p[k] != '\n')
				k++;
			/* Trailing blanks of a line go. */
			size_t e = k;
			while (e > j && (p[e - 1] == ' ' || p[e - 1] == '\t'))
				e--;
			if (nl++)
				buf_adds(out, "<br>");
			buf_add_html(out, p + j, e - j);
			if (k < end && p[k] == '\r' && k + 1 < end &&
			    p[k + 1] == '\n')
				k++;
			j = k;
		}
		buf_adds(out, "</p>\n");
		i = end;
	}
}

enum err
contribution_html(struct arena *a, const char *text, const char **html,
                  enum vnlegacy_enc *found)
{
	struct buf fixed = BUF_INIT, raw = BUF_INIT, out = BUF_INIT;
	enum vnlegacy_enc enc = VNLEGACY_NONE;
	const char *p = text ? text : "";
	size_t len = strlen(p);
	enum err e;

	if (vnlegacy_fix(p, len, &fixed, &enc)) {
		p = fixed.p;
		len = fixed.len;
	} else {
		enc = VNLEGACY_NONE;
	}
	paragraphs(&raw, p, len);
	/* The markup above is ours and the text escaped; the sanitiser
	 * still has the last word, as for every body stored. */
	e = sanitize_html(&out, raw.p, raw.len, NULL, NULL);
	if (e == ERR_OK)
		*html = arena_strndup(a, out.p, out.len);
	if (found)
		*found = enc;
	buf_release(&fixed);
	buf_release(&raw);
	buf_release(&out);
	return e == ERR_OK ? ERR_OK : ERR_INVALID;
}

void
contribution_ref_new(time_t now, char out[CONTRIB_REF_SIZE])
{
	char code[CONTRIB_REF_CODE + 1];
	struct tm tm;

	if (sodium_init() < 0)
		BUG("libsodium cannot start");
	for (size_t i = 0; i < CONTRIB_REF_CODE; i++)
		code[i] = ref_alphabet[randombytes_uniform(
		        (uint32_t)(sizeof(ref_alphabet) - 1))];
	code[CONTRIB_REF_CODE] = '\0';
	vntime_local(now, &tm);
	snprintf(out, CONTRIB_REF_SIZE, "GT-%04d-%s", tm.tm_year + 1900, code);
}

bool
contribution_ref_parse(const char *in, char out[CONTRIB_REF_SIZE])
{
	struct str t;
	size_t n = 0;

	if (!in)
		return false;
	while (*in == ' ' || *in == '\t')
		in++;
	t = str_from(in);
	while (t.len && strchr(" \t\r\n", t.p[t.len - 1]))
		t.len--;
	if (t.len != 3 + 4 + 1 + CONTRIB_REF_CODE)
		return false;
	for (size_t i = 0; i < t.len; i++) {
		char c = t.p[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (i < 2) {
			if (c != "GT"[i])
				return false;
		} else if (i == 2 || i == 7) {
			if (c != '-')
				return false;
		} else if (i < 7) {
			if (c < '0' || c > '9')
				return false;
		} else {
			if (c == 'O')
				c = '0';
			else if (c == 'I' || c == 'L')
				c = '1';
			if (!strchr(ref_alphabet, c) || c == '\0')
				return false;
		}
		out[n++] = c;
	}
	out[n] = '\0';
	return true;
}

const char *
contribution_addr_key(struct arena *a, const char *addr)
{
	unsigned char b[16];
	char s[INET6_ADDRSTRLEN];

	if (!addr || !*addr)
		return "";
	if (inet_pton(AF_INET, addr, b) == 1)
		return arena_strdup(a, addr);
	if (inet_pton(AF_INET6, addr, b) != 1)
		return "";
	/* An IPv4-mapped address is the IPv4 one. */
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0,    0,
	                                         0, 0, 0, 0, 0xff, 0xff};
	if (!memcmp(b, mapped, sizeof(mapped)) &&
	    inet_ntop(AF_INET, b + 12, s, sizeof(s)))
		return arena_strdup(a, s);
	memset(b + 8, 0, 8);
	if (!inet_ntop(AF_INET6, b, s, sizeof(s)))
		return "";
	return arena_printf(a, "%s/64", s);
}

/* The counts of key at now: ERR_DENIED when over either limit. */
static enum err
rate_check_key(struct store *s, const char *key, time_t now)
{
	int64_t hour = 0, day = 0;
	enum err e;

	e = store_contribution_rate_count(s, key, now - 3600, now - 86400,
	                                  &hour, &day);
	if (e != ERR_OK)
		return e;
	return hour >= CONTRIB_PER_HOUR || day >= CONTRIB_PER_DAY ? ERR_DENIED
	                                                          : ERR_OK;
}

enum err
contribution_rate_check(struct store *s, const char *addr, time_t now)
{
	struct arena a = ARENA_INIT;
	enum err e;

	arena_init(&a, 256);
	e = rate_check_key(s, contribution_addr_key(&a, addr), now);
	arena_release(&a);
	return e;
}

enum err
contribution_rate_note(struct store *s, const char *addr, time_t now)
{
	struct arena a = ARENA_INIT;
	enum err e;

	arena_init(&a, 256);
	e = store_contribution_rate_add(s, contribution_addr_key(&a, addr), now,
	                                now - 86400);
	arena_release(&a);
	return e;
}

/* Trimmed copy of s in a ("" for NULL). */
static const char *
trimmed(struct arena *a, const char *s)
{
	struct str t = str_from(s ? s : "");

	while (t.len && strchr(" \t\r\n", *t.p)) {
		t.p++;
		t.len--;
	}
	while (t.len && strchr(" \t\r\n", t.p[t.len - 1]))
		t.len--;
	return arena_strdup_str(a, t);
}

struct add_ctx {
	struct arena a;
	const struct contrib_in *in;
	time_t now;
	const char *body_html;
	const char *headline;
	struct contrib_out *out;
	bool mailed;
};

/* The acknowledgement to the sender's e-mail (mail_queue does nothing
 * while mail is off).  Only fixed text, the time, the reference number
 * and the status link: the address was typed by whoever filled the form,
 * so nothing else they typed (name, title, text) may ride along, or the
 * form would relay spam to any address. */
static enum err
queue_mail(struct store *s, struct add_ctx *x, const char *email)
{
	struct buf body = BUF_INIT;
	const char *subject;
	enum err e;

	subject = arena_printf(&x->a, "Đã nhận tin, bài gửi %s", x->out->ref);
	buf_addf(&body,
	         "%s đã nhận một tin, bài gửi qua trang Gửi tin, bài lúc ",
	         config.site.name);
	vntime_format(&body, x->now, VNTIME_DATETIME);
	buf_addf(&body,
	         ", có ghi địa chỉ thư điện tử này để nhận số tiếp nhận.\n\n"
	         "Số tiếp nhận: %s\n\n"
	         "Ban Biên tập sẽ xem xét tin, bài và có thể liên hệ với người "
	         "gửi để xác minh thông tin. Tình trạng xử lý được xem tại:\n"
	         "%s/gui-tin-bai/tra-cuu?ma=%s\n\n"
	         "Nếu bạn không gửi tin, bài nào, vui lòng bỏ qua thư này.\n"
	         "Thư này được gửi tự động; vui lòng không trả lời thư này.\n",
	         x->out->ref, config.site.base_url, x->out->ref);
	e = mail_queue(s, email, subject, body.p, x->now);
	buf_release(&body);
	if (e == ERR_OK)
		x->mailed = mail_enabled();
	return e;
}

static enum err
add_tx(struct store *s, void *arg)
{
	struct add_ctx *x = arg;
	const struct contrib_in *in = x->in;
	const char *key = contribution_addr_key(&x->a, in->client_addr);
	const char *name = trimmed(&x->a, in->name);
	const char *email = trimmed(&x->a, in->email);
	struct audit_actor actor = {0, CONTRIB_ACTOR,
	                            in->client_addr ? in->client_addr : ""};
	struct item it = {0};
	struct item_flow f;
	struct item_revision rv;
	struct item_transition tr;
	struct contribution ct;
	struct audit_detail d;
	struct buf slug = BUF_INIT;
	const char *why = NULL;
	enum err e;
	int tries;

	/* Counted again inside the transaction, so that several requests
	 * racing from one address cannot all pass the page's check. */
	if ((e = rate_check_key(s, key, x->now)) != ERR_OK)
		return e;
	it.kind = ITEM_KIND_TIN;
	it.state = ITEM_STATE_SUBMITTED;
	it.category_id = in->category_id;
	it.title = x->headline;
	vnslug(&slug, it.title, strlen(it.title), 80);
	it.slug = arena_strndup(&x->a, slug.p, slug.len);
	buf_release(&slug);
	it.summary = "";
	it.body_html = x->body_html;
	it.author_name = name;
	it.source = trimmed(&x->a, in->agency);
	it.created_at = x->now;
	/* Điều 9.1.b: a photo sent with the news, with its description,
	 * is what an activity-news item needs as its picture. */
	if (in->cover && in->cover->kind == MEDIA_IMAGE) {
		it.cover_image = in->cover->path;
		it.cover_alt = in->cover->alt;
	}
	if ((e = store_item_insert(s, &it)) != ERR_OK)
		return e;

	memset(&f, 0, sizeof(f));
	f.item_id = it.id;
	f.contribution = true;
	f.sender_name = name;
	f.sender_agency = it.source;
	f.sender_title = trimmed(&x->a, in->title);
	f.sender_contact = trimmed(&x->a, in->contact);
	f.submitted_at = x->now;
	f.corr_state = ITEM_STATE__MAX;
	f.revision = 1;
	f.return_reason = "";
	if ((e = store_flow_put(s, &f)) != ERR_OK)
		return e;

	memset(&rv, 0, sizeof(rv));
	rv.item_id = it.id;
	rv.number = 1;
	rv.at = x->now;
	rv.category_id = it.category_id;
	rv.title = it.title;
	rv.summary = it.summary;
	rv.body_html = it.body_html;
	rv.author_name = it.author_name;
	rv.source = it.source;
	rv.cover_image = it.cover_image;
	rv.cover_alt = it.cover_alt;
	rv.note = "gửi từ trang Gửi tin, bài";
	if ((e = store_revision_add(s, &rv)) != ERR_OK)
		return e;

	memset(&tr, 0, sizeof(tr));
	tr.item_id = it.id;
	tr.at = x->now;
	tr.actor_name = arena_printf(&x->a, "Người gửi: %s", name);
	tr.action = "contribute";
	tr.from = ITEM_STATE_DRAFT;
	tr.to = ITEM_STATE_SUBMITTED;
	tr.note = "";
	if ((e = store_transition_add(s, &tr)) != ERR_OK)
		return e;

	if (in->nmedia) {
		e = media_album_set(s, &x->a, &actor, it.id, in->media,
		                    in->nmedia, x->now, &why);
		if (e != ERR_OK) {
			log_warnx("cannot attach the files of a contribution: "
			          "%s",
			          why ? why : err_str(e));
			return e;
		}
	}

	memset(&ct, 0, sizeof(ct));
	ct.item_id = it.id;
	ct.sender_email = email;
	ct.created_at = x->now;
	/* 32^6 codes a year: a clash is rare, and a fresh draw fixes it. */
	for (tries = 0; tries < REF_TRIES; tries++) {
		contribution_ref_new(x->now, x->out->ref);
		ct.ref = x->out->ref;
		if ((e = store_contribution_insert(s, &ct)) != ERR_CONFLICT)
			break;
	}
	if (e != ERR_OK)
		return e;
	if ((e = store_contribution_rate_add(s, key, x->now, x->now - 86400)) !=
	    ERR_OK)
		return e;

	audit_detail_init(&d);
	audit_detail_change(&d, "ref", NULL, x->out->ref);
	audit_detail_change(&d, "title", NULL, it.title);
	audit_detail_change(&d, "sender", NULL, name);
	audit_detail_change_int(&d, "files", 0, (int64_t)in->nmedia);
	e = audit_append(s, &actor, x->now, "contribution.add", "item", it.id,
	                 audit_detail_json(&d));
	audit_detail_release(&d);
	if (e != ERR_OK)
		return e;
	/* Điều 16.1: the Secretariat is told something waits for triage,
	 * in this transaction, so a contribution that rolls back tells
	 * nobody. */
	if ((e = notify_contribution(s, &x->a, it.id, x->now)) != ERR_OK)
		return e;
	x->out->item_id = it.id;
	if (*email)
		return queue_mail(s, x, email);
	return ERR_OK;
}

enum err
contribution_add(struct store *s, const struct contrib_in *in, time_t now,
                 struct contrib_out *out, struct contrib_problems *p)
{
	struct contrib_problems local;
	struct add_ctx x = {.in = in, .now = now, .out = out};
	struct buf head = BUF_INIT;
	enum err e;

	if (!p)
		p = &local;
	memset(out, 0, sizeof(*out));
	if (!contribution_check(in, p))
		return ERR_INVALID;
	if (in->nmedia > CONTRIB_FILES_MAX)
		return ERR_INVALID;
	arena_init(&x.a, 4096);
	e = contribution_html(&x.a, in->text, &x.body_html, &out->converted);
	if (e == ERR_OK) {
		const char *h = trimmed(&x.a, in->headline);

		x.headline = vnlegacy_fix(h, strlen(h), &head, NULL)
		                     ? arena_strndup(&x.a, head.p, head.len)
		                     : h;
		e = store_tx(s, add_tx, &x);
	}
	buf_release(&head);
	arena_release(&x.a);
	if (e != ERR_OK) {
		memset(out->ref, 0, sizeof(out->ref));
		out->item_id = 0;
		return e;
	}
	/* The sender's acknowledgement, and the Secretariat's notices when
	 * mail is on. */
	if (x.mailed || mail_enabled())
		mail_wake();
	return ERR_OK;
}

enum err
contribution_status(struct store *s, struct arena *a, const char *ref,
                    struct contrib_status *out)
{
	struct contribution ct;
	enum err e;

	memset(out, 0, sizeof(*out));
	if ((e = store_contribution_by_ref(s, a, ref, &ct)) != ERR_OK)
		return e;
	if ((e = store_item_get(s, a, ct.item_id, &out->item)) != ERR_OK)
		return e == ERR_NOTFOUND ? ERR_DB : e;
	out->stage = contribution_stage_of(out->item.state);
	out->sent_at = ct.created_at;
	return ERR_OK;
}
