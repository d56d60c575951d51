/*
 * The audit log in the newsroom (issue 3 item 9): the IT administrator
 * and the Director view it newest first, filter it, download it as CSV
 * and check its hash chain.  The guard (admin.c) has checked the session,
 * the ADMIN_AUDIT permission and, on POST, the form token before any of
 * these runs.
 *
 * Filters come from a GET form.  Each value is checked on its own; a bad
 * one gets a Vietnamese message beside the form and is left out of the
 * filter, so the page never fails on what was typed.  The list pages by
 * keyset on id ("truoc": older than, "sau": newer than), which costs the
 * same on page 1 as on page 1,000 and does not shift while new entries
 * arrive.
 *
 * Downloading the CSV and checking the chain are themselves audited
 * (AUDIT_EXPORT, AUDIT_VERIFY): who read the audit log is part of it.
 */
#include "common.h"

#include "audit.h"
#include "log.h"
#include "role.h"
#include "utf8.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

#define AUDIT_PATH "/quan-tri/nhat-ky"
/* Entries per page. */
#define AUDIT_PER_PAGE 50
/* Rows of one CSV download: the file is built in memory (64 MiB body
 * cap in the http layer), so a larger export is refused and the page
 * asks for a narrower filter; `ttdt audit export` has no limit. */
#define AUDIT_CSV_MAX 100000
#define AUDIT_CSV_MAX_TEXT "100.000"

/* The filter form's fields: query names (stable URLs), view-model keys
 * and length caps (dates are checked by parsing alone). */
enum ffield {
	F_FROM,
	F_TO,
	F_ACCOUNT,
	F_ACTOR,
	F_ACTION,
	F_OTYPE,
	F_OID,
	F_ADDR,
	F__MAX
};

static const struct {
	const char *name; /* query parameter and element id */
	const char *key;  /* view-model key (no '-') */
	size_t max;       /* bytes */
} ffields[F__MAX] = {
        [F_FROM] = {"tu-ngay", "tu_ngay", 0},
        [F_TO] = {"den-ngay", "den_ngay", 0},
        [F_ACCOUNT] = {"tai-khoan", "tai_khoan", 18},
        [F_ACTOR] = {"nguoi", "nguoi", 254},
        [F_ACTION] = {"thao-tac", "thao_tac", 64},
        [F_OTYPE] = {"doi-tuong", "doi_tuong", 32},
        [F_OID] = {"ma-doi-tuong", "ma_doi_tuong", 18},
        [F_ADDR] = {"dia-chi", "dia_chi", 45},
};

static const char *const ferrors[F__MAX] = {
        [F_FROM] = "“Từ ngày” không phải một ngày hợp lệ; hãy nhập theo "
                   "dạng ngày/tháng/năm, ví dụ 29/11/2026.",
        [F_TO] = "“Đến ngày” không phải một ngày hợp lệ; hãy nhập theo "
                 "dạng ngày/tháng/năm, ví dụ 29/11/2026.",
        [F_ACCOUNT] = "Tài khoản đã chọn không tồn tại.",
        [F_ACTOR] = "Tên hoặc e-mail người thực hiện quá dài hoặc có ký tự "
                    "không hợp lệ.",
        [F_ACTION] = "Thao tác đã chọn không hợp lệ.",
        [F_OTYPE] = "Loại đối tượng đã chọn không hợp lệ.",
        [F_OID] = "Mã đối tượng phải là một số nguyên dương.",
        [F_ADDR] = "Địa chỉ IP chỉ gồm chữ số, chữ cái a–f, dấu chấm và "
                   "dấu hai chấm.",
};

static const char to_before_from[] =
        "“Đến ngày” phải trùng hoặc sau “Từ ngày”; đã bỏ qua “Đến ngày”.";

/* Object types: the code in the log, its name, and the newsroom page of
 * one object (NULL: none). */
static const struct {
	const char *code;
	const char *name;
	const char *path;
} otypes[] = {
        {"user", "Người dùng", "/quan-tri/nguoi-dung/"},
        {"unit", "Đơn vị", "/quan-tri/don-vi/"},
        {"audit", "Nhật ký", NULL},
};

/* The filter as read from the query. */
struct filt {
	struct audit_filter f;
	const char *raw[F__MAX];  /* as typed (trimmed), for the form */
	const char *show[F__MAX]; /* as the form shows it again */
	bool bad[F__MAX];
	const char *msg[F__MAX];
	bool any_bad, any;
	struct buf query; /* the valid filters, percent-encoded */
};

