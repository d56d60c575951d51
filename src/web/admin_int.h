/*
 * Internals of the newsroom shell at /quan-tri (admin_*.c): the
 * permission each route declares, the context the guard hands to a
 * handler, and the helpers the handlers share.  Not an API for other
 * layers.
 */
#ifndef TTDT_ADMIN_INT_H
#define TTDT_ADMIN_INT_H

#include <stdbool.h>
#include <time.h>

#include "csrf.h"
#include "http.h"
#include "store.h"
#include "tval.h"
#include "user.h"

/* Cookies of the newsroom; both Path=/quan-tri. */
#define ADMIN_SESSION_COOKIE "ttdt_session"
#define ADMIN_CSRF_COOKIE "ttdt_csrf" /* log-in form only (double submit) */
/* A log-in waiting for its second factor (admin_auth.c): no session yet. */
#define ADMIN_2FA_COOKIE "ttdt_2fa"
/* How long (seconds) the code may take after the password. */
#define ADMIN_2FA_MAX_AGE 300
/* The form field every state-changing form carries. */
#define ADMIN_CSRF_FIELD "csrf"
/* last_seen_at is written at most this often (seconds). */
#define ADMIN_TOUCH_EVERY 60

#define ADMIN_LOGIN_PATH "/quan-tri/dang-nhap"
#define ADMIN_HOME_PATH "/quan-tri"
#define ADMIN_PASSWORD_PATH "/quan-tri/doi-mat-khau"
#define ADMIN_2FA_PATH "/quan-tri/xac-thuc"
#define ADMIN_ENROL_PATH "/quan-tri/bat-xac-thuc"

/*
 * What a route needs, checked by admin_run before its handler.  Each is
 * stricter than the one before it.
 *
 * NEEDSWORK: the workflow brings actions × roles; they belong in the one
 * permission table (domain/perm.c, role.h), and ADMIN_IT_ADMIN becomes a
 * row of it.
 */
enum admin_perm {
	ADMIN_PUBLIC,    /* no session needed (the log-in form) */
	ADMIN_SESSION,   /* a session, even with a password change or a
	                    required second factor pending (those pages
	                    themselves, log-out) */
	ADMIN_SIGNED_IN, /* a session and nothing pending */
	ADMIN_IT_ADMIN,  /* and the it-admin role */
	ADMIN_AUDIT,     /* and the it-admin or the director role (Điều 5:
	                    the Director oversees; the audit log is theirs) */
	ADMIN_WRITE,     /* and a role that writes items (ROLES_AUTHORS):
	                    new items, the media library */
	ADMIN_SECTIONS,  /* and a role that manages sections
	                    (ROLES_SECTIONS) */
	ADMIN_PERM__MAX
};

/* What the guard found, for the handler. */
struct admin_ctx {
	struct user user;
	struct session se;
	const char *token;         /* the cookie's session token */
	char csrf[CSRF_TOKEN_HEX]; /* the session's form token */
	bool must_change;          /* user_password_expired */
	bool must_enrol;           /* admin_must_enrol */
	time_t now;
};

typedef void (*admin_handler_fn)(struct req *r, struct resp *rs,
                                 struct admin_ctx *c);

/* A newsroom route: its permission is part of the table (admin.c). */
struct admin_route {
	unsigned methods;
	const char *pattern;
	enum admin_perm perm;
	admin_handler_fn fn;
};

/* The table, for tests that walk every route. */
extern const struct admin_route admin_routes[];
extern const size_t admin_routes_n;

/* ---- admin.c ---- */

/* Checks newsroom_allow (-1 with a message in err if it is malformed)
 * and makes the key of the pending log-in cookie.  Called by web_init. */
int admin_init(struct buf *err);
/* Reads (or, first, makes) the key of the pending log-in cookie in the
 * database (admin_auth.c); -1 with a message in err.  Called by
 * admin_init. */
int admin_auth_init(struct buf *err);

/* The root view model of a newsroom page: web_ctx without the public
 * navigation, the page map (noindex), and, with c, "me" (name, roles,
 * is_it_admin) and "csrf". */
struct tval *admin_ctx_view(struct req *r, struct admin_ctx *c,
                            const char *title, const char *path);

/* Sets the session cookie to token, or clears it with token NULL. */
void admin_set_session_cookie(struct req *r, struct resp *rs,
                              const char *token);
/* Sets (value) or clears (NULL) the log-in form's CSRF cookie. */
void admin_set_csrf_cookie(struct req *r, struct resp *rs, const char *value);
/* Sets (value) or clears (NULL) the pending log-in cookie. */
void admin_set_2fa_cookie(struct req *r, struct resp *rs, const char *value);

/* The actor of an audit entry made by c's user from r's address. */
void admin_actor(struct req *r, const struct admin_ctx *c,
                 struct audit_actor *out);

/* True if u must enrol a second factor before anything else: a role
 * that needs one (totp_required), none active, and not a demo database
 * (whose accounts and passwords are public anyway). */
