/*
 * Tests for vnlegacy.c.  Two kinds of expectations:
 *  - from the generated tables (every row of tcvn3.tsv, vni.tsv and
 *    viqr.tsv decodes to its code point);
 *  - independent of them: encoders written here by hand from the rules
 *    (TCVN3's byte layout per vowel, VNI's mark bytes, VIQR's mnemonics)
 *    turn 34 Vietnamese sentences and all 134 letters into each encoding,
 *    which must decode back and be detected; and texts that are not
 *    legacy (Unicode Vietnamese NFC and NFD, English, French, code, URLs)
 *    must never be.
 * Also: the committed vnlegacy_tables.c is what scripts/gen-vnlegacy makes
 * of ../shared/data/vn-legacy (skipped, saying why, without that folder).
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <utf8proc.h>

#include "utf8.h"
#include "vnlegacy.h"
#include "vnlegacy_int.h"
#include "xalloc.h"

/* ---- helpers ---- */

static void
put_utf8(struct buf *b, uint32_t cp)
{
	char s[4];

	if (cp < 0x80) {
		buf_addch(b, (char)cp);
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | cp >> 6);
		s[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, s, 2);
	} else {
		s[0] = (char)(0xE0 | cp >> 12);
		s[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, s, 3);
	}
}

/* Decodes and returns a malloc'd string; checks the result is valid NFC
 * UTF-8 and that out's invariants hold. */
static char *
dec(enum vnlegacy_enc enc, const char *p, size_t len)
{
	struct buf b = BUF_INIT, n = BUF_INIT;

	assert_int_equal(vnlegacy_decode(enc, p, len, &b), ERR_OK);
	buf_check(&b);
	assert_true(utf8_valid(b.p, b.len) || b.len == 0);
	assert_int_equal(utf8_nfc(&n, b.p, b.len), 0);
	assert_int_equal(n.len, b.len);
	assert_memory_equal(n.p, b.p, b.len);
	buf_release(&n);
	return buf_detach(&b, NULL);
}

static void
assert_dec(enum vnlegacy_enc enc, const char *in, const char *want)
{
	char *got = dec(enc, in, strlen(in));

	if (strcmp(got, want) != 0)
		fail_msg("decode(%s) of '%s': got '%s', want '%s'",
		         vnlegacy_name(enc), in, got, want);
	free(got);
}

/* ---- hand-written encoders (independent of the generated tables) ---- */

/* The twelve vowels, each with tones none, grave, acute, hook, tilde,
 * dot, typed by hand in NFC. */
static const char *const vowel_lower[12] = {
        "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
        "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
};
static const char *const vowel_upper[12] = {
        "AÀÁẢÃẠ", "ĂẰẮẲẴẶ", "ÂẦẤẨẪẬ", "EÈÉẺẼẸ", "ÊỀẾỂỄỆ", "IÌÍỈĨỊ",
        "OÒÓỎÕỌ", "ÔỒỐỔỖỘ", "ƠỜỚỞỠỢ", "UÙÚỦŨỤ", "ƯỪỨỬỮỰ", "YỲÝỶỸỴ",
};
enum {
	V_A,
	V_A_BREVE,
	V_A_CIRC,
	V_E,
	V_E_CIRC,
	V_I,
	V_O,
	V_O_CIRC,
	V_O_HORN,
	V_U,
	V_U_HORN,
	V_Y
};
static const char vowel_base[] = "aaaeeiooouuy";

/* Finds cp among the vowels: *v vowel, *t tone (0 none, 1 grave, 2
 * acute, 3 hook, 4 tilde, 5 dot), *up upper case. */
static bool
vowel_of(int32_t cp, int *v, int *t, bool *up)
{
	int i, k, u;

	for (u = 0; u < 2; u++) {
		for (i = 0; i < 12; i++) {
			const char *s = u ? vowel_upper[i] : vowel_lower[i];
			size_t off = 0, len = strlen(s);

			for (k = 0; off < len; k++) {
				int32_t c;

				off += utf8_decode(s + off, len - off, &c);
				if (c == cp) {
					*v = i;
					*t = k;
					*up = u;
					return true;
				}
			}
		}
	}
	return false;
}

/* cp1252's 80-9F, typed from the Windows-1252 code page chart (0: hole,
 * where a Latin-1 reading gives the C1 control). */
static const uint16_t cp1252_80[32] = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
        0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* The byte for a cp1252 punctuation code point, or -1. */
static int
cp1252_punct(int32_t cp)
{
	int i;

	for (i = 0; i < 32; i++)
		if (cp1252_80[i] && cp1252_80[i] == cp)
			return 0x80 + i;
	return -1;
}

/* Bytes as a Windows clipboard shows them: the cp1252 reading of each
 * byte, in UTF-8. */
static char *
as_cp1252(const struct buf *bytes)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < bytes->len; i++) {
		unsigned c = (unsigned char)bytes->p[i];

		if (c >= 0x80 && c < 0xA0 && cp1252_80[c - 0x80])
			put_utf8(&b, cp1252_80[c - 0x80]);
		else
			put_utf8(&b, c);
	}
	return buf_detach(&b, NULL);
}

/* TCVN3 (VN3 + VN2), from the layout of TCVN 5712:1993: per vowel the
 * toned forms grave, acute, hook, tilde, dot. */
static const unsigned char tcvn3_toned[12][5] = {
        {0xB5, 0xB8, 0xB6, 0xB7, 0xB9}, /* a */
        {0xBB, 0xBE, 0xBC, 0xBD, 0xC6}, /* ă */
        {0xC7, 0xCA, 0xC8, 0xC9, 0xCB}, /* â */
        {0xCC, 0xD0, 0xCE, 0xCF, 0xD1}, /* e */
        {0xD2, 0xD5, 0xD3, 0xD4, 0xD6}, /* ê */
        {0xD7, 0xDD, 0xD8, 0xDC, 0xDE}, /* i */
        {0xDF, 0xE3, 0xE1, 0xE2, 0xE4}, /* o */
        {0xE5, 0xE8, 0xE6, 0xE7, 0xE9}, /* ô */
        {0xEA, 0xED, 0xEB, 0xEC, 0xEE}, /* ơ */
        {0xEF, 0xF3, 0xF1, 0xF2, 0xF4}, /* u */
        {0xF5, 0xF8, 0xF6, 0xF7, 0xF9}, /* ư */
        {0xFA, 0xFD, 0xFB, 0xFC, 0xFE}, /* y */
};
static const unsigned char tcvn3_plain_lower[12] = {
        'a', 0xA8, 0xA9, 'e', 0xAA, 'i', 'o', 0xAB, 0xAC, 'u', 0xAD, 'y'};
static const unsigned char tcvn3_plain_upper[12] = {
        'A', 0xA1, 0xA2, 'E', 0xA3, 'I', 'O', 0xA4, 0xA5, 'U', 0xA6, 'Y'};