/* The accounts and units, to name actors and objects. */
struct names {
	struct user *users;
	size_t nusers;
	struct unit *units;
	size_t nunits;
};

static const struct user *
find_user(const struct names *nm, int64_t id)
{
	for (size_t i = 0; id && i < nm->nusers; i++)
		if (nm->users[i].id == id)
			return &nm->users[i];
	return NULL;
}

static const struct unit *
find_unit(const struct names *nm, int64_t id)
{
	for (size_t i = 0; id && i < nm->nunits; i++)
		if (nm->units[i].id == id)
			return &nm->units[i];
	return NULL;
}

static enum err
names_load(struct req *r, struct names *nm)
{
	enum err e;

	if ((e = store_users(web_store, r->arena, 0, &nm->users,
	                     &nm->nusers)) != ERR_OK)
		return e;
	return store_units(web_store, r->arena, &nm->units, &nm->nunits);
}

/* Only the characters of span, 1..max bytes. */
static bool
only(const char *s, const char *span, size_t max)
{
	size_t n = strlen(s);

	return n > 0 && n <= max && strspn(s, span) == n;
}

/* The value of field i, trimmed (web_trim), in the arena; NULL if absent
 * or empty. */
static const char *
field_value(struct req *r, enum ffield i)
{
	struct str v = web_trim(req_query(r, ffields[i].name));

	return v.len ? arena_strndup(r->arena, v.p, v.len) : NULL;
}

static void
query_add(struct filt *ft, enum ffield i, const char *v)
{
	if (ft->query.len)
		buf_addch(&ft->query, '&');
	buf_adds(&ft->query, ffields[i].name);
	buf_addch(&ft->query, '=');
	buf_add_url(&ft->query, v, strlen(v));
}

static void
mark_bad(struct filt *ft, enum ffield i, const char *msg)
{
	ft->bad[i] = true;
	ft->msg[i] = msg;
	ft->any_bad = true;
}

/* Checks one field and, if good, sets it in the filter. */
static bool
field_check(struct req *r, struct filt *ft, const struct names *nm,
            enum ffield i, const char *v)
{
	struct audit_filter *f = &ft->f;
	time_t t;

	if (strlen(v) > ffields[i].max && i != F_FROM && i != F_TO)
		return false;
	switch (i) {
	case F_FROM:
	case F_TO:
		if (!vntime_parse_date(v, &t))
			return false;
		if (i == F_FROM)
			f->from = t;
		else /* the whole day */
			f->to = t + 86400 - 1;
		/* The form shows what a date input takes back. */
		ft->show[i] = web_time(r->arena, t, VNTIME_YMD);
		return true;
	case F_ACCOUNT:
		if (!web_parse_id(v, &f->actor_user_id) ||
		    !find_user(nm, f->actor_user_id)) {
			f->actor_user_id = 0;
			return false;
		}
		return true;
	case F_ACTOR:
		for (const char *p = v; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				return false;
		if (!utf8_valid(v, strlen(v)))
			return false;
		f->actor_name = v;
		return true;
	case F_ACTION:
		if (!only(v, "abcdefghijklmnopqrstuvwxyz0123456789._-", 64))
			return false;
		f->action = v;
		return true;
	case F_OTYPE:
		if (!only(v, "abcdefghijklmnopqrstuvwxyz0123456789_-", 32))
			return false;
		f->object_type = v;
		return true;
	case F_OID:
		return web_parse_id(v, &f->object_id);
	case F_ADDR:
		if (!only(v, "0123456789abcdefABCDEF.:", 45))
			return false;
		f->client_addr = v;
		return true;
	case F__MAX:
		break;
	}
	return false;
}

/* Reads every filter field of the query into ft. */
static void
filt_read(struct req *r, const struct names *nm, struct filt *ft)
{
	memset(ft, 0, sizeof(*ft));
	buf_init(&ft->query, 128);
	for (enum ffield i = 0; i < F__MAX; i++) {
		const char *v = field_value(r, i);

		ft->raw[i] = v;
		ft->show[i] = v ? v : "";
		if (!v)
			continue;
		if (!field_check(r, ft, nm, i, v))
			mark_bad(ft, i, ferrors[i]);
	}
	if (ft->f.from && ft->f.to && ft->f.to < ft->f.from) {
		ft->f.to = 0;
		mark_bad(ft, F_TO, to_before_from);
	}
	/* The links keep the filters that apply, in a fixed order. */
	for (enum ffield i = 0; i < F__MAX; i++) {
		if (!ft->raw[i] || ft->bad[i])
			continue;
		query_add(ft, i,
		          i == F_FROM || i == F_TO ? ft->show[i] : ft->raw[i]);
		ft->any = true;
	}
}

/* n (not negative) with '.' between thousands, as Vietnamese writes
 * numbers. */
static const char *
fmt_count(struct arena *a, int64_t n)
{
	char d[24], out[32];
	size_t len, j = 0;

	snprintf(d, sizeof(d), "%lld", (long long)MAX(n, 0));
	len = strlen(d);
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[j++] = '.';
		out[j++] = d[i];
	}
	out[j] = '\0';
	return arena_strdup(a, out);
}

