/*
 * Error pages.  The web layer installs a renderer that uses the site's
 * templates; until it does, or when it fails (a broken template must not
 * turn a 404 into an empty answer), a small built-in page in Vietnamese
 * says what happened and what to do, with a link to the home page.
 */
#include "common.h"

#include "http_int.h"
#include "log.h"

struct errtext {
	int status;
	const char *reason;  /* HTTP reason phrase (English, for logs) */
	const char *title;   /* Vietnamese heading */
	const char *message; /* Vietnamese: what happened, what to do */
};

static const struct errtext errtexts[] = {
        {400, "Bad Request", "Yêu cầu không hợp lệ",
         "Máy chủ không hiểu yêu cầu bạn gửi. Vui lòng kiểm tra lại địa chỉ "
         "hoặc nội dung đã nhập rồi thử lại."},
        {403, "Forbidden", "Không có quyền truy cập",
         "Bạn không có quyền xem trang này. Nếu cần truy cập, vui lòng đăng "
         "nhập hoặc liên hệ quản trị trang."},
        {404, "Not Found", "Không tìm thấy trang",
         "Trang bạn tìm không tồn tại hoặc đã được chuyển đi. Vui lòng kiểm "
         "tra lại địa chỉ hoặc quay về trang chủ."},
        {405, "Method Not Allowed", "Phương thức không được hỗ trợ",
         "Trang này không nhận loại yêu cầu bạn vừa gửi. Vui lòng quay lại "
         "trang trước và thử lại."},
        {409, "Conflict", "Nội dung vừa được thay đổi",
         "Yêu cầu của bạn trùng với một thay đổi khác vừa được thực hiện. "
         "Vui lòng tải lại trang rồi thử lại."},
        {410, "Gone", "Trang không còn nữa",
         "Nội dung này đã bị gỡ bỏ và không còn được cung cấp. Vui lòng tìm "
         "thông tin khác từ trang chủ."},
        {413, "Content Too Large", "Dữ liệu gửi lên quá lớn",
         "Nội dung hoặc tệp bạn gửi vượt quá giới hạn cho phép. Vui lòng "
         "giảm kích thước rồi gửi lại."},
        {429, "Too Many Requests", "Quá nhiều yêu cầu",
         "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng đợi "
         "một lát rồi thử lại."},
        {500, "Internal Server Error", "Lỗi máy chủ",
         "Máy chủ gặp sự cố khi xử lý yêu cầu. Vui lòng thử lại sau ít phút; "
         "nếu lỗi vẫn còn, hãy báo cho quản trị trang."},
        {503, "Service Unavailable", "Dịch vụ tạm ngừng",
         "Máy chủ đang bận hoặc đang bảo trì. Vui lòng thử lại sau ít phút."},
};

static const struct errtext *
errtext_for(int status)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errtexts); i++)
		if (errtexts[i].status == status)
			return &errtexts[i];
	return status >= 500 ? &errtexts[ARRAY_SIZE(errtexts) - 2]
	                     : &errtexts[0];
}

const char *
http_status_text(int status)
{
	return errtext_for(status)->reason;
}

static _Atomic(http_error_fn) renderer;

void
http_set_error_renderer(http_error_fn fn)
{
	atomic_store(&renderer, fn);
}

/* Every error answer starts from a clean response: nothing a handler
 * had set (cache tags, headers, a file) may leak into it. */
static void
reset_for_error(struct resp *rs, int status)
{
	buf_reset(&rs->body);
	rs->status = status;
	rs->content_type = NULL;
	rs->nheaders = 0;
	rs->last_modified = 0;
	rs->max_age = -1;
	rs->cache_tags = NULL;
	rs->file_path = NULL;
}

void
errorpage_builtin(struct resp *rs, int status, const char *message)
{
	const struct errtext *t = errtext_for(status);
	const char *msg = message ? message : t->message;

	reset_for_error(rs, status);
	buf_adds(&rs->body, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n"
	                    "<meta charset=\"utf-8\">\n"
	                    "<meta name=\"viewport\" "
	                    "content=\"width=device-width, "
	                    "initial-scale=1\">\n<title>");
	buf_add_html(&rs->body, t->title, strlen(t->title));
	buf_addf(&rs->body, " (%d)</title>\n</head>\n<body>\n<main>\n<h1>",
	         status);
	buf_add_html(&rs->body, t->title, strlen(t->title));
	buf_adds(&rs->body, "</h1>\n<p>");
	buf_add_html(&rs->body, msg, strlen(msg));
	buf_addf(&rs->body,
	         "</p>\n<p>Mã lỗi: %d.</p>\n"
	         "<p><a href=\"/\">Về trang chủ</a></p>\n"
	         "</main>\n</body>\n</html>\n",
	         status);
}

void
http_error(struct req *r, struct resp *rs, int status, const char *message)
{
	http_error_fn fn = atomic_load(&renderer);

	reset_for_error(rs, status);
	if (fn && r) {
		fn(r, rs, status, message);
		if (!buf_err(&rs->body) && rs->body.len) {
			/* The renderer may not make an error cacheable. */
			rs->status = status;
			rs->cache_tags = NULL;
			rs->file_path = NULL;
			return;
		}
		log_warnx("error renderer failed for status %d; "
		          "using the built-in page",
		          status);
	}
	errorpage_builtin(rs, status, message);
}
