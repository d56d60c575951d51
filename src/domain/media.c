/*
 * The media pipeline (see media.h): sniffing, size and text checks, the
 * re-encoding of photos (image.c), atomic files below config.media_dir,
 * the library's rows and search, the media of items and their
 * accessibility check (WCAG 1.1.1 text alternatives, 1.2 captions or a
 * transcript for recorded audio and video; issue 4 items 4 and 7).
 *
 * Trust: nothing the browser says about a file is believed.  The kind is
 * what the bytes are (libmagic; our own WebVTT check), the stored name is
 * random, and the extension and the MIME type the file is later served
 * with come from the table below, so a script named "x.jpg" is refused
 * and a PDF named "x.html" is stored as .pdf.  Photos are decoded and
 * encoded again, which also drops anything appended to or hidden in the
 * original (a polyglot JPEG+HTML loses its HTML).
 *
 * libmagic handles are not thread-safe: each thread gets its own,
 * made on first use and closed when the thread ends (a pthread key).
 *
 * Files: every file goes to a temporary name in its final folder, is
 * fsync'd and renamed, and the folder is fsync'd once at the end; the row
 * is inserted only after that, in one transaction with its audit entry.
 * A failure at any point unlinks every file this upload wrote, so a
 * stored path always names a complete file and no orphan is left.
 *
 * Published pages change only through approval (Điều 17.1.c): a file
 * shown by a published item is not edited in place, and the album of a
 * published item changes only in a correction, as a pending copy that
 * the correction's publication applies (workflow.c).
 */
#include "common.h"

#include <fcntl.h>
#include <inttypes.h>
#include <magic.h>
#include <sodium.h>
#include <sys/stat.h>

#include "config.h"
#include "log.h"
#include "media.h"
#include "media_int.h"
#include "role.h"
#include "user.h"
#include "utf8.h"
#include "vnfold.h"
#include "workflow.h"
#include "xalloc.h"

unsigned media_fault_write;

/* libmagic reads at most this much; enough for every type we accept
 * (OOXML is told by its first zip entries). */
#define SNIFF_MAX (1024 * 1024)

/* The types we accept, by the MIME type libmagic reports.  mime is what
 * the file is stored and served as. */
static const struct sniff_row {
	const char *magic;
	struct media_type type;
} sniff_table[] = {
        {"image/jpeg", {MEDIA_IMAGE, "image/jpeg", "jpg"}},
        {"image/png", {MEDIA_IMAGE, "image/png", "png"}},
        {"image/webp", {MEDIA_IMAGE, "image/webp", "webp"}},
        {"image/gif", {MEDIA_IMAGE, "image/gif", "gif"}},
        {"audio/mpeg", {MEDIA_AUDIO, "audio/mpeg", "mp3"}},
        {"audio/x-m4a", {MEDIA_AUDIO, "audio/mp4", "m4a"}},
        {"audio/mp4", {MEDIA_AUDIO, "audio/mp4", "m4a"}},
        {"audio/aac", {MEDIA_AUDIO, "audio/aac", "aac"}},
        {"audio/x-hx-aac-adts", {MEDIA_AUDIO, "audio/aac", "aac"}},
        {"audio/ogg", {MEDIA_AUDIO, "audio/ogg", "ogg"}},
        {"audio/x-wav", {MEDIA_AUDIO, "audio/wav", "wav"}},
        {"audio/wav", {MEDIA_AUDIO, "audio/wav", "wav"}},
        {"audio/vnd.wave", {MEDIA_AUDIO, "audio/wav", "wav"}},
        {"video/mp4", {MEDIA_VIDEO, "video/mp4", "mp4"}},
        {"video/x-m4v", {MEDIA_VIDEO, "video/mp4", "mp4"}},
        {"video/webm", {MEDIA_VIDEO, "video/webm", "webm"}},
        {"application/pdf", {MEDIA_PDF, "application/pdf", "pdf"}},
        {"application/msword", {MEDIA_OFFICE, "application/msword", "doc"}},
        {"application/vnd.ms-excel",
         {MEDIA_OFFICE, "application/vnd.ms-excel", "xls"}},
        {"application/vnd.ms-powerpoint",
         {MEDIA_OFFICE, "application/vnd.ms-powerpoint", "ppt"}},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml."
         "document",
         {MEDIA_OFFICE,
          "application/vnd.openxmlformats-officedocument.wordprocessingml."
          "document",
          "docx"}},
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         {MEDIA_OFFICE,
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "xlsx"}},
        {"application/vnd.openxmlformats-officedocument.presentationml."
         "presentation",
         {MEDIA_OFFICE,
          "application/vnd.openxmlformats-officedocument.presentationml."
          "presentation",
          "pptx"}},
        {"application/vnd.oasis.opendocument.text",
         {MEDIA_OFFICE, "application/vnd.oasis.opendocument.text", "odt"}},
        {"application/vnd.oasis.opendocument.spreadsheet",
         {MEDIA_OFFICE, "application/vnd.oasis.opendocument.spreadsheet",
          "ods"}},
        {"application/vnd.oasis.opendocument.presentation",
         {MEDIA_OFFICE, "application/vnd.oasis.opendocument.presentation",
          "odp"}},
};

static const struct media_type vtt_type = {MEDIA_CAPTION, "text/vtt", "vtt"};

/* What we accept, for the refusal messages. */
#define ACCEPTED                                                                \
	"Chỉ nhận ảnh (JPEG, PNG, WebP, GIF), âm thanh (MP3, M4A, AAC, " \
	"OGG, WAV), video (MP4, WebM), PDF, tài liệu Word, Excel, "          \
	"PowerPoint, OpenDocument và phụ đề WebVTT."