bool admin_must_enrol(const struct user *u);

/* The form token of a form shown before a session exists (log-in,
 * second factor, a password reset link; admin_run checks it against the
 * cookie on POST): the one the browser already has, so two tabs both
 * still work, or a new one set as a cookie.  admin_auth.c. */
const char *admin_presession_token(struct req *r, struct resp *rs);

/* The text form field key as a newsroom form takes it: trimmed of ASCII
 * blanks (web_trim) and in NFC, in r's arena; "" if absent. */
const char *admin_form_text(struct req *r, const char *key);

/* The name of unit id ("" for 0 or unknown) and the Vietnamese names
 * of u's roles, in r's arena. */
const char *admin_unit_name(struct req *r, int64_t id);
const char *admin_role_names(struct req *r, const struct user *u);

/* The log-in page with a notice: a code of admin_auth.c's table. */
#define ADMIN_LOGIN_NOTICE(code) ADMIN_LOGIN_PATH "?thong-bao=" code
/* 303 to location, an ADMIN_LOGIN_NOTICE, or (NULL) the log-in page. */
void admin_to_login(struct resp *rs, const char *location);

/* ---- admin_net.c ---- */

/* True if client_addr is in one of the ranges of list (see etc/ttdt.ini
 * newsroom_allow); an empty list allows everyone; a malformed list or
 * address allows no one. */
bool admin_addr_allowed(const char *list, const char *client_addr);
/* True if every entry of list parses; else *bad (may be NULL) points at
 * the first that does not. */
bool admin_ranges_valid(const char *list, const char **bad);

/* ---- handlers: admin_auth.c ---- */