/* ---- the list ---- */

struct rows {
	struct arena *a;
	struct audit_entry *v;
	size_t n, cap;
};

/* Keeps a copy of e (the store's strings live only during the call). */
static enum err
rows_add(const struct audit_entry *e, void *arg)
{
	struct rows *rw = arg;
	struct audit_entry *c;

	if (rw->n == rw->cap)
		return ERR_INVALID; /* never: the limit is the capacity */
	c = &rw->v[rw->n++];
	*c = *e;
	c->actor_name = arena_strdup(rw->a, e->actor_name);
	c->client_addr = arena_strdup(rw->a, e->client_addr);
	c->action = arena_strdup(rw->a, e->action);
	c->object_type = arena_strdup(rw->a, e->object_type);
	c->detail = arena_strdup(rw->a, e->detail);
	c->prev_hash = "";
	c->hash = arena_strdup(rw->a, e->hash);
	return ERR_OK;
}

/* Field names of the details audit_detail writes (grep audit_detail_ in
 * src), and this file's own. */
static const struct {
	const char *field;
	const char *label;
} flabels[] = {
        {"email", "E-mail"},
        {"full_name", "Họ và tên"},
        {"title", "Chức danh"},
        {"unit_id", "Đơn vị"},
        {"phone", "Điện thoại"},
        {"professional", "Cán bộ chuyên môn"},
        {"roles", "Vai trò"},
        {"must_change_password", "Phải đổi mật khẩu"},
        {"active", "Đang hoạt động"},
        {"failed_count", "Số lần nhập sai liên tiếp"},
        {"locked_until", "Khóa đến"},
        {"had_totp", "Đã bật xác thực hai bước"},
        {"reason", "Lý do"},
        {"factor", "Cách xác thực"},
        {"recovery_codes", "Số mã khôi phục"},
        {"recovery_codes_left", "Số mã khôi phục còn lại"},
        {"sessions", "Số phiên đăng nhập đã kết thúc"},
        {"name", "Tên"},
        {"kind_id", "Mã loại đơn vị"},
        {"parent_id", "Đơn vị cấp trên"},
        {"address", "Địa chỉ"},
        {"fax", "Fax"},
        {"focal_user_id", "Đầu mối"},
        {"position", "Thứ tự"},
        {"moved", "Số người được chuyển"},
        {"moved_to", "Chuyển sang đơn vị"},
        {"before", "Xóa các mục trước"},
        {"last_purged_id", "Mục cuối cùng bị xóa"},
        {"last_purged_hash", "Mã băm của mục cuối cùng bị xóa"},
        {"sessions_ended", "Số phiên đăng nhập đã kết thúc"},
        {"expires_at", "Hết hạn lúc"},
        {"link_created_at", "Liên kết tạo lúc"},
        {"voided", "Số liên kết cũ bị hủy"},
        {"day", "Ngày"},
        {"disabled", "Số tài khoản bị vô hiệu hóa"},
        {"audit_purged", "Số mục nhật ký cũ đã xóa"},
        {"failed_steps", "Số bước bị lỗi"},
        {"result", "Kết quả"},
        {"entries", "Số mục đã kiểm tra"},
        {"bad_id", "Mục đầu tiên có vấn đề"},
        {"rows", "Số dòng"},
        {"from", "Từ ngày"},
        {"to", "Đến ngày"},
        {"account_id", "Tài khoản"},
        {"actor", "Người thực hiện"},
        {"action", "Thao tác"},
        {"object_type", "Loại đối tượng"},
        {"object_id", "Mã đối tượng"},
        {"client_addr", "Địa chỉ IP"},
};