/* Indexed by enum media_kind: the kind in a sentence. */
static const char *const kind_names[MEDIA_KIND__MAX] = {
        "ảnh",             /* MEDIA_IMAGE */
        "tệp âm thanh",    /* MEDIA_AUDIO */
        "tệp video",       /* MEDIA_VIDEO */
        "tệp PDF",         /* MEDIA_PDF */
        "tài liệu Office", /* MEDIA_OFFICE */
        "tệp phụ đề",      /* MEDIA_CAPTION */
};

/* libmagic, one handle per thread */

static pthread_key_t magic_key;
static pthread_once_t magic_once = PTHREAD_ONCE_INIT;

static void
magic_free(void *m)
{
	magic_close(m);
}

static void
magic_key_make(void)
{
	if (pthread_key_create(&magic_key, magic_free))
		BUG("cannot create the libmagic thread key");
}

/* The calling thread's libmagic handle, NULL (logged) if it cannot be
 * made.  MAGIC_NO_CHECK_COMPRESS: never decompress while sniffing (a
 * gzip file is refused as gzip, not looked into). */
static magic_t
thread_magic(void)
{
	magic_t m;

	pthread_once(&magic_once, magic_key_make);
	if ((m = pthread_getspecific(magic_key)))
		return m;
	if (!(m = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR |
	                     MAGIC_NO_CHECK_COMPRESS))) {
		log_warn("cannot open libmagic");
		return NULL;
	}
	if (magic_load(m, NULL) != 0) {
		log_errx("cannot load the libmagic database: %s",
		         magic_error(m));
		magic_close(m);
		return NULL;
	}
	if (pthread_setspecific(magic_key, m)) {
		magic_close(m);
		return NULL;
	}
	return m;
}

/* A "WEBVTT" first line, after an optional byte-order mark: the file
 * claims to be WebVTT (media_vtt_check says whether it is one). */
static bool
looks_vtt(const char *p, size_t len)
{
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		len -= 3;
	}
	if (len < 6 || memcmp(p, "WEBVTT", 6) != 0)
		return false;
	return len == 6 || p[6] == ' ' || p[6] == '\t' || p[6] == '\n' ||
	       p[6] == '\r';
}

bool
media_vtt_check(const char *p, size_t len, const char **why)
{
	static const char bad[] =
	        "Tệp phụ đề phải là WebVTT: văn bản UTF-8, dòng đầu là "
	        "“WEBVTT” và có ít nhất một dòng thời gian "
	        "(00:00:01.000 --> 00:00:04.000).";

	*why = NULL;
	if (len > MEDIA_VTT_MAX) {
		*why = "Tệp phụ đề quá lớn (tối đa 2 MB).";
		return false;
	}
	if (!looks_vtt(p, len)) {
		*why = bad;
		return false;
	}
	if (!utf8_valid(p, len)) {
		*why = "Tệp phụ đề không phải văn bản UTF-8: hãy lưu lại "
		       "với bảng mã UTF-8.";
		return false;
	}
	if (!memmem(p, len, "-->", 3)) {
		*why = bad;
		return false;
	}
	return true;
}

/* The MIME type alone ("text/html"), without the ", ..." or "; ..."
 * that libmagic sometimes adds. */
static const char *
mime_only(struct arena *a, const char *m)
{
	return arena_strndup(a, m, strcspn(m, ",; "));
}

static bool
has_word(const char *mime, const char *w)
{
	return strstr(mime, w) != NULL;
}

enum err
media_sniff(struct arena *a, const void *p, size_t len, struct media_type *out,
            const char **why)
{
	const char *got, *mime;
	magic_t m;

	*why = NULL;
	memset(out, 0, sizeof(*out));
	if (looks_vtt(p, len)) {
		*out = vtt_type;
		return ERR_OK;
	}
	if (!(m = thread_magic()))
		return ERR_IO;
	if (!(got = magic_buffer(m, p, MIN(len, (size_t)SNIFF_MAX)))) {
		log_warnx("libmagic: %s", magic_error(m));
		*why = "Không nhận ra loại tệp. " ACCEPTED;
		return ERR_INVALID;
	}
	mime = mime_only(a, got);
	for (size_t i = 0; i < ARRAY_SIZE(sniff_table); i++)
		if (strcmp(mime, sniff_table[i].magic) == 0) {
			*out = sniff_table[i].type;
			return ERR_OK;
		}
	if (strcmp(mime, "image/svg+xml") == 0)
		*why = "Không nhận ảnh SVG vì SVG có thể chứa mã lệnh. Hãy "
		       "tải lên ảnh JPEG hoặc PNG.";
	else if (has_word(mime, "html") || has_word(mime, "script") ||
	         has_word(mime, "php") || has_word(mime, "javascript") ||
	         has_word(mime, "xml"))
		*why = arena_printf(a,
		                    "Nội dung tệp là mã lệnh hoặc trang web "
		                    "(%s), không phải ảnh, âm thanh, video hay "
		                    "tài liệu, dù tên tệp là gì. " ACCEPTED,
		                    mime);
	else if (has_word(mime, "executable") || has_word(mime, "dosexec") ||
	         has_word(mime, "sharedlib") || has_word(mime, "mach-binary") ||
	         has_word(mime, "elf"))
		*why = arena_printf(
		        a,
		        "Nội dung tệp là một chương trình chạy được "
		        "(%s), dù tên tệp là gì. " ACCEPTED,
		        mime);
	else
		*why = arena_printf(
		        a, "Loại nội dung “%s” không được nhận. " ACCEPTED,
		        mime);
	return ERR_INVALID;
}

