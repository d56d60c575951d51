/* Tests of the media pipeline (issue 4 item 7): sniffing by content, the
 * disguised script refused, size cap, photos re-encoded (EXIF and GPS
 * gone, orientation applied, widths never upscaled, WebP beside JPEG),
 * alt text required, WebVTT, duplicates, albums, the library search,
 * the accessibility check (WCAG 1.2; audio needs a transcript) and
 * atomic files; who may see and edit which file, files of published
 * items locked, and a correction's album kept pending until the
 * correction is published (dropped if discarded).  Every test file is
 * made here, by hand or with libvips: nothing binary is committed. */
#include "common.h"

#include <ftw.h>
#include <setjmp.h>
#include <cmocka.h>
#include <vips/vips.h>

#include "config.h"
#include "image.h"
#include "media.h"
#include "media_int.h"
#include "store_fixture.h"
#include "utf8.h"
#include "workflow.h"

#define T0 ((time_t)1767225600) /* 2026-01-01 */

struct fx {
	char path[FIXTURE_PATH_MAX];
	char dir[FIXTURE_PATH_MAX];
	struct store *s;
	struct arena a;
	struct audit_actor actor;
	int64_t cat;
	/* Accounts: an editor of the whole library (Secretariat), the
	 * Board's Head, the Office, and two staff members. */
	struct user ed, head, office, staff, staff2;
	struct audit_actor ed_au, head_au, office_au, staff_au, staff2_au;
};

static void
person(struct fx *f, struct user *u, struct audit_actor *au, const char *email,
       const char *roles)
{
	assert_int_equal(fixture_user_add(f->s, u, email, email, roles, 0, T0),
	                 ERR_OK);
	*au = (struct audit_actor){u->id, u->email, "192.0.2.1"};
}

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct category c = {0};

	config_defaults(&config);
	assert_int_equal(fixture_db_open(f->path, "media", &f->s), ERR_OK);
	snprintf(f->dir, sizeof(f->dir), "%s/ttdt-media-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	assert_int_equal(config_set(&config, "paths", "media_dir", f->dir), 0);
	arena_init(&f->a, 8192);
	f->actor = (struct audit_actor){0, "cli:test", ""};
	c.slug = "thu-vien-anh";
	c.name = "Thư viện ảnh";
	assert_int_equal(store_category_insert(f->s, &c), ERR_OK);
	f->cat = c.id;
	person(f, &f->ed, &f->ed_au, "thuky@t.example", "secretariat");
	person(f, &f->head, &f->head_au, "truongban@t.example", "board-head");
	person(f, &f->office, &f->office_au, "vanphong@t.example", "office");
	person(f, &f->staff, &f->staff_au, "cv1@t.example", "staff");
	person(f, &f->staff2, &f->staff2_au, "cv2@t.example", "staff");
	media_fault_write = 0;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	fixture_db_remove(f->s, f->path);
	nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	arena_release(&f->a);
	config_release(&config);
	free(f);
	return 0;
}

/* Counting regular files below the media folder. */
static size_t files_seen;

static int
count_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)p;
	(void)ftw;
	if (flag == FTW_F && S_ISREG(st->st_mode))
		files_seen++;
	return 0;
}

static size_t
count_files(const struct fx *f)
{
	files_seen = 0;
	nftw(f->dir, count_one, 16, FTW_PHYS);
	return files_seen;
}

static int64_t
count_rows(struct fx *f)
{
	struct media_query q = {MEDIA_KIND__MAX, NULL, 0, 1, 0};
	struct media_list l;

	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_OK);
	return (int64_t)l.total;
}

/* Reads a whole file below the media folder into b. */
static void
read_media(const struct fx *f, const char *rel, struct buf *b)
{
	char p[512];
	char chunk[4096];
	FILE *fp;
	size_t n;

	snprintf(p, sizeof(p), "%s/%s", f->dir, rel);
	assert_non_null(fp = fopen(p, "rb"));
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(b, chunk, n);
	fclose(fp);
}

/* Test pictures */

/* A w x h RGB picture: left half white, right half black, plus a
 * band of grey level `tint` at the bottom so pictures differ. */
static VipsImage *
picture(int w, int h, int tint)
{
	double white[3] = {255, 255, 255}, grey[3] = {tint, tint, tint};
	VipsImage *black, *mem;

	assert_true(image_init());
	assert_int_equal(vips_black(&black, w, h, "bands", 3, NULL), 0);
	assert_non_null(mem = vips_image_copy_memory(black));
	g_object_unref(black);
	assert_int_equal(vips_draw_rect(mem, white, 3, 0, 0, w / 2, h, "fill",
	                                TRUE, NULL),
	                 0);
	assert_int_equal(vips_draw_rect(mem, grey, 3, 0, h - h / 8, w, h / 8,
	                                "fill", TRUE, NULL),
	                 0);
	return mem;
}

static void
save_buf(VipsImage *im, const char *fmt, struct buf *out)
{
	void *data;
	size_t len;
	int rc;

	if (strcmp(fmt, "png") == 0)
		rc = vips_pngsave_buffer(im, &data, &len, NULL);
	else
		rc = vips_jpegsave_buffer(im, &data, &len, "Q", 90, NULL);
	assert_int_equal(rc, 0);
	buf_add(out, data, len);
	g_free(data);
}

static void
put16(struct buf *b, unsigned v)
{
	buf_addch(b, (char)(v & 0xff));
	buf_addch(b, (char)(v >> 8));
}