/* The English reasons of user.c, totp.c and recovery.c, in Vietnamese. */
static const struct {
	const char *code;
	const char *text;
} reasons[] = {
        {"unknown e-mail", "E-mail không thuộc tài khoản nào"},
        {"wrong password", "Sai mật khẩu"},
        {"account locked", "Tài khoản đang bị khóa"},
        {"account disabled", "Tài khoản đã bị vô hiệu hóa"},
        {"inactive", "Lâu không sử dụng"},
        {"wrong current password", "Sai mật khẩu hiện tại"},
        {"no second factor", "Chưa bật xác thực hai bước"},
        {"bad stored secret", "Khóa bí mật đã lưu bị hỏng"},
        {"code already used", "Mã đã được dùng"},
        {"malformed code", "Mã sai định dạng"},
        {"wrong code", "Sai mã"},
        {"malformed recovery code", "Mã khôi phục sai định dạng"},
        {"wrong recovery code", "Sai mã khôi phục"},
        {"totp", "Mã từ ứng dụng xác thực"},
        {"recovery", "Mã khôi phục"},
        {"intact", "Nguyên vẹn"},
        {"altered", "Có mục bị sửa"},
        {"removed", "Có mục bị xóa"},
};

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A detail value as a reader wants it: names for ids, times in ISO 8601,
 * yes/no, role names, reasons in Vietnamese. */
static const char *
detail_value(struct req *r, const struct names *nm, const char *field,
             const char *v, bool number)
{
	struct arena *a = r->arena;
	long long n = number ? strtoll(v, NULL, 10) : 0;

	if (number && (ends_with(field, "_until") || ends_with(field, "_at")))
		return n ? web_time(a, (time_t)n, VNTIME_ISO) : "—";
	if (number &&
	    (!strcmp(field, "unit_id") || !strcmp(field, "parent_id") ||
	     !strcmp(field, "moved_to"))) {
		const struct unit *u = find_unit(nm, n);

		if (!n)
			return "—";
		return u ? arena_printf(a, "%s (#%lld)", u->name, n)
		         : arena_printf(a, "#%lld", n);
	}
	if (number &&
	    (!strcmp(field, "focal_user_id") || !strcmp(field, "account_id"))) {
		const struct user *u = find_user(nm, n);

		if (!n)
			return "—";
		return u ? arena_printf(a, "%s (#%lld)", u->full_name, n)
		         : arena_printf(a, "#%lld", n);
	}
	if (!strcmp(field, "active") || !strcmp(field, "professional") ||
	    !strcmp(field, "must_change_password") ||
	    !strcmp(field, "had_totp")) {
		if (!strcmp(v, "1") || !strcmp(v, "true"))
			return "Có";
		if (!strcmp(v, "0") || !strcmp(v, "false"))
			return "Không";
	}
	if (!strcmp(field, "roles") && !number) {
		unsigned mask;
		struct buf b = BUF_INIT;
		const char *out;

		if (!*v)
			return "(không có)";
		if (!role_parse_list(v, &mask, NULL))
			return v;
		role_format_names(&b, mask);
		out = arena_strndup(a, b.p, b.len);
		buf_release(&b);
		return out;
	}
	if (!strcmp(field, "action")) {
		const char *name = audit_action_name(v);

		return name ? name : v;
	}
	if (!strcmp(field, "reason") || !strcmp(field, "factor") ||
	    !strcmp(field, "result")) {
		for (size_t i = 0; i < ARRAY_SIZE(reasons); i++)
			if (!strcmp(reasons[i].code, v))
				return reasons[i].text;
	}
	return *v ? v : "(trống)";
}

static struct tval *
detail_view(struct req *r, const struct names *nm, const char *detail,
            bool *raw)
{
	struct tval *list = tv_list(r->arena);
	struct audit_detail_item *v;
	size_t n;

	*raw = false;
	if (!audit_detail_parse(r->arena, detail, &v, &n)) {
		*raw = true;
		return list;
	}
	for (size_t i = 0; i < n; i++) {
		struct tval *m = tv_map(r->arena);
		const char *label = v[i].field;

		for (size_t k = 0; k < ARRAY_SIZE(flabels); k++)
			if (!strcmp(flabels[k].field, v[i].field))
				label = flabels[k].label;
		tv_set_str(m, "label", label);
		tv_set_str(m, "value",
		           detail_value(r, nm, v[i].field, v[i].value,
		                        v[i].number));
		tv_set_bool(m, "has_before", v[i].before != NULL);
		if (v[i].before)
			tv_set_str(m, "before",
			           detail_value(r, nm, v[i].field, v[i].before,
			                        v[i].number));
		tv_set_bool(m, "created", v[i].change && !v[i].before);
		tv_push(list, m);
	}
	return list;
}