/* VN2's sixteen toned capitals: [ă â ê ô][grave acute hook tilde]. */
static const unsigned char tcvn3_vn2_upper[4][4] = {
        {0xAF, 0xC0, 0xBA, 0xBF}, /* Ằ Ắ Ẳ Ẵ */
        {0xC1, 0xC4, 0xC2, 0xC3}, /* Ầ Ấ Ẩ Ẫ */
        {0xC5, 0xDA, 0xCD, 0xD9}, /* Ề Ế Ể Ễ */
        {0xDB, 0xFF, 0xE0, 0xF0}, /* Ồ Ố Ổ Ỗ */
};

/* caps: encode for an all-caps font (capitals at lower-case positions;
 * lower-case letters then cannot be written).  False if some character
 * has no TCVN3 byte. */
static bool
enc_tcvn3(const char *s, bool caps, struct buf *out)
{
	size_t off = 0, len = strlen(s);

	while (off < len) {
		int32_t cp;
		int v, t, p = -1;
		bool up;

		off += utf8_decode(s + off, len - off, &cp);
		if (cp == 0x0111 || cp == 0x0110) { /* đ Đ */
			if (caps && cp == 0x0111)
				return false;
			buf_addch(out,
			          (char)(cp == 0x0111 || caps ? 0xAE : 0xA7));
			continue;
		}
		if (vowel_of(cp, &v, &t, &up)) {
			if (caps && !up)
				return false;
			if (up && !caps) {
				if (!t) {
					buf_addch(out,
					          (char)tcvn3_plain_upper[v]);
					continue;
				}
				if (t == 5 ||
				    (v != V_A_BREVE && v != V_A_CIRC &&
				     v != V_E_CIRC && v != V_O_CIRC))
					return false;
				p = tcvn3_vn2_upper[v == V_A_BREVE  ? 0
				                    : v == V_A_CIRC ? 1
				                    : v == V_E_CIRC ? 2
				                                    : 3][t - 1];
				buf_addch(out, (char)p);
				continue;
			}
			if (caps && t == 0 && vowel_base[v] &&
			    tcvn3_plain_lower[v] < 0x80) {
				buf_addch(out,
				          (char)(vowel_base[v] - 'a' + 'A'));
				continue;
			}
			buf_addch(out, (char)(t ? tcvn3_toned[v][t - 1]
			                        : tcvn3_plain_lower[v]));
			continue;
		}
		if (cp < 0x80) {
			if (caps && cp >= 'a' && cp <= 'z')
				return false;
			buf_addch(out, (char)cp);
			continue;
		}
		if ((p = cp1252_punct(cp)) < 0)
			return false;
		buf_addch(out, (char)p);
	}
	return true;
}

/* VNI for Windows, from its rules: base letter + mark byte; ơ ư đ, the
 * toned i's and ỵ are single bytes; capitals' bytes are 0x20 lower. */
static const unsigned char vni_tone[5] = {0xF8, 0xF9, 0xFB, 0xF5, 0xEF};
static const unsigned char vni_circ[6] = {0xE2, 0xE0, 0xE1, 0xE5, 0xE3, 0xE4};
static const unsigned char vni_breve[6] = {0xEA, 0xE8, 0xE9, 0xFA, 0xFC, 0xEB};
static const unsigned char vni_i[5] = {0xEC, 0xED, 0xE6, 0xF3, 0xF2};

static bool
enc_vni(const char *s, struct buf *out)
{
	size_t off = 0, len = strlen(s);

	while (off < len) {
		int32_t cp;
		int v, t, p, shift;
		bool up;

		off += utf8_decode(s + off, len - off, &cp);
		if (cp == 0x0111 || cp == 0x0110) {
			buf_addch(out, (char)(cp == 0x0111 ? 0xF1 : 0xD1));
			continue;
		}
		if (vowel_of(cp, &v, &t, &up)) {
			shift = up ? 0x20 : 0;
			if (v == V_I && t) {
				buf_addch(out, (char)(vni_i[t - 1] - shift));
				continue;
			}
			if (v == V_Y && t == 5) {
				buf_addch(out, (char)(0xEE - shift));
				continue;
			}
			if (v == V_O_HORN || v == V_U_HORN) {
				buf_addch(out,
				          (char)((v == V_O_HORN ? 0xF4 : 0xF6) -
				                 shift));
			} else {
				buf_addch(out, (char)(up ? vowel_base[v] - 32
				                         : vowel_base[v]));
			}
			if (v == V_A_CIRC || v == V_E_CIRC || v == V_O_CIRC)
				buf_addch(out, (char)(vni_circ[t] - shift));
			else if (v == V_A_BREVE)
				buf_addch(out, (char)(vni_breve[t] - shift));
			else if (t)
				buf_addch(out, (char)(vni_tone[t - 1] - shift));
			continue;
		}
		if (cp < 0x80) {
			buf_addch(out, (char)cp);
			continue;
		}
		if ((p = cp1252_punct(cp)) < 0)
			return false;
		buf_addch(out, (char)p);
	}
	return true;
}

/* VIQR: base, vowel mark ( ^ +, tone ` ' ? ~ .; DD/dd; a literal mark
 * character after a letter is escaped with a backslash. */