static void
put32(struct buf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

/* An IFD entry (little-endian TIFF). */
static void
entry(struct buf *b, unsigned tag, unsigned type, uint32_t count,
      uint32_t value)
{
	put16(b, tag);
	put16(b, type);
	put32(b, count);
	put32(b, value);
}

/*
 * A JPEG as a camera writes it: an APP1 EXIF segment right after SOI
 * with IFD0 { Orientation = orientation, GPSInfo -> GPS IFD
 * { GPSLatitudeRef "N", GPSLatitude 14/1 21/1 0/1 } } (Kon Tum), and a
 * COM segment holding a script, before the picture's own segments.
 */
static void
camera_jpeg(VipsImage *im, int orientation, struct buf *out)
{
	struct buf jpg = BUF_INIT, tiff = BUF_INIT, com = BUF_INIT;
	static const char script[] = "<script>alert('gps')</script>";

	save_buf(im, "jpeg", &jpg);
	buf_add(&tiff, "Exif\0\0II*\0", 10);
	put32(&tiff, 8);
	/* IFD0 at 8: two entries, next 0; GPS IFD at 8 + 30 = 38. */
	put16(&tiff, 2);
	entry(&tiff, 0x0112, 3, 1, (uint32_t)orientation);
	entry(&tiff, 0x8825, 4, 1, 38);
	put32(&tiff, 0);
	/* GPS IFD at 38: two entries, next 0; rationals at 68. */
	put16(&tiff, 2);
	entry(&tiff, 0x0001, 2, 2, 'N');
	entry(&tiff, 0x0002, 5, 3, 68);
	put32(&tiff, 0);
	put32(&tiff, 14), put32(&tiff, 1);
	put32(&tiff, 21), put32(&tiff, 1);
	put32(&tiff, 0), put32(&tiff, 1);
	assert_int_equal(tiff.len, 6 + 68 + 24);
	buf_add(out, jpg.p, 2); /* SOI */
	buf_addch(out, (char)0xff);
	buf_addch(out, (char)0xe1);
	buf_addch(out, (char)((tiff.len + 2) >> 8));
	buf_addch(out, (char)((tiff.len + 2) & 0xff));
	buf_add(out, tiff.p, tiff.len);
	buf_add(&com, script, sizeof(script) - 1);
	buf_addch(out, (char)0xff);
	buf_addch(out, (char)0xfe);
	buf_addch(out, (char)((com.len + 2) >> 8));
	buf_addch(out, (char)((com.len + 2) & 0xff));
	buf_add(out, com.p, com.len);
	buf_add(out, jpg.p + 2, jpg.len - 2);
	buf_release(&jpg);
	buf_release(&tiff);
	buf_release(&com);
}

static void
make_jpeg(int w, int h, int tint, struct buf *out)
{
	VipsImage *im = picture(w, h, tint);

	save_buf(im, "jpeg", out);
	g_object_unref(im);
}

/* Other types, made by hand */

static void
make_wav(struct buf *b)
{
	buf_add(b, "RIFF", 4);
	put32(b, 36 + 800);
	buf_add(b, "WAVEfmt ", 8);
	put32(b, 16);
	put16(b, 1), put16(b, 1);
	put32(b, 8000), put32(b, 8000);
	put16(b, 1), put16(b, 8);
	buf_add(b, "data", 4);
	put32(b, 800);
	for (int i = 0; i < 800; i++)
		buf_addch(b, (char)(128 + (i % 16)));
}

static void
make_mp3(struct buf *b)
{
	buf_add(b, "ID3\x03\0\0\0\0\0\0", 10);
	for (int i = 0; i < 4; i++) {
		buf_add(b, "\xff\xfb\x90\x64", 4);
		for (int k = 0; k < 413; k++)
			buf_addch(b, 0);
	}
}

/* An ISO media file: ftyp with brand (4 letters), then free space. */
static void
make_iso(struct buf *b, const char *brand)
{
	static const char be24[] = {0, 0, 0, 24}, be8[] = {0, 0, 0, 8},
	                  ver[] = {0, 0, 2, 0};

	buf_add(b, be24, 4);
	buf_add(b, "ftyp", 4);
	buf_add(b, brand, 4);
	buf_add(b, ver, 4);
	buf_add(b, brand, 4);
	buf_add(b, "isom", 4);
	buf_add(b, be8, 4);
	buf_add(b, "free", 4);
	for (int i = 0; i < 200; i++)
		buf_addch(b, (char)i);
}

static void
make_webm(struct buf *b)
{
	static const char h[] = "\x1a\x45\xdf\xa3\x9f"
	                        "\x42\x86\x81\x01\x42\xf7\x81\x01"
	                        "\x42\xf2\x81\x04\x42\xf3\x81\x08"
	                        "\x42\x82\x84webm"
	                        "\x42\x87\x81\x02\x42\x85\x81\x02";

	buf_add(b, h, sizeof(h) - 1);
	for (int i = 0; i < 100; i++)
		buf_addch(b, 0);
}

static void
make_ogg(struct buf *b)
{
	buf_add(b, "OggS\0\x02", 6);
	for (int i = 0; i < 20; i++)
		buf_addch(b, 0);
	buf_add(b, "\x01\x1e\x01vorbis", 10);
	for (int i = 0; i < 200; i++)
		buf_addch(b, 0);
}

static const char pdf[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                          "trailer\n<< /Root 1 0 R >>\n%%EOF\n";

/* A zip of stored (uncompressed) entries, local headers only: enough for
 * libmagic, which reads the first entries' names. */
static void
zip_entry(struct buf *b, const char *name, const char *data)
{
	size_t nl = strlen(name), dl = strlen(data);

	buf_add(b, "PK\x03\x04", 4);
	put16(b, 20), put16(b, 0), put16(b, 0); /* version, flags, stored */
	put16(b, 0), put16(b, 0);               /* time, date */
	put32(b, 0);                            /* crc (unchecked here) */
	put32(b, (uint32_t)dl), put32(b, (uint32_t)dl);
	put16(b, (unsigned)nl), put16(b, 0);
	buf_add(b, name, nl);
	buf_add(b, data, dl);
}

static void
make_docx(struct buf *b)
{
	zip_entry(b, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>");
	zip_entry(b, "_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>");
	zip_entry(b, "word/document.xml", "<?xml version=\"1.0\"?><document/>");
}

static const char vtt[] = "WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào\n";

/* Sniffing */

static void
sniff_ok(struct arena *a, const void *p, size_t len, enum media_kind kind,
         const char *mime, const char *ext)
{
	struct media_type t;
	const char *why;

	assert_int_equal(media_sniff(a, p, len, &t, &why), ERR_OK);
	assert_int_equal(t.kind, kind);
	assert_string_equal(t.mime, mime);
	assert_string_equal(t.ext, ext);
}

static void
test_media__img_sniff_types(void **state)
{
	struct fx *f = *state;
	struct buf b = BUF_INIT;
	VipsImage *im = picture(40, 30, 7);

	save_buf(im, "jpeg", &b);
	sniff_ok(&f->a, b.p, b.len, MEDIA_IMAGE, "image/jpeg", "jpg");
	buf_reset(&b);
	save_buf(im, "png", &b);
	sniff_ok(&f->a, b.p, b.len, MEDIA_IMAGE, "image/png", "png");
	g_object_unref(im);
	buf_reset(&b);
	make_wav(&b);
	sniff_ok(&f->a, b.p, b.len, MEDIA_AUDIO, "audio/wav", "wav");
	buf_reset(&b);
	make_mp3(&b);
	sniff_ok(&f->a, b.p, b.len, MEDIA_AUDIO, "audio/mpeg", "mp3");
	buf_reset(&b);
	make_iso(&b, "M4A ");
	sniff_ok(&f->a, b.p, b.len, MEDIA_AUDIO, "audio/mp4", "m4a");
	buf_reset(&b);
	make_ogg(&b);
	sniff_ok(&f->a, b.p, b.len, MEDIA_AUDIO, "audio/ogg", "ogg");
	buf_reset(&b);
	make_iso(&b, "isom");
	sniff_ok(&f->a, b.p, b.len, MEDIA_VIDEO, "video/mp4", "mp4");
	buf_reset(&b);
	make_webm(&b);
	sniff_ok(&f->a, b.p, b.len, MEDIA_VIDEO, "video/webm", "webm");
	sniff_ok(&f->a, pdf, sizeof(pdf) - 1, MEDIA_PDF, "application/pdf",
	         "pdf");
	buf_reset(&b);
	make_docx(&b);
	sniff_ok(&f->a, b.p, b.len, MEDIA_OFFICE,
	         "application/vnd.openxmlformats-officedocument."
	         "wordprocessingml.document",
	         "docx");
	sniff_ok(&f->a, vtt, sizeof(vtt) - 1, MEDIA_CAPTION, "text/vtt", "vtt");
	buf_release(&b);
}

/* libmagic handles are per thread: several threads sniffing at once
 * each get the right answers (and their handles are closed at exit). */
static void *
sniff_worker(void *arg)
{
	static const char script[] = "<script>alert(1)</script>\n";
	struct buf wav = BUF_INIT;
	struct arena a;
	struct media_type t;
	const char *why;
	intptr_t bad = 0;

	(void)arg;
	arena_init(&a, 4096);
	make_wav(&wav);
	for (int i = 0; i < 100; i++) {
		bad += media_sniff(&a, pdf, sizeof(pdf) - 1, &t, &why) !=
		               ERR_OK ||
		       t.kind != MEDIA_PDF;
		bad += media_sniff(&a, wav.p, wav.len, &t, &why) != ERR_OK ||
		       t.kind != MEDIA_AUDIO;
		bad += media_sniff(&a, script, sizeof(script) - 1, &t, &why) !=
		       ERR_INVALID;
		arena_reset(&a);
	}
	arena_release(&a);
	buf_release(&wav);
	return (void *)bad;
}

static void
test_media__sniff_threads(void **state)
{
	pthread_t th[4];
	void *bad;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(th); i++)
		assert_int_equal(
		        pthread_create(&th[i], NULL, sniff_worker, NULL), 0);
	for (size_t i = 0; i < ARRAY_SIZE(th); i++) {
		assert_int_equal(pthread_join(th[i], &bad), 0);
		assert_null(bad);
	}
}

/* Refused contents, whatever the name: the message names the file and
 * says what the content is. */
static void
refused(struct fx *f, const char *name, const void *p, size_t len,
        const char *says)
{
	struct media_upload u = {p, len, name, "Ảnh", NULL, 0};
	struct media m;
	const char *why;
	bool dup;

	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_INVALID);
	assert_non_null(why);
	assert_true(utf8_valid(why, strlen(why)));
	assert_non_null(strstr(why, name));
	if (!strstr(why, says))
		fail_msg("'%s' does not say '%s'", why, says);
}

static void
test_media__disguised_refused(void **state)
{
	struct fx *f = *state;
	static const char script[] = "<script>alert(1)</script>\n";
	static const char html[] =
	        "<!DOCTYPE html><html><body><script>x()</script></body>"
	        "</html>\n";
	static const char php[] = "<?php system($_GET['c']); ?>\n";
	static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\">"
	                          "<script>alert(1)</script></svg>\n";
	struct buf elf = BUF_INIT;

	refused(f, "x.jpg", script, sizeof(script) - 1, "mã lệnh");
	refused(f, "trang.jpg", html, sizeof(html) - 1, "text/html");
	refused(f, "anh.jpeg", php, sizeof(php) - 1, "text/x-php");
	refused(f, "logo.svg.png", svg, sizeof(svg) - 1, "SVG");
	buf_add(&elf,
	        "\x7f"
	        "ELF\x02\x01\x01\0",
	        8);
	for (int i = 0; i < 8; i++)
		buf_addch(&elf, 0);
	buf_add(&elf, "\x02\0\x3e\0\x01\0\0\0", 8);
	for (int i = 0; i < 200; i++)
		buf_addch(&elf, 0);
	refused(f, "photo.jpg", elf.p, elf.len, "chương trình");
	refused(f, "ghi-chu.pdf", "chỉ là chữ\n", strlen("chỉ là chữ\n"),
	        "text/plain");
	buf_release(&elf);
	/* Nothing was stored. */
	assert_int_equal(count_files(f), 0);
	assert_int_equal(count_rows(f), 0);
}

static void
test_media__oversize_and_empty(void **state)
{
	struct fx *f = *state;
	struct buf big = BUF_INIT;
	struct media_upload u = {NULL, 0, "bao-cao.pdf", NULL, NULL, 0};
	struct media m;
	const char *why;
	bool dup;

	config.upload_max = 4096;
	buf_adds(&big, pdf);
	while (big.len <= 4096)
		buf_adds(&big, "% padding\n");
	u.data = big.p;
	u.len = big.len;
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_INVALID);
	assert_non_null(strstr(why, "quá lớn"));
	assert_non_null(strstr(why, "tối đa 4 KB"));
	u.len = 4096;
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_OK);
	assert_int_equal(m.kind, MEDIA_PDF);
	u.len = 0;
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_INVALID);
	assert_non_null(strstr(why, "rỗng"));
	assert_int_equal(count_rows(f), 1);
	assert_int_equal(count_files(f), 1);
	buf_release(&big);
}

