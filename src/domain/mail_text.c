/*
 * What ttdt's e-mails say, in Vietnamese (see mail.h): one function per
 * event of the workflow (issue 4 item 11, DESIGN's item workflow) and
 * the forgotten-password message.  Plain text, impersonal and polite,
 * as an agency writes to its own staff; every message names the site and
 * says it was sent automatically (RFC 3834's Auto-Submitted says so to
 * programs, this line to people).
 *
 * Titles and names come from the database: a control character in one
 * (a pasted line break) becomes a space in the Subject, and a long title
 * is cut there (whole characters, with an ellipsis), so the notice still
 * goes out; the body keeps the title whole.
 */
#include "common.h"

#include "config.h"
#include "mail.h"
#include "utf8.h"
#include "vntime.h"

/* Characters of an item title kept in a Subject. */
#define SUBJECT_TITLE_MAX 120

/* Per step: what the item waits for (Subject) and the body's sentence. */
static const struct {
	const char *wait;
	const char *line;
} steps[MAIL_STEP__MAX] = {
        /* MAIL_STEP_PREAPPROVE */
        {"duyệt sơ bộ", "Tin, bài sau đang chờ được duyệt sơ bộ trước khi "
                        "gửi Tổ thư ký:"},
        /* MAIL_STEP_TRIAGE */
        {"tiếp nhận", "Tin, bài sau đã được gửi đến và đang chờ Tổ thư ký "
                      "tiếp nhận, phân loại:"},
        /* MAIL_STEP_EDIT */
        {"biên tập", "Tin, bài sau đang chờ được biên tập:"},
        /* MAIL_STEP_APPROVE */
        {"duyệt", "Tin, bài sau đã được biên tập và đang chờ duyệt:"},
        /* MAIL_STEP_PUBLISH */
        {"đăng", "Tin, bài sau đã được duyệt và đang chờ đăng lên trang:"},
};

/* The title for a Subject: controls as spaces, cut to
 * SUBJECT_TITLE_MAX characters. */
static const char *
subject_title(struct arena *a, const char *title)
{
	size_t len = strlen(title), cut = 0, chars = 0;
	char *t;

	while (cut < len && chars < SUBJECT_TITLE_MAX) {
		int32_t cp;

		cut += utf8_decode(title + cut, len - cut, &cp);
		chars++;
	}
	t = arena_printf(a, "%.*s%s", (int)cut, title, cut < len ? "…" : "");
	for (char *p = t; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return t;
}

/* The closing lines of every message. */
static const char *
footer(struct arena *a)
{
	return arena_printf(a,
	                    "\n--\n"
	                    "Thư này được gửi tự động từ Trang thông tin điện "
	                    "tử %s (%s). Xin đừng trả lời thư này.\n",
	                    config.site.name, config.site.base_url);
}

/* "[Sở Tư pháp] " before each subject, so the agency's mail is easy to
 * sort. */
static const char *
tag(void)
{
	return *config.site.short_name ? config.site.short_name
	                               : config.site.name;
}

void
mail_text_waiting(struct arena *a, enum mail_step step, const char *name,
                  const char *title, const char *url, struct mail_text *out)
{
	if (step >= MAIL_STEP__MAX)
		BUG("bad mail step %d", (int)step);
	out->subject = arena_printf(a, "[%s] Tin, bài chờ %s: %s", tag(),
	                            steps[step].wait, subject_title(a, title));
	out->body = arena_printf(a,
	                         "Kính gửi: %s,\n\n"
	                         "%s\n\n"
	                         "    %s\n\n"
	                         "Xem và xử lý tại:\n%s\n%s",
	                         name, steps[step].line, title, url, footer(a));
}

void
mail_text_returned(struct arena *a, const char *name, const char *title,
                   const char *reason, const char *url, struct mail_text *out)
{
	out->subject = arena_printf(a, "[%s] Tin, bài bị trả lại: %s", tag(),
	                            subject_title(a, title));
	out->body =
	        arena_printf(a,
	                     "Kính gửi: %s,\n\n"
	                     "Tin, bài sau đã được trả lại để chỉnh sửa:\n\n"
	                     "    %s\n\n"
	                     "Lý do:\n%s\n\n"
	                     "Xem và chỉnh sửa tại:\n%s\n%s",
	                     name, title, reason, url, footer(a));
}

void
mail_text_published(struct arena *a, const char *name, const char *title,
                    const char *url, time_t published_at, struct mail_text *out)
{
	struct buf when = BUF_INIT;

	vntime_format(&when, published_at, VNTIME_TIME);
	buf_adds(&when, " ngày ");
	vntime_format(&when, published_at, VNTIME_DATE);
	out->subject = arena_printf(a, "[%s] Tin, bài đã được đăng: %s", tag(),
	                            subject_title(a, title));
	out->body = arena_printf(a,
	                         "Kính gửi: %s,\n\n"
	                         "Tin, bài sau đã được đăng trên Trang thông "
	                         "tin điện tử %s lúc %s:\n\n"
	                         "    %s\n\n"
	                         "Địa chỉ bài viết:\n%s\n%s",
	                         name, config.site.name, when.p, title, url,
	                         footer(a));
	buf_release(&when);
}

void
mail_text_approved(struct arena *a, const char *name, const char *title,
                   const char *url, struct mail_text *out)
{
	out->subject = arena_printf(a, "[%s] Tin, bài đã được duyệt: %s", tag(),
	                            subject_title(a, title));
	out->body = arena_printf(a,
	                         "Kính gửi: %s,\n\n"
	                         "Tin, bài sau của anh/chị đã được duyệt và "
	                         "đang chờ đăng lên trang:\n\n"
	                         "    %s\n\n"
	                         "Xem tại:\n%s\n%s",
	                         name, title, url, footer(a));
}

void
mail_text_unpublished(struct arena *a, const char *name, const char *title,
                      const char *reason, const char *url,
                      struct mail_text *out)
{
	out->subject = arena_printf(a, "[%s] Tin, bài đã bị gỡ xuống: %s",
	                            tag(), subject_title(a, title));
	out->body = arena_printf(a,
	                         "Kính gửi: %s,\n\n"
	                         "Tin, bài sau đã được gỡ xuống khỏi Trang "
	                         "thông tin điện tử %s; tin, bài vẫn được lưu "
	                         "giữ:\n\n"
	                         "    %s\n\n"
	                         "Lý do:\n%s\n\n"
	                         "Xem tại:\n%s\n%s",
	                         name, config.site.name, title, reason, url,
	                         footer(a));
}

void
mail_text_reset(struct arena *a, const char *name, const char *email,
                const char *link, time_t expires_at, struct mail_text *out)
{
	struct buf until = BUF_INIT;

	vntime_format(&until, expires_at, VNTIME_TIME);
	buf_adds(&until, " ngày ");
	vntime_format(&until, expires_at, VNTIME_DATE);
	out->subject = arena_printf(a, "[%s] Đặt lại mật khẩu", tag());
	out->body = arena_printf(
	        a,
	        "Kính gửi: %s,\n\n"
	        "Có yêu cầu đặt lại mật khẩu cho tài khoản %s tại trang quản "
	        "trị của Trang thông tin điện tử %s.\n\n"
	        "Để đặt mật khẩu mới, mở liên kết sau. Liên kết chỉ dùng được "
	        "một lần và hết hạn lúc %s:\n\n%s\n\n"
	        "Nếu không có yêu cầu này, xin bỏ qua thư: mật khẩu hiện tại "
	        "không thay đổi. Không chuyển liên kết này cho người khác.\n%s",
	        name, email, config.site.name, until.p, link, footer(a));
	buf_release(&until);
}