static struct tval *
entry_view(struct req *r, const struct names *nm, const struct audit_entry *e)
{
	struct arena *a = r->arena;
	struct tval *m = tv_map(a);
	const char *aname = audit_action_name(e->action);
	const struct user *u;
	bool raw;

	tv_set_int(m, "id", e->id);
	tv_set_str(m, "iso", web_time(a, e->at, VNTIME_ISO));
	tv_set_str(m, "local", web_time(a, e->at, VNTIME_DATETIME));
	/* Who: an account by its current name and the e-mail recorded; the
	 * command line; or a name that is no account (an e-mail typed at a
	 * failed log-in). */
	if (e->actor_user_id && (u = find_user(nm, e->actor_user_id))) {
		tv_set_str(m, "actor", u->full_name);
		tv_set_str(m, "actor_sub", e->actor_name);
	} else if (e->actor_user_id) {
		tv_set_str(m, "actor", e->actor_name);
		tv_set_strf(m, "actor_sub", "tài khoản #%lld",
		            (long long)e->actor_user_id);
	} else if (!strncmp(e->actor_name, "cli:", 4)) {
		tv_set_str(m, "actor", "Dòng lệnh trên máy chủ");
		tv_set_str(m, "actor_sub", e->actor_name);
	} else if (!*e->actor_name) {
		tv_set_str(m, "actor", "Hệ thống");
	} else if (!strncmp(e->actor_name, "system:", 7)) {
		tv_set_str(m, "actor", "Hệ thống");
		tv_set_str(m, "actor_sub", e->actor_name);
	} else {
		tv_set_str(m, "actor", e->actor_name);
		tv_set_str(m, "actor_sub", "không phải tài khoản");
	}
	tv_set_str(m, "addr", *e->client_addr ? e->client_addr : "—");
	tv_set_str(m, "action", aname ? aname : e->action);
	tv_set_str(m, "action_code", e->action);
	/* What it was done to. */
	tv_set_bool(m, "has_object", *e->object_type || e->object_id);
	tv_set_str(m, "object_type", e->object_type);
	for (size_t i = 0; i < ARRAY_SIZE(otypes); i++) {
		const char *name = NULL;

		if (strcmp(otypes[i].code, e->object_type))
			continue;
		tv_set_str(m, "object_type", otypes[i].name);
		if (!e->object_id)
			break;
		if (otypes[i].path)
			tv_set_strf(m, "object_url", "%s%lld", otypes[i].path,
			            (long long)e->object_id);
		if (!strcmp(otypes[i].code, "user")) {
			const struct user *o = find_user(nm, e->object_id);

			name = o ? o->full_name : NULL;
		} else if (!strcmp(otypes[i].code, "unit")) {
			const struct unit *o = find_unit(nm, e->object_id);

			name = o ? o->name : NULL;
		}
		if (name)
			tv_set_str(m, "object_name", name);
		break;
	}
	if (e->object_id)
		tv_set_int(m, "object_id", e->object_id);
	tv_set(m, "details", detail_view(r, nm, e->detail, &raw));
	tv_set_bool(m, "raw", raw);
	tv_set_str(m, "detail", e->detail);
	return m;
}