static void
test_media__stored_as_is(void **state)
{
	struct fx *f = *state;
	struct media_upload u = {pdf,
	                         sizeof(pdf) - 1,
	                         "C:\\Users\\hoa\\Báo cáo <tháng>.html",
	                         NULL,
	                         "  Báo cáo tháng 1  ",
	                         0};
	struct buf got = BUF_INIT;
	struct media m, again;
	const char *why;
	bool dup;

	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_OK);
	assert_false(dup);
	assert_true(m.id > 0);
	assert_string_equal(m.mime, "application/pdf");
	assert_string_equal(m.original_name, "Báo cáo tháng.html");
	assert_string_equal(m.caption, "Báo cáo tháng 1");
	/* "YYYY/MM/<32 hex>.pdf": never the user's name. */
	assert_int_equal(strlen(m.path), strlen("2026/01/") + 32 + 4);
	assert_memory_equal(m.path, "2026/01/", 8);
	assert_string_equal(m.path + strlen(m.path) - 4, ".pdf");
	assert_int_equal(m.bytes, sizeof(pdf) - 1);
	read_media(f, m.path, &got);
	assert_int_equal(got.len, sizeof(pdf) - 1);
	assert_memory_equal(got.p, pdf, got.len);
	assert_int_equal(store_media_get(f->s, &f->a, m.id, &again), ERR_OK);
	assert_string_equal(again.path, m.path);
	assert_string_equal(again.sha256, m.sha256);
	assert_int_equal(strlen(again.sha256), 64);
	buf_release(&got);
}

static void
test_media__name_clean(void **state)
{
	struct fx *f = *state;
	/* NFD: "Ả" as A + U+0309, "ộ" as o + U+0323 + U+0302 would do
	 * too; utf8proc recomposes either. */
	const char *nfd = "A\xcc\x89nh h\xe1\xbb\x99i ngh\xe1\xbb\x8b.JPG";

	assert_string_equal(media_name_clean(&f->a, "../../etc/passwd"),
	                    "passwd");
	assert_string_equal(media_name_clean(&f->a, nfd), "Ảnh hội nghị.JPG");
	assert_string_equal(media_name_clean(&f->a, "<script>.jpg"),
	                    "script.jpg");
	assert_string_equal(media_name_clean(&f->a, " ... "), "tệp");
	assert_string_equal(media_name_clean(&f->a, "\xff\xfe.jpg"), "tệp");
	assert_string_equal(media_name_clean(&f->a, NULL), "tệp");
	assert_string_equal(media_name_clean(&f->a, "a\r\nb\t.pdf"), "ab.pdf");
}

/* Photos */

static void
test_media__img_alt_required(void **state)
{
	struct fx *f = *state;
	struct buf jpg = BUF_INIT;
	struct media_upload u = {NULL, 0, "anh.jpg", "   ", NULL, 0};
	struct media m;
	const char *why;
	bool dup;

	make_jpeg(100, 80, 3, &jpg);
	u.data = jpg.p;
	u.len = jpg.len;
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_INVALID);
	assert_non_null(strstr(why, "văn bản thay thế"));
	u.alt = NULL;
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_INVALID);
	assert_int_equal(count_files(f), 0);
	assert_int_equal(count_rows(f), 0);
	u.alt = "Quang cảnh hội nghị";
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_OK);
	assert_string_equal(m.alt, "Quang cảnh hội nghị");
	/* Nor can an edit take it away. */
	assert_int_equal(media_set_text(f->s, &f->a, &f->ed, &f->actor, m.id,
	                                "", "Chú thích", T0, &why),
	                 ERR_INVALID);
	assert_non_null(strstr(why, "văn bản thay thế"));
	assert_int_equal(media_set_text(f->s, &f->a, &f->ed, &f->actor, m.id,
	                                "Toàn cảnh hội nghị", "Chú thích", T0,
	                                &why),
	                 ERR_OK);
	buf_release(&jpg);
}

static bool
has_bytes(const struct buf *b, const char *needle, size_t n)
{
	return memmem(b->p, b->len, needle, n) != NULL;
}

static void
test_media__img_exif_stripped_and_rotated(void **state)
{
	struct fx *f = *state;
	VipsImage *im = picture(400, 200, 90), *out, *in;
	struct buf jpg = BUF_INIT, got = BUF_INIT, p = BUF_INIT;
	struct media_upload u = {NULL,          0,    "IMG_0001.JPG",
	                         "Cồng chiêng", NULL, 1u << MEDIA_IMAGE};
	double *px;
	int npx;
	struct media m;
	const char *why;
	bool dup;
	char **fields;

	camera_jpeg(im, 6, &jpg);
	g_object_unref(im);
	/* The input really carries what must go. */
	assert_true(has_bytes(&jpg, "Exif", 4));
	assert_true(has_bytes(&jpg, "<script>", 8));
	assert_non_null(
	        in = vips_image_new_from_buffer(jpg.p, jpg.len, "", NULL));
	assert_int_equal(vips_image_get_orientation(in), 6);
	assert_true(vips_image_get_typeof(in, "exif-ifd3-GPSLatitude") != 0);
	g_object_unref(in);
	u.data = jpg.p;
	u.len = jpg.len;
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_OK);
	/* Orientation 6 (turn 90 degrees clockwise): 400x200 stands up as
	 * 200x400; 200 is below every responsive width, so one width. */
	assert_int_equal(m.width, 200);
	assert_int_equal(m.height, 400);
	assert_string_equal(m.widths, "200");
	assert_string_equal(m.mime, "image/jpeg");
	assert_string_equal(m.path + strlen(m.path) - 8, "-200.jpg");
	read_media(f, m.path, &got);
	assert_false(has_bytes(&got, "Exif", 4));
	assert_false(has_bytes(&got, "<script>", 8));
	assert_false(has_bytes(&got, "\xff\xe1", 2)); /* no APP1 */
	buf_addf(&p, "%s/%s", f->dir, m.path);
	assert_non_null(out = vips_image_new_from_file(p.p, NULL));
	assert_int_equal(vips_image_get_width(out), 200);
	assert_int_equal(vips_image_get_height(out), 400);
	fields = vips_image_get_fields(out);
	for (char **fl = fields; *fl; fl++) {
		if (strstr(*fl, "exif") || strstr(*fl, "gps") ||
		    strstr(*fl, "GPS") || strstr(*fl, "xmp") ||
		    strcmp(*fl, "orientation") == 0)
			fail_msg("field '%s' survived", *fl);
	}
	g_strfreev(fields);
	/* The white left half of the stored picture is the top once
	 * turned clockwise; the grey band (bottom) is now on the left. */
	assert_int_equal(vips_getpoint(out, &px, &npx, 150, 20, NULL), 0);
	assert_true(px[0] > 200);
	g_free(px);
	assert_int_equal(vips_getpoint(out, &px, &npx, 150, 380, NULL), 0);
	assert_true(px[0] < 50);
	g_free(px);
	g_object_unref(out);
	/* The WebP beside it: stripped too. */
	buf_reset(&got);
	buf_reset(&p);
	media_variant_path(&p, &m, 200, IMAGE_WEBP);
	read_media(f, p.p, &got);
	assert_memory_equal(got.p, "RIFF", 4);
	assert_memory_equal(got.p + 8, "WEBP", 4);
	assert_false(has_bytes(&got, "EXIF", 4));
	assert_false(has_bytes(&got, "Exif", 4));
	assert_false(has_bytes(&got, "<script>", 8));
	buf_release(&jpg);
	buf_release(&got);
	buf_release(&p);
}