static bool
enc_viqr(const char *s, struct buf *out)
{
	static const char *const marks[12] = {"", "(", "^", "", "^", "",
	                                      "", "^", "+", "", "+", ""};
	static const char tones[] = " `'?~.";
	size_t off = 0, len = strlen(s);
	bool after_letter = false;

	while (off < len) {
		int32_t cp;
		int v, t;
		bool up;

		off += utf8_decode(s + off, len - off, &cp);
		if (cp == 0x0111 || cp == 0x0110) {
			buf_adds(out, cp == 0x0111 ? "dd" : "DD");
			after_letter = true;
			continue;
		}
		if (vowel_of(cp, &v, &t, &up)) {
			buf_addch(out, (char)(up ? vowel_base[v] - 32
			                         : vowel_base[v]));
			buf_adds(out, marks[v]);
			if (t)
				buf_addch(out, tones[t]);
			after_letter = true;
			continue;
		}
		if (cp >= 0x80)
			return false;
		if (after_letter && strchr("(^+'`?~.", (int)cp))
			buf_addch(out, '\\');
		buf_addch(out, (char)cp);
		after_letter =
		        (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	}
	return true;
}

/* ---- sentences ---- */

static const char *const sentences[] = {
        "Sở Tư pháp tỉnh Kon Tum tổ chức hội nghị phổ biến pháp luật cho cán "
        "bộ, công chức.",
        "Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh họp phiên thường "
        "kỳ quý ba.",
        "Người dân có thể tra cứu thủ tục hành chính trên Cổng thông tin điện "
        "tử của Sở.",
        "Trung tâm Trợ giúp pháp lý nhà nước tỉnh Kon Tum hỗ trợ miễn phí cho "
        "người nghèo.",
        "Cán bộ tư pháp xã Đắk Tô tham gia lớp bồi dưỡng nghiệp vụ hộ tịch.",
        "Ngày Pháp luật Việt Nam được tổ chức vào ngày chín tháng mười một "
        "hằng năm.",
        "Sở Tư pháp hướng dẫn các huyện triển khai công tác chứng thực bản "
        "sao từ bản chính.",
        "Đoàn kiểm tra làm việc với phòng Tư pháp huyện Ngọc Hồi về công tác "
        "xử lý vi phạm hành chính.",
        "Bộ Tư pháp ban hành thông tư mới về đăng ký và quản lý hộ tịch.",
        "Thanh niên các buôn làng được tuyên truyền về Luật Hôn nhân và gia "
        "đình.",
        "Giám đốc Sở chủ trì buổi làm việc với các đơn vị trực thuộc.",
        "Công tác theo dõi thi hành pháp luật được thực hiện thường xuyên, "
        "nghiêm túc.",
        "Kết quả thẩm định dự thảo văn bản quy phạm pháp luật được gửi đúng "
        "hạn.",
        "Người có nhu cầu được trợ giúp pháp lý liên hệ số điện thoại đường "
        "dây nóng.",
        "Phòng Công chứng số một tiếp nhận hồ sơ vào buổi sáng thứ bảy.",
        "Tủ sách pháp luật ở thôn làng giúp bà con đọc và hiểu quy định mới.",
        "Hòa giải viên ở cơ sở góp phần giữ gìn đoàn kết trong cộng đồng dân "
        "cư.",
        "Sở Tư pháp phối hợp với Đài Phát thanh và Truyền hình tỉnh mở chuyên "
        "mục pháp luật.",
        "Luật sư tham gia tố tụng bảo vệ quyền và lợi ích hợp pháp của người "
        "yếu thế.",
        "Huyện Kon Plông đẩy mạnh chuyển đổi số trong giải quyết thủ tục hộ "
        "tịch.",
        "Chương trình phổ biến pháp luật cho đồng bào dân tộc thiểu số được "
        "triển khai rộng khắp.",
        "Cuộc thi tìm hiểu pháp luật trực tuyến thu hút hàng nghìn lượt người "
        "tham gia.",
        "Văn phòng Sở tiếp nhận đơn thư khiếu nại, tố cáo của công dân theo "
        "quy định.",
        "Thống kê cho thấy số vụ việc hòa giải thành tăng so với cùng kỳ năm "
        "trước.",
        "Các cơ quan nhà nước phải công khai thông tin theo Luật Tiếp cận "
        "thông tin.",
        "Đồng chí Phó Giám đốc Sở phát biểu chỉ đạo tại buổi tập huấn.",
        "Lý lịch tư pháp có thể được cấp trực tuyến qua Cổng dịch vụ công "
        "quốc gia.",
        "Bán đấu giá tài sản phải tuân thủ nguyên tắc công khai, minh bạch, "
        "khách quan.",
        "Nhiều gia đình ở huyện Sa Thầy đã được cấp giấy khai sinh cho con "
        "đúng hạn.",
        "Tuyên truyền viên pháp luật đến từng thôn, làng để giải đáp thắc mắc "
        "của người dân.",
        "Trong năm nay, Sở sẽ rà soát, hệ thống hóa văn bản quy phạm pháp luật "
        "của tỉnh.",
        "Bồi thường nhà nước là trách nhiệm của cơ quan gây thiệt hại cho "
        "người dân.",
        "Xã hội hóa hoạt động công chứng giúp người dân tiết kiệm thời gian, "
        "chi phí.",
        "Mỗi cán bộ, công chức cần gương mẫu chấp hành pháp luật và nội quy "
        "cơ quan.",
};

/* Encodes s, checks decode gives s back, detection names enc, and
 * vnlegacy_fix converts it.  Then the same for the cp1252 view. */
static void
check_encoded(const char *s, const struct buf *bytes, enum vnlegacy_enc enc,
              enum vnlegacy_enc view)
{
	struct buf fixed = BUF_INIT;
	enum vnlegacy_enc found;
	char *got, *shown;
	int conf;

	got = dec(enc, bytes->p, bytes->len);
	if (strcmp(got, s) != 0)
		fail_msg("%s round trip: got '%s', want '%s'",
		         vnlegacy_name(enc), got, s);
	free(got);
	found = vnlegacy_detect(bytes->p, bytes->len, &conf);
	if (found != enc)
		fail_msg("detect '%s' as %d: got %d (confidence %d)", s,
		         (int)enc, (int)found, conf);
	assert_in_range(conf, 50, 100);
	assert_true(vnlegacy_fix(bytes->p, bytes->len, &fixed, &found));
	assert_int_equal(found, enc);
	assert_string_equal(fixed.p, s);
	buf_release(&fixed);
	if (view == VNLEGACY_NONE)
		return;

	shown = as_cp1252(bytes);
	got = dec(view, shown, strlen(shown));
	if (strcmp(got, s) != 0)
		fail_msg("%s (cp1252) round trip: got '%s', want '%s'",
		         vnlegacy_name(view), got, s);
	free(got);
	found = vnlegacy_detect(shown, strlen(shown), &conf);
	if (found != view)
		fail_msg("detect '%s' as %d: got %d (confidence %d)", shown,
		         (int)view, (int)found, conf);
	assert_true(vnlegacy_fix(shown, strlen(shown), &fixed, &found));
	assert_int_equal(found, view);
	assert_string_equal(fixed.p, s);
	buf_release(&fixed);
	free(shown);
}

static void
test_vnlegacy__sentences_tcvn3(void **state)
{
	size_t i;

	(void)state;
	assert_true(ARRAY_SIZE(sentences) >= 30);
	for (i = 0; i < ARRAY_SIZE(sentences); i++) {
		struct buf b = BUF_INIT;

		if (!enc_tcvn3(sentences[i], false, &b))
			fail_msg("cannot encode '%s' in TCVN3", sentences[i]);
		check_encoded(sentences[i], &b, VNLEGACY_TCVN3,
		              VNLEGACY_TCVN3_CP1252);
		buf_release(&b);
	}
}

static void
test_vnlegacy__sentences_vni(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sentences); i++) {
		struct buf b = BUF_INIT;

		assert_true(enc_vni(sentences[i], &b));
		check_encoded(sentences[i], &b, VNLEGACY_VNI,
		              VNLEGACY_VNI_CP1252);
		buf_release(&b);
	}
}