const char *
media_name_clean(struct arena *a, const char *name)
{
	static const char fallback[] = "tệp";
	const char *base = name ? name : "", *s;
	struct buf nfc = BUF_INIT, out = BUF_INIT;
	size_t b, e, len;
	const char *r;

	for (s = base; *s; s++)
		if (*s == '/' || *s == '\\')
			base = s + 1;
	if (utf8_nfc(&nfc, base, strlen(base)) != 0) {
		buf_release(&nfc);
		return arena_strdup(a, fallback);
	}
	for (size_t i = 0; i < nfc.len; i++) {
		unsigned char c = (unsigned char)nfc.p[i];

		if (c < 0x20 || c == 0x7f || strchr("<>:\"|?*", c))
			continue;
		buf_addch(&out, (char)c);
	}
	for (b = 0; b < out.len && (out.p[b] == ' ' || out.p[b] == '.'); b++)
		;
	for (e = out.len; e > b && (out.p[e - 1] == ' ' || out.p[e - 1] == '.');
	     e--)
		;
	len = utf8_cut(out.p + b, e - b, MEDIA_NAME_MAX);
	r = len ? arena_strndup(a, out.p + b, len) : arena_strdup(a, fallback);
	buf_release(&nfc);
	buf_release(&out);
	return r;
}

/*
 * Cleans a text field into a: NFC, ends trimmed of white space, C0
 * controls replaced by spaces when one_line (else all but LF and tab),
 * at most max characters.  ERR_INVALID if not UTF-8 or too long.
 */
static enum err
clean_text(struct arena *a, const char *in, size_t max, bool one_line,
           const char **out)
{
	struct buf nfc = BUF_INIT;
	size_t b = 0, e;
	enum err r = ERR_OK;

	*out = "";
	if (!in)
		return ERR_OK;
	if (utf8_nfc(&nfc, in, strlen(in)) != 0) {
		buf_release(&nfc);
		return ERR_INVALID;
	}
	for (size_t i = 0; i < nfc.len; i++) {
		unsigned char c = (unsigned char)nfc.p[i];

		if (c == '\r' || c == 0x7f ||
		    (c < 0x20 && (one_line || (c != '\n' && c != '\t'))))
			nfc.p[i] = ' ';
	}
	while (b < nfc.len && strchr(" \t\n", nfc.p[b]))
		b++;
	e = nfc.len;
	while (e > b && strchr(" \t\n", nfc.p[e - 1]))
		e--;
	if (utf8_count(nfc.p + b, e - b) > max)
		r = ERR_INVALID;
	else
		*out = arena_strndup(a, nfc.p + b, e - b);
	buf_release(&nfc);
	return r;
}

/* The folded text the library search matches (STMT_MEDIA_FIND). */
static const char *
search_text(struct arena *a, const struct media *m)
{
	struct buf b = BUF_INIT;
	const char *r;

	vnfold(&b, m->original_name, strlen(m->original_name));
	buf_addch(&b, ' ');
	vnfold(&b, m->alt, strlen(m->alt));
	buf_addch(&b, ' ');
	vnfold(&b, m->caption, strlen(m->caption));
	r = arena_strndup(a, b.p, b.len);
	buf_release(&b);
	return r;
}

static const char *
size_text(struct arena *a, size_t n)
{
	if (n >= 1024 * 1024)
		return arena_printf(a, "%.1f MB", (double)n / (1024 * 1024));
	return arena_printf(a, "%zu KB", (n + 1023) / 1024);
}

/* Files */

/* The files one upload has written (paths below media_dir), to undo. */
struct written {
	char *v[2 * IMAGE_VARIANTS_MAX + 1];
	size_t n;
};

static void
written_undo(struct written *w)
{
	struct buf p = BUF_INIT;

	for (size_t i = 0; i < w->n; i++) {
		buf_reset(&p);
		buf_addf(&p, "%s/%s", config.media_dir, w->v[i]);
		if (unlink(p.p) != 0 && errno != ENOENT)
			log_warn("cannot remove '%s'", p.p);
		free(w->v[i]);
	}
	w->n = 0;
	buf_release(&p);
}

static void
written_forget(struct written *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	w->n = 0;
}

static bool
make_dir(const char *path)
{
	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return true;
	log_warn("cannot create '%s'", path);
	return false;
}

/* Makes media_dir/YYYY/MM for now (UTC) and sets dir to "YYYY/MM". */
static bool
make_month_dir(time_t now, struct buf *dir)
{
	struct buf p = BUF_INIT;
	struct tm tm;
	bool ok;

	gmtime_r(&now, &tm);
	buf_addf(dir, "%04d/%02d", tm.tm_year + 1900, tm.tm_mon + 1);
	buf_addf(&p, "%s", config.media_dir);
	ok = make_dir(p.p);
	buf_addf(&p, "/%04d", tm.tm_year + 1900);
	ok = ok && make_dir(p.p);
	buf_addf(&p, "/%02d", tm.tm_mon + 1);
	ok = ok && make_dir(p.p);
	buf_release(&p);
	return ok;
}