static void
check_variant(struct fx *f, const struct media *m, int w, enum image_format fm)
{
	struct buf p = BUF_INIT, full = BUF_INIT;
	VipsImage *im;

	media_variant_path(&p, m, w, fm);
	buf_addf(&full, "%s/%s", f->dir, p.p);
	if (!(im = vips_image_new_from_file(full.p, NULL)))
		fail_msg("cannot read '%s'", full.p);
	assert_int_equal(vips_image_get_width(im), w);
	g_object_unref(im);
	buf_release(&p);
	buf_release(&full);
}

static void
test_media__img_widths_never_upscaled(void **state)
{
	struct fx *f = *state;
	struct buf big = BUF_INIT, mid = BUF_INIT, set = BUF_INIT;
	struct media_upload u = {NULL, 0, "lon.png", "Ảnh lớn", NULL, 0};
	static const int want[] = {320, 640, 1024, 1600};
	int plan[IMAGE_VARIANTS_MAX];
	VipsImage *im = picture(2000, 1000, 40);
	struct media m;
	const char *why;
	bool dup;

	assert_int_equal(image_plan(2000, plan), 4);
	assert_int_equal(image_plan(1600, plan), 4);
	assert_int_equal(plan[3], 1600);
	assert_int_equal(image_plan(800, plan), 3);
	assert_int_equal(plan[2], 800);
	assert_int_equal(image_plan(320, plan), 1);
	assert_int_equal(plan[0], 320);
	assert_int_equal(image_plan(10, plan), 1);
	assert_int_equal(plan[0], 10);
	/* A PNG in, JPEG and WebP out. */
	save_buf(im, "png", &big);
	g_object_unref(im);
	u.data = big.p;
	u.len = big.len;
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_OK);
	assert_string_equal(m.widths, "320,640,1024,1600");
	assert_int_equal(m.width, 1600);
	assert_int_equal(m.height, 800);
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		check_variant(f, &m, want[i], IMAGE_JPEG);
		check_variant(f, &m, want[i], IMAGE_WEBP);
	}
	assert_int_equal(count_files(f), 8);
	/* 800 wide: 320, 640 and itself, nothing wider. */
	make_jpeg(800, 600, 41, &mid);
	u.data = mid.p;
	u.len = mid.len;
	u.name = "vua.jpg";
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_OK);
	assert_string_equal(m.widths, "320,640,800");
	assert_int_equal(m.width, 800);
	check_variant(f, &m, 800, IMAGE_WEBP);
	assert_int_equal(count_files(f), 8 + 6);
	/* The srcset for templates. */
	media_srcset(&set, &m, "/media/", IMAGE_WEBP);
	{
		struct buf want_set = BUF_INIT;
		struct buf p = BUF_INIT;

		for (int i = 0; i < 3; i++) {
			static const int w[] = {320, 640, 800};

			buf_reset(&p);
			media_variant_path(&p, &m, w[i], IMAGE_WEBP);
			buf_addf(&want_set, "%s/media/%s %dw", i ? ", " : "",
			         p.p, w[i]);
		}
		assert_string_equal(set.p, want_set.p);
		buf_release(&want_set);
		buf_release(&p);
	}
	buf_release(&big);
	buf_release(&mid);
	buf_release(&set);
}

static void
test_media__srcset_format(void **state)
{
	struct buf b = BUF_INIT;
	struct media m = {0};

	(void)state;
	m.kind = MEDIA_IMAGE;
	m.path = "2026/01/ab-cd-800.jpg";
	m.widths = "320,640,800";
	media_srcset(&b, &m, "/media/", IMAGE_JPEG);
	assert_string_equal(b.p, "/media/2026/01/ab-cd-320.jpg 320w, "
	                         "/media/2026/01/ab-cd-640.jpg 640w, "
	                         "/media/2026/01/ab-cd-800.jpg 800w");
	buf_reset(&b);
	m.kind = MEDIA_PDF;
	media_srcset(&b, &m, "/media/", IMAGE_JPEG);
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

static void
test_media__img_broken_image(void **state)
{
	struct fx *f = *state;
	struct buf jpg = BUF_INIT;
	struct media_upload u = {NULL, 0, "hong.jpg", "Ảnh hỏng", NULL, 0};
	struct media m;
	const char *why;
	bool dup;

	make_jpeg(300, 200, 9, &jpg);
	u.data = jpg.p;
	u.len = jpg.len / 2; /* truncated */
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_INVALID);
	assert_non_null(strstr(why, "Không đọc được ảnh"));
	assert_int_equal(count_files(f), 0);
	assert_int_equal(count_rows(f), 0);
	buf_release(&jpg);
}

/* WebVTT */

static void
test_media__vtt_check(void **state)
{
	const char *why;
	static const char bom[] = "\xef\xbb\xbfWEBVTT - Hội nghị\n\n"
	                          "00:00:01.000 --> 00:00:04.000\nChào\n";

	(void)state;
	assert_true(media_vtt_check(vtt, sizeof(vtt) - 1, &why));
	assert_true(media_vtt_check(bom, sizeof(bom) - 1, &why));
	assert_false(media_vtt_check("WEBVTTX\n\n00:00.000 --> 00:01.000\n", 33,
	                             &why));
	assert_non_null(strstr(why, "WEBVTT"));
	assert_false(media_vtt_check("1\n00:00:01,000 --> 00:00:02,000\nx\n",
	                             33, &why));
	assert_false(media_vtt_check("WEBVTT\n\nchỉ có chữ\n",
	                             strlen("WEBVTT\n\nchỉ có chữ\n"), &why));
	assert_false(media_vtt_check(
	        "WEBVTT\n\n00:00.000 --> 00:01.000\n\xff\n", 35, &why));
	assert_non_null(strstr(why, "UTF-8"));
}

static void
test_media__vtt_upload(void **state)
{
	struct fx *f = *state;
	static const char bad[] = "WEBVTT\n\n00:00.000 --> 00:01.000\n\xc3\n";
	struct media_upload u = {vtt,  sizeof(vtt) - 1,    "phu-de.vtt", NULL,
	                         NULL, 1u << MEDIA_CAPTION};
	struct media m;
	const char *why;
	bool dup;

	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_OK);
	assert_int_equal(m.kind, MEDIA_CAPTION);
	assert_string_equal(m.mime, "text/vtt");
	assert_string_equal(m.path + strlen(m.path) - 4, ".vtt");
	u.data = bad;
	u.len = sizeof(bad) - 1;
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_INVALID);
	assert_non_null(strstr(why, "UTF-8"));
	/* A PDF where only captions are taken. */
	u.data = pdf;
	u.len = sizeof(pdf) - 1;
	u.name = "phu-de.vtt";
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_INVALID);
	assert_non_null(strstr(why, "tệp PDF"));
	assert_int_equal(count_rows(f), 1);
	assert_int_equal(count_files(f), 1);
}

/* Duplicates */

static void
test_media__duplicate(void **state)
{
	struct fx *f = *state;
	struct media_upload u = {pdf, sizeof(pdf) - 1, "a.pdf", NULL, NULL, 0};
	struct media m1, m2;
	const char *why;
	bool dup;

	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m1, &dup, &why),
	        ERR_OK);
	assert_false(dup);
	u.name = "ban-sao.pdf";
	assert_int_equal(media_upload(f->s, &f->a, &f->actor, &u, T0 + 60, &m2,
	                              &dup, &why),
	                 ERR_OK);
	assert_true(dup);
	assert_int_equal(m2.id, m1.id);
	assert_string_equal(m2.original_name, "a.pdf");
	assert_string_equal(m2.sha256, m1.sha256);
	assert_int_equal(count_rows(f), 1);
	assert_int_equal(count_files(f), 1);
}

/* Atomic writes */