/* The options of the form's lists and the values typed. */
static void
form_view(struct req *r, struct tval *ctx, const struct names *nm,
          const struct filt *ft)
{
	struct arena *a = r->arena;
	struct tval *f = tv_map(a), *errs = tv_list(a), *l;
	const struct audit_action *acts;
	size_t nacts;
	bool found = false;

	for (enum ffield i = 0; i < F__MAX; i++) {
		tv_set_str(f, ffields[i].key, ft->show[i]);
		if (ft->bad[i]) {
			struct tval *m = tv_map(a);
			char *k = arena_printf(a, "bad_%s", ffields[i].key);

			tv_set_str(m, "name", ffields[i].name);
			tv_set_str(m, "message", ft->msg[i]);
			tv_push(errs, m);
			tv_set_bool(f, k, true);
		}
	}
	tv_set(ctx, "f", f);
	tv_set(ctx, "errors", errs);
	tv_set_bool(ctx, "has_errors", ft->any_bad);

	l = tv_list(a);
	for (size_t i = 0; i < nm->nusers; i++) {
		struct tval *m = tv_map(a);

		tv_set_int(m, "id", nm->users[i].id);
		tv_set_str(m, "name", nm->users[i].full_name);
		tv_set_str(m, "email", nm->users[i].email);
		tv_set_bool(m, "selected",
		            nm->users[i].id == ft->f.actor_user_id);
		tv_push(l, m);
	}
	tv_set(ctx, "accounts", l);

	l = tv_list(a);
	acts = audit_actions(&nacts);
	for (size_t i = 0; i < nacts; i++) {
		struct tval *m = tv_map(a);
		bool sel = ft->f.action && !strcmp(ft->f.action, acts[i].code);

		found |= sel;
		tv_set_str(m, "code", acts[i].code);
		tv_set_str(m, "name", acts[i].name);
		tv_set_bool(m, "selected", sel);
		tv_push(l, m);
	}
	if (ft->f.action && !found) {
		/* An action this version has no name for: keep it. */
		struct tval *m = tv_map(a);

		tv_set_str(m, "code", ft->f.action);
		tv_set_str(m, "name", ft->f.action);
		tv_set_bool(m, "selected", true);
		tv_push(l, m);
	}
	tv_set(ctx, "actions", l);

	l = tv_list(a);
	found = false;
	for (size_t i = 0; i < ARRAY_SIZE(otypes); i++) {
		struct tval *m = tv_map(a);
		bool sel = ft->f.object_type &&
		           !strcmp(ft->f.object_type, otypes[i].code);

		found |= sel;
		tv_set_str(m, "code", otypes[i].code);
		tv_set_str(m, "name", otypes[i].name);
		tv_set_bool(m, "selected", sel);
		tv_push(l, m);
	}
	if (ft->f.object_type && !found) {
		struct tval *m = tv_map(a);

		tv_set_str(m, "code", ft->f.object_type);
		tv_set_str(m, "name", ft->f.object_type);
		tv_set_bool(m, "selected", true);
		tv_push(l, m);
	}
	tv_set(ctx, "otypes", l);
}

/* path?query&key=id, or path?key=id without filters. */
static const char *
page_url(struct arena *a, const struct filt *ft, const char *key, int64_t id)
{
	return arena_printf(a, AUDIT_PATH "?%s%s%s=%lld", ft->query.p,
	                    ft->query.len ? "&" : "", key, (long long)id);
}

/*
 * Renders the page: the form (with messages), the entries of the page
 * below id truoc or above id sau (0: the newest), the pager, the CSV
 * link and, when set, the chain check's result and a notice.
 */
static void
render(struct req *r, struct resp *rs, struct admin_ctx *c,
       const struct names *nm, struct filt *ft, struct tval *verify,
       const char *notice)
{
	struct arena *a = r->arena;
	struct tval *ctx = admin_ctx_view(r, c, "Nhật ký hệ thống", AUDIT_PATH);
	struct tval *list = tv_list(a);
	struct rows rw = {a, NULL, 0, AUDIT_PER_PAGE + 1};
	int64_t truoc = 0, sau = 0, total = 0;
	bool newer = false, older = false;
	enum err e;

	/* Paging ids come from our own links: a bad one is just ignored. */
	if (!web_parse_id(req_query(r, "truoc"), &truoc))
		truoc = 0;
	if (!web_parse_id(req_query(r, "sau"), &sau))
		sau = 0;
	rw.v = arena_calloc(a, rw.cap, sizeof(*rw.v));
	if ((e = store_audit_count(web_store, &ft->f, &total)) != ERR_OK)
		goto fail;
	if (sau && !truoc) {
		/* Back towards the newest: the page just above sau, read
		 * upwards; if fewer than a page remain, that is page 1. */
		e = store_audit_find(web_store, &ft->f, 0, sau, false, rw.cap,
		                     rows_add, &rw);
		if (e != ERR_OK)
			goto fail;
		if (rw.n == rw.cap) {
			struct audit_entry t;

			rw.n--;
			for (size_t i = 0; i < rw.n / 2; i++) {
				t = rw.v[i];
				rw.v[i] = rw.v[rw.n - 1 - i];
				rw.v[rw.n - 1 - i] = t;
			}
			newer = older = true;
		} else {
			rw.n = 0;
			sau = 0;
		}
	}
	if (!sau || truoc) {
		e = store_audit_find(web_store, &ft->f, truoc, 0, true, rw.cap,
		                     rows_add, &rw);
		if (e != ERR_OK)
			goto fail;
		older = rw.n == rw.cap;
		if (older)
			rw.n--;
		newer = truoc != 0;
	}
	for (size_t i = 0; i < rw.n; i++)
		tv_push(list, entry_view(r, nm, &rw.v[i]));

	form_view(r, ctx, nm, ft);
	tv_set(ctx, "entries", list);
	tv_set_bool(ctx, "has_entries", rw.n > 0);
	tv_set_int(ctx, "shown", (int64_t)rw.n);
	tv_set_str(ctx, "total", fmt_count(a, total));
	tv_set_int(ctx, "total_n", total);
	tv_set_bool(ctx, "filtered", ft->any);
	tv_set_bool(ctx, "has_pager", newer || older);
	if (newer && rw.n)
		tv_set_str(ctx, "newer_url",
		           page_url(a, ft, "sau", rw.v[0].id));
	if (older && rw.n)
		tv_set_str(ctx, "older_url",
		           page_url(a, ft, "truoc", rw.v[rw.n - 1].id));
	tv_set_str(ctx, "csv_url",
	           arena_printf(a, AUDIT_PATH ".csv%s%s",
	                        ft->query.len ? "?" : "", ft->query.p));
	tv_set_str(ctx, "csv_max", AUDIT_CSV_MAX_TEXT);
	tv_set_int(ctx, "per_page", AUDIT_PER_PAGE);
	if (verify)
		tv_set(ctx, "verify", verify);
	tv_set_bool(ctx, "has_notice", notice != NULL);
	tv_set_str(ctx, "notice", notice ? notice : "");
	tv_set_bool(ctx, "nav_audit", true);
	web_render(r, rs, "admin/audit", ctx);
	return;
fail:
	log_errx("cannot list the audit log: %s", err_str(e));
	web_fail(r, rs, e);
}

