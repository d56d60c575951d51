/*
 * Phrase banks of the demo generator: Vietnamese text written for a
 * provincial Department of Justice (Sở Tư pháp tỉnh Kon Tum), composed by
 * demo.c into titles, summaries and bodies.
 *
 * Templates contain placeholders {name}, replaced per item (demo.c keeps
 * one value per item, so the district in the title is the district in the
 * body).  {^name} capitalises the first letter of the value.  Names:
 *   nam, nam_truoc, ngay (dd/mm/yyyy), thang, quy, tuan   dates
 *   huyen ("huyện Đắk Tô"), ten_huyen ("Đắk Tô"), xa    places
 *   lanh_dao (name and title), nguoi (a person)         people
 *   so, so_lon, so_nho, phan_tram                       numbers
 *   linh_vuc, luat, doi_tuong, don_vi, thu_tuc          the item's field
 *   dia_diem                                            a meeting place
 *   chu_de                                              a business topic
 * Every string is NFC UTF-8 (demo_test checks each one).
 */
#ifndef TTDT_DEMO_WORDS_H
#define TTDT_DEMO_WORDS_H

#include <stddef.h>

/* A field of the Department's work: what stories are about. */
struct demo_field {
	const char *name;          /* linh_vuc: "hòa giải ở cơ sở" */
	const char *law;           /* luat */
	const char *audience;      /* doi_tuong */
	const char *unit;          /* don_vi: the unit in charge */
	const char *procedure;     /* thu_tuc: a typical procedure */
	const char *metric[2];     /* table columns for district results */
	const char *const *facts;  /* paragraphs, NULL-terminated */
	const char *const *points; /* list items, NULL-terminated */
	const char *question;      /* a citizen's question (Hỏi đáp) */
	const char *answer;        /* its answer, paragraphs split by '\n' */
};

extern const struct demo_field demo_fields[];
extern const size_t demo_fields_n;

/* A title with the lead that goes with it. */
struct demo_story {
	const char *title;
	const char *lead;
};

/* Kinds of story, one per family of sections. */
enum demo_group {
	DEMO_GROUP_ACTIVITY, /* Tin hoạt động của Sở */
	DEMO_GROUP_MINISTRY, /* Tin chỉ đạo điều hành của Bộ Tư pháp */
	DEMO_GROUP_PROVINCE, /* Tin chỉ đạo điều hành của tỉnh */
	DEMO_GROUP_DISTRICT, /* Tin tư pháp huyện, thành phố */
	DEMO_GROUP_LAW_DOC,  /* Văn bản pháp luật */
	DEMO_GROUP_DIRECTIVE, /* Văn bản chỉ đạo, điều hành của Sở */
	DEMO_GROUP_PROCEDURE,     /* Thủ tục hành chính */
	DEMO_GROUP_DISSEMINATION, /* Phổ biến, giáo dục pháp luật */
	DEMO_GROUP_DISCLOSURE,    /* Công khai thông tin */
	DEMO_GROUP_RESEARCH,      /* Nghiên cứu, trao đổi */
	DEMO_GROUP_PETITION,      /* Trả lời kiến nghị */
	DEMO_GROUP_CONSULTATION,  /* Lấy ý kiến dự thảo văn bản */
	DEMO_GROUP_GUIDANCE,      /* Hướng dẫn nghiệp vụ */
	DEMO_GROUP_QA,            /* Hỏi đáp pháp luật */
	DEMO_GROUP_BUSINESS,      /* Hỗ trợ pháp lý cho doanh nghiệp */
	DEMO_GROUP_PRACTICE, /* Tổ chức, cá nhân hành nghề bổ trợ tư pháp */
	DEMO_GROUP_SCHEDULE, /* Lịch làm việc của Lãnh đạo Sở */
	DEMO_GROUP_PHOTO,    /* Thư viện ảnh */
	DEMO_GROUP__MAX
};

struct demo_group_words {
	const struct demo_story *stories; /* title/lead pairs, NULL title
	                                     ends */
	const char *const *paras;    /* middle paragraphs, NULL-terminated */
	const char *const *closings; /* last paragraphs, NULL-terminated */
	const char *const *headings; /* h2 texts, NULL-terminated */
	const char *const *alts;     /* cover descriptions, NULL-terminated */
};

extern const struct demo_group_words demo_groups[DEMO_GROUP__MAX];

/* Districts of Kon Tum with some of their communes. */
struct demo_district {
	const char *name;            /* "huyện Đắk Tô" */
	const char *short_name;      /* "Đắk Tô" */
	const char *const *communes; /* NULL-terminated */
};

extern const struct demo_district demo_districts[];
extern const size_t demo_districts_n;

/* Leaders of the Department: "ông ..., Phó Giám đốc Sở Tư pháp". */
extern const char *const demo_leaders[];
extern const size_t demo_leaders_n;
/* The same leaders as a schedule names them: "Giám đốc Trần Minh Thắng";
 * demo_leaders_n of them. */
extern const char *const demo_leaders_short[];

/* Entries of a leader's weekly schedule, and where they happen. */
extern const char *const demo_schedule_tasks[];
extern const size_t demo_schedule_tasks_n;
extern const char *const demo_schedule_places[];
extern const size_t demo_schedule_places_n;

/* Meeting places, business topics. */
extern const char *const demo_places[];
extern const size_t demo_places_n;
extern const char *const demo_business_topics[];
extern const size_t demo_business_topics_n;

/* Parts of Vietnamese personal names for authors. */
extern const char *const demo_family_names[];
extern const size_t demo_family_names_n;
extern const char *const demo_middle_names[];
extern const size_t demo_middle_names_n;
extern const char *const demo_given_names[];
extern const size_t demo_given_names_n;
/* Names of the Central Highlands' peoples (Xơ Đăng, Ba Na, Gia Rai...),
 * used whole: "Y Thương", "A Thiên". */
extern const char *const demo_highland_names[];
extern const size_t demo_highland_names_n;

/* The introduction pages (Điều 8.1): title, summary, body HTML, and the
 * index of the seeded section they belong to. */
struct demo_page {
	int section; /* index into seed_section_table */
	const char *title;
	const char *summary;
	const char *body_html;
};

extern const struct demo_page demo_pages[];
extern const size_t demo_pages_n;

/* Every string above, for the NFC test: calls fn on each. */
void demo_words_each(void (*fn)(const char *s, void *arg), void *arg);

#endif