static void
test_media__img_atomic_failure(void **state)
{
	struct fx *f = *state;
	struct buf jpg = BUF_INIT;
	struct media_upload u = {NULL, 0, "hoi-nghi.jpg", "Hội nghị", NULL, 0};
	struct media m;
	const char *why;
	bool dup;

	make_jpeg(1200, 800, 60, &jpg);
	u.data = jpg.p;
	u.len = jpg.len;
	/* The fifth file of eight fails: the four before are removed. */
	media_fault_write = 5;
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_IO);
	assert_non_null(strstr(why, "Không lưu được"));
	assert_int_equal(count_files(f), 0);
	assert_int_equal(count_rows(f), 0);
	/* The database refuses the row (no such account): the files, all
	 * written by then, go too. */
	media_fault_write = 0;
	f->actor.user_id = 999999;
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_INVALID);
	assert_int_equal(count_files(f), 0);
	assert_int_equal(count_rows(f), 0);
	/* And the same upload then goes through whole. */
	f->actor.user_id = 0;
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_OK);
	assert_int_equal(count_files(f), 8);
	assert_int_equal(count_rows(f), 1);
	buf_release(&jpg);
}

static void
test_media__atomic_failure_as_is(void **state)
{
	struct fx *f = *state;
	struct buf wav = BUF_INIT;
	struct media_upload u = {NULL, 0, "loi-chao.wav", NULL, NULL, 0};
	struct media m;
	const char *why;
	bool dup;

	make_wav(&wav);
	u.data = wav.p;
	u.len = wav.len;
	media_fault_write = 1;
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_IO);
	assert_int_equal(count_files(f), 0);
	assert_int_equal(count_rows(f), 0);
	buf_release(&wav);
}

/* Albums and accessibility */

static int64_t
add_item(struct fx *f, enum item_kind kind, const char *title)
{
	struct item it = {0};

	it.kind = kind;
	it.state = ITEM_STATE_DRAFT;
	it.category_id = f->cat;
	it.title = title;
	it.slug = "tin";
	it.created_at = T0;
	assert_int_equal(store_item_insert(f->s, &it), ERR_OK);
	return it.id;
}

static int64_t
upload_photo(struct fx *f, const char *name, int tint, time_t at)
{
	struct buf jpg = BUF_INIT;
	struct media_upload u = {NULL, 0, name, NULL, NULL, 0};
	struct media m;
	const char *why;
	bool dup;

	make_jpeg(120, 90, tint, &jpg);
	u.data = jpg.p;
	u.len = jpg.len;
	u.alt = arena_printf(&f->a, "Ảnh %s", name);
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, at, &m, &dup, &why),
	        ERR_OK);
	assert_false(dup);
	buf_release(&jpg);
	return m.id;
}

static void
test_media__img_album(void **state)
{
	struct fx *f = *state;
	int64_t item = add_item(f, ITEM_KIND_ANH, "Ngày hội"), a, b, c, doc;
	struct media_album_entry v[3];
	struct media_upload u = {pdf, sizeof(pdf) - 1, "a.pdf", NULL, NULL, 0};
	struct item_media *got;
	struct media_lack lack;
	struct item it;
	struct media m;
	const char *why;
	size_t n;
	bool dup;

	assert_int_equal(store_item_get(f->s, &f->a, item, &it), ERR_OK);
	assert_int_equal(media_accessible(f->s, &f->a, &it, &lack), ERR_OK);
	assert_int_equal(lack.n, 1);
	assert_string_equal(lack.v[0], "Tin ảnh chưa có ảnh nào.");
	a = upload_photo(f, "mot.jpg", 10, T0);
	b = upload_photo(f, "hai.jpg", 20, T0 + 1);
	c = upload_photo(f, "ba.jpg", 30, T0 + 2);
	v[0] = (struct media_album_entry){c, "Khai mạc"};
	v[1] = (struct media_album_entry){a, " Văn nghệ "};
	v[2] = (struct media_album_entry){b, ""};
	assert_int_equal(
	        media_album_set(f->s, &f->a, &f->actor, item, v, 3, T0, &why),
	        ERR_OK);
	assert_int_equal(media_album_get(f->s, &f->a, item, &got, &n), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(got[0].media_id, c);
	assert_string_equal(got[0].caption, "Khai mạc");
	assert_string_equal(got[0].m.original_name, "ba.jpg");
	assert_int_equal(got[1].media_id, a);
	assert_string_equal(got[1].caption, "Văn nghệ");
	assert_int_equal(got[2].media_id, b);
	/* The third photo has no caption. */
	assert_int_equal(media_accessible(f->s, &f->a, &it, &lack), ERR_OK);
	assert_int_equal(lack.n, 1);
	assert_non_null(strstr(lack.v[0], "Ảnh thứ 3"));
	assert_non_null(strstr(lack.v[0], "hai.jpg"));
	/* Reordered, captioned: complete. */
	v[2].caption = "Bế mạc";
	v[0].media_id = b;
	v[2].media_id = c;
	assert_int_equal(
	        media_album_set(f->s, &f->a, &f->actor, item, v, 3, T0, &why),
	        ERR_OK);
	assert_int_equal(media_album_get(f->s, &f->a, item, &got, &n), ERR_OK);
	assert_int_equal(got[0].media_id, b);
	assert_int_equal(got[2].media_id, c);
	assert_string_equal(got[2].caption, "Bế mạc");
	assert_int_equal(media_accessible(f->s, &f->a, &it, &lack), ERR_OK);
	assert_int_equal(lack.n, 0);
	/* A photo twice, a PDF in a photo item, unknown ids: refused and
	 * the album unchanged. */
	v[1].media_id = b;
	assert_int_equal(
	        media_album_set(f->s, &f->a, &f->actor, item, v, 3, T0, &why),
	        ERR_INVALID);
	assert_non_null(strstr(why, "một lần"));
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_OK);
	doc = m.id;
	v[1].media_id = doc;
	assert_int_equal(
	        media_album_set(f->s, &f->a, &f->actor, item, v, 3, T0, &why),
	        ERR_INVALID);
	assert_non_null(strstr(why, "không phải ảnh"));
	v[1].media_id = 4242;
	assert_int_equal(
	        media_album_set(f->s, &f->a, &f->actor, item, v, 3, T0, &why),
	        ERR_NOTFOUND);
	assert_int_equal(
	        media_album_set(f->s, &f->a, &f->actor, 4242, v, 1, T0, &why),
	        ERR_NOTFOUND);
	assert_int_equal(media_album_get(f->s, &f->a, item, &got, &n), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(got[1].media_id, a);
	/* A news item may carry the PDF. */
	v[0].media_id = doc;
	assert_int_equal(media_album_set(f->s, &f->a, &f->actor,
	                                 add_item(f, ITEM_KIND_TIN, "Tin"), v,
	                                 1, T0, &why),
	                 ERR_OK);
}

static void
test_media__recording_needs_captions(void **state)
{
	struct fx *f = *state;
	int64_t item = add_item(f, ITEM_KIND_VIDEO, "Phóng sự"),
	        aitem = add_item(f, ITEM_KIND_AM_THANH, "Bản tin");
	struct buf mp4 = BUF_INIT, wav = BUF_INIT;
	struct media_upload u = {NULL, 0, "phong-su.mp4", NULL, NULL, 0};
	struct media_album_entry e = {0, NULL};
	struct media video, audio, cap, got;
	struct media_lack lack;
	struct item it, ait;
	const char *why;
	bool dup;

	assert_int_equal(store_item_get(f->s, &f->a, item, &it), ERR_OK);
	assert_int_equal(store_item_get(f->s, &f->a, aitem, &ait), ERR_OK);
	assert_int_equal(media_accessible(f->s, &f->a, &it, &lack), ERR_OK);
	assert_int_equal(lack.n, 1);
	assert_string_equal(lack.v[0], "Tin video chưa có tệp video.");
	assert_int_equal(media_accessible(f->s, &f->a, &ait, &lack), ERR_OK);
	assert_string_equal(lack.v[0], "Tin âm thanh chưa có tệp âm thanh.");
	make_iso(&mp4, "isom");
	u.data = mp4.p;
	u.len = mp4.len;
	assert_int_equal(media_upload(f->s, &f->a, &f->actor, &u, T0, &video,
	                              &dup, &why),
	                 ERR_OK);
	assert_int_equal(video.kind, MEDIA_VIDEO);
	e.media_id = video.id;
	assert_int_equal(
	        media_album_set(f->s, &f->a, &f->actor, item, &e, 1, T0, &why),
	        ERR_OK);
	assert_int_equal(media_accessible(f->s, &f->a, &it, &lack), ERR_OK);
	assert_int_equal(lack.n, 1);
	assert_non_null(strstr(lack.v[0], "phong-su.mp4"));
	assert_non_null(strstr(lack.v[0], "WebVTT"));
	/* Captions: only a WebVTT medium, only on a recording. */
	u.data = vtt;
	u.len = sizeof(vtt) - 1;
	u.name = "phong-su.vtt";
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &cap, &dup, &why),
	        ERR_OK);
	assert_int_equal(media_set_captions(f->s, &f->a, &f->ed, &f->actor,
	                                    video.id, video.id, T0, &why),
	                 ERR_INVALID);
	assert_int_equal(media_set_captions(f->s, &f->a, &f->ed, &f->actor,
	                                    cap.id, cap.id, T0, &why),
	                 ERR_INVALID);
	assert_int_equal(media_set_captions(f->s, &f->a, &f->ed, &f->actor,
	                                    video.id, cap.id, T0, &why),
	                 ERR_OK);
	assert_int_equal(store_media_get(f->s, &f->a, video.id, &got), ERR_OK);
	assert_int_equal(got.captions_id, cap.id);
	assert_int_equal(media_accessible(f->s, &f->a, &it, &lack), ERR_OK);
	assert_int_equal(lack.n, 0);
	/* Audio with a transcript instead. */
	make_wav(&wav);
	u.data = wav.p;
	u.len = wav.len;
	u.name = "ban-tin.wav";
	assert_int_equal(media_upload(f->s, &f->a, &f->actor, &u, T0, &audio,
	                              &dup, &why),
	                 ERR_OK);
	e.media_id = audio.id;
	assert_int_equal(
	        media_album_set(f->s, &f->a, &f->actor, aitem, &e, 1, T0, &why),
	        ERR_OK);
	assert_int_equal(media_accessible(f->s, &f->a, &ait, &lack), ERR_OK);
	assert_int_equal(lack.n, 1);
	assert_non_null(strstr(lack.v[0], "Tệp âm thanh “ban-tin.wav”"));
	/* WCAG 1.2.1: captions alone do not do for audio (browsers show
	 * no <track> of an <audio>): a transcript is required. */
	assert_int_equal(media_set_captions(f->s, &f->a, &f->ed, &f->actor,
	                                    audio.id, cap.id, T0, &why),
	                 ERR_OK);
	assert_int_equal(media_accessible(f->s, &f->a, &ait, &lack), ERR_OK);
	assert_int_equal(lack.n, 1);
	assert_non_null(strstr(lack.v[0], "“ban-tin.wav” chưa có bản ghi lời"));
	assert_int_equal(media_set_transcript(f->s, &f->a, &f->ed, &f->actor,
	                                      audio.id, "Kính thưa quý vị...",
	                                      T0, &why),
	                 ERR_OK);
	assert_int_equal(media_accessible(f->s, &f->a, &ait, &lack), ERR_OK);
	assert_int_equal(lack.n, 0);
	assert_int_equal(media_set_transcript(f->s, &f->a, &f->ed, &f->actor,
	                                      cap.id, "x", T0, &why),
	                 ERR_INVALID);
	buf_release(&mp4);
	buf_release(&wav);
}