static void
test_vnlegacy__sentences_viqr(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sentences); i++) {
		struct buf b = BUF_INIT;

		assert_true(enc_viqr(sentences[i], &b));
		check_encoded(sentences[i], &b, VNLEGACY_VIQR, VNLEGACY_NONE);
		buf_release(&b);
	}
}

/* Several sentences together (a pasted paragraph), with Word's quotes
 * and dashes around them. */
static void
test_vnlegacy__paragraph_with_quotes(void **state)
{
	struct buf text = BUF_INIT, t = BUF_INIT, v = BUF_INIT, q = BUF_INIT;
	size_t i;

	(void)state;
	buf_adds(&text, "“");
	for (i = 0; i < 6; i++) {
		buf_adds(&text, sentences[i]);
		buf_adds(&text, i == 2 ? " – " : "\n");
	}
	buf_adds(&text, "” … ‘Kon Tum’ — hết.");
	assert_true(enc_tcvn3(text.p, false, &t));
	/* The quotes are cp1252 bytes inside the TCVN3 text. */
	assert_non_null(memchr(t.p, 0x93, t.len));
	assert_non_null(memchr(t.p, 0x94, t.len));
	check_encoded(text.p, &t, VNLEGACY_TCVN3, VNLEGACY_TCVN3_CP1252);
	assert_true(enc_vni(text.p, &v));
	assert_non_null(memchr(v.p, 0x97, v.len));
	check_encoded(text.p, &v, VNLEGACY_VNI, VNLEGACY_VNI_CP1252);
	assert_true(enc_viqr(text.p, &q) == false); /* VIQR is 7-bit */
	buf_release(&text);
	buf_release(&t);
	buf_release(&v);
	buf_release(&q);
}

/* ---- all 134 letters ---- */

static void
test_vnlegacy__all_letters_round_trip(void **state)
{
	int u, i, t, n = 0;

	(void)state;
	for (u = 0; u < 2; u++) {
		for (i = 0; i < 12; i++) {
			const char *s = u ? vowel_upper[i] : vowel_lower[i];
			size_t off = 0, len = strlen(s);

			for (t = 0; off < len; t++) {
				char one[8];
				size_t k;
				int32_t cp;
				struct buf b = BUF_INIT;
				char *got;

				k = utf8_decode(s + off, len - off, &cp);
				memcpy(one, s + off, k);
				one[k] = '\0';
				off += k;
				if (cp < 0x80)
					continue; /* plain a e i o u y */
				n++;
				/* TCVN3: lower case plain; capitals in the
				 * all-caps font (every one of them). */
				assert_true(enc_tcvn3(one, u, &b));
				got = dec(u ? VNLEGACY_TCVN3_CAPS
				            : VNLEGACY_TCVN3,
				          b.p, b.len);
				assert_string_equal(got, one);
				free(got);
				buf_reset(&b);
				assert_true(enc_vni(one, &b));
				got = dec(VNLEGACY_VNI, b.p, b.len);
				assert_string_equal(got, one);
				free(got);
				buf_reset(&b);
				assert_true(enc_viqr(one, &b));
				got = dec(VNLEGACY_VIQR, b.p, b.len);
				assert_string_equal(got, one);
				free(got);
				buf_release(&b);
			}
		}
	}
	/* đ and Đ. */
	assert_dec(VNLEGACY_TCVN3, "\xae", "đ");
	assert_dec(VNLEGACY_TCVN3, "\xa7", "Đ");
	assert_dec(VNLEGACY_TCVN3_CAPS, "\xae", "Đ");
	assert_dec(VNLEGACY_VNI, "\xf1", "đ");
	assert_dec(VNLEGACY_VNI, "\xd1", "Đ");
	assert_dec(VNLEGACY_VIQR, "dd", "đ");
	assert_dec(VNLEGACY_VIQR, "DD", "Đ");
	assert_dec(VNLEGACY_VIQR, "Dd", "Đ");
	assert_int_equal(n + 2, 134);
}

/* TCVN3 capitals that the plain font can write: the seven plain ones and
 * VN2's sixteen toned ones. */
static void
test_vnlegacy__tcvn3_capitals(void **state)
{
	const char *ok = "ĂÂÊÔƠƯĐẰẮẲẴẦẤẨẪỀẾỂỄỒỐỔỖ";
	struct buf b = BUF_INIT;
	char *got;

	(void)state;
	assert_true(enc_tcvn3(ok, false, &b));
	assert_int_equal(b.len, 23);
	got = dec(VNLEGACY_TCVN3, b.p, b.len);
	assert_string_equal(got, ok);
	free(got);
	buf_reset(&b);
	assert_false(enc_tcvn3("Ủ", false, &b)); /* needs the caps font */
	buf_release(&b);
}

/* ---- the tables, row by row ---- */

static void
test_vnlegacy__table_rows(void **state)
{
	size_t i, n3 = 0, n2 = 0, n1 = 0, nw = 0;

	(void)state;
	assert_int_equal(vnlegacy_tcvn3_nrows, 167);
	assert_int_equal(vnlegacy_vni_nrows, 134);
	assert_int_equal(vnlegacy_viqr_nrows, 135);
	for (i = 0; i < vnlegacy_tcvn3_nrows; i++) {
		const struct vnlegacy_row *r = &vnlegacy_tcvn3_rows[i];
		struct buf want = BUF_INIT, caps = BUF_INIT;
		char *got, *shown;
		struct buf one = BUF_INIT;

		assert_int_equal(r->len, 1);
		put_utf8(&want, r->cp);
		buf_add(&one, r->bytes, 1);
		got = dec(VNLEGACY_TCVN3, (const char *)r->bytes, 1);
		shown = as_cp1252(&one);
		switch (r->layer) {
		case VNLEGACY_LAYER_VN3:
		case VNLEGACY_LAYER_VN2:
		case VNLEGACY_LAYER_CP1252:
			n3 += r->layer == VNLEGACY_LAYER_VN3;
			n2 += r->layer == VNLEGACY_LAYER_VN2;
			nw += r->layer == VNLEGACY_LAYER_CP1252;
			assert_string_equal(got, want.p);
			free(got);
			/* The same byte seen as cp1252 text. */
			got = dec(VNLEGACY_TCVN3_CP1252, shown, strlen(shown));
			assert_string_equal(got, want.p);
			free(got);
			put_utf8(&caps, r->caps ? r->caps : r->cp);
			got = dec(VNLEGACY_TCVN3_CAPS, (const char *)r->bytes,
			          1);
			assert_string_equal(got, caps.p);
			break;
		case VNLEGACY_LAYER_VN1:
			/* VN1 is not used: C0 bytes stay controls, C1 bytes
			 * are cp1252 punctuation (or U+FFFD). */
			n1++;
			assert_string_not_equal(got, want.p);
			break;
		default:
			fail_msg("row %zu: layer %d", i, r->layer);
		}
		free(got);
		free(shown);
		buf_release(&want);
		buf_release(&caps);
		buf_release(&one);
	}
	assert_int_equal(n3, 75);
	assert_int_equal(n2, 21);
	assert_int_equal(n1, 44);
	assert_int_equal(nw, 27);
	for (i = 0; i < vnlegacy_vni_nrows; i++) {
		const struct vnlegacy_row *r = &vnlegacy_vni_rows[i];
		struct buf want = BUF_INIT;
		char *got = dec(VNLEGACY_VNI, (const char *)r->bytes, r->len);

		put_utf8(&want, r->cp);
		assert_string_equal(got, want.p);
		free(got);
		buf_release(&want);
	}
	for (i = 0; i < vnlegacy_viqr_nrows; i++) {
		const struct vnlegacy_row *r = &vnlegacy_viqr_rows[i];
		struct buf want = BUF_INIT;
		char *got = dec(VNLEGACY_VIQR, (const char *)r->bytes, r->len);

		put_utf8(&want, r->cp);
		assert_string_equal(got, want.p);
		free(got);
		buf_release(&want);
	}
}