void admin_login_form(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_login_post(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_2fa_form(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_2fa_post(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_logout(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_logout_all(struct req *r, struct resp *rs, struct admin_ctx *c);

/* ---- admin_forgot.c ---- */
void admin_forgot_form(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_forgot_post(struct req *r, struct resp *rs, struct admin_ctx *c);

/* ---- admin_totp.c ---- */
void admin_enrol_form(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_enrol_post(struct req *r, struct resp *rs, struct admin_ctx *c);

/* ---- admin_pages.c ---- */
void admin_dashboard(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_profile(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_password_form(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_password_post(struct req *r, struct resp *rs, struct admin_ctx *c);

/* ---- admin_users.c ---- */
void admin_users(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_user_new_form(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_user_new_post(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_user_page(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_user_profile_post(struct req *r, struct resp *rs,
                             struct admin_ctx *c);
void admin_user_roles_post(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_user_disable_post(struct req *r, struct resp *rs,
                             struct admin_ctx *c);
void admin_user_enable_post(struct req *r, struct resp *rs,
                            struct admin_ctx *c);
void admin_user_unlock_post(struct req *r, struct resp *rs,
                            struct admin_ctx *c);
void admin_user_reset_2fa_post(struct req *r, struct resp *rs,
                               struct admin_ctx *c);
void admin_user_reset_link_post(struct req *r, struct resp *rs,
                                struct admin_ctx *c);
/* admin_reset.c: the public page of a password reset link. */
void admin_reset_form(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_reset_post(struct req *r, struct resp *rs, struct admin_ctx *c);

/* ---- admin_units.c ---- */
void admin_units(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_unit_new(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_unit_create(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_unit_edit(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_unit_save(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_unit_close(struct req *r, struct resp *rs, struct admin_ctx *c);

/* ---- admin_audit.c ---- */
/* The log, newest first, filtered by the query; its CSV download (same
 * filters); the chain check (POST), which shows its result on the page. */
void admin_audit(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_audit_csv(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_audit_verify(struct req *r, struct resp *rs, struct admin_ctx *c);

/* ---- admin_queue.c ---- */
/* The queues c's user has, each a map (name, url, count, late), in *out
 * (an empty list for none); the store's errors. */
enum err admin_queue_summary(struct req *r, struct admin_ctx *c,
                             struct tval **out);
/* One queue's items, 50 a page (?trang=N): /quan-tri/hang-doi/:code. */
void admin_queue_page(struct req *r, struct resp *rs, struct admin_ctx *c);

/* ---- admin_item_edit.c ---- */

/* The notice of a conversion from a legacy encoding done before a
 * redirect (?chuyen-ma=NAME), for a name this program gives; NULL
 * otherwise.  The item's page and the editor show it. */
const char *admin_item_legacy_notice(struct req *r);
/* The editor: a new item (ADMIN_WRITE), an item's edit page (its save
 * makes the next revision; WF_EDIT from workflow_load, else 403), and
 * the paste handler's legacy-encoding conversion (form fields csrf and
 * text; answers JSON {"text", "encoding", "notice"}). */
void admin_item_new_form(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_item_new_post(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_item_edit_form(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_item_edit_post(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_item_convert(struct req *r, struct resp *rs, struct admin_ctx *c);

/* ---- admin_item.c ---- */
struct wf_view; /* workflow.h */
/* The 409 sentence of every item page when a step or save finds the item
 * moved on (ERR_CONFLICT): one wording wherever the newsroom meets it. */
extern const char admin_item_conflict_message[];
/* The Vietnamese name of a state ("Chờ duyệt"); "—" out of range. */
const char *admin_item_state_name(enum item_state s);
/* "/quan-tri/tin-bai/<id><suffix>" in a (suffix may be NULL). */
const char *admin_item_path(struct arena *a, int64_t id, const char *suffix);
/* Parses the route's :id and loads the item for c's user
 * (workflow_load); on anything but ERR_OK it has answered already: 404
 * for a malformed or unknown id, 403 without WF_VIEW. */
enum err admin_item_load(struct req *r, struct resp *rs, struct admin_ctx *c,
                         int64_t *id, struct wf_view *v);
/* The context of the shared tab bar (templates/admin/item-tabs):
 * id, title, can_edit (WF_EDIT) and the flag on ("on_view", "on_edit",
 * "on_media", "on_revisions") set; put it in the page's "tabs". */
struct tval *admin_item_tabs(struct arena *a, const struct wf_view *v,
                             const char *on);
/* GET /quan-tri/tin-bai/:id; POST .../thao-tac (a workflow step);
 * POST .../binh-luan (an editorial comment). */
void admin_item_page(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_item_action(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_item_comment(struct req *r, struct resp *rs, struct admin_ctx *c);
/* admin_item_rev.c: GET .../phien-ban (?a=N&b=M&kieu=inline|hai-cot)
 * and POST .../phien-ban/:so/khoi-phuc. */
void admin_item_revisions(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_item_restore(struct req *r, struct resp *rs, struct admin_ctx *c);

/* ---- admin_media.c ---- */
/* The library (?q= words, ?loai= kind code, ?trang=N, ?bai=<item id>:
 * rows get an "add to the item" button), the upload form, a file's page
 * and its three forms (field muc: mo-ta, phu-de, ban-ghi-loi). */
void admin_media_library(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_media_upload_form(struct req *r, struct resp *rs,
                             struct admin_ctx *c);
void admin_media_upload_post(struct req *r, struct resp *rs,
                             struct admin_ctx *c);
void admin_media_page(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_media_save(struct req *r, struct resp *rs, struct admin_ctx *c);
/* The item's media (admin_item_media.c): list and upload or add from
 * the library (field them=<media id>); captions, order, removal; the
 * cover (field anh=<media id>). */
void admin_item_media(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_item_media_post(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_item_media_update(struct req *r, struct resp *rs,
                             struct admin_ctx *c);
void admin_item_media_cover(struct req *r, struct resp *rs,
                            struct admin_ctx *c);
/* Helpers the two files share. */
/* The first upload of r in form field field, or NULL. */
const struct upload *admin_upload_get(struct req *r, const char *field);
/* The Vietnamese name of kind k ("Ảnh"). */
const char *admin_media_kind_name(enum media_kind k);
/* A medium as the templates show it (id, page_url, url, name, kind,
 * size, alt, caption, uploaded_at, is_image..., thumb for images: the
 * partial admin/media-thumb), in r's arena. */
struct tval *admin_media_view(struct req *r, const struct media *m);
/* media_upload of up with the form's alt and chu_thich, by c's user,
 * accepting kinds (a mask of 1u << enum media_kind; 0: any); as
 * media_upload (its *why), logging unexpected errors. */
enum err admin_media_take(struct req *r, struct admin_ctx *c,
                          const struct upload *up, unsigned kinds,
                          struct media *out, bool *duplicate, const char **why);
/* The error page of a failed workflow_load or item change: 404, 403
 * and 409 with their Vietnamese messages, else web_fail. */
void admin_media_item_fail(struct req *r, struct resp *rs, enum err e);

/* ---- admin_sections.c ---- */
/* The tree with counts; adding; one section's page and its save; the
 * list's buttons (up, down, hide, show); deleting an empty section. */
void admin_sections(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_section_new(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_section_create(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_section_edit(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_section_save(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_section_up(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_section_down(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_section_hide(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_section_show(struct req *r, struct resp *rs, struct admin_ctx *c);
void admin_section_delete(struct req *r, struct resp *rs, struct admin_ctx *c);

/* ---- admin_notify.c ---- */
/* The account's notifications, newest first, 50 a page (?trang=N). */
void admin_notify_page(struct req *r, struct resp *rs, struct admin_ctx *c);
/* Marks one (field id, the account's own only: 404 otherwise) or all
 * (tat_ca=1) read; 303 back to the list. */
void admin_notify_read(struct req *r, struct resp *rs, struct admin_ctx *c);
/* The 5 newest unread notifications of c's user in ctx as "notices"
 * (maps text, url, when) with "has_notices", for the dashboard; the
 * store's errors. */
enum err admin_notify_recent(struct req *r, struct admin_ctx *c,
                             struct tval *ctx);

#endif