/* The library */

static void
test_media__img_find(void **state)
{
	struct fx *f = *state;
	struct media_upload u = {NULL, 0, NULL, NULL, NULL, 0};
	struct media_query q = {MEDIA_KIND__MAX, NULL, 0, 0, 0};
	struct buf b = BUF_INIT;
	struct media_list l;
	struct media m;
	const char *why;
	bool dup;
	int64_t p1, p2, p3;

	p1 = upload_photo(f, "hoi-nghi-1.jpg", 11, T0 + 10);
	assert_int_equal(media_set_text(f->s, &f->a, &f->ed, &f->actor, p1,
	                                "Hội nghị tổng kết công tác tư pháp",
	                                "Đại biểu dự hội nghị", T0, &why),
	                 ERR_OK);
	p2 = upload_photo(f, "le-ky-niem.jpg", 12, T0 + 20);
	p3 = upload_photo(f, "Đường Hồ Chí Minh.jpg", 13, T0 + 30);
	buf_adds(&b, pdf);
	buf_adds(&b, "% Kế hoạch\n");
	u.data = b.p;
	u.len = b.len;
	u.name = "Kế hoạch 100% năm 2026.pdf";
	assert_int_equal(media_upload(f->s, &f->a, &f->actor, &u, T0 + 40, &m,
	                              &dup, &why),
	                 ERR_OK);
	/* Newest first, every kind. */
	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_OK);
	assert_int_equal(l.total, 4);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.v[0].id, m.id);
	assert_int_equal(l.v[3].id, p1);
	/* Pages. */
	q.limit = 2;
	q.offset = 2;
	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_OK);
	assert_int_equal(l.total, 4);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, p2);
	assert_int_equal(l.v[1].id, p1);
	q.offset = 4;
	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_OK);
	assert_int_equal(l.n, 0);
	/* By kind. */
	q = (struct media_query){MEDIA_PDF, NULL, 0, 0, 0};
	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.v[0].id, m.id);
	/* By words in the alt text, the caption or the name, accents and
	 * case ignored. */
	q = (struct media_query){MEDIA_KIND__MAX, "hoi nghi", 0, 0, 0};
	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.v[0].id, p1);
	q.text = "ĐẠI BIỂU";
	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_OK);
	assert_int_equal(l.total, 1);
	q.text = "duong ho chi minh";
	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.v[0].id, p3);
	/* LIKE's characters are only characters. */
	q.text = "100%";
	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_OK);
	assert_int_equal(l.total, 1);
	q.text = "_";
	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_OK);
	assert_int_equal(l.total, 0);
	q.text = "%";
	q.kind = MEDIA_IMAGE;
	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_OK);
	assert_int_equal(l.total, 0);
	q.text = "\xff";
	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_INVALID);
	buf_release(&b);
}

/* A polyglot (a real JPEG with HTML after its end) is accepted as the
 * picture it is, and the HTML does not survive re-encoding. */
static void
test_media__img_polyglot_cleaned(void **state)
{
	struct fx *f = *state;
	struct buf jpg = BUF_INIT, got = BUF_INIT;
	struct media_upload u = {NULL, 0, "x.jpg", "Ảnh", NULL, 0};
	struct media m;
	const char *why;
	bool dup;

	make_jpeg(64, 48, 5, &jpg);
	buf_adds(&jpg, "<html><script>alert(document.cookie)</script>");
	u.data = jpg.p;
	u.len = jpg.len;
	assert_int_equal(
	        media_upload(f->s, &f->a, &f->actor, &u, T0, &m, &dup, &why),
	        ERR_OK);
	read_media(f, m.path, &got);
	assert_false(has_bytes(&got, "<script>", 8));
	assert_false(has_bytes(&got, "<html>", 6));
	buf_release(&jpg);
	buf_release(&got);
}

/* Who sees and edits which file; files of published items */

/* A media row without files (the rules below look at rows only): an
 * image "2026/01/<hex of n>-800.jpg" or a PDF, uploaded by by (0: a
 * citizen through the contribution form). */
static int64_t
fake_media(struct fx *f, enum media_kind kind, const char *name, int64_t by,
           int n)
{
	struct media m = {0};

	m.kind = kind;
	m.mime = kind == MEDIA_IMAGE ? "image/jpeg" : "application/pdf";
	m.bytes = 100;
	m.sha256 = arena_printf(&f->a, "%064d", n);
	if (kind == MEDIA_IMAGE) {
		m.width = 800;
		m.height = 600;
		m.widths = "320,800";
		m.path = arena_printf(&f->a, "2026/01/%032d-800.jpg", n);
		m.alt = arena_printf(&f->a, "Ảnh %s", name);
	} else {
		m.widths = "";
		m.path = arena_printf(&f->a, "2026/01/%032d.pdf", n);
		m.alt = "";
	}
	m.uploaded_by = by;
	m.uploaded_at = T0 + n;
	m.original_name = name;
	m.caption = "";
	m.search_text = name;
	m.transcript = "";
	assert_int_equal(store_media_insert(f->s, &m), ERR_OK);
	return m.id;
}

/* A published item, complete for the workflow (author, source). */
static int64_t
published_item(struct fx *f, enum item_kind kind, const char *title,
               const char *cover)
{
	struct item it = {0};

	it.kind = kind;
	it.state = ITEM_STATE_PUBLISHED;
	it.category_id = f->cat;
	it.title = title;
	it.slug = arena_printf(&f->a, "tin-%d", rand());
	it.author_name = "Tác giả";
	it.source = "Sở Tư pháp";
	it.cover_image = cover;
	it.cover_alt = cover ? "Ảnh đại diện" : NULL;
	it.created_at = T0;
	it.published_at = T0 + 60;
	assert_int_equal(store_item_insert(f->s, &it), ERR_OK);
	return it.id;
}