/* The hand-written encoders agree with the tables (two independent
 * readings of the same facts). */
static void
test_vnlegacy__hand_tables_agree(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < vnlegacy_vni_nrows; i++) {
		const struct vnlegacy_row *r = &vnlegacy_vni_rows[i];
		struct buf s = BUF_INIT, b = BUF_INIT;

		put_utf8(&s, r->cp);
		assert_true(enc_vni(s.p, &b));
		assert_int_equal(b.len, r->len);
		assert_memory_equal(b.p, r->bytes, r->len);
		buf_release(&s);
		buf_release(&b);
	}
	for (i = 0; i < vnlegacy_tcvn3_nrows; i++) {
		const struct vnlegacy_row *r = &vnlegacy_tcvn3_rows[i];
		struct buf s = BUF_INIT, b = BUF_INIT;

		if (r->layer != VNLEGACY_LAYER_VN3 &&
		    r->layer != VNLEGACY_LAYER_VN2)
			continue;
		if (r->cp == 0xA0 || (r->cp >= 0x300 && r->cp < 0x370))
			continue; /* NBSP, combining marks */
		put_utf8(&s, r->cp);
		assert_true(enc_tcvn3(s.p, false, &b));
		assert_int_equal(b.len, 1);
		assert_int_equal((unsigned char)b.p[0], r->bytes[0]);
		buf_release(&s);
		buf_release(&b);
	}
}

/* ---- special cases ---- */