void
admin_audit(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct names nm = {0};
	struct filt ft;
	enum err e;

	if ((e = names_load(r, &nm)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	filt_read(r, &nm, &ft);
	render(r, rs, c, &nm, &ft, NULL, NULL);
	buf_release(&ft.query);
}

/* ---- the CSV download ---- */

static bool
body_write(const char *p, size_t len, void *arg)
{
	struct buf *b = arg;

	buf_add(b, p, len);
	return !buf_err(b);
}

/* The filters of an export, for its own audit entry. */
static void
export_detail(struct audit_detail *d, const struct filt *ft, int64_t rows)
{
	static const char *const keys[F__MAX] = {
	        [F_FROM] = "from",          [F_TO] = "to",
	        [F_ACCOUNT] = "account_id", [F_ACTOR] = "actor",
	        [F_ACTION] = "action",      [F_OTYPE] = "object_type",
	        [F_OID] = "object_id",      [F_ADDR] = "client_addr",
	};

	for (enum ffield i = 0; i < F__MAX; i++) {
		if (!ft->raw[i] || ft->bad[i])
			continue;
		if (i == F_ACCOUNT)
			audit_detail_int(d, keys[i], ft->f.actor_user_id);
		else if (i == F_OID)
			audit_detail_int(d, keys[i], ft->f.object_id);
		else
			audit_detail_str(d, keys[i], ft->show[i]);
	}
	audit_detail_int(d, "rows", rows);
}

void
admin_audit_csv(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct names nm = {0};
	struct audit_actor actor;
	struct audit_detail d;
	struct filt ft;
	int64_t total = 0, rows = 0;
	struct buf day = BUF_INIT;
	enum err e;

	audit_detail_init(&d);
	if ((e = names_load(r, &nm)) != ERR_OK)
		goto fail;
	filt_read(r, &nm, &ft);
	/* From here every exit goes through out. */
	if (ft.any_bad) {
		/* Never a wider export than asked for: show what is wrong. */
		render(r, rs, c, &nm, &ft, NULL,
		       "Chưa tải tệp CSV vì điều kiện lọc không hợp lệ.");
		goto out;
	}
	if ((e = store_audit_count(web_store, &ft.f, &total)) != ERR_OK)
		goto fail;
	if (total > AUDIT_CSV_MAX) {
		render(r, rs, c, &nm, &ft, NULL,
		       arena_printf(r->arena,
		                    "Chưa tải tệp CSV: có %s mục khớp bộ lọc, "
		                    "nhiều hơn giới hạn " AUDIT_CSV_MAX_TEXT
		                    " dòng của một lần tải. Hãy thu hẹp khoảng "
		                    "thời gian.",
		                    fmt_count(r->arena, total)));
		goto out;
	}
	e = audit_csv_write(web_store, &ft.f, AUDIT_CSV_MAX, body_write,
	                    &rs->body, &rows);
	if (e == ERR_IO) {
		buf_reset(&rs->body);
		render(r, rs, c, &nm, &ft, NULL,
		       "Chưa tải tệp CSV: tệp quá lớn để tạo trên trang quản "
		       "trị. Hãy thu hẹp khoảng thời gian, hoặc dùng lệnh "
		       "ttdt audit export trên máy chủ.");
		goto out;
	}
	if (e != ERR_OK)
		goto fail;
	/* A HEAD downloads nothing, so only a GET is a disclosure. */
	if (r->method != HTTP_HEAD) {
		admin_actor(r, c, &actor);
		export_detail(&d, &ft, rows);
		e = audit_append(web_store, &actor, c->now, AUDIT_EXPORT, "", 0,
		                 audit_detail_json(&d));
		if (e != ERR_OK) {
			/* Unaudited, the data does not leave. */
			buf_reset(&rs->body);
			goto fail;
		}
	}
	vntime_format(&day, c->now, VNTIME_YMD);
	rs->content_type = "text/csv; charset=utf-8";
	rs->max_age = -1;
	resp_header(rs, "Content-Disposition",
	            arena_printf(r->arena,
	                         "attachment; filename=\"nhat-ky-%.4s%.2s%.2s"
	                         ".csv\"",
	                         day.p, day.p + 5, day.p + 8));
	goto out;
fail:
	log_errx("cannot export the audit log: %s", err_str(e));
	web_fail(r, rs, e);
out:
	buf_release(&day);
	buf_release(&ft.query);
	audit_detail_release(&d);
}

/* ---- the chain check ---- */

void
admin_audit_verify(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct arena *a = r->arena;
	struct names nm = {0};
	struct audit_report rep;
	struct audit_actor actor;
	struct audit_detail d;
	struct tval *v = tv_map(a);
	struct buf head = BUF_INIT;
	struct filt ft;
	enum err e;

	audit_detail_init(&d);
	memset(&ft, 0, sizeof(ft));
	buf_init(&ft.query, 16);
	if ((e = names_load(r, &nm)) != ERR_OK)
		goto fail;
	if ((e = audit_verify(web_store, &rep)) != ERR_OK)
		goto fail;
	/* The check is recorded after it ran, so it checked the log as
	 * the reader found it. */
	audit_detail_str(&d, "result",
	                 rep.fault == AUDIT_INTACT    ? "intact"
	                 : rep.fault == AUDIT_ALTERED ? "altered"
	                                              : "removed");
	audit_detail_int(&d, "entries", rep.entries);
	if (rep.fault != AUDIT_INTACT)
		audit_detail_int(&d, "bad_id", rep.bad_id);
	admin_actor(r, c, &actor);
	if ((e = audit_append(web_store, &actor, c->now, AUDIT_VERIFY, "", 0,
	                      audit_detail_json(&d))) != ERR_OK)
		goto fail;
	if (rep.fault != AUDIT_INTACT)
		log_warnx("audit log check from the newsroom: entry %lld %s "
		          "(%s)",
		          (long long)rep.bad_id,
		          rep.fault == AUDIT_ALTERED ? "altered" : "removed",
		          rep.why);

	tv_set_bool(v, "intact", rep.fault == AUDIT_INTACT);
	tv_set_str(v, "entries", fmt_count(a, rep.entries));
	tv_set_int(v, "bad_id", rep.bad_id);
	tv_set_bool(v, "altered", rep.fault == AUDIT_ALTERED);
	/* In groups of 8, to read aloud and to wrap on a phone. */
	for (size_t i = 0; rep.head[i]; i += 8)
		buf_addf(&head, "%s%.8s", i ? " " : "", rep.head + i);
	tv_set_str(v, "head", arena_strndup(a, head.p, head.len));
	tv_set_bool(v, "has_head", *rep.head != '\0');
	tv_set_str(v, "at", web_time(a, c->now, VNTIME_ISO));
	/* The list with no filter, the new entry on top. */
	for (enum ffield i = 0; i < F__MAX; i++)
		ft.show[i] = "";
	render(r, rs, c, &nm, &ft, v, NULL);
	goto out;
fail:
	log_errx("cannot check the audit log: %s", err_str(e));
	web_fail(r, rs, e);
out:
	buf_release(&head);
	buf_release(&ft.query);
	audit_detail_release(&d);
}