static void
test_media__edit_rights(void **state)
{
	struct fx *f = *state;
	int64_t mine = fake_media(f, MEDIA_PDF, "cua-toi.pdf", f->staff.id, 1),
	        theirs = fake_media(f, MEDIA_PDF, "cua-ban.pdf", f->staff2.id,
	                            2),
	        citizen = fake_media(f, MEDIA_PDF, "nguoi-dan.pdf", 0, 3);
	struct media m;
	const char *why;

	/* A staff member edits its own file, not another's, nor one a
	 * citizen sent; the editors edit all of them. */
	assert_int_equal(media_set_text(f->s, &f->a, &f->staff, &f->staff_au,
	                                mine, "", "Kế hoạch", T0, &why),
	                 ERR_OK);
	assert_int_equal(media_set_text(f->s, &f->a, &f->staff, &f->staff_au,
	                                theirs, "", "Sửa trộm", T0, &why),
	                 ERR_DENIED);
	assert_int_equal(media_set_text(f->s, &f->a, &f->staff2, &f->staff2_au,
	                                mine, "", "Sửa trộm", T0, &why),
	                 ERR_DENIED);
	assert_int_equal(media_set_text(f->s, &f->a, &f->staff, &f->staff_au,
	                                citizen, "", "Sửa trộm", T0, &why),
	                 ERR_DENIED);
	assert_int_equal(media_set_transcript(f->s, &f->a, &f->staff,
	                                      &f->staff_au, theirs, "x", T0,
	                                      &why),
	                 ERR_DENIED);
	assert_int_equal(media_set_captions(f->s, &f->a, &f->staff,
	                                    &f->staff_au, theirs, 0, T0, &why),
	                 ERR_DENIED);
	assert_int_equal(store_media_get(f->s, &f->a, theirs, &m), ERR_OK);
	assert_string_equal(m.caption, "");
	assert_int_equal(store_media_get(f->s, &f->a, mine, &m), ERR_OK);
	assert_string_equal(m.caption, "Kế hoạch");
	assert_int_equal(media_set_text(f->s, &f->a, &f->ed, &f->ed_au, theirs,
	                                "", "Biên tập", T0, &why),
	                 ERR_OK);
	assert_int_equal(media_set_text(f->s, &f->a, &f->office, &f->office_au,
	                                citizen, "", "Văn phòng", T0, &why),
	                 ERR_OK);
	assert_int_equal(media_set_text(f->s, &f->a, &f->head, &f->head_au,
	                                mine, "", "Trưởng ban", T0, &why),
	                 ERR_OK);
	/* A disabled account edits nothing, even its own. */
	f->staff.active = false;
	assert_int_equal(media_set_text(f->s, &f->a, &f->staff, &f->staff_au,
	                                mine, "", "Đã nghỉ", T0, &why),
	                 ERR_DENIED);
}

static void
test_media__published_locked(void **state)
{
	struct fx *f = *state;
	int64_t shown = fake_media(f, MEDIA_IMAGE, "album.jpg", f->staff.id, 1),
	        cover = fake_media(f, MEDIA_IMAGE, "bia.jpg", f->staff.id, 2),
	        draft = fake_media(f, MEDIA_IMAGE, "nhap.jpg", f->staff.id, 3),
	        item, pub;
	struct item_media im = {0};
	struct media m;
	const char *why;
	struct buf b = BUF_INIT;

	/* In the album of a published item... */
	item = published_item(f, ITEM_KIND_ANH, "Ngày hội đã đăng", NULL);
	im.media_id = shown;
	im.position = 1;
	im.caption = "";
	assert_int_equal(store_item_media_set(f->s, item, &im, 1), ERR_OK);
	/* ...and as another's cover (its largest JPEG variant, 800 px;
	 * a smaller one counts too). */
	assert_int_equal(store_media_get(f->s, &f->a, cover, &m), ERR_OK);
	media_variant_path(&b, &m, 320, IMAGE_JPEG);
	pub = published_item(f, ITEM_KIND_TIN, "Tin có ảnh bìa", b.p);
	assert_true(pub > 0);
	/* Nobody edits them in place, the uploader nor an editor. */
	why = NULL;
	assert_int_equal(media_set_text(f->s, &f->a, &f->ed, &f->ed_au, shown,
	                                "Ảnh khác", "", T0, &why),
	                 ERR_CONFLICT);
	assert_non_null(why);
	assert_non_null(strstr(why, "“Ngày hội đã đăng”"));
	assert_non_null(strstr(why, "đã đăng"));
	assert_non_null(strstr(why, "mở bản sửa"));
	assert_true(utf8_valid(why, strlen(why)));
	assert_int_equal(media_set_text(f->s, &f->a, &f->staff, &f->staff_au,
	                                cover, "Ảnh khác", "", T0, &why),
	                 ERR_CONFLICT);
	assert_non_null(strstr(why, "“Tin có ảnh bìa”"));
	assert_int_equal(media_editable(f->s, &f->a, &f->ed, &m, &why),
	                 ERR_CONFLICT);
	assert_int_equal(store_media_get(f->s, &f->a, shown, &m), ERR_OK);
	assert_string_equal(m.alt, "Ảnh album.jpg");
	/* A file of a draft is edited as before. */
	assert_int_equal(media_set_text(f->s, &f->a, &f->staff, &f->staff_au,
	                                draft, "Ảnh nháp", "", T0, &why),
	                 ERR_OK);
	/* Taken down, the item no longer holds its files. */
	assert_int_equal(store_item_state_cas(f->s, item, ITEM_STATE_PUBLISHED,
	                                      ITEM_STATE_UNPUBLISHED, T0 + 60,
	                                      0),
	                 ERR_OK);
	assert_int_equal(media_set_text(f->s, &f->a, &f->ed, &f->ed_au, shown,
	                                "Ảnh khác", "", T0, &why),
	                 ERR_OK);
	buf_release(&b);
}

/* The media ids of an album, "3,1,2". */
static const char *
ids_of(struct fx *f, const struct item_media *v, size_t n)
{
	struct buf b = BUF_INIT;
	const char *s;

	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s%lld", i ? "," : "", (long long)v[i].media_id);
	s = arena_strndup(&f->a, b.p, b.len);
	buf_release(&b);
	return s;
}

static const char *
live_ids(struct fx *f, int64_t item)
{
	struct item_media *v;
	size_t n;

	assert_int_equal(media_album_get(f->s, &f->a, item, &v, &n), ERR_OK);
	return ids_of(f, v, n);
}

static const char *
work_ids(struct fx *f, int64_t item)
{
	struct item_media *v;
	size_t n;

	assert_int_equal(media_album_work(f->s, &f->a, item, &v, &n), ERR_OK);
	return ids_of(f, v, n);
}

static void
wf(struct fx *f, const struct user *u, const struct audit_actor *au,
   int64_t item, enum wf_action a)
{
	struct wf_problems p;
	enum err e = workflow_do(f->s, u, au, item, a, NULL, T0 + 100, &p);

	if (e != ERR_OK && p.n)
		fprintf(stderr, "workflow: %s\n", p.msg[0]);
	assert_int_equal(e, ERR_OK);
}