static bool
write_all(int fd, const char *p, size_t len)
{
	if (media_fault_write && --media_fault_write == 0) {
		errno = EIO;
		return false;
	}
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/*
 * Writes p[0..len) to media_dir/rel atomically: a temporary file in the
 * same folder, fsync, rename.  Records rel in w once it exists under its
 * name.  False (logged) on failure, with the temporary file removed.
 */
static bool
write_atomic(struct written *w, const char *rel, const void *p, size_t len)
{
	struct buf tmp = BUF_INIT, fin = BUF_INIT;
	const char *slash = strrchr(rel, '/');
	bool ok = false;
	int fd;

	if (w->n >= ARRAY_SIZE(w->v))
		BUG("media upload writes more than %zu files",
		    ARRAY_SIZE(w->v));
	buf_addf(&fin, "%s/%s", config.media_dir, rel);
	buf_addf(&tmp, "%s/%.*s/.tmp-XXXXXX", config.media_dir,
	         slash ? (int)(slash - rel) : 0, rel);
	if ((fd = mkostemp(tmp.p, O_CLOEXEC)) < 0) {
		log_warn("cannot create a file in '%s'", tmp.p);
		goto out;
	}
	/* From here every failure unlinks tmp.  The web server (or nginx)
	 * reads the file: mkostemp made it 0600. */
	if (fchmod(fd, 0644) != 0 || !write_all(fd, p, len) || fsync(fd) != 0) {
		log_warn("cannot write '%s'", fin.p);
		close(fd);
		unlink(tmp.p);
		goto out;
	}
	if (close(fd) != 0 || rename(tmp.p, fin.p) != 0) {
		log_warn("cannot write '%s'", fin.p);
		unlink(tmp.p);
		goto out;
	}
	w->v[w->n++] = xstrdup(rel);
	ok = true;
out:
	buf_release(&tmp);
	buf_release(&fin);
	return ok;
}

/* fsync of media_dir/dir, so the renames survive a crash. */
static bool
sync_dir(const char *dir)
{
	struct buf p = BUF_INIT;
	bool ok;
	int fd;

	buf_addf(&p, "%s/%s", config.media_dir, dir);
	fd = open(p.p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ok = fd >= 0 && fsync(fd) == 0;
	if (!ok)
		log_warn("cannot sync '%s'", p.p);
	if (fd >= 0)
		close(fd);
	buf_release(&p);
	return ok;
}

/* "YYYY/MM/<32 random hex>" in a. */
static const char *
random_stem(struct arena *a, const char *dir)
{
	unsigned char raw[16];
	char hex[2 * sizeof(raw) + 1];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
	return arena_printf(a, "%s/%s", dir, hex);
}

/* Encodes every variant of the image u into stem-<w>.jpg / .webp and
 * fills m's image fields.  ERR_INVALID (with *why) if it cannot be
 * decoded, ERR_IO if a file cannot be written. */
static enum err
store_image(struct arena *a, const struct media_upload *u, const char *stem,
            struct written *w, struct media *m, const char **why)
{
	int widths[IMAGE_VARIANTS_MAX];
	struct image_info info;
	struct buf enc = BUF_INIT, list = BUF_INIT;
	size_t n;
	enum err e;

	if ((e = image_probe(u->data, u->len, &info)) != ERR_OK) {
		if (e == ERR_INVALID)
			*why = arena_printf(
			        a,
			        "Không đọc được ảnh: tệp hỏng, không đầy đủ "
			        "hoặc quá lớn (tối đa %d triệu điểm ảnh, mỗi "
			        "chiều %d điểm ảnh).",
			        IMAGE_MAX_PIXELS / 1000000, IMAGE_MAX_SIDE);
		return e;
	}
	n = image_plan(info.width, widths);
	for (size_t i = 0; i < n; i++) {
		for (int f = 0; f < IMAGE_FORMAT__MAX; f++) {
			const char *rel;
			int h = 0;

			buf_reset(&enc);
			e = image_encode(u->data, u->len, widths[i],
			                 (enum image_format)f, &enc, &h);
			if (e != ERR_OK) {
				*why = "Không đọc được ảnh: tệp hỏng hoặc "
				       "không đầy đủ.";
				goto out;
			}
			rel = arena_printf(
			        a, "%s-%d.%s", stem, widths[i],
			        image_format_ext((enum image_format)f));
			if (!write_atomic(w, rel, enc.p, enc.len)) {
				e = ERR_IO;
				goto out;
			}
			if (f == IMAGE_JPEG && i == n - 1) {
				m->path = rel;
				m->bytes = (int64_t)enc.len;
				m->width = widths[i];
				m->height = h;
			}
		}
		buf_addf(&list, "%s%d", i ? "," : "", widths[i]);
	}
	m->mime = image_format_mime(IMAGE_JPEG);
	m->widths = arena_strndup(a, list.p, list.len);
	e = ERR_OK;
out:
	buf_release(&enc);
	buf_release(&list);
	return e;
}

static enum err
media_insert_tx(struct store *s, void *arg)
{
	void **args = arg;
	struct media *m = args[0];
	const struct audit_actor *actor = args[1];
	struct audit_detail d;
	enum err e;

	if ((e = store_media_insert(s, m)) != ERR_OK)
		return e;
	audit_detail_init(&d);
	audit_detail_str(&d, "kind", media_kind_code(m->kind));
	audit_detail_str(&d, "name", m->original_name);
	audit_detail_str(&d, "path", m->path);
	audit_detail_str(&d, "mime", m->mime);
	audit_detail_int(&d, "bytes", m->bytes);
	audit_detail_str(&d, "sha256", m->sha256);
	e = audit_append(s, actor, m->uploaded_at, "media.add", "media", m->id,
	                 audit_detail_json(&d));
	audit_detail_release(&d);
	return e;
}

static const char *
sha256_hex(struct arena *a, const void *p, size_t len)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char *hex = arena_alloc(a, 2 * sizeof(h) + 1);

	crypto_hash_sha256(h, p, len);
	sodium_bin2hex(hex, 2 * sizeof(h) + 1, h, sizeof(h));
	return hex;
}

enum err
media_upload(struct store *s, struct arena *a, const struct audit_actor *actor,
             const struct media_upload *u, time_t now, struct media *out,
             bool *duplicate, const char **why)
{
	struct written w = {{0}, 0};
	struct buf dir = BUF_INIT;
	struct media_type t;
	struct media m = {0};
	const char *name, *stem;
	void *args[2];
	enum err e;

	*why = NULL;
	*duplicate = false;
	memset(out, 0, sizeof(*out));
	if (sodium_init() < 0)
		BUG("libsodium does not start");
	name = media_name_clean(a, u->name);
	if (u->len == 0) {
		*why = arena_printf(a, "Tệp “%s” rỗng.", name);
		return ERR_INVALID;
	}
	if (u->len > config.upload_max) {
		*why = arena_printf(a, "Tệp “%s” quá lớn (%s); tối đa %s.",
		                    name, size_text(a, u->len),
		                    size_text(a, config.upload_max));
		return ERR_INVALID;
	}
	if ((e = media_sniff(a, u->data, u->len, &t, why)) != ERR_OK) {
		if (*why)
			*why = arena_printf(a, "Không nhận tệp “%s”: %s", name,
			                    *why);
		return e;
	}
	if (u->kinds && !(u->kinds & (1u << t.kind))) {
		*why = arena_printf(a, "Không nhận tệp “%s” ở đây: đó là %s.",
		                    name, kind_names[t.kind]);
		return ERR_INVALID;
	}
	if (t.kind == MEDIA_CAPTION && !media_vtt_check(u->data, u->len, why))
		return ERR_INVALID;
	m.kind = t.kind;
	m.original_name = name;
	if (clean_text(a, u->alt, MEDIA_ALT_MAX, true, &m.alt) != ERR_OK) {
		*why = "Văn bản thay thế dài quá 300 ký tự hoặc có ký tự "
		       "không hợp lệ.";
		return ERR_INVALID;
	}
	/* WCAG 1.1.1: a photo carries a text alternative. */
	if (t.kind == MEDIA_IMAGE && !*m.alt) {
		*why = "Ảnh cần có văn bản thay thế: mô tả ngắn nội dung ảnh "
		       "cho người không xem được ảnh.";
		return ERR_INVALID;
	}
	if (clean_text(a, u->caption, MEDIA_CAPTION_MAX, false, &m.caption) !=
	    ERR_OK) {
		*why = "Chú thích dài quá 1000 ký tự hoặc có ký tự không hợp "
		       "lệ.";
		return ERR_INVALID;
	}
	m.sha256 = sha256_hex(a, u->data, u->len);
	e = store_media_by_sha256(s, a, m.sha256, out);
	if (e == ERR_OK) {
		*duplicate = true;
		return ERR_OK;
	}
	if (e != ERR_NOTFOUND)
		return e;
	m.search_text = search_text(a, &m);
	m.transcript = "";
	m.uploaded_by = actor->user_id;
	m.uploaded_at = now;
	if (!make_month_dir(now, &dir)) {
		buf_release(&dir);
		return ERR_IO;
	}
	stem = random_stem(a, dir.p);
	/* From here every failure goes to fail, which removes the files. */
	if (t.kind == MEDIA_IMAGE) {
		if ((e = store_image(a, u, stem, &w, &m, why)) != ERR_OK)
			goto fail;
	} else {
		m.path = arena_printf(a, "%s.%s", stem, t.ext);
		m.mime = t.mime;
		m.bytes = (int64_t)u->len;
		m.widths = "";
		if (!write_atomic(&w, m.path, u->data, u->len)) {
			e = ERR_IO;
			goto fail;
		}
	}
	if (!sync_dir(dir.p)) {
		e = ERR_IO;
		goto fail;
	}
	args[0] = &m;
	args[1] = (void *)actor;
	if ((e = store_tx(s, media_insert_tx, args)) != ERR_OK)
		goto fail;
	written_forget(&w);
	buf_release(&dir);
	*out = m;
	return ERR_OK;
fail:
	written_undo(&w);
	buf_release(&dir);
	/* The same file may have been stored meanwhile by someone else:
	 * then that upload is the one to use. */
	if (e == ERR_CONFLICT &&
	    store_media_by_sha256(s, a, m.sha256, out) == ERR_OK) {
		*duplicate = true;
		return ERR_OK;
	}
	if (!*why)
		*why = "Không lưu được tệp trên máy chủ; hãy thử lại sau.";
	return e;
}

/* Who sees and edits which files */

bool
media_sees_all(const struct user *u)
{
	return u && u->active && (user_roles(u) & ROLES_LIBRARY) != 0;
}

bool
media_may_see(const struct user *u, const struct media *m)
{
	if (media_sees_all(u))
		return true;
	return u && u->active && u->id > 0 && m->uploaded_by == u->id &&
	       (user_roles(u) & ROLES_AUTHORS) != 0;
}

/* The start of the paths of image m's variants ("2026/01/<hex>-"), which
 * an item's cover_image begins with; NULL for other kinds. */
static const char *
cover_prefix(struct arena *a, const struct media *m)
{
	const char *dash;

	if (m->kind != MEDIA_IMAGE || !(dash = strrchr(m->path, '-')))
		return NULL;
	return arena_strndup(a, m->path, (size_t)(dash - m->path) + 1);
}

/* ERR_CONFLICT with *why if a published item shows m. */
static enum err
check_unpublished(struct store *s, struct arena *a, const struct media *m,
                  const char **why)
{
	const char *title;
	int64_t item_id;
	enum err e;

	e = store_media_published_use(s, a, m->id, cover_prefix(a, m), &item_id,
	                              &title);
	if (e == ERR_NOTFOUND)
		return ERR_OK;
	if (e != ERR_OK)
		return e;
	*why = arena_printf(a,
	                    "Không sửa được tệp “%s” vì tệp đang dùng trong "
	                    "tin, bài đã đăng “%s”: thay đổi sẽ hiện ngay trên "
	                    "trang công khai mà chưa được duyệt. Muốn thay "
	                    "đổi, hãy mở bản sửa của tin, bài đó và thay tệp "
	                    "bằng tệp mới.",
	                    m->original_name, title);
	return ERR_CONFLICT;
}

enum err
media_editable(struct store *s, struct arena *a, const struct user *u,
               const struct media *m, const char **why)
{
	*why = NULL;
	if (!media_may_see(u, m))
		return ERR_DENIED;
	return check_unpublished(s, a, m, why);
}

/* Edits */

struct edit {
	struct arena *a;
	const struct user *u;
	struct media before, after;
	const struct audit_actor *actor;
	time_t now;
	const char **why;
};

static enum err
media_edit_tx(struct store *s, void *arg)
{
	struct edit *ed = arg;
	struct audit_detail d;
	enum err e;

	/* Checked again here, so an item published meanwhile cannot slip
	 * between the check and the write. */
	if ((e = media_editable(s, ed->a, ed->u, &ed->before, ed->why)) !=
	    ERR_OK)
		return e;
	if ((e = store_media_update(s, &ed->after)) != ERR_OK)
		return e;
	audit_detail_init(&d);
	audit_detail_change(&d, "alt", ed->before.alt, ed->after.alt);
	audit_detail_change(&d, "caption", ed->before.caption,
	                    ed->after.caption);
	audit_detail_change_int(&d, "captions_id", ed->before.captions_id,
	                        ed->after.captions_id);
	if (strcmp(ed->before.transcript, ed->after.transcript) != 0)
		audit_detail_int(
		        &d, "transcript_chars",
		        (int64_t)utf8_count(ed->after.transcript,
		                            strlen(ed->after.transcript)));
	e = audit_append(s, ed->actor, ed->now, "media.edit", "media",
	                 ed->after.id, audit_detail_json(&d));
	audit_detail_release(&d);
	return e;
}

/* Loads medium id for u's edit; ERR_DENIED (before anything else is
 * said about it) unless u may see it. */
static enum err
edit_load(struct store *s, struct arena *a, const struct user *u, int64_t id,
          struct edit *ed, const struct audit_actor *actor, time_t now,
          const char **why)
{
	enum err e;

	if ((e = store_media_get(s, a, id, &ed->before)) != ERR_OK)
		return e;
	if (!media_may_see(u, &ed->before))
		return ERR_DENIED;
	ed->a = a;
	ed->u = u;
	ed->after = ed->before;
	ed->actor = actor;
	ed->now = now;
	ed->why = why;
	return ERR_OK;
}

enum err
media_set_text(struct store *s, struct arena *a, const struct user *u,
               const struct audit_actor *actor, int64_t id, const char *alt,
               const char *caption, time_t now, const char **why)
{
	struct edit ed;
	enum err e;

	*why = NULL;
	if ((e = edit_load(s, a, u, id, &ed, actor, now, why)) != ERR_OK)
		return e;
	if (clean_text(a, alt, MEDIA_ALT_MAX, true, &ed.after.alt) != ERR_OK) {
		*why = "Văn bản thay thế dài quá 300 ký tự hoặc có ký tự "
		       "không hợp lệ.";
		return ERR_INVALID;
	}
	if (ed.after.kind == MEDIA_IMAGE && !*ed.after.alt) {
		*why = "Ảnh cần có văn bản thay thế: mô tả ngắn nội dung ảnh "
		       "cho người không xem được ảnh.";
		return ERR_INVALID;
	}
	if (clean_text(a, caption, MEDIA_CAPTION_MAX, false,
	               &ed.after.caption) != ERR_OK) {
		*why = "Chú thích dài quá 1000 ký tự hoặc có ký tự không hợp "
		       "lệ.";
		return ERR_INVALID;
	}
	ed.after.search_text = search_text(a, &ed.after);
	return store_tx(s, media_edit_tx, &ed);
}

static bool
is_recording(enum media_kind k)
{
	return k == MEDIA_AUDIO || k == MEDIA_VIDEO;
}

enum err
media_set_captions(struct store *s, struct arena *a, const struct user *u,
                   const struct audit_actor *actor, int64_t id, int64_t vtt_id,
                   time_t now, const char **why)
{
	struct media vtt;
	struct edit ed;
	enum err e;

	*why = NULL;
	if ((e = edit_load(s, a, u, id, &ed, actor, now, why)) != ERR_OK)
		return e;
	if (!is_recording(ed.before.kind)) {
		*why = "Chỉ tệp âm thanh hoặc video mới có phụ đề.";
		return ERR_INVALID;
	}
	if (vtt_id) {
		if ((e = store_media_get(s, a, vtt_id, &vtt)) != ERR_OK)
			return e;
		if (!media_may_see(u, &vtt))
			return ERR_DENIED;
		if (vtt.kind != MEDIA_CAPTION) {
			*why = "Phụ đề phải là một tệp WebVTT.";
			return ERR_INVALID;
		}
	}
	ed.after.captions_id = vtt_id;
	return store_tx(s, media_edit_tx, &ed);
}

enum err
media_set_transcript(struct store *s, struct arena *a, const struct user *u,
                     const struct audit_actor *actor, int64_t id,
                     const char *text, time_t now, const char **why)
{
	struct edit ed;
	enum err e;

	*why = NULL;
	if ((e = edit_load(s, a, u, id, &ed, actor, now, why)) != ERR_OK)
		return e;
	if (!is_recording(ed.before.kind)) {
		*why = "Chỉ tệp âm thanh hoặc video mới có bản ghi lời.";
		return ERR_INVALID;
	}
	if ((text && strlen(text) > MEDIA_TRANSCRIPT_MAX) ||
	    clean_text(a, text, MEDIA_TRANSCRIPT_MAX, false,
	               &ed.after.transcript) != ERR_OK) {
		*why = "Bản ghi lời quá dài (tối đa 512 KB) hoặc có ký tự "
		       "không hợp lệ.";
		return ERR_INVALID;
	}
	return store_tx(s, media_edit_tx, &ed);
}

/* The library */

enum err
media_find(struct store *s, struct arena *a, const struct media_query *q,
           struct media_list *out)
{
	struct buf fold = BUF_INIT, pat = BUF_INIT;
	const char *pattern = NULL;
	size_t limit = q->limit;
	bool space = false;
	enum err e;

	memset(out, 0, sizeof(*out));
	if (limit == 0 || limit > MEDIA_PAGE_MAX)
		limit = MEDIA_PAGE_MAX;
	if (q->text && *q->text) {
		if (!utf8_valid(q->text, strlen(q->text)))
			return ERR_INVALID;
		vnfold(&fold, q->text, strlen(q->text));
		/* Words in order, anything between: "hoi nghi" is
		 * %hoi%nghi%.  LIKE's own characters are escaped. */
		buf_addch(&pat, '%');
		for (size_t i = 0; i < fold.len; i++) {
			char c = fold.p[i];

			if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				space = true;
				continue;
			}
			if (space && pat.len > 1)
				buf_addch(&pat, '%');
			space = false;
			if (c == '%' || c == '_' || c == '\\')
				buf_addch(&pat, '\\');
			buf_addch(&pat, c);
		}
		buf_addch(&pat, '%');
		if (pat.len > 2)
			pattern = arena_strndup(a, pat.p, pat.len);
	}
	e = store_media_find(s, a, q->kind, pattern, q->uploaded_by, q->offset,
	                     limit, out);
	buf_release(&fold);
	buf_release(&pat);
	return e;
}

