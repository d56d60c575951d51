/*
 * Seeds the section tree of the regulation, Điều 8 (content of the site),
 * with the photo library and video of Điều 9.1.b.  Main sections follow
 * the regulation's order: 8.1 introduction, 8.2 news, 8.3 legal documents,
 * 8.4 administrative procedures, 8.5 law dissemination, 8.6 the
 * Department's directive documents, 8.7 disclosures, 8.8 research, 8.9
 * answers to petitions, 8.10.a-e, then photos and video.
 *
 * Names follow the regulation's wording, shortened where a menu needs it;
 * slugs are vnslug(name).  Seeding happens once: a database that already
 * has sections is left alone, since they are the Secretariat's to manage
 * from then on (Điều 16.3).
 */
#include "common.h"

#include "seed.h"
#include "buf.h"
#include "vnfold.h"

#define SLUG_MAX 80

const struct seed_section seed_section_table[] = {
        /* 0 */ {-1, "Giới thiệu",
                 "Giới thiệu chung về Sở Tư pháp tỉnh Kon Tum và các đơn vị "
                 "thuộc Sở: chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức, "
                 "địa chỉ liên hệ.",
                 false, "Điều 8.1"},
        /* 1 */
        {0, "Chức năng, nhiệm vụ, quyền hạn",
         "Vị trí, chức năng, nhiệm vụ và quyền hạn của Sở Tư pháp.", false,
         "Điều 8.1"},
        /* 2 */
        {0, "Cơ cấu tổ chức",
         "Lãnh đạo Sở, các phòng chuyên môn và đơn vị sự nghiệp "
         "thuộc Sở.",
         false, "Điều 8.1"},
        /* 3 */
        {0, "Lãnh đạo Sở",
         "Giám đốc, các Phó Giám đốc Sở và lĩnh vực được phân công "
         "phụ trách.",
         false, "Điều 8.1"},
        /* 4 */
        {0, "Các phòng, đơn vị thuộc Sở",
         "Chức năng, nhiệm vụ, địa chỉ, số điện thoại và thư điện tử "
         "của các phòng, trung tâm thuộc Sở.",
         false, "Điều 8.1"},
        /* 5 */
        {-1, "Tin tức - sự kiện",
         "Thông tin chỉ đạo, điều hành của Bộ Tư pháp, của tỉnh và "
         "hoạt động của ngành Tư pháp trên địa bàn tỉnh.",
         false, "Điều 8.2"},
        /* 6 */
        {5, "Tin hoạt động của Sở",
         "Hội nghị, tập huấn, kiểm tra và các hoạt động chuyên môn "
         "của Sở Tư pháp.",
         true, "Điều 8.2"},
        /* 7 */
        {5, "Tin chỉ đạo điều hành của Bộ Tư pháp",
         "Thông tin quản lý, chỉ đạo, điều hành của Bộ Tư pháp.", false,
         "Điều 8.2"},
        /* 8 */
        {5, "Tin chỉ đạo điều hành của tỉnh",
         "Chỉ đạo, điều hành của Tỉnh ủy, Ủy ban nhân dân tỉnh Kon "
         "Tum liên quan đến công tác tư pháp.",
         false, "Điều 8.2"},
        /* 9 */
        {5, "Tin tư pháp huyện, thành phố",
         "Hoạt động của Phòng Tư pháp các huyện, thành phố và công "
         "chức tư pháp - hộ tịch cấp xã.",
         true, "Điều 8.2, 18"},
        /* 10 */
        {-1, "Văn bản pháp luật",
         "Hệ thống văn bản quy phạm pháp luật của trung ương, của "
         "tỉnh và văn bản pháp luật chuyên ngành tư pháp.",
         false, "Điều 8.3"},
        /* 11 */
        {10, "Văn bản của Trung ương",
         "Luật, nghị định, thông tư và các văn bản quy phạm pháp "
         "luật do cơ quan trung ương ban hành.",
         false, "Điều 8.3"},
        /* 12 */
        {10, "Văn bản của tỉnh",
         "Nghị quyết của Hội đồng nhân dân, quyết định của Ủy ban "
         "nhân dân tỉnh Kon Tum.",
         false, "Điều 8.3"},
        /* 13 */
        {10, "Văn bản pháp luật chuyên ngành",
         "Văn bản pháp luật về các lĩnh vực thuộc phạm vi quản lý "
         "nhà nước của Sở Tư pháp.",
         false, "Điều 8.3"},
        /* 14 */
        {-1, "Thủ tục hành chính",
         "Quy trình thực hiện thủ tục hành chính và thông tin về "
         "dịch vụ công trực tuyến.",
         false, "Điều 8.4"},
        /* 15 */
        {14, "Thủ tục hành chính thuộc lĩnh vực của Sở",
         "Các thủ tục hành chính trong phạm vi lĩnh vực do Sở Tư "
         "pháp quản lý.",
         false, "Điều 8.4.a"},
        /* 16 */
        {14, "Dịch vụ công trực tuyến",
         "Danh mục và quy trình thực hiện dịch vụ công trực tuyến "
         "thuộc lĩnh vực quản lý của Sở.",
         false, "Điều 8.4.b"},
        /* 17 */
        {-1, "Phổ biến, giáo dục pháp luật",
         "Tuyên truyền, phổ biến, hướng dẫn thực hiện pháp luật "
         "trong các lĩnh vực thuộc phạm vi quản lý của Sở.",
         false, "Điều 8.5"},
        /* 18 */
        {-1, "Văn bản chỉ đạo, điều hành của Sở",
         "Kế hoạch, công văn, quyết định phục vụ công tác chỉ đạo, "
         "điều hành của Sở Tư pháp.",
         false, "Điều 8.6"},
        /* 19 */
        {-1, "Công khai thông tin",
         "Các thông tin phải công khai, minh bạch theo quy định của "
         "pháp luật.",
         false, "Điều 8.7"},
        /* 20 */
        {-1, "Nghiên cứu, trao đổi",
         "Bài viết nghiên cứu, trao đổi về các vấn đề thuộc phạm vi "
         "quản lý nhà nước của ngành Tư pháp.",
         false, "Điều 8.8"},
        /* 21 */
        {-1, "Trả lời kiến nghị",
         "Ý kiến xử lý, phản hồi đối với kiến nghị, yêu cầu của tổ "
         "chức, cá nhân.",
         false, "Điều 8.9"},
        /* 22 */
        {-1, "Lấy ý kiến dự thảo văn bản",
         "Lấy ý kiến góp ý của tổ chức, cá nhân đối với dự thảo văn "
         "bản.",
         false, "Điều 8.10.a"},
        /* 23 */
        {-1, "Hướng dẫn nghiệp vụ", "Hướng dẫn nghiệp vụ chuyên ngành tư pháp.",
         false, "Điều 8.10.b"},
        /* 24 */
        {-1, "Hỏi đáp pháp luật",
         "Giải đáp vướng mắc pháp luật của người dân và doanh "
         "nghiệp.",
         false, "Điều 8.10.c"},
        /* 25 */
        {-1, "Hỗ trợ pháp lý cho doanh nghiệp",
         "Thông tin, tư vấn và hỗ trợ pháp lý cho doanh nghiệp trên "
         "địa bàn tỉnh.",
         false, "Điều 8.10.d"},
        /* 26 */
        {-1, "Tổ chức, cá nhân hành nghề bổ trợ tư pháp",
         "Luật sư, công chứng, đấu giá tài sản, giám định tư pháp, "
         "thừa phát lại, hòa giải thương mại và các nghề bổ trợ tư "
         "pháp khác.",
         false, "Điều 8.10.đ"},
        /* 27 */
        {-1, "Lịch làm việc của Lãnh đạo Sở",
         "Lịch công tác hằng tuần của Giám đốc và các Phó Giám đốc "
         "Sở.",
         false, "Điều 8.10.e"},
        /* 28 */
        {-1, "Thư viện ảnh",
         "Hình ảnh hoạt động của Sở Tư pháp và ngành Tư pháp tỉnh "
         "Kon Tum.",
         false, "Điều 9.1.b"},
        /* 29 */
        {-1, "Video",
         "Phóng sự, video tuyên truyền pháp luật và hoạt động của "
         "ngành.",
         false, "Điều 9.1.b"},
};