static void
test_media__correction_album(void **state)
{
	struct fx *f = *state;
	int64_t p1 = fake_media(f, MEDIA_IMAGE, "mot.jpg", f->staff.id, 1),
	        p2 = fake_media(f, MEDIA_IMAGE, "hai.jpg", f->staff.id, 2),
	        p3 = fake_media(f, MEDIA_IMAGE, "ba.jpg", f->staff.id, 3),
	        item = published_item(f, ITEM_KIND_ANH, "Album", NULL);
	struct media_album_entry v[2];
	struct item_media im = {0}, *got;
	struct media_lack lack;
	struct item it;
	const char *why;
	size_t n;
	bool exists;

	im.media_id = p1;
	im.position = 1;
	im.caption = "Một";
	assert_int_equal(store_item_media_set(f->s, item, &im, 1), ERR_OK);
	v[0] = (struct media_album_entry){p2, "Hai"};
	v[1] = (struct media_album_entry){p3, NULL};
	/* Published, no correction open: nobody changes the album, and
	 * the unchecked form refuses a published item too. */
	assert_int_equal(media_album_edit(f->s, &f->a, &f->ed, &f->ed_au, item,
	                                  v, 1, T0, &why),
	                 ERR_DENIED);
	assert_int_equal(
	        media_album_set(f->s, &f->a, &f->actor, item, v, 1, T0, &why),
	        ERR_CONFLICT);
	assert_string_equal(live_ids(f, item),
	                    arena_printf(&f->a, "%lld", (long long)p1));

	/* A correction: the album changes in the newsroom only. */
	wf(f, &f->ed, &f->ed_au, item, WF_CORRECT);
	assert_string_equal(work_ids(f, item), live_ids(f, item));
	assert_int_equal(media_album_edit(f->s, &f->a, &f->staff, &f->staff_au,
	                                  item, v, 1, T0, &why),
	                 ERR_DENIED);
	assert_int_equal(media_album_edit(f->s, &f->a, &f->ed, &f->ed_au, item,
	                                  v, 2, T0, &why),
	                 ERR_OK);
	assert_string_equal(live_ids(f, item),
	                    arena_printf(&f->a, "%lld", (long long)p1));
	assert_string_equal(
	        work_ids(f, item),
	        arena_printf(&f->a, "%lld,%lld", (long long)p2, (long long)p3));
	/* The completeness check reads the correction's album: the third
	 * photo has no caption. */
	assert_int_equal(store_item_get(f->s, &f->a, item, &it), ERR_OK);
	assert_int_equal(media_accessible(f->s, &f->a, &it, &lack), ERR_OK);
	assert_int_equal(lack.n, 1);
	assert_non_null(strstr(lack.v[0], "ba.jpg"));
	/* Emptied, it stays pending (and empty), not the live one. */
	assert_int_equal(media_album_edit(f->s, &f->a, &f->ed, &f->ed_au, item,
	                                  v, 0, T0, &why),
	                 ERR_OK);
	assert_string_equal(work_ids(f, item), "");
	assert_int_equal(media_accessible(f->s, &f->a, &it, &lack), ERR_OK);
	assert_string_equal(lack.v[0], "Tin ảnh chưa có ảnh nào.");
	v[1].caption = "Ba";
	assert_int_equal(media_album_edit(f->s, &f->a, &f->ed, &f->ed_au, item,
	                                  v, 2, T0, &why),
	                 ERR_OK);
	/* Sent, approved, published: the album goes live with it. */
	wf(f, &f->head, &f->head_au, item, WF_SEND);
	wf(f, &f->head, &f->head_au, item, WF_APPROVE);
	assert_string_equal(live_ids(f, item),
	                    arena_printf(&f->a, "%lld", (long long)p1));
	wf(f, &f->office, &f->office_au, item, WF_PUBLISH);
	assert_string_equal(
	        live_ids(f, item),
	        arena_printf(&f->a, "%lld,%lld", (long long)p2, (long long)p3));
	assert_int_equal(media_album_get(f->s, &f->a, item, &got, &n), ERR_OK);
	assert_string_equal(got[0].caption, "Hai");
	assert_string_equal(got[1].caption, "Ba");
	assert_int_equal(store_item_media_pending_list(f->s, &f->a, item, &got,
	                                               &n, &exists),
	                 ERR_OK);
	assert_false(exists);
	/* Closed again: no change now. */
	assert_int_equal(media_album_edit(f->s, &f->a, &f->ed, &f->ed_au, item,
	                                  v, 1, T0, &why),
	                 ERR_DENIED);

	/* Another correction, discarded: the change goes with it. */
	wf(f, &f->ed, &f->ed_au, item, WF_CORRECT);
	v[0] = (struct media_album_entry){p1, "Một"};
	assert_int_equal(media_album_edit(f->s, &f->a, &f->ed, &f->ed_au, item,
	                                  v, 1, T0, &why),
	                 ERR_OK);
	assert_string_equal(work_ids(f, item),
	                    arena_printf(&f->a, "%lld", (long long)p1));
	wf(f, &f->ed, &f->ed_au, item, WF_DISCARD);
	assert_string_equal(
	        live_ids(f, item),
	        arena_printf(&f->a, "%lld,%lld", (long long)p2, (long long)p3));
	assert_string_equal(work_ids(f, item), live_ids(f, item));
	assert_int_equal(store_item_media_pending_list(f->s, &f->a, item, &got,
	                                               &n, &exists),
	                 ERR_OK);
	assert_false(exists);
}

/* The album of a draft is its author's (WF_EDIT), not another staff
 * member's, and writes item_media directly. */
static void
test_media__album_edit_rights(void **state)
{
	struct fx *f = *state;
	int64_t p = fake_media(f, MEDIA_PDF, "kh.pdf", f->staff.id, 1);
	struct media_album_entry v = {p, "Kế hoạch"};
	struct item it = {0};
	const char *why;

	it.kind = ITEM_KIND_TIN;
	it.state = ITEM_STATE_DRAFT;
	it.category_id = f->cat;
	it.title = "Nháp";
	it.slug = "nhap";
	it.author_user_id = f->staff.id;
	it.created_at = T0;
	assert_int_equal(store_item_insert(f->s, &it), ERR_OK);
	assert_int_equal(media_album_edit(f->s, &f->a, &f->staff2,
	                                  &f->staff2_au, it.id, &v, 1, T0,
	                                  &why),
	                 ERR_DENIED);
	assert_string_equal(live_ids(f, it.id), "");
	assert_int_equal(media_album_edit(f->s, &f->a, &f->staff, &f->staff_au,
	                                  it.id, &v, 1, T0, &why),
	                 ERR_OK);
	assert_string_equal(live_ids(f, it.id),
	                    arena_printf(&f->a, "%lld", (long long)p));
	assert_int_equal(media_album_edit(f->s, &f->a, &f->staff, &f->staff_au,
	                                  4242, &v, 1, T0, &why),
	                 ERR_NOTFOUND);
}

static void
test_media__library_filter(void **state)
{
	struct fx *f = *state;
	int64_t mine = fake_media(f, MEDIA_PDF, "cua-toi.pdf", f->staff.id, 1),
	        theirs = fake_media(f, MEDIA_PDF, "cua-ban.pdf", f->staff2.id,
	                            2),
	        citizen = fake_media(f, MEDIA_PDF, "nguoi-dan.pdf", 0, 3);
	struct media_query q = {MEDIA_KIND__MAX, NULL, 0, 0, 0};
	struct media_list l;
	struct media m;

	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_OK);
	assert_int_equal(l.total, 3);
	q.uploaded_by = f->staff.id;
	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, mine);
	q.text = "cua ban";
	assert_int_equal(media_find(f->s, &f->a, &q, &l), ERR_OK);
	assert_int_equal(l.total, 0);
	/* Who sees which file. */
	assert_true(media_sees_all(&f->ed));
	assert_true(media_sees_all(&f->head));
	assert_true(media_sees_all(&f->office));
	assert_false(media_sees_all(&f->staff));
	assert_int_equal(store_media_get(f->s, &f->a, mine, &m), ERR_OK);
	assert_true(media_may_see(&f->staff, &m));
	assert_false(media_may_see(&f->staff2, &m));
	assert_true(media_may_see(&f->ed, &m));
	assert_int_equal(store_media_get(f->s, &f->a, theirs, &m), ERR_OK);
	assert_false(media_may_see(&f->staff, &m));
	assert_int_equal(store_media_get(f->s, &f->a, citizen, &m), ERR_OK);
	assert_false(media_may_see(&f->staff, &m));
	assert_true(media_may_see(&f->office, &m));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        T(test_media__img_sniff_types),
	        T(test_media__sniff_threads),
	        T(test_media__disguised_refused),
	        T(test_media__oversize_and_empty),
	        T(test_media__stored_as_is),
	        T(test_media__name_clean),
	        T(test_media__img_alt_required),
	        T(test_media__img_exif_stripped_and_rotated),
	        T(test_media__img_widths_never_upscaled),
	        T(test_media__srcset_format),
	        T(test_media__img_broken_image),
	        T(test_media__vtt_check),
	        T(test_media__vtt_upload),
	        T(test_media__duplicate),
	        T(test_media__img_atomic_failure),
	        T(test_media__atomic_failure_as_is),
	        T(test_media__img_album),
	        T(test_media__recording_needs_captions),
	        T(test_media__img_find),
	        T(test_media__img_polyglot_cleaned),
	        T(test_media__edit_rights),
	        T(test_media__published_locked),
	        T(test_media__correction_album),
	        T(test_media__album_edit_rights),
	        T(test_media__library_filter),
	};

	/* Tests named test_media__img_* use libvips, whose run-time
	 * generated vector code valgrind cannot run: under valgrind, set
	 * TTDT_TEST_SKIP="test_media__img_*". */
	if (getenv("TTDT_TEST_SKIP"))
		cmocka_set_skip_filter(getenv("TTDT_TEST_SKIP"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