void
media_variant_path(struct buf *out, const struct media *m, int w,
                   enum image_format f)
{
	const char *dash = strrchr(m->path, '-');
	size_t stem = dash ? (size_t)(dash - m->path) : strlen(m->path);

	buf_addf(out, "%.*s-%d.%s", (int)stem, m->path, w, image_format_ext(f));
}

void
media_srcset(struct buf *out, const struct media *m, const char *prefix,
             enum image_format f)
{
	const char *p = m->widths;
	bool first = true;

	if (m->kind != MEDIA_IMAGE)
		return;
	while (p && *p) {
		char *end;
		long w = strtol(p, &end, 10);

		if (end == p || w <= 0)
			break;
		if (!first)
			buf_adds(out, ", ");
		first = false;
		buf_adds(out, prefix);
		media_variant_path(out, m, (int)w, f);
		buf_addf(out, " %ldw", w);
		p = *end == ',' ? end + 1 : end;
	}
}

/* The media of items */

struct album {
	struct arena *a;
	const struct user *u; /* NULL: media_album_set (no account) */
	int64_t item_id;
	const struct media_album_entry *in;
	size_t n;
	const struct audit_actor *actor;
	time_t now;
	const char **why;
};

/* Checks the entries of al against item it and fills v[0..al->n) and
 * the ids for the audit entry. */