static void
test_vnlegacy__caps_font(void **state)
{
	(void)state;
	/* .VnTimeH: "Céng hßa x· héi" in the caps font. */
	assert_dec(VNLEGACY_TCVN3_CAPS,
	           "c\xe9ng h\xdf"
	           "a x\xb7 h\xe9i ch\xf1 ngh\xdc"
	           "a vi\xd6t nam",
	           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	/* The same bytes without the caps font are lower case. */
	assert_dec(VNLEGACY_TCVN3,
	           "c\xe9ng h\xdf"
	           "a",
	           "cộng hòa");
	/* Capitals already upper stay so; đ becomes Đ. */
	assert_dec(VNLEGACY_TCVN3_CAPS, "\xae\xa9u T\xa8ng", "ĐÂU TĂNG");
	/* Pasted from a .VnTimeH run, seen as cp1252. */
	assert_dec(VNLEGACY_TCVN3_CAPS_CP1252, "së t\u00ad ph¸p", "SỞ TƯ PHÁP");
	/* Detection cannot see the font and never answers CAPS. */
	assert_int_equal(vnlegacy_detect("c\xe9ng h\xdf"
	                                 "a x\xb7 h\xe9i",
	                                 15, NULL),
	                 VNLEGACY_TCVN3);
}

static void
test_vnlegacy__vn2_combining_marks(void **state)
{
	(void)state;
	/* B0-B4: grave, hook, tilde, acute, dot below after the letter. */
	assert_dec(VNLEGACY_TCVN3, "a\xb0", "à");
	assert_dec(VNLEGACY_TCVN3, "a\xb1", "ả");
	assert_dec(VNLEGACY_TCVN3, "a\xb2", "ã");
	assert_dec(VNLEGACY_TCVN3, "a\xb3", "á");
	assert_dec(VNLEGACY_TCVN3, "a\xb4", "ạ");
	assert_dec(VNLEGACY_TCVN3, "\xa9\xb4", "ậ"); /* â + dot */
	assert_dec(VNLEGACY_TCVN3, "\xa6\xb0", "Ừ"); /* Ư + grave */
	assert_dec(VNLEGACY_TCVN3, "U\xb1", "Ủ");    /* capital + hook */
	assert_dec(VNLEGACY_TCVN3, "Vi\xaa\xb4t", "Việt");
	assert_dec(VNLEGACY_TCVN3, "ng\xad\xac\xb0i", "người");
	/* No letter to carry it: the mark stays, composed where it can. */
	assert_dec(VNLEGACY_TCVN3, "b\xb3", "b\xcc\x81");
	assert_dec(VNLEGACY_TCVN3, "\xb3", "\xcc\x81");
	/* VN2 toned capitals. */
	assert_dec(VNLEGACY_TCVN3, "\xc4n \xdf", "Ấn ò");
	/* Detected as TCVN3 in a sentence. */
	{
		const char *s = "Ng\xad\xac\xb0i d\xa9n tra c\xad\xb3u "
		                "ch\xa9\xb4m th\xa9\xb0y";
		struct buf b = BUF_INIT;
		enum vnlegacy_enc found;

		assert_true(vnlegacy_fix(s, strlen(s), &b, &found));
		assert_int_equal(found, VNLEGACY_TCVN3);
		assert_string_equal(b.p, "Người dân tra cứu chậm thầy");
		buf_release(&b);
	}
}

static void
test_vnlegacy__cp1252_quotes(void **state)
{
	(void)state;
	/* TCVN3 leaves 80-9F to Windows: quotes, dashes, ellipsis. */
	assert_dec(VNLEGACY_TCVN3, "\x93Th\xabng tin\x94 \x96 \x85",
	           "“Thông tin” – …");
	assert_dec(VNLEGACY_TCVN3,
	           "\x91"
	           "a\x92 \x97 \x80",
	           "‘a’ — €");
	/* Not VN1's letters (glibc would give Ỏ, Õ). */
	assert_dec(VNLEGACY_TCVN3, "\x93\x94", "“”");
	/* VNI falls back to cp1252 too. */
	assert_dec(VNLEGACY_VNI, "\x93Tho\xe2ng tin\x94 \x96", "“Thông tin” –");
	/* cp1252's holes become U+FFFD; so does NUL. */
	assert_dec(VNLEGACY_TCVN3, "\x81\x8d\x8f\x90\x9d", "�����");
	assert_dec(VNLEGACY_VNI, "\x81", "�");
	{
		char *got = dec(VNLEGACY_TCVN3, "a\0b", 3);

		assert_string_equal(got, "a�b");
		free(got);
	}
	/* Seen as cp1252 text. */
	assert_dec(VNLEGACY_TCVN3_CP1252, "“Th«ng tin”", "“Thông tin”");
	assert_dec(VNLEGACY_VNI_CP1252, "“Coäng hoøa”", "“Cộng hòa”");
	/* ... or as Latin-1, where the quotes are C1 controls. */
	assert_dec(VNLEGACY_TCVN3_CP1252, "\xc2\x93Th«ng\xc2\x94", "“Thông”");
}

static void
test_vnlegacy__vni_details(void **state)
{
	(void)state;
	assert_dec(VNLEGACY_VNI, "Vie\xe4t Nam", "Việt Nam");
	assert_dec(VNLEGACY_VNI, "ng\xf6\xf4\xf8i", "người");
	assert_dec(VNLEGACY_VNI, "\xd6\xd4\xd8", "ƯỜ");
	assert_dec(VNLEGACY_VNI, "t\xecnh ky\xf9 k\xf9", "tình ký kù");
	assert_dec(VNLEGACY_VNI, "A\xc9 a\xe9", "Ắ ắ"); /* not recode's */
	/* A mark byte with no letter before it is cp1252. */
	assert_dec(VNLEGACY_VNI, "\xf9 b\xf9", "ù bù");
	/* Truncated pair at the end. */
	assert_dec(VNLEGACY_VNI, "\xf4", "ơ");
	assert_dec(VNLEGACY_VNI, "a", "a");
	/* In the cp1252 view: "Sôû Tö phaùp". */
	assert_dec(VNLEGACY_VNI_CP1252, "Sôû Tö phaùp", "Sở Tư pháp");
	/* NFD paste of the view maps back the same. */
	assert_dec(VNLEGACY_VNI_CP1252, "Coa\xcc\x88ng", "Cộng");
}

static void
test_vnlegacy__viqr_rules(void **state)
{
	(void)state;
	/* Escapes. */
	assert_dec(VNLEGACY_VIQR, "gi`\\?", "gì?");
	assert_dec(VNLEGACY_VIQR, "Hie^'u\\.", "Hiếu.");
	assert_dec(VNLEGACY_VIQR, "a\\^", "a^");
	assert_dec(VNLEGACY_VIQR, "d\\d", "dd");
	assert_dec(VNLEGACY_VIQR, "C:\\Users\\x", "C:\\Users\\x");
	assert_dec(VNLEGACY_VIQR, "\\\\", "\\\\");
	assert_dec(VNLEGACY_VIQR, "end\\", "end\\");
	/* A mark after a consonant is punctuation. */
	assert_dec(VNLEGACY_VIQR, "Ai ddi dda^u\\? Thi't. Ba'c?",
	           "Ai đi đâu? Thít. Bác?");
	assert_dec(VNLEGACY_VIQR, "i^ y( e+", "i^ y( e+");
	/* RFC 1456: "." and "?" right after a vowel are tones ... */
	assert_dec(VNLEGACY_VIQR, "ha.", "hạ");
	assert_dec(VNLEGACY_VIQR, "Ho? ", "Hỏ ");
	/* ... except in a word that has its tone already. */
	assert_dec(VNLEGACY_VIQR, "Vie^.t.", "Việt.");
	assert_dec(VNLEGACY_VIQR, "ba`?", "bà?");
	assert_dec(VNLEGACY_VIQR, "Ha` No^.i.", "Hà Nội.");
	/* Vowel mark, then tone. */
	assert_dec(VNLEGACY_VIQR, "Tru+o+`ng", "Trường");
	assert_dec(VNLEGACY_VIQR, "a(^", "ă^");
	/* DD anywhere, dd and Dd at the start of a word only. */
	assert_dec(VNLEGACY_VIQR, "DDa('k Ha`", "Đắk Hà");
	assert_dec(VNLEGACY_VIQR, "HDDND", "HĐND");
	assert_dec(VNLEGACY_VIQR, "address odd Eddie", "address odd Eddie");
	assert_dec(VNLEGACY_VIQR, "Ddi dD", "Đi dD");
	/* Addresses are left alone. */
	assert_dec(VNLEGACY_VIQR, "Xem https://stp.kontum.gov.vn/a?b=ca'.",
	           "Xem https://stp.kontum.gov.vn/a?b=ca'.");
	assert_dec(VNLEGACY_VIQR, "thu+ ve^` vanthu.stp@kontum.gov.vn nha'",
	           "thư về vanthu.stp@kontum.gov.vn nhá");
	assert_dec(VNLEGACY_VIQR, "www.ca'.vn MAILTO:a?b",
	           "www.ca'.vn MAILTO:a?b");
	/* A mark before a digit is not one. */
	assert_dec(VNLEGACY_VIQR, "U+0041 u+1 a^2 a'1 e.5 u+",
	           "U+0041 u+1 a^2 a'1 e.5 ư");
	/* Non-ASCII passes through; invalid bytes read as cp1252. */
	assert_dec(VNLEGACY_VIQR, "“Vie^.t” \xe9", "“Việt” é");
	assert_dec(VNLEGACY_VIQR, "", "");
}

static void
test_vnlegacy__unicode_and_errors(void **state)
{
	struct buf b = BUF_INIT;
	enum vnlegacy_enc found;

	(void)state;
	assert_dec(VNLEGACY_UNICODE, "Vie\xcc\x82\xcc\xa3t", "Việt");
	assert_int_equal(vnlegacy_decode(VNLEGACY_UNICODE, "\xff", 1, &b),
	                 ERR_INVALID);
	assert_int_equal(vnlegacy_decode(VNLEGACY_NONE, "a", 1, &b),
	                 ERR_INVALID);
	assert_int_equal(vnlegacy_decode(VNLEGACY__MAX, "a", 1, &b),
	                 ERR_INVALID);
	assert_int_equal(vnlegacy_decode((enum vnlegacy_enc) - 1, "a", 1, &b),
	                 ERR_INVALID);
	assert_int_equal(b.len, 0);
	/* A capped buffer: error, nothing appended, the old text kept. */
	b.max = 8;
	buf_adds(&b, "old");
	assert_int_equal(vnlegacy_decode(VNLEGACY_TCVN3, "Th\xabng tin", 9, &b),
	                 ERR_INVALID);
	assert_true(buf_err(&b));
	assert_string_equal(b.p, "old");
	buf_release(&b);
	b = (struct buf)BUF_INIT;
	b.max = 3;
	assert_false(vnlegacy_fix("Th\xabng tin \xae\xb8ng", 14, &b, &found));
	assert_int_equal(found, VNLEGACY_TCVN3);
	assert_int_equal(b.len, 0);
	buf_release(&b);
	/* Appends after what out holds. */
	b = (struct buf)BUF_INIT;
	buf_adds(&b, "> ");
	assert_int_equal(vnlegacy_decode(VNLEGACY_VNI, "Vie\xe4t", 5, &b),
	                 ERR_OK);
	assert_string_equal(b.p, "> Việt");
	buf_release(&b);
}

/* Any bytes, cut anywhere: valid NFC out, no crash (ASan, valgrind). */
static void
test_vnlegacy__garbage_and_truncation(void **state)
{
	static const char cuts[] = "Vie\xcc\x82\xcc\xa3t \xe1\xbb\x87 a(^'\\"
	                           "\x93\xf4\xf9 https://x.vn/a'";
	unsigned char all[256];
	unsigned seed = 12345;
	size_t i, cut;
	int e, round;

	(void)state;
	for (i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	for (e = VNLEGACY_TCVN3; e < VNLEGACY__MAX; e++) {
		char *got = dec((enum vnlegacy_enc)e, (const char *)all, 256);

		free(got);
		/* Every prefix, each in a block of its own size. */
		for (cut = 0; cut <= sizeof(cuts) - 1; cut++) {
			char *q = xmalloc(cut ? cut : 1);

			memcpy(q, cuts, cut);
			got = dec((enum vnlegacy_enc)e, q, cut);
			free(got);
			free(q);
		}
	}
	for (round = 0; round < 300; round++) {
		char buf[64], *q;
		size_t len = (size_t)round % 64;
		int conf = -1;

		for (i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (char)(seed >> 16);
			if (round % 3 == 0)
				buf[i] = "a^('.?`~+dD \\o"[(seed >> 8) % 14];
		}
		/* An exact-size block, so ASan sees any overread. */
		q = xmalloc(len ? len : 1);
		memcpy(q, buf, len);
		for (e = VNLEGACY_TCVN3; e < VNLEGACY__MAX; e++)
			free(dec((enum vnlegacy_enc)e, q, len));
		(void)vnlegacy_detect(q, len, &conf);
		assert_in_range(conf, 0, 100);
		free(q);
	}
	assert_int_equal(vnlegacy_detect("", 0, NULL), VNLEGACY_UNICODE);
	assert_int_equal(vnlegacy_detect(NULL, 0, NULL), VNLEGACY_UNICODE);
}

/* ---- detection must leave these alone ---- */

static const char *const not_legacy[] = {
        /* English */
        "The quick brown fox jumps over the lazy dog.",
        "Who are you? I am here. Me? No. Go.",
        "Do you agree? Yes, I do. So do they.",
        "Is it a.m. or p.m.? We'll see, e.g. at 5 o'clock.",
        "Don't stop; it's the students' idea, isn't it?",
        "Hello, World! A cat sat on a mat. I saw a bee.",
        "Department of Justice of Kon Tum Province: annual report 2024.",
        /* French, German, Spanish, Portuguese (Latin-1 letters) */
        "café déjà vu",
        "Où est né Zoé ? À bientôt, mon cher ami.",
        "L'été dernier, nous sommes allés à la plage près de Nice.",
        "Ça coûte très cher, n'est-ce pas ? Façade, garçon, naïve, Noël.",
        "« Bonjour », dit-il, « je suis né à Hô Chi Minh-Ville. »",
        "Le thé à l'orange, la crème brûlée et le pâté.",
        "Über die Straße gehen wir schön langsam, Jürgen.",
        "El niño comió una manzana en la mañana del año pasado.",
        "Não sei se ele está em São Paulo ou em Belém.",
        "Un été à Hué: the résumé of a naïve fiancée.",
        /* Unicode Vietnamese (NFC; NFD is made from these below) */
        "Sở Tư pháp tỉnh Kon Tum tổ chức hội nghị phổ biến pháp luật.",
        "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc.",
        "Người dân có thể tra cứu thủ tục hành chính trên Cổng thông tin.",
        "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA TRANG TIN.",
        "Tôi là ai",
        "Chào cô, cá và cà.",
        "Ông bà tôi ở Kon Tum.",
        "Sở Tư pháp — Department of Justice (Kon Tum), website "
        "https://stp.kontum.gov.vn.",
        /* Code, URLs, mail */
        "int main(void) { return a.b ? c : d; }",
        "x = a^2 + b^2; y = (a+b)*(a-b); z = u+1; e.g = i++;",
        "SELECT * FROM users WHERE name = 'ai' AND id > 5;",
        "{\"a\": \"b\", \"c\": [1, 2.5e3], \"ok\": true}",
        "ls -la ~/dd/ && echo done. cd ../odd; git add .",
        "https://stp.kontum.gov.vn/tin-tuc?id=12&lang=vi.",
        "Email: thu.ky@stp-kontum.example, web: www.kontum.gov.vn/a?b.",
        "# Title\n\n* item one\n* item two?\n> quote.\n",
        "C:\\Users\\Admin\\Documents\\bao-cao.docx",
        "Code points: U+00E0, U+1EA3, U+0103, U+01B0 and U+01A1.",
        "",
        " \n\t ",
        "12/03/2024 – 15:30 – 100 000 đ",
        "😀 ☺ ✓ → ©",
};

static void
assert_not_legacy(const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	enum vnlegacy_enc found;
	int conf;

	found = vnlegacy_detect(s, len, &conf);
	if (found != VNLEGACY_UNICODE)
		fail_msg("'%s' detected as %s (%d), confidence %d", s,
		         vnlegacy_name(found), (int)found, conf);
	assert_in_range(conf, 0, 100);
	assert_false(vnlegacy_fix(s, len, &b, &found));
	assert_int_equal(found, VNLEGACY_UNICODE);
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

static void
test_vnlegacy__no_false_positives(void **state)
{
	size_t i;

	(void)state;
	assert_true(ARRAY_SIZE(not_legacy) >= 30);
	for (i = 0; i < ARRAY_SIZE(not_legacy); i++)
		assert_not_legacy(not_legacy[i], strlen(not_legacy[i]));
}

/* Every sentence and sample in NFD, and the sentences in NFC. */
static void
test_vnlegacy__unicode_vietnamese_left_alone(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sentences) + ARRAY_SIZE(not_legacy); i++) {
		const char *s = i < ARRAY_SIZE(sentences)
		                        ? sentences[i]
		                        : not_legacy[i - ARRAY_SIZE(sentences)];
		utf8proc_uint8_t *nfd =
		        utf8proc_NFD((const utf8proc_uint8_t *)s);

		assert_non_null(nfd);
		assert_not_legacy(s, strlen(s));
		assert_not_legacy((const char *)nfd, strlen((char *)nfd));
		free(nfd);
	}
}

/* Bytes that are not UTF-8 but not legacy Vietnamese either. */
static void
test_vnlegacy__other_bytes_are_none(void **state)
{
	static const char *const raw[] = {
	        "caf\xe9 d\xe9j\xe0 vu",
	        "\x93Hello\x94 \x96 world\x85",
	        "L'\xe9t\xe9 dernier, nous sommes all\xe9s \xe0 la plage.",
	        "\xfe\xff\x00S\x00\xe0", /* UTF-16 */
	        "\xff\xfe\xfd",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(raw); i++) {
		size_t len = i == 3 ? 6 : strlen(raw[i]);
		struct buf b = BUF_INIT;
		enum vnlegacy_enc found;

		assert_int_equal(vnlegacy_detect(raw[i], len, NULL),
		                 VNLEGACY_NONE);
		assert_false(vnlegacy_fix(raw[i], len, &b, &found));
		assert_int_equal(found, VNLEGACY_NONE);
		assert_int_equal(b.len, 0);
	}
}

/* Short pastes: one word is enough when nothing else competes. */
static void
test_vnlegacy__short_texts(void **state)
{
	int conf;

	(void)state;
	assert_int_equal(vnlegacy_detect("Vi\xd6t", 4, &conf), VNLEGACY_TCVN3);
	assert_true(conf < 50); /* one word: not much evidence */
	assert_int_equal(
	        vnlegacy_detect("Th«ng tin", strlen("Th«ng tin"), NULL),
	        VNLEGACY_TCVN3_CP1252);
	assert_int_equal(vnlegacy_detect("Vie\xe4t Nam", 9, NULL),
	                 VNLEGACY_VNI);
	assert_int_equal(vnlegacy_detect("Vie^.t Nam", 10, NULL),
	                 VNLEGACY_UNICODE); /* one VIQR word is too little */
	assert_int_equal(vnlegacy_detect("Vie^.t Nam DDa^'t Nu+o+'c", 25, NULL),
	                 VNLEGACY_VIQR);
}

static void
test_vnlegacy__names(void **state)
{
	int e;

	(void)state;
	assert_string_equal(vnlegacy_name(VNLEGACY_TCVN3), "TCVN3");
	assert_string_equal(vnlegacy_name(VNLEGACY_TCVN3_CP1252), "TCVN3");
	assert_string_equal(vnlegacy_name(VNLEGACY_VNI_CP1252), "VNI");
	assert_string_equal(vnlegacy_name(VNLEGACY_VIQR), "VIQR");
	assert_string_equal(vnlegacy_notice(VNLEGACY_TCVN3_CP1252),
	                    "Văn bản đã được chuyển từ mã TCVN3 sang Unicode.");
	assert_null(vnlegacy_notice(VNLEGACY_UNICODE));
	assert_null(vnlegacy_notice(VNLEGACY_NONE));
	assert_null(vnlegacy_notice(VNLEGACY__MAX));
	for (e = 0; e < VNLEGACY__MAX; e++) {
		const char *n = vnlegacy_notice((enum vnlegacy_enc)e);

		assert_non_null(vnlegacy_name((enum vnlegacy_enc)e));
		assert_int_equal(n != NULL,
		                 vnlegacy_is_legacy((enum vnlegacy_enc)e));
		if (n) {
			assert_true(utf8_valid(n, strlen(n)));
			assert_non_null(
			        strstr(n, vnlegacy_name((enum vnlegacy_enc)e)));
		}
	}
}

/* ---- the committed tables are the generator's output ---- */

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, len);
}