const size_t seed_section_count = ARRAY_SIZE(seed_section_table);

static enum err
insert_all(struct store *s, void *arg)
{
	int64_t ids[ARRAY_SIZE(seed_section_table)];
	int position[ARRAY_SIZE(seed_section_table) + 1] = {0};
	struct buf slug = BUF_INIT;
	enum err e = ERR_OK;

	(void)arg;
	for (size_t i = 0; i < seed_section_count; i++) {
		const struct seed_section *ss = &seed_section_table[i];
		struct category c = {0};
		/* Siblings are numbered 1, 2, ... under each parent; slot 0
		 * counts the main sections. */
		int *pos = &position[ss->parent + 1];

		if (ss->parent >= (int)i)
			BUG("seed section %zu listed before its parent", i);
		buf_reset(&slug);
		vnslug(&slug, ss->name, strlen(ss->name), SLUG_MAX);
		c.parent_id = ss->parent < 0 ? 0 : ids[ss->parent];
		c.slug = slug.p;
		c.name = ss->name;
		c.description = ss->description;
		c.position = ++*pos;
		c.activity_news = ss->activity_news;
		if ((e = store_category_insert(s, &c)) != ERR_OK)
			break;
		ids[i] = c.id;
	}
	buf_release(&slug);
	return e;
}

enum err
seed_sections(struct store *s)
{
	struct arena a = ARENA_INIT;
	struct category *cats;
	size_t n = 0;
	enum err e;

	arena_init(&a, 4096);
	e = store_categories(s, &a, &cats, &n);
	arena_release(&a);
	if (e != ERR_OK)
		return e;
	if (n > 0)
		return ERR_OK;
	return store_tx(s, insert_all, NULL);
}