static enum err
album_build(struct store *s, struct album *al, const struct item *it,
            struct item_media *v, struct buf *ids)
{
	struct arena *a = al->a;
	enum err e;

	for (size_t i = 0; i < al->n; i++) {
		const struct media_album_entry *in = &al->in[i];
		struct item_media *im = &v[i];

		for (size_t j = 0; j < i; j++)
			if (al->in[j].media_id == in->media_id) {
				*al->why = "Một tệp chỉ được đưa vào tin một "
				           "lần.";
				return ERR_INVALID;
			}
		if ((e = store_media_get(s, a, in->media_id, &im->m)) != ERR_OK)
			return e;
		if (im->m.kind == MEDIA_CAPTION) {
			*al->why = arena_printf(
			        a,
			        "“%s” là tệp phụ đề: hãy gắn nó vào tệp âm "
			        "thanh hoặc video, không gắn vào tin.",
			        im->m.original_name);
			return ERR_INVALID;
		}
		if (it->kind == ITEM_KIND_ANH && im->m.kind != MEDIA_IMAGE) {
			*al->why =
			        arena_printf(a,
			                     "Tin ảnh chỉ gồm ảnh: “%s” không "
			                     "phải ảnh.",
			                     im->m.original_name);
			return ERR_INVALID;
		}
		if (clean_text(a, in->caption, MEDIA_CAPTION_MAX, false,
		               &im->caption) != ERR_OK) {
			*al->why = arena_printf(
			        a,
			        "Chú thích của tệp thứ %zu dài quá "
			        "1000 ký tự hoặc có ký tự không hợp "
			        "lệ.",
			        i + 1);
			return ERR_INVALID;
		}
		im->item_id = it->id;
		im->media_id = in->media_id;
		im->position = (int)i + 1;
		buf_addf(ids, "%s%" PRId64, i ? "," : "", in->media_id);
	}
	return ERR_OK;
}