static void
test_vnlegacy__tables_match_generator(void **state)
{
	const char *shared = getenv("TTDT_SHARED");
	char dir[4096], probe[4200], tmp[] = "/tmp/vnlegacy-gen.XXXXXX";
	char *want, *got;
	size_t want_len, got_len;
	struct stat st;
	pid_t pid;
	int fd, status;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/data/vn-legacy",
	         shared && *shared ? shared : "../shared");
	snprintf(probe, sizeof(probe), "%s/tcvn3.tsv", dir);
	if (stat(probe, &st) != 0) {
		print_message("skip: %s is absent (set TTDT_SHARED to the "
		              "shared folder), so the generated tables cannot "
		              "be checked against their source\n",
		              dir);
		skip();
	}
	if (access("scripts/gen-vnlegacy", X_OK) != 0 ||
	    access("src/lib/vnlegacy_tables.c", R_OK) != 0) {
		print_message("skip: run from the repository root to compare "
		              "src/lib/vnlegacy_tables.c with "
		              "scripts/gen-vnlegacy's output\n");
		skip();
	}
	fd = mkstemp(tmp);
	assert_true(fd >= 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fd, STDOUT_FILENO);
		execl("scripts/gen-vnlegacy", "gen-vnlegacy", dir,
		      (char *)NULL);
		_exit(127);
	}
	close(fd);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	got = slurp(tmp, &got_len);
	want = slurp("src/lib/vnlegacy_tables.c", &want_len);
	unlink(tmp);
	assert_non_null(got);
	assert_non_null(want);
	if (got_len != want_len || memcmp(got, want, got_len) != 0)
		fail_msg("src/lib/vnlegacy_tables.c differs from what "
		         "scripts/gen-vnlegacy makes of %s: regenerate it",
		         dir);
	free(got);
	free(want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_vnlegacy__table_rows),
	        cmocka_unit_test(test_vnlegacy__hand_tables_agree),
	        cmocka_unit_test(test_vnlegacy__all_letters_round_trip),
	        cmocka_unit_test(test_vnlegacy__tcvn3_capitals),
	        cmocka_unit_test(test_vnlegacy__sentences_tcvn3),
	        cmocka_unit_test(test_vnlegacy__sentences_vni),
	        cmocka_unit_test(test_vnlegacy__sentences_viqr),
	        cmocka_unit_test(test_vnlegacy__paragraph_with_quotes),
	        cmocka_unit_test(test_vnlegacy__caps_font),
	        cmocka_unit_test(test_vnlegacy__vn2_combining_marks),
	        cmocka_unit_test(test_vnlegacy__cp1252_quotes),
	        cmocka_unit_test(test_vnlegacy__vni_details),
	        cmocka_unit_test(test_vnlegacy__viqr_rules),
	        cmocka_unit_test(test_vnlegacy__unicode_and_errors),
	        cmocka_unit_test(test_vnlegacy__garbage_and_truncation),
	        cmocka_unit_test(test_vnlegacy__no_false_positives),
	        cmocka_unit_test(test_vnlegacy__unicode_vietnamese_left_alone),
	        cmocka_unit_test(test_vnlegacy__other_bytes_are_none),
	        cmocka_unit_test(test_vnlegacy__short_texts),
	        cmocka_unit_test(test_vnlegacy__names),
	        cmocka_unit_test(test_vnlegacy__tables_match_generator),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