/* True while a correction of published item it (flow f) is open. */
static bool
correcting(const struct item *it, const struct item_flow *f)
{
	return it->state == ITEM_STATE_PUBLISHED &&
	       (unsigned)f->corr_state < ITEM_STATE__MAX;
}

static enum err
album_tx(struct store *s, void *arg)
{
	struct album *al = arg;
	struct item_media *v;
	struct audit_detail d;
	struct buf ids = BUF_INIT;
	struct item_flow f;
	struct item_ref ref;
	struct item it;
	struct user me;
	bool pending;
	enum err e;

	if ((e = store_item_get(s, al->a, al->item_id, &it)) != ERR_OK)
		return e;
	e = store_flow_get(s, al->a, al->item_id, &f);
	if (e != ERR_OK && e != ERR_NOTFOUND)
		return e;
	if (al->u) {
		/* The account, the item and its flow as they are now: a
		 * correction published or a role taken away since the page
		 * was shown is seen here. */
		if (al->u->id <= 0)
			return ERR_DENIED;
		e = store_user_get(s, al->a, al->u->id, &me);
		if (e == ERR_NOTFOUND)
			return ERR_DENIED;
		if (e != ERR_OK)
			return e;
		workflow_ref(&ref, &it, &f);
		if (!workflow_allowed(&me, &ref, WF_EDIT))
			return ERR_DENIED;
	} else if (it.state == ITEM_STATE_PUBLISHED || it.published_at) {
		return ERR_CONFLICT;
	}
	pending = correcting(&it, &f);
	v = al->n ? arena_calloc(al->a, al->n, sizeof(*v)) : NULL;
	if ((e = album_build(s, al, &it, v, &ids)) != ERR_OK)
		goto out;
	/* The public page keeps the published album while a correction is
	 * open: only the correction's publication changes it. */
	e = pending ? store_item_media_pending_set(s, it.id, v, al->n, al->now)
	            : store_item_media_set(s, it.id, v, al->n);
	if (e != ERR_OK)
		goto out;
	audit_detail_init(&d);
	audit_detail_int(&d, "count", (int64_t)al->n);
	audit_detail_str(&d, "media", ids.p);
	if (pending)
		audit_detail_str(&d, "album", "correction");
	e = audit_append(s, al->actor, al->now, "item.media", "item", it.id,
	                 audit_detail_json(&d));
	audit_detail_release(&d);
out:
	buf_release(&ids);
	return e;
}

static enum err
album_run(struct store *s, struct album *al)
{
	*al->why = NULL;
	if (al->n > MEDIA_ALBUM_MAX) {
		*al->why = arena_printf(al->a, "Một tin có tối đa %d tệp.",
		                        MEDIA_ALBUM_MAX);
		return ERR_INVALID;
	}
	return store_tx(s, album_tx, al);
}

enum err
media_album_edit(struct store *s, struct arena *a, const struct user *u,
                 const struct audit_actor *actor, int64_t item_id,
                 const struct media_album_entry *v, size_t n, time_t now,
                 const char **why)
{
	struct album al = {a, u, item_id, v, n, actor, now, why};

	*why = NULL;
	if (!u)
		return ERR_DENIED;
	return album_run(s, &al);
}

enum err
media_album_set(struct store *s, struct arena *a,
                const struct audit_actor *actor, int64_t item_id,
                const struct media_album_entry *v, size_t n, time_t now,
                const char **why)
{
	struct album al = {a, NULL, item_id, v, n, actor, now, why};

	return album_run(s, &al);
}

enum err
media_album_get(struct store *s, struct arena *a, int64_t item_id,
                struct item_media **out, size_t *n)
{
	return store_item_media_list(s, a, item_id, out, n);
}

enum err
media_album_work(struct store *s, struct arena *a, int64_t item_id,
                 struct item_media **out, size_t *n)
{
	bool exists;
	enum err e;

	e = store_item_media_pending_list(s, a, item_id, out, n, &exists);
	if (e != ERR_OK || exists)
		return e;
	return store_item_media_list(s, a, item_id, out, n);
}

enum err
media_album_commit(struct store *s, int64_t item_id)
{
	return store_item_media_pending_apply(s, item_id, NULL);
}

enum err
media_album_drop(struct store *s, int64_t item_id)
{
	return store_item_media_pending_drop(s, item_id);
}

/* Accessibility */

struct lack_list {
	struct arena *a;
	const char **v;
	size_t n, cap;
};

static void
lack_add(struct lack_list *l, const char *msg)
{
	if (l->n == l->cap) {
		const char **nv;

		l->cap = l->cap ? 2 * l->cap : 8;
		nv = arena_alloc(l->a, st_mult(l->cap, sizeof(*nv)));
		if (l->n)
			memcpy(nv, l->v, l->n * sizeof(*nv));
		l->v = nv;
	}
	l->v[l->n++] = msg;
}

enum err
media_accessible(struct store *s, struct arena *a, const struct item *it,
                 struct media_lack *out)
{
	struct lack_list l = {a, NULL, 0, 0};
	struct item_media *v;
	size_t n, images = 0, audio = 0, video = 0;
	enum err e;

	memset(out, 0, sizeof(*out));
	if ((e = media_album_work(s, a, it->id, &v, &n)) != ERR_OK)
		return e;
	for (size_t i = 0; i < n; i++) {
		const struct media *m = &v[i].m;

		images += m->kind == MEDIA_IMAGE;
		audio += m->kind == MEDIA_AUDIO;
		video += m->kind == MEDIA_VIDEO;
		/* WCAG 1.1.1 (the schema also requires it). */
		if (m->kind == MEDIA_IMAGE && !*m->alt)
			lack_add(&l, arena_printf(a,
			                          "Ảnh “%s” chưa có văn bản "
			                          "thay thế.",
			                          m->original_name));
		/* A photo of the photo library is shown with its caption. */
		if (it->kind == ITEM_KIND_ANH && m->kind == MEDIA_IMAGE &&
		    !*v[i].caption && !*m->caption)
			lack_add(&l, arena_printf(a,
			                          "Ảnh thứ %zu (“%s”) chưa có "
			                          "chú thích.",
			                          i + 1, m->original_name));
		/* WCAG 1.2.1: recorded audio needs a transcript, since
		 * browsers show no <track> of an <audio> (its captions
		 * alone reach nobody who cannot hear it). */
		if (m->kind == MEDIA_AUDIO && !*m->transcript)
			lack_add(&l, arena_printf(a,
			                          "Tệp âm thanh “%s” chưa có "
			                          "bản ghi lời (phụ đề WebVTT "
			                          "không hiện với tệp âm "
			                          "thanh).",
			                          m->original_name));
		/* WCAG 1.2.2, 1.2.1: video needs captions or a
		 * transcript. */
		if (m->kind == MEDIA_VIDEO && !m->captions_id &&
		    !*m->transcript)
			lack_add(&l, arena_printf(a,
			                          "Tệp video “%s” chưa có phụ "
			                          "đề (tệp WebVTT) hoặc bản "
			                          "ghi lời.",
			                          m->original_name));
	}
	if (it->kind == ITEM_KIND_ANH && !images)
		lack_add(&l, "Tin ảnh chưa có ảnh nào.");
	if (it->kind == ITEM_KIND_AM_THANH && !audio)
		lack_add(&l, "Tin âm thanh chưa có tệp âm thanh.");
	if (it->kind == ITEM_KIND_VIDEO && !video)
		lack_add(&l, "Tin video chưa có tệp video.");
	out->v = l.v;
	out->n = l.n;
	return ERR_OK;
}
