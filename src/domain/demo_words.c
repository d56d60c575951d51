/*
 * Phrase banks for the demo content: what a provincial Department of
 * Justice in the Central Highlands writes about, in its own register.
 * Laws are cited by their real names and numbers; people other than the
 * Director who signed the regulation are fictional.  Placeholders are
 * described in demo_words.h.  All literals are NFC (checked by
 * demo_test).
 */
#include "common.h"

#include "demo_words.h"

/* Fields of work ------------------------------------------------------ */

static const char *const hoa_giai_facts[] = {
        "Toàn tỉnh hiện có hơn 900 tổ hòa giải với trên 5.000 hòa giải viên "
        "ở cơ sở; phần lớn là trưởng thôn, già làng, người có uy tín trong "
        "cộng đồng dân cư, am hiểu phong tục, tập quán của đồng bào.",
        "Trong kỳ, các tổ hòa giải đã tiếp nhận {so} vụ việc, hòa giải thành "
        "{phan_tram}%, chủ yếu là tranh chấp đất đai, mâu thuẫn trong gia "
        "đình và giữa các hộ dân cùng thôn, làng.",
        "Nhiều vụ việc được hòa giải ngay từ khi mới phát sinh, góp phần giữ "
        "gìn đoàn kết trong cộng đồng, hạn chế đơn thư vượt cấp và giảm tải "
        "cho cơ quan tư pháp.",
        "Kinh phí hỗ trợ hòa giải viên theo vụ việc được chi trả kịp thời "
        "theo Nghị quyết của Hội đồng nhân dân tỉnh, tạo động lực để hòa "
        "giải viên gắn bó với công việc.",
        "Hòa giải viên được hướng dẫn các kỹ năng lắng nghe, đặt câu hỏi, "
        "phân tích lợi ích của các bên và cách vận dụng hương ước, quy ước "
        "của thôn, làng phù hợp với quy định của pháp luật.",
        NULL,
};

static const char *const hoa_giai_points[] = {
        "Kiện toàn tổ hòa giải ở những thôn, làng mới sáp nhập",
        "Bồi dưỡng kỹ năng hòa giải cho hòa giải viên là người dân tộc "
        "thiểu số",
        "Phối hợp với Ủy ban Mặt trận Tổ quốc cùng cấp theo dõi hoạt động "
        "hòa giải",
        "Thống kê, báo cáo kết quả hòa giải đúng kỳ hạn",
        "Biểu dương, khen thưởng hòa giải viên tiêu biểu",
        NULL,
};

static const char *const ho_tich_facts[] = {
        "Công tác đăng ký hộ tịch trên địa bàn tỉnh được thực hiện trên Phần "
        "mềm đăng ký, quản lý hộ tịch điện tử dùng chung của Bộ Tư pháp, kết "
        "nối với Cơ sở dữ liệu quốc gia về dân cư.",
        "Từ đầu năm đến nay, các địa phương đã đăng ký khai sinh cho {so_lon} "
        "trường hợp, trong đó tỷ lệ trẻ em được đăng ký khai sinh đúng hạn "
        "đạt {phan_tram}%.",
        "Việc thực hiện liên thông các thủ tục đăng ký khai sinh, đăng ký "
        "thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi giúp người "
        "dân giảm thời gian đi lại, nhất là ở các xã vùng sâu, vùng xa.",
        "Công tác số hóa sổ hộ tịch được triển khai khẩn trương; dữ liệu hộ "
        "tịch lịch sử sau khi được số hóa sẽ được cập nhật vào Cơ sở dữ liệu "
        "hộ tịch điện tử.",
        "Một số trường hợp kết hôn chưa đủ tuổi, tảo hôn vẫn còn xảy ra ở "
        "vùng đồng bào dân tộc thiểu số, đòi hỏi sự vào cuộc của cả hệ thống "
        "chính trị ở cơ sở.",
        NULL,
};

static const char *const ho_tich_points[] = {
        "Đăng ký khai sinh, khai tử đúng hạn, đầy đủ",
        "Thực hiện liên thông thủ tục hành chính về đăng ký khai sinh, đăng "
        "ký thường trú, cấp thẻ bảo hiểm y tế",
        "Cập nhật kịp thời dữ liệu hộ tịch lên phần mềm dùng chung",
        "Rà soát, số hóa sổ hộ tịch lưu trữ tại Ủy ban nhân dân cấp xã",
        "Tuyên truyền phòng, chống tảo hôn và hôn nhân cận huyết thống",
        NULL,
};

static const char *const chung_thuc_facts[] = {
        "Việc chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng "
        "thực hợp đồng, giao dịch được thực hiện theo Nghị định số "
        "23/2015/NĐ-CP của Chính phủ.",
        "Qua kiểm tra, các cơ quan thực hiện chứng thực đã mở sổ chứng thực "
        "đầy đủ, ghi chép rõ ràng; tuy nhiên vẫn còn trường hợp lời chứng "
        "chưa đúng mẫu, chưa ghi đủ số chứng thực.",
        "Người yêu cầu chứng thực bản sao điện tử từ bản chính có thể nộp hồ "
        "sơ trực tuyến trên Cổng Dịch vụ công quốc gia và nhận kết quả qua "
        "tài khoản định danh điện tử.",
        "Trong kỳ, toàn tỉnh đã chứng thực {so_lon} việc, không có trường hợp "
        "nào bị khiếu nại về kết quả chứng thực.",
        NULL,
};

static const char *const chung_thuc_points[] = {
        "Niêm yết công khai thủ tục, phí chứng thực tại nơi tiếp nhận hồ sơ",
        "Lưu trữ sổ chứng thực và hồ sơ theo đúng quy định",
        "Không yêu cầu bản sao có chứng thực khi người dân xuất trình bản "
        "chính để đối chiếu",
        "Triển khai chứng thực bản sao điện tử từ bản chính",
        NULL,
};

static const char *const cong_chung_facts[] = {
        "Luật Công chứng số 46/2024/QH15 có hiệu lực từ ngày 01/7/2025, bổ "
        "sung nhiều quy định mới về công chứng điện tử, cơ sở dữ liệu công "
        "chứng và trách nhiệm của công chứng viên.",
        "Trên địa bàn tỉnh hiện có các văn phòng công chứng hoạt động ổn "
        "định; trong kỳ đã công chứng {so_lon} hợp đồng, giao dịch, chủ yếu "
        "là chuyển nhượng, thế chấp quyền sử dụng đất.",
        "Sở Tư pháp tăng cường kiểm tra việc tuân thủ quy định về niêm yết "
        "phí, thù lao công chứng, việc lưu trữ hồ sơ và chế độ báo cáo của "
        "các tổ chức hành nghề công chứng.",
        "Cơ sở dữ liệu công chứng của tỉnh giúp công chứng viên tra cứu "
        "thông tin ngăn chặn, hạn chế rủi ro khi công chứng các giao dịch về "
        "bất động sản.",
        NULL,
};

static const char *const cong_chung_points[] = {
        "Niêm yết công khai lịch làm việc, phí công chứng và thù lao",
        "Cập nhật đầy đủ thông tin giao dịch vào cơ sở dữ liệu công chứng",
        "Thực hiện chế độ bồi dưỡng nghiệp vụ công chứng hằng năm",
        "Mua bảo hiểm trách nhiệm nghề nghiệp cho công chứng viên",
        NULL,
};

static const char *const tro_giup_facts[] = {
        "Trung tâm Trợ giúp pháp lý nhà nước tỉnh đã thực hiện {so} vụ việc "
        "trợ giúp pháp lý, trong đó có nhiều vụ việc tham gia tố tụng bảo vệ "
        "quyền lợi cho người dân tộc thiểu số cư trú ở vùng có điều kiện kinh "
        "tế - xã hội đặc biệt khó khăn.",
        "Người được trợ giúp pháp lý gồm người có công với cách mạng, người "
        "thuộc hộ nghèo, trẻ em, người dân tộc thiểu số cư trú ở vùng đặc "
        "biệt khó khăn và một số đối tượng khác theo Luật Trợ giúp pháp lý "
        "năm 2017.",
        "Các buổi trợ giúp pháp lý lưu động được tổ chức ngay tại nhà văn "
        "hóa thôn, có phiên dịch tiếng Xơ Đăng, Ba Na, Gia Rai giúp bà con dễ "
        "trình bày vướng mắc.",
        "Trợ giúp viên pháp lý đã tham gia bào chữa, bảo vệ quyền và lợi ích "
        "hợp pháp cho người được trợ giúp pháp lý tại Tòa án nhân dân hai cấp "
        "với chất lượng được đánh giá tốt.",
        NULL,
};

static const char *const tro_giup_points[] = {
        "Người có công với cách mạng",
        "Người thuộc hộ nghèo",
        "Trẻ em",
        "Người dân tộc thiểu số cư trú ở vùng có điều kiện kinh tế - xã hội "
        "đặc biệt khó khăn",
        "Người bị buộc tội từ đủ 16 tuổi đến dưới 18 tuổi",
        "Nạn nhân trong vụ việc bạo lực gia đình, mua bán người",
        NULL,
};

static const char *const kiem_tra_vb_facts[] = {
        "Qua kiểm tra theo thẩm quyền, Sở Tư pháp đã tiếp nhận {so} văn bản "
        "quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân cấp huyện, "
        "cấp xã và phát hiện một số văn bản có sai sót về thể thức, kỹ thuật "
        "trình bày.",
        "Luật Ban hành văn bản quy phạm pháp luật năm 2025 đề cao trách "
        "nhiệm của người đứng đầu, rút gọn quy trình và tăng cường kiểm soát "
        "quyền lực trong xây dựng pháp luật.",
        "Công tác rà soát, hệ thống hóa văn bản được thực hiện thường xuyên; "
        "các văn bản hết hiệu lực được công bố kịp thời, bảo đảm tính thống "
        "nhất của hệ thống văn bản trên địa bàn tỉnh.",
        "Đối với các văn bản có dấu hiệu trái pháp luật, Sở Tư pháp đã có văn "
        "bản đề nghị cơ quan ban hành tự kiểm tra, xử lý theo quy định.",
        NULL,
};

static const char *const kiem_tra_vb_points[] = {
        "Gửi văn bản đến cơ quan kiểm tra đúng thời hạn sau khi ban hành",
        "Thẩm định đầy đủ dự thảo trước khi trình ban hành",
        "Rà soát thường xuyên, công bố danh mục văn bản hết hiệu lực",
        "Đăng tải văn bản trên Cơ sở dữ liệu quốc gia về pháp luật",
        NULL,
};

static const char *const pbgdpl_facts[] = {
        "Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh đã ban hành kế "
        "hoạch năm {nam}, xác định trọng tâm là phổ biến các luật mới được "
        "Quốc hội thông qua và các chính sách có tác động lớn đến người dân.",
        "Hình thức phổ biến ngày càng đa dạng: hội nghị, tọa đàm, cuộc thi "
        "tìm hiểu pháp luật trực tuyến, phát thanh bằng tiếng dân tộc thiểu "
        "số trên hệ thống loa truyền thanh cơ sở.",
        "Đội ngũ {so} báo cáo viên, tuyên truyền viên pháp luật được kiện "
        "toàn, cập nhật kiến thức pháp luật mới và kỹ năng truyền đạt phù hợp "
        "với từng nhóm đối tượng.",
        "Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam (09/11) được "
        "hưởng ứng rộng rãi, góp phần nâng cao ý thức thượng tôn Hiến pháp và "
        "pháp luật trong cán bộ và Nhân dân.",
        "Tủ sách pháp luật ở các xã được bổ sung sách, tài liệu song ngữ, "
        "thu hút đông đảo người dân, học sinh đến tìm đọc.",
        NULL,
};

static const char *const pbgdpl_points[] = {
        "Phổ biến luật mới qua hội nghị trực tiếp và trực tuyến",
        "Phát thanh pháp luật bằng tiếng Xơ Đăng, Ba Na, Gia Rai",
        "Tổ chức cuộc thi tìm hiểu pháp luật trên mạng xã hội",
        "Lồng ghép phổ biến pháp luật vào sinh hoạt thôn, làng",
        "Phổ biến pháp luật cho học sinh các trường phổ thông dân tộc nội trú",
        NULL,
};

static const char *const tiep_can_facts[] = {
        "Năm {nam_truoc}, toàn tỉnh có {phan_tram}% số xã, phường, thị trấn "
        "được công nhận đạt chuẩn tiếp cận pháp luật theo Quyết định số "
        "25/2021/QĐ-TTg của Thủ tướng Chính phủ.",
        "Việc đánh giá được thực hiện dựa trên năm tiêu chí: ban hành văn bản "
        "theo thẩm quyền; tiếp cận thông tin, phổ biến, giáo dục pháp luật; "
        "hòa giải ở cơ sở, trợ giúp pháp lý; thực hiện dân chủ ở cơ sở; và "
        "giải quyết thủ tục hành chính.",
        "Một số xã vùng sâu còn gặp khó khăn ở tiêu chí về tiếp cận thông "
        "tin do hạ tầng viễn thông chưa đồng bộ và đội ngũ công chức còn "
        "thiếu.",
        "Kết quả xây dựng xã đạt chuẩn tiếp cận pháp luật là một tiêu chí "
        "trong Bộ tiêu chí quốc gia về xã nông thôn mới.",
        NULL,
};

static const char *const tiep_can_points[] = {
        "Ban hành văn bản theo thẩm quyền",
        "Tiếp cận thông tin, phổ biến, giáo dục pháp luật",
        "Hòa giải ở cơ sở, trợ giúp pháp lý",
        "Thực hiện dân chủ ở cơ sở",
        "Giải quyết thủ tục hành chính và bảo đảm trật tự, an toàn xã hội",
        NULL,
};

static const char *const ly_lich_facts[] = {
        "Trong kỳ, Sở Tư pháp đã tiếp nhận và cấp {so_lon} Phiếu lý lịch tư "
        "pháp, không có hồ sơ trễ hạn.",
        "Từ năm 2024, công dân có thể đề nghị cấp Phiếu lý lịch tư pháp trực "
        "tuyến qua ứng dụng VNeID mà không phải nộp bản sao giấy tờ, thời "
        "gian giải quyết được rút ngắn đáng kể.",
        "Việc tiếp nhận, cập nhật thông tin lý lịch tư pháp từ Tòa án, cơ "
        "quan thi hành án được thực hiện thường xuyên, bảo đảm cơ sở dữ liệu "
        "đầy đủ, chính xác.",
        NULL,
};

static const char *const ly_lich_points[] = {
        "Tiếp nhận hồ sơ trực tuyến qua Cổng Dịch vụ công và VNeID",
        "Nhận kết quả bản điện tử hoặc bản giấy qua dịch vụ bưu chính",
        "Tra cứu tình trạng hồ sơ bằng mã hồ sơ",
        NULL,
};

static const char *const xlvphc_facts[] = {
        "Luật Xử lý vi phạm hành chính năm 2012, được sửa đổi, bổ sung năm "
        "2020, quy định rõ thẩm quyền, trình tự xử phạt và các biện pháp xử "
        "lý hành chính.",
        "Qua kiểm tra, việc lập biên bản, ban hành quyết định xử phạt tại các "
        "cơ quan cơ bản đúng thẩm quyền; một số hồ sơ còn thiếu tài liệu về "
        "việc giao nhận quyết định.",
        "Công tác theo dõi tình hình thi hành pháp luật năm {nam} tập trung "
        "vào lĩnh vực đất đai, bảo vệ môi trường và phòng, chống bạo lực gia "
        "đình.",
        NULL,
};

static const char *const xlvphc_points[] = {
        "Lập biên bản vi phạm hành chính đúng mẫu, đúng thời hạn",
        "Ban hành quyết định xử phạt đúng thẩm quyền",
        "Theo dõi việc thi hành quyết định xử phạt",
        "Cập nhật dữ liệu vào cơ sở dữ liệu quốc gia về xử lý vi phạm hành "
        "chính",
        NULL,
};

static const char *const dau_gia_facts[] = {
        "Luật Đấu giá tài sản được sửa đổi, bổ sung năm 2024 siết chặt điều "
        "kiện thành lập tổ chức hành nghề đấu giá và quy định chặt chẽ hơn "
        "việc đấu giá quyền sử dụng đất.",
        "Trung tâm Dịch vụ đấu giá tài sản đã tổ chức {so} cuộc đấu giá thành "
        "công, tổng giá trị tài sản bán được cao hơn giá khởi điểm.",
        "Việc lựa chọn tổ chức hành nghề đấu giá tài sản được thực hiện công "
        "khai trên Cổng thông tin điện tử quốc gia về đấu giá tài sản.",
        NULL,
};

static const char *const dau_gia_points[] = {
        "Niêm yết, thông báo công khai việc đấu giá đúng thời hạn",
        "Bảo đảm bí mật thông tin về người tham gia đấu giá",
        "Ngăn chặn hành vi thông đồng, dìm giá",
        "Thực hiện đấu giá trực tuyến khi đủ điều kiện",
        NULL,
};

static const char *const boi_thuong_facts[] = {
        "Luật Trách nhiệm bồi thường của Nhà nước năm 2017 quy định quyền "
        "yêu cầu bồi thường của người bị thiệt hại do người thi hành công vụ "
        "gây ra.",
        "Sở Tư pháp thường xuyên hướng dẫn các cơ quan giải quyết bồi thường "
        "về thủ tục thương lượng, xác định thiệt hại và chi trả tiền bồi "
        "thường.",
        "Công tác bồi thường được gắn với việc xem xét trách nhiệm hoàn trả "
        "của người thi hành công vụ có lỗi gây thiệt hại.",
        NULL,
};

static const char *const boi_thuong_points[] = {
        "Thụ lý hồ sơ yêu cầu bồi thường đúng thời hạn",
        "Tổ chức thương lượng công khai, khách quan",
        "Xem xét trách nhiệm hoàn trả của người thi hành công vụ",
        NULL,
};

static const char *const con_nuoi_facts[] = {
        "Việc giải quyết nuôi con nuôi trong nước được thực hiện tại Ủy ban "
        "nhân dân cấp xã theo Luật Nuôi con nuôi năm 2010, bảo đảm lợi ích "
        "tốt nhất của trẻ em.",
        "Sở Tư pháp phối hợp với các cơ sở trợ giúp xã hội rà soát trẻ em có "
        "hoàn cảnh đặc biệt cần tìm gia đình thay thế.",
        "Các trường hợp nuôi con nuôi thực tế chưa đăng ký được hướng dẫn "
        "đăng ký theo quy định để bảo đảm quyền lợi của cha mẹ nuôi và con "
        "nuôi.",
        NULL,
};

static const char *const con_nuoi_points[] = {
        "Bảo đảm lợi ích tốt nhất của trẻ em",
        "Ưu tiên tìm gia đình thay thế trong nước",
        "Đăng ký nuôi con nuôi thực tế",
        NULL,
};

static const char *const luat_su_facts[] = {
        "Đoàn Luật sư tỉnh hiện có các tổ chức hành nghề luật sư hoạt động "
        "ổn định, nhiều luật sư tham gia trợ giúp pháp lý miễn phí cho người "
        "dân.",
        "Sở Tư pháp kiểm tra việc chấp hành quy định về đăng ký hoạt động, "
        "chế độ báo cáo và việc tham gia bồi dưỡng nghiệp vụ bắt buộc của "
        "luật sư.",
        "Các tổ chức tư vấn pháp luật thuộc tổ chức chính trị - xã hội đã tư "
        "vấn {so} lượt cho đoàn viên, hội viên và người dân.",
        NULL,
};

static const char *const luat_su_points[] = {
        "Đăng ký hoạt động tại Sở Tư pháp",
        "Báo cáo định kỳ về tổ chức, hoạt động",
        "Tham gia bồi dưỡng nghiệp vụ bắt buộc hằng năm",
        NULL,
};

const struct demo_field demo_fields[] = {
        {"hòa giải ở cơ sở",
         "Luật Hòa giải ở cơ sở năm 2013",
         "hòa giải viên ở cơ sở",
         "Phòng Xây dựng, Kiểm tra và Phổ biến pháp luật",
         "thanh toán thù "
         "lao cho hòa giải viên",
         {"Vụ việc tiếp nhận", "Hòa giải thành"},
         hoa_giai_facts,
         hoa_giai_points,
         "Những mâu thuẫn, tranh chấp nào được hòa giải ở cơ sở?",
         "Theo Điều 3 Luật Hòa giải ở cơ sở năm 2013, hòa giải ở cơ sở được "
         "thực hiện đối với các mâu thuẫn, tranh chấp, vi phạm pháp luật, trừ "
         "những trường hợp pháp luật quy định không được hòa giải.\n"
         "Cụ thể, có thể hòa giải mâu thuẫn giữa các bên do khác nhau về quan "
         "niệm sống, lối sống, tính tình; tranh chấp phát sinh từ quan hệ dân "
         "sự như tranh chấp về quyền sở hữu, quyền sử dụng tài sản; tranh "
         "chấp phát sinh từ quan hệ hôn nhân và gia đình.\n"
         "Không hòa giải các trường hợp xâm phạm lợi ích của Nhà nước, lợi "
         "ích công cộng, vi phạm điều cấm của luật, trái đạo đức xã hội hoặc "
         "phải bị truy cứu trách nhiệm hình sự."},
        {"hộ tịch",
         "Luật Hộ tịch năm 2014",
         "công chức tư pháp - hộ tịch cấp xã",
         "Phòng Hành chính tư pháp",
         "đăng ký khai sinh",
         {"Khai sinh", "Kết hôn"},
         ho_tich_facts,
         ho_tich_points,
         "Thời hạn đăng ký khai sinh cho trẻ em là bao lâu?",
         "Theo Điều 15 Luật Hộ tịch năm 2014, trong thời hạn 60 ngày kể từ "
         "ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con; "
         "trường hợp cha, mẹ không thể đăng ký thì ông, bà hoặc người thân "
         "thích khác hoặc cá nhân, tổ chức đang nuôi dưỡng trẻ em có trách "
         "nhiệm đăng ký khai sinh.\n"
         "Người dân có thể nộp hồ sơ trực tiếp tại Ủy ban nhân dân cấp xã "
         "hoặc trực tuyến qua Cổng Dịch vụ công; việc đăng ký khai sinh được "
         "liên thông với đăng ký thường trú và cấp thẻ bảo hiểm y tế cho trẻ "
         "em dưới 6 tuổi."},
        {"chứng thực",
         "Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, "
         "chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp "
         "đồng, giao dịch",
         "công chức làm công tác chứng thực",
         "Phòng Hành chính tư pháp",
         "chứng thực bản sao từ bản chính",
         {"Bản sao", "Chữ ký, hợp đồng"},
         chung_thuc_facts,
         chung_thuc_points,
         "Bản sao có chứng thực có thời hạn sử dụng không?",
         "Nghị định số 23/2015/NĐ-CP không quy định thời hạn sử dụng của bản "
         "sao có chứng thực. Theo Điều 3 của Nghị định, bản sao được chứng "
         "thực từ bản chính có giá trị sử dụng thay cho bản chính đã dùng để "
         "đối chiếu chứng thực trong các giao dịch, trừ trường hợp pháp luật "
         "có quy định khác.\n"
         "Tuy vậy, một số thủ tục có quy định riêng về thời hạn của giấy tờ "
         "trong hồ sơ; người dân nên tìm hiểu yêu cầu của cơ quan tiếp nhận "
         "trước khi nộp."},
        {"công chứng",
         "Luật Công chứng số 46/2024/QH15",
         "công chứng viên, tổ chức hành nghề công chứng",
         "Phòng Bổ trợ tư pháp",
         "đăng ký hành nghề công chứng",
         {"Hợp đồng", "Giao dịch khác"},
         cong_chung_facts,
         cong_chung_points,
         "Có thể yêu cầu công chứng ngoài trụ sở tổ chức hành nghề công "
         "chứng không?",
         "Việc công chứng phải được thực hiện tại trụ sở của tổ chức hành "
         "nghề công chứng. Tuy nhiên, Luật Công chứng cho phép thực hiện "
         "ngoài trụ sở trong một số trường hợp như người yêu cầu công chứng "
         "là người già yếu, không thể đi lại được, người đang bị tạm giữ, tạm "
         "giam, đang thi hành án phạt tù hoặc có lý do chính đáng khác.\n"
         "Khi công chứng ngoài trụ sở, lời chứng phải ghi rõ địa điểm thực "
         "hiện việc công chứng."},
        {"trợ giúp pháp lý",
         "Luật Trợ giúp pháp lý năm 2017",
         "trợ giúp viên pháp lý, luật sư cộng tác",
         "Trung tâm Trợ giúp pháp lý nhà nước",
         "yêu cầu trợ giúp pháp lý",
         {"Vụ việc tham gia tố tụng", "Vụ việc tư vấn"},
         tro_giup_facts,
         tro_giup_points,
         "Ai được trợ giúp pháp lý miễn phí?",
         "Điều 7 Luật Trợ giúp pháp lý năm 2017 quy định người được trợ giúp "
         "pháp lý gồm: người có công với cách mạng; người thuộc hộ nghèo; trẻ "
         "em; người dân tộc thiểu số cư trú ở vùng có điều kiện kinh tế - xã "
         "hội đặc biệt khó khăn; người bị buộc tội từ đủ 16 tuổi đến dưới 18 "
         "tuổi; người bị buộc tội thuộc hộ cận nghèo và một số đối tượng khác "
         "có khó khăn về tài chính.\n"
         "Người dân có thể liên hệ trực tiếp Trung tâm Trợ giúp pháp lý nhà "
         "nước tỉnh hoặc gọi điện, gửi yêu cầu qua bưu chính."},
        {"kiểm tra, rà soát văn bản quy phạm pháp luật",
         "Luật Ban hành văn bản quy phạm pháp luật năm 2025",
         "cán bộ làm công tác xây dựng, kiểm tra văn bản",
         "Phòng Xây dựng, Kiểm tra và Phổ biến pháp luật",
         "thẩm định dự thảo văn bản quy phạm pháp luật",
         {"Văn bản tiếp nhận", "Văn bản có sai sót"},
         kiem_tra_vb_facts,
         kiem_tra_vb_points,
         "Văn bản quy phạm pháp luật của Ủy ban nhân dân cấp xã có hiệu lực "
         "khi nào?",
         "Thời điểm có hiệu lực của văn bản được quy định trong chính văn "
         "bản đó. Văn bản quy phạm pháp luật của chính quyền địa phương cấp "
         "xã có hiệu lực không sớm hơn 07 ngày kể từ ngày ký ban hành, trừ "
         "trường hợp văn bản được ban hành theo trình tự, thủ tục rút gọn.\n"
         "Văn bản phải được đăng công báo hoặc niêm yết công khai theo quy "
         "định."},
        {"phổ biến, giáo dục pháp luật",
         "Luật Phổ biến, giáo dục pháp luật "
         "năm 2012",
         "báo cáo viên, tuyên truyền viên pháp luật",
         "Phòng Xây dựng, Kiểm tra và Phổ biến pháp luật",
         "công nhận tuyên truyền viên pháp luật",
         {"Buổi tuyên truyền", "Lượt người nghe"},
         pbgdpl_facts,
         pbgdpl_points,
         "Tuyên truyền viên pháp luật ở cấp xã do ai công nhận?",
         "Theo Luật Phổ biến, giáo dục pháp luật, Chủ tịch Ủy ban nhân dân "
         "cấp xã công nhận tuyên truyền viên pháp luật trên cơ sở đề nghị của "
         "công chức tư pháp - hộ tịch.\n"
         "Tuyên truyền viên pháp luật là người có uy tín, có kiến thức pháp "
         "luật, có khả năng truyền đạt; được ưu tiên lựa chọn trong số cán "
         "bộ, công chức cấp xã, trưởng thôn, già làng, người có uy tín."},
        {"xây dựng xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật",
         "Quyết định số 25/2021/QĐ-TTg của Thủ tướng Chính phủ",
         "cán bộ, công chức cấp xã",
         "Phòng Xây dựng, Kiểm tra và Phổ biến "
         "pháp luật",
         "công nhận xã đạt chuẩn tiếp cận pháp luật",
         {"Số xã đánh giá", "Số xã đạt chuẩn"},
         tiep_can_facts,
         tiep_can_points,
         "Xã được công nhận đạt chuẩn tiếp cận pháp luật cần những điều kiện "
         "gì?",
         "Theo Quyết định số 25/2021/QĐ-TTg, xã được công nhận đạt chuẩn "
         "tiếp cận pháp luật khi có tổng số điểm của các tiêu chí đạt từ 80 "
         "điểm trở lên, trong đó điểm của từng tiêu chí đạt ít nhất 50% số "
         "điểm tối đa; và không có cán bộ, công chức cấp xã bị xử lý kỷ luật "
         "hoặc truy cứu trách nhiệm hình sự trong năm đánh giá."},
        {"lý lịch tư pháp",
         "Luật Lý lịch tư pháp năm 2009",
         "công chức làm công tác lý lịch tư pháp",
         "Phòng Hành chính tư pháp",
         "cấp Phiếu lý lịch tư pháp",
         {"Phiếu số 1", "Phiếu số 2"},
         ly_lich_facts,
         ly_lich_points,
         "Có thể đề nghị cấp Phiếu lý lịch tư pháp qua VNeID không?",
         "Có. Công dân Việt Nam có tài khoản định danh điện tử mức độ 2 có "
         "thể đề nghị cấp Phiếu lý lịch tư pháp số 1 trên ứng dụng VNeID, "
         "không phải nộp bản sao giấy tờ tùy thân.\n"
         "Kết quả được trả bản điện tử trên ứng dụng hoặc bản giấy qua dịch "
         "vụ bưu chính theo lựa chọn của người yêu cầu."},
        {"quản lý xử lý vi phạm hành chính và theo dõi thi hành pháp luật",
         "Luật Xử lý vi phạm hành chính năm 2012",
         "người có thẩm quyền xử phạt vi phạm hành chính",
         "Phòng Xây dựng, Kiểm tra và Phổ biến pháp luật",
         "theo dõi thi hành quyết định xử phạt",
         {"Quyết định xử phạt", "Đã thi hành"},
         xlvphc_facts,
         xlvphc_points,
         "Thời hiệu xử phạt vi phạm hành chính là bao lâu?",
         "Theo Điều 6 Luật Xử lý vi phạm hành chính, thời hiệu xử phạt vi "
         "phạm hành chính là 01 năm; riêng một số lĩnh vực như thuế, đất "
         "đai, xây dựng, bảo vệ môi trường có thời hiệu 02 năm.\n"
         "Thời điểm tính thời hiệu phụ thuộc vào việc hành vi vi phạm đã kết "
         "thúc hay đang được thực hiện."},
        {"đấu giá tài sản",
         "Luật Đấu giá tài sản năm 2016, sửa đổi, bổ sung "
         "năm 2024",
         "đấu giá viên, tổ chức hành nghề đấu giá",
         "Phòng Bổ trợ tư pháp",
         "đăng ký hoạt động doanh nghiệp đấu giá tài "
         "sản",
         {"Cuộc đấu giá", "Thành công"},
         dau_gia_facts,
         dau_gia_points,
         "Người tham gia đấu giá có được rút lại giá đã trả không?",
         "Tại cuộc đấu giá theo phương thức trả giá lên, người đã trả giá cao "
         "nhất mà rút lại giá đã trả thì cuộc đấu giá vẫn tiếp tục từ giá của "
         "người trả giá liền kề trước đó.\n"
         "Người rút lại giá đã trả không được tham gia trả giá tiếp và không "
         "được nhận lại tiền đặt trước."},
        {"bồi thường nhà nước",
         "Luật Trách nhiệm bồi thường của Nhà nước năm "
         "2017",
         "cán bộ làm công tác bồi thường nhà nước",
         "Phòng Hành chính tư pháp",
         "giải quyết yêu cầu bồi thường",
         {"Hồ sơ thụ lý", "Đã giải quyết"},
         boi_thuong_facts,
         boi_thuong_points,
         "Thời hiệu yêu cầu bồi thường nhà nước là bao lâu?",
         "Theo Điều 6 Luật Trách nhiệm bồi thường của Nhà nước năm 2017, "
         "thời hiệu yêu cầu bồi thường là 03 năm kể từ ngày người bị thiệt "
         "hại nhận được văn bản làm căn cứ yêu cầu bồi thường."},
        {"nuôi con nuôi",
         "Luật Nuôi con nuôi năm 2010",
         "công chức tư pháp - hộ tịch cấp xã",
         "Phòng Hành chính tư pháp",
         "đăng ký nuôi con nuôi trong nước",
         {"Hồ sơ tiếp nhận", "Đã đăng ký"},
         con_nuoi_facts,
         con_nuoi_points,
         "Người nhận con nuôi phải hơn con nuôi bao nhiêu tuổi?",
         "Theo Điều 14 Luật Nuôi con nuôi năm 2010, người nhận con nuôi phải "
         "hơn con nuôi từ 20 tuổi trở lên, trừ trường hợp cha dượng nhận con "
         "riêng của vợ, mẹ kế nhận con riêng của chồng, cô, cậu, dì, chú, bác "
         "ruột nhận cháu làm con nuôi."},
        {"luật sư, tư vấn pháp luật",
         "Luật Luật sư năm 2006, sửa đổi, bổ sung "
         "năm 2012",
         "luật sư, tư vấn viên pháp luật",
         "Phòng Bổ trợ tư pháp",
         "đăng ký hoạt động của tổ chức hành nghề luật sư",
         {"Vụ việc tham gia", "Lượt tư vấn"},
         luat_su_facts,
         luat_su_points,
         "Luật sư nước ngoài có được hành nghề tại Việt Nam không?",
         "Luật sư nước ngoài đáp ứng điều kiện theo Luật Luật sư và được Bộ "
         "Tư pháp cấp giấy phép hành nghề thì được hành nghề tại Việt Nam "
         "trong các tổ chức hành nghề luật sư nước ngoài hoặc tổ chức hành "
         "nghề luật sư Việt Nam.\n"
         "Luật sư nước ngoài không được tham gia tố tụng với tư cách người "
         "đại diện, người bào chữa, trừ trường hợp tư vấn pháp luật Việt Nam "
         "có điều kiện."},
};

const size_t demo_fields_n = ARRAY_SIZE(demo_fields);

/* Stories by group ---------------------------------------------------- */

static const struct demo_story activity_stories[] = {
        {"Hội nghị tập huấn nghiệp vụ {linh_vuc} năm {nam}",
         "Ngày {ngay}, tại {dia_diem}, Sở Tư pháp tổ chức Hội nghị tập huấn "
         "nghiệp vụ {linh_vuc} cho {so} học viên là {doi_tuong} trên địa bàn "
         "tỉnh."},
        {"Sở Tư pháp tập huấn {linh_vuc} cho {doi_tuong} {huyen}",
         "Trong hai ngày, Sở Tư pháp phối hợp với Ủy ban nhân dân {huyen} tổ "
         "chức lớp tập huấn về {linh_vuc} cho {so} {doi_tuong} của các xã, "
         "thị trấn."},
        {"Kiểm tra công tác {linh_vuc} tại {huyen}",
         "Thực hiện Kế hoạch kiểm tra năm {nam}, ngày {ngay}, Đoàn kiểm tra "
         "của Sở Tư pháp do {lanh_dao} làm Trưởng đoàn đã làm việc với Ủy ban "
         "nhân dân {huyen} về công tác {linh_vuc}."},
        {"Sơ kết công tác {linh_vuc} 6 tháng đầu năm {nam}",
         "Ngày {ngay}, Sở Tư pháp tổ chức hội nghị sơ kết công tác "
         "{linh_vuc} 6 tháng đầu năm {nam}, triển khai nhiệm vụ trọng tâm 6 "
         "tháng cuối năm."},
        {"Triển khai {luat} tại {huyen}",
         "Sáng {ngay}, Sở Tư pháp phối hợp với Ủy ban nhân dân {huyen} tổ "
         "chức hội nghị triển khai {luat} tới cán bộ chủ chốt của huyện và "
         "{doi_tuong}."},
        {"Đoàn công tác Sở Tư pháp làm việc tại {xa}, {huyen}",
         "Ngày {ngay}, đoàn công tác của Sở Tư pháp do {lanh_dao} dẫn đầu "
         "đã đến làm việc với Ủy ban nhân dân {xa}, {huyen} về tình hình "
         "thực hiện công tác {linh_vuc} ở cơ sở."},
        {"Tọa đàm nâng cao hiệu quả công tác {linh_vuc} tại {huyen}",
         "Ngày {ngay}, Sở Tư pháp tổ chức tọa đàm trao đổi kinh nghiệm, "
         "tháo gỡ khó khăn, vướng mắc trong công tác {linh_vuc} với sự tham "
         "gia của {so} đại biểu."},
        {"Sở Tư pháp làm việc với {huyen} về công tác tư pháp năm {nam}",
         "Ngày {ngay}, {lanh_dao} đã làm việc với Ủy ban nhân dân {huyen} "
         "về kết quả công tác tư pháp năm {nam}, trọng tâm là công tác "
         "{linh_vuc}."},
        {"Bồi dưỡng kỹ năng cho {doi_tuong} tại {huyen}",
         "Từ ngày {ngay}, Sở Tư pháp mở lớp bồi dưỡng kỹ năng cho {so} "
         "{doi_tuong} ở các xã vùng đồng bào dân tộc thiểu số của {huyen} "
         "và các huyện lân cận."},
        {"Hội nghị giao ban công tác tư pháp quý {quy} năm {nam}",
         "Ngày {ngay}, Sở Tư pháp tổ chức hội nghị giao ban công tác tư "
         "pháp quý {quy} năm {nam} với Phòng Tư pháp các huyện, thành phố; "
         "nội dung trọng tâm là công tác {linh_vuc}."},
        {NULL, NULL},
};

static const char *const activity_paras[] = {
        "Phát biểu khai mạc, {lanh_dao} nhấn mạnh {linh_vuc} là nhiệm vụ "
        "thường xuyên, gắn trực tiếp với quyền và lợi ích hợp pháp của người "
        "dân; đề nghị các học viên tập trung nghiên cứu, trao đổi để vận dụng "
        "vào thực tiễn tại địa phương.",
        "Tại hội nghị, đại diện {don_vi} đã quán triệt những nội dung cơ bản "
        "của {luat}, đồng thời giải đáp các vướng mắc mà cơ sở gặp phải trong "
        "quá trình thực hiện.",
        "Các đại biểu đã thảo luận sôi nổi về những khó khăn thực tế như địa "
        "bàn rộng, giao thông đi lại khó khăn vào mùa mưa, đội ngũ công chức "
        "tư pháp cấp xã thường xuyên biến động.",
        "Báo cáo viên {nguoi} đã trình bày chuyên đề với nhiều ví dụ cụ thể, "
        "giúp học viên dễ hiểu, dễ áp dụng vào công việc hằng ngày.",
        "Theo báo cáo, thời gian qua công tác {linh_vuc} trên địa bàn {huyen} "
        "đã có nhiều chuyển biến tích cực, được cấp ủy, chính quyền quan tâm "
        "chỉ đạo sát sao.",
        "Đoàn kiểm tra ghi nhận sự cố gắng của địa phương, đồng thời chỉ ra "
        "một số tồn tại cần khắc phục trong việc lưu trữ hồ sơ và cập nhật số "
        "liệu báo cáo.",
        NULL,
};

static const char *const activity_closings[] = {
        "Kết luận hội nghị, {lanh_dao} đề nghị các đơn vị tiếp tục quán "
        "triệt, triển khai đồng bộ các nhiệm vụ, phấn đấu hoàn thành chỉ tiêu "
        "được giao năm {nam}.",
        "Kết thúc buổi làm việc, đoàn công tác đề nghị địa phương khẩn trương "
        "khắc phục các hạn chế đã chỉ ra và báo cáo kết quả về Sở Tư pháp "
        "trước ngày 30 của tháng tiếp theo.",
        "Hội nghị đã thành công tốt đẹp; các học viên đánh giá nội dung tập "
        "huấn thiết thực, sát với yêu cầu công việc ở cơ sở.",
        "Dịp này, Sở Tư pháp đã cấp phát tài liệu nghiệp vụ và sổ tay hướng "
        "dẫn cho các học viên tham dự.",
        NULL,
};

static const char *const activity_headings[] = {
        "Kết quả đạt được",
        "Một số khó khăn, vướng mắc",
        "Nhiệm vụ trọng tâm thời gian tới",
        "Những nội dung được quán triệt",
        NULL,
};

static const char *const activity_alts[] = {
        "Quang cảnh hội nghị {linh_vuc} năm {nam}",
        "{^lanh_dao} phát biểu tại hội nghị",
        "Các đại biểu tham dự hội nghị tại {dia_diem}",
        "Học viên tham dự lớp tập huấn nghiệp vụ {linh_vuc}",
        NULL,
};

static const struct demo_story ministry_stories[] = {
        {"Bộ Tư pháp hướng dẫn triển khai {luat}",
         "Bộ Tư pháp vừa ban hành văn bản hướng dẫn các bộ, ngành, địa phương "
         "triển khai thi hành {luat}, bảo đảm thống nhất trong cả nước."},
        {"Hội nghị trực tuyến toàn quốc về công tác {linh_vuc}",
         "Ngày {ngay}, Bộ Tư pháp tổ chức hội nghị trực tuyến toàn quốc về "
         "công tác {linh_vuc}; tại điểm cầu tỉnh Kon Tum, {lanh_dao} cùng "
         "đại diện các sở, ngành tham dự."},
        {"Bộ Tư pháp ban hành Kế hoạch công tác {linh_vuc} năm {nam}",
         "Kế hoạch xác định các nhiệm vụ trọng tâm trong công tác {linh_vuc}, "
         "giao các đơn vị thuộc Bộ và Sở Tư pháp các tỉnh, thành phố tổ chức "
         "thực hiện."},
        {"Bộ Tư pháp đề nghị tăng cường công tác {linh_vuc}",
         "Bộ Tư pháp vừa có công văn đề nghị Ủy ban nhân dân các tỉnh, thành "
         "phố chỉ đạo tăng cường công tác {linh_vuc}, kịp thời tháo gỡ khó "
         "khăn cho người dân."},
        {NULL, NULL},
};

static const char *const directive_paras[] = {
        "Văn bản nêu rõ, các cơ quan, đơn vị cần quán triệt sâu sắc nội dung "
        "{luat}, bố trí đủ nhân lực, kinh phí để thực hiện.",
        "Các địa phương được yêu cầu rà soát, đánh giá tình hình thực hiện "
        "công tác {linh_vuc}, xác định rõ nguyên nhân của những hạn chế để có "
        "giải pháp khắc phục.",
        "Việc ứng dụng công nghệ thông tin, chuyển đổi số trong công tác "
        "{linh_vuc} được xác định là giải pháp then chốt, góp phần giảm thủ "
        "tục giấy tờ cho người dân, doanh nghiệp.",
        "Cơ quan chủ trì có trách nhiệm tổng hợp, báo cáo kết quả thực hiện "
        "trước ngày 15/12/{nam}.",
        NULL,
};

static const char *const directive_closings[] = {
        "Sở Tư pháp sẽ tham mưu Ủy ban nhân dân tỉnh triển khai thực hiện "
        "trên địa bàn tỉnh theo đúng yêu cầu.",
        "Các cơ quan, đơn vị, địa phương nghiêm túc triển khai thực hiện; "
        "trong quá trình thực hiện nếu có vướng mắc, kịp thời phản ánh về Sở "
        "Tư pháp để tổng hợp, báo cáo.",
        NULL,
};

static const char *const directive_headings[] = {
        "Nội dung chủ yếu",
        "Tổ chức thực hiện",
        "Yêu cầu đối với địa phương",
        NULL,
};

static const char *const directive_alts[] = {
        "Quang cảnh hội nghị trực tuyến về công tác {linh_vuc}",
        "Điểm cầu tỉnh Kon Tum tham dự hội nghị trực tuyến",
        NULL,
};

static const struct demo_story province_stories[] = {
        {"Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện công tác "
         "{linh_vuc} năm {nam}",
         "Ủy ban nhân dân tỉnh Kon Tum vừa ban hành Kế hoạch thực hiện công "
         "tác {linh_vuc} năm {nam} trên địa bàn tỉnh, giao Sở Tư pháp chủ "
         "trì, phối hợp với các cơ quan liên quan tổ chức thực hiện."},
        {"Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo tăng cường công tác "
         "{linh_vuc}",
         "Chủ tịch Ủy ban nhân dân tỉnh vừa ký văn bản chỉ đạo các sở, ban, "
         "ngành và Ủy ban nhân dân các huyện, thành phố tăng cường công tác "
         "{linh_vuc}."},
        {"Tỉnh Kon Tum triển khai thi hành {luat}",
         "Thực hiện chỉ đạo của Chính phủ, Ủy ban nhân dân tỉnh ban hành kế "
         "hoạch triển khai thi hành {luat} trên địa bàn tỉnh."},
        {"Kiện toàn Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh năm "
         "{nam}",
         "Ủy ban nhân dân tỉnh vừa ban hành quyết định kiện toàn Hội đồng "
         "phối hợp phổ biến, giáo dục pháp luật tỉnh; Giám đốc Sở Tư pháp là "
         "Phó Chủ tịch thường trực Hội đồng."},
        {NULL, NULL},
};

static const struct demo_story district_stories[] = {
        {"{^huyen}: tuyên truyền pháp luật cho đồng bào tại {xa}",
         "Ngày {ngay}, Phòng Tư pháp {huyen} phối hợp với Ủy ban nhân dân "
         "{xa} tổ chức tuyên truyền pháp luật về {linh_vuc} cho {so} người "
         "dân trong xã."},
        {"Phòng Tư pháp {huyen} tập huấn {linh_vuc} cho cơ sở",
         "Phòng Tư pháp {huyen} vừa tổ chức tập huấn nghiệp vụ {linh_vuc} "
         "cho {so} {doi_tuong} của các xã, thị trấn trên địa bàn."},
        {"{^huyen} đẩy mạnh công tác {linh_vuc}",
         "Thời gian qua, {huyen} đã triển khai nhiều giải pháp nâng cao hiệu "
         "quả công tác {linh_vuc}, bước đầu mang lại kết quả tích cực."},
        {"Trợ giúp pháp lý lưu động tại {xa}, {huyen}",
         "Ngày {ngay}, Phòng Tư pháp {huyen} phối hợp với Trung tâm Trợ giúp "
         "pháp lý nhà nước tỉnh tổ chức trợ giúp pháp lý lưu động tại {xa}, "
         "tư vấn cho {so} lượt người dân."},
        {"{^xa} ({ten_huyen}) ra mắt mô hình \"Thôn, làng không có tảo hôn\"",
         "Ngày {ngay}, Ủy ban nhân dân {xa}, {huyen} tổ chức ra mắt mô hình "
         "\"Thôn, làng không có tảo hôn\" với sự tham gia của già làng, người "
         "có uy tín và đông đảo bà con."},
        {NULL, NULL},
};

static const char *const district_paras[] = {
        "Tại buổi tuyên truyền, báo cáo viên đã giới thiệu những nội dung cơ "
        "bản của {luat} bằng tiếng phổ thông và tiếng dân tộc, kèm theo các "
        "tình huống gần gũi với đời sống của bà con.",
        "Người dân đã mạnh dạn nêu câu hỏi về tranh chấp đất rẫy, đăng ký kết "
        "hôn, làm lại giấy khai sinh cho con và được giải đáp cụ thể.",
        "Già làng {nguoi} chia sẻ: nhờ được nghe giải thích pháp luật, bà con "
        "hiểu hơn quyền lợi và nghĩa vụ của mình, các mâu thuẫn trong làng "
        "cũng giảm đi nhiều.",
        "Công chức tư pháp - hộ tịch của xã cho biết, số hồ sơ nộp trực tuyến "
        "tăng rõ rệt sau khi cán bộ xã trực tiếp hướng dẫn người dân cài đặt "
        "và sử dụng ứng dụng VNeID.",
        NULL,
};

static const char *const district_closings[] = {
        "Dịp này, Phòng Tư pháp {huyen} đã cấp phát {so} tờ gấp pháp luật "
        "song ngữ cho người dân.",
        "Thời gian tới, {huyen} sẽ tiếp tục nhân rộng các mô hình hiệu quả, "
        "đưa pháp luật đến gần hơn với người dân vùng sâu, vùng xa.",
        NULL,
};

static const char *const district_alts[] = {
        "Người dân {xa} nghe tuyên truyền pháp luật tại nhà rông",
        "Buổi tuyên truyền pháp luật tại {xa}, {huyen}",
        "Cán bộ tư pháp {huyen} hướng dẫn người dân",
        NULL,
};

static const struct demo_story law_doc_stories[] = {
        {"Giới thiệu {luat}",
         "{^luat} quy định nhiều nội dung quan trọng về {linh_vuc}, có tác "
         "động trực tiếp đến người dân, doanh nghiệp và cơ quan nhà nước."},
        {"Những nội dung cơ bản của {luat}",
         "Bài viết tóm tắt những nội dung cơ bản của {luat} để cán bộ, công "
         "chức và người dân tiện tra cứu, áp dụng."},
        {"Quy chế phối hợp trong công tác {linh_vuc} trên địa bàn tỉnh Kon Tum",
         "Ủy ban nhân dân tỉnh ban hành Quy chế phối hợp giữa các cơ quan, "
         "đơn vị trong công tác {linh_vuc} trên địa bàn tỉnh Kon Tum."},
        {NULL, NULL},
};

static const char *const law_doc_alts[] = {
        "Trụ sở Sở Tư pháp tỉnh Kon Tum",
        NULL,
};

static const struct demo_story sdirective_stories[] = {
        {"Kế hoạch công tác {linh_vuc} năm {nam} của Sở Tư pháp",
         "Sở Tư pháp ban hành Kế hoạch công tác {linh_vuc} năm {nam}, phân "
         "công {don_vi} chủ trì thực hiện."},
        {"Kế hoạch kiểm tra công tác {linh_vuc} năm {nam}",
         "Sở Tư pháp ban hành kế hoạch kiểm tra công tác {linh_vuc} tại một "
         "số sở, ngành và Ủy ban nhân dân các huyện, thành phố năm {nam}."},
        {"Công văn hướng dẫn thực hiện {luat}",
         "Sở Tư pháp hướng dẫn Phòng Tư pháp các huyện, thành phố và Ủy ban "
         "nhân dân cấp xã một số nội dung khi thực hiện {luat}."},
        {NULL, NULL},
};

static const struct demo_story procedure_stories[] = {
        {"Quy trình giải quyết thủ tục {thu_tuc}",
         "Sở Tư pháp giới thiệu quy trình, thành phần hồ sơ và thời hạn giải "
         "quyết thủ tục {thu_tuc} thuộc lĩnh vực {linh_vuc}."},
        {"Nộp hồ sơ trực tuyến thủ tục {thu_tuc}",
         "Người dân, doanh nghiệp có thể thực hiện thủ tục {thu_tuc} trực "
         "tuyến trên Cổng Dịch vụ công quốc gia, không phải đến trụ sở cơ "
         "quan."},
        {"Công bố thủ tục hành chính lĩnh vực {linh_vuc}",
         "Chủ tịch Ủy ban nhân dân tỉnh đã ký quyết định công bố danh mục thủ "
         "tục hành chính mới ban hành, được sửa đổi, bổ sung trong lĩnh vực "
         "{linh_vuc} thuộc phạm vi quản lý của Sở Tư pháp."},
        {NULL, NULL},
};

static const char *const procedure_paras[] = {
        "Hồ sơ được tiếp nhận tại Trung tâm Phục vụ hành chính công tỉnh "
        "hoặc nộp trực tuyến; kết quả được trả trực tiếp hoặc qua dịch vụ bưu "
        "chính công ích theo yêu cầu.",
        "Cơ quan giải quyết có trách nhiệm hướng dẫn đầy đủ, một lần bằng văn "
        "bản nếu hồ sơ chưa hợp lệ; không yêu cầu thêm giấy tờ ngoài quy định.",
        "Tổ chức, cá nhân có thể tra cứu tình trạng giải quyết hồ sơ bằng mã "
        "hồ sơ trên Cổng Dịch vụ công hoặc qua tin nhắn.",
        NULL,
};

static const char *const procedure_headings[] = {
        "Trình tự thực hiện",
        "Thành phần hồ sơ",
        "Thời hạn giải quyết",
        "Cơ quan thực hiện",
        NULL,
};

static const struct demo_story dissemination_stories[] = {
        {"Những điểm mới của {luat} người dân {ten_huyen} cần biết",
         "{^luat} có nhiều điểm mới đáng chú ý về {linh_vuc}; bài viết giới "
         "thiệu một số nội dung mà người dân cần biết."},
        {"Tìm hiểu quy định pháp luật về {linh_vuc}",
         "Để giúp người dân hiểu và thực hiện đúng, bài viết tóm lược một số "
         "quy định pháp luật hiện hành về {linh_vuc}."},
        {"Phổ biến pháp luật về {linh_vuc} cho đồng bào dân tộc thiểu số",
         "Đưa pháp luật về {linh_vuc} đến với đồng bào dân tộc thiểu số là "
         "nhiệm vụ được tỉnh Kon Tum đặc biệt quan tâm trong những năm gần "
         "đây."},
        {"Hưởng ứng Ngày Pháp luật Việt Nam năm {nam} tại {huyen}",
         "Hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam "
         "năm {nam}, ngành Tư pháp {huyen} triển khai nhiều hoạt động "
         "phổ biến pháp luật về {linh_vuc}."},
        {NULL, NULL},
};

static const char *const article_paras[] = {
        "Thực tiễn tại tỉnh Kon Tum cho thấy, người dân ở các xã vùng sâu, "
        "vùng xa còn gặp nhiều khó khăn trong tiếp cận thông tin pháp luật do "
        "rào cản ngôn ngữ và điều kiện đi lại.",
        "Việc triển khai {luat} đòi hỏi sự phối hợp chặt chẽ giữa các cơ "
        "quan tư pháp với chính quyền cơ sở và các tổ chức đoàn thể.",
        "Kinh nghiệm cho thấy, phổ biến pháp luật qua những câu chuyện, tình "
        "huống cụ thể ở chính thôn, làng mình giúp bà con dễ nhớ, dễ làm theo "
        "hơn so với đọc nguyên văn điều luật.",
        "Đội ngũ {doi_tuong} giữ vai trò cầu nối quan trọng, cần được bồi "
        "dưỡng thường xuyên và có chế độ hỗ trợ phù hợp.",
        "Chuyển đổi số mở ra nhiều cách tiếp cận mới: tài liệu điện tử, hỏi "
        "đáp trực tuyến, video ngắn bằng tiếng dân tộc trên mạng xã hội.",
        NULL,
};

static const char *const article_closings[] = {
        "Với sự vào cuộc đồng bộ của các cấp, các ngành, công tác {linh_vuc} "
        "trên địa bàn tỉnh sẽ tiếp tục được nâng cao, đáp ứng yêu cầu của "
        "người dân.",
        "Mọi vướng mắc, người dân có thể liên hệ Sở Tư pháp hoặc Phòng Tư "
        "pháp nơi cư trú để được hướng dẫn.",
        NULL,
};

static const char *const article_headings[] = {
        "Thực trạng",         "Nguyên nhân",
        "Giải pháp",          "Những điểm mới cần lưu ý",
        "Kiến nghị, đề xuất", NULL,
};

static const char *const article_alts[] = {
        "Buổi phổ biến pháp luật về {linh_vuc} cho người dân",
        "Người dân tìm hiểu pháp luật về {linh_vuc} tại nhà rông",
        "Cán bộ tư pháp giới thiệu {luat} cho bà con",
        NULL,
};

static const char *const research_alts[] = {
        "Một góc vùng cao tỉnh Kon Tum",
        "Núi rừng Kon Tum, nơi cán bộ tư pháp về cơ sở",
        NULL,
};

static const struct demo_story disclosure_stories[] = {
        {"Công khai dự toán ngân sách năm {nam} của Sở Tư pháp",
         "Sở Tư pháp công khai dự toán ngân sách nhà nước năm {nam} được giao "
         "theo quy định của Luật Ngân sách nhà nước."},
        {"Công khai kết quả giải quyết thủ tục hành chính quý {quy} năm {nam}",
         "Sở Tư pháp công khai kết quả giải quyết thủ tục hành chính quý "
         "{quy} năm {nam}; tỷ lệ hồ sơ giải quyết đúng hạn đạt {phan_tram}%."},
        {"Công khai danh sách {doi_tuong} trên địa bàn tỉnh",
         "Sở Tư pháp công khai danh sách {doi_tuong} trên địa bàn tỉnh tính "
         "đến tháng {thang}/{nam}."},
        {NULL, NULL},
};

static const char *const disclosure_paras[] = {
        "Thông tin được công khai theo quy định của Luật Tiếp cận thông tin "
        "năm 2016 và các văn bản hướng dẫn thi hành.",
        "Mọi ý kiến phản ánh về nội dung công khai, tổ chức, cá nhân gửi về "
        "Văn phòng Sở Tư pháp để được xem xét, trả lời.",
        NULL,
};

static const struct demo_story research_stories[] = {
        {"Một số vướng mắc trong công tác {linh_vuc} và kiến nghị",
         "Qua thực tiễn áp dụng tại địa phương, bài viết nêu một số vướng mắc "
         "trong công tác {linh_vuc} và đề xuất hướng hoàn thiện."},
        {"Nâng cao hiệu quả công tác {linh_vuc} ở vùng đồng bào dân tộc "
         "thiểu số",
         "Bài viết phân tích đặc thù của công tác {linh_vuc} ở vùng đồng bào "
         "dân tộc thiểu số tỉnh Kon Tum và đề xuất một số giải pháp."},
        {"Bàn về việc áp dụng {luat} trong thực tiễn",
         "Từ những vụ việc cụ thể, tác giả trao đổi một số vấn đề về việc áp "
         "dụng {luat} tại cơ sở."},
        {NULL, NULL},
};

static const struct demo_story petition_stories[] = {
        {"Trả lời kiến nghị của công dân {huyen} về {thu_tuc}",
         "Sở Tư pháp nhận được đơn kiến nghị của công dân trú tại {xa}, "
         "{huyen} liên quan đến thủ tục {thu_tuc}; sau khi xem xét, Sở Tư "
         "pháp trả lời như sau."},
        {"Trả lời kiến nghị của cử tri về công tác {linh_vuc}",
         "Tiếp nhận kiến nghị của cử tri {huyen} gửi đến kỳ họp Hội đồng nhân "
         "dân tỉnh, Sở Tư pháp trả lời như sau."},
        {NULL, NULL},
};

static const char *const petition_paras[] = {
        "Căn cứ {luat} và các văn bản hướng dẫn thi hành, việc {thu_tuc} được "
        "thực hiện theo trình tự, thủ tục do pháp luật quy định.",
        "Trường hợp của công dân, Sở Tư pháp đã đề nghị Ủy ban nhân dân {xa} "
        "kiểm tra, hướng dẫn hoàn thiện hồ sơ và giải quyết trong thời hạn "
        "luật định.",
        NULL,
};

static const char *const petition_closings[] = {
        "Trên đây là trả lời của Sở Tư pháp; nếu còn vướng mắc, công dân có "
        "thể liên hệ Phòng Tư pháp nơi cư trú để được hướng dẫn cụ thể.",
        NULL,
};

static const struct demo_story consultation_stories[] = {
        {"Lấy ý kiến dự thảo Quyết định quy định về {linh_vuc} trên địa bàn "
         "tỉnh",
         "Sở Tư pháp đăng tải dự thảo Quyết định của Ủy ban nhân dân tỉnh quy "
         "định một số nội dung về {linh_vuc} để lấy ý kiến góp ý của tổ chức, "
         "cá nhân."},
        {"Góp ý dự thảo Nghị quyết của Hội đồng nhân dân tỉnh về {linh_vuc}",
         "Thực hiện quy trình xây dựng văn bản, Sở Tư pháp lấy ý kiến rộng "
         "rãi đối với dự thảo Nghị quyết quy định mức chi cho công tác "
         "{linh_vuc} trên địa bàn tỉnh."},
        {NULL, NULL},
};

static const char *const consultation_paras[] = {
        "Ý kiến góp ý gửi về Sở Tư pháp tỉnh Kon Tum bằng văn bản, thư điện "
        "tử hoặc trực tiếp trên Trang thông tin điện tử trong thời hạn 30 "
        "ngày kể từ ngày đăng tải.",
        "Dự thảo gồm 4 chương, {so_nho} điều, quy định về phạm vi điều chỉnh, "
        "đối tượng áp dụng, trách nhiệm của các cơ quan và điều khoản thi "
        "hành.",
        NULL,
};

static const struct demo_story guidance_stories[] = {
        {"Hướng dẫn nghiệp vụ {thu_tuc}",
         "Nhằm thống nhất cách thực hiện trên địa bàn tỉnh, Sở Tư pháp hướng "
         "dẫn một số nội dung nghiệp vụ về {thu_tuc}."},
        {"Một số lưu ý khi thực hiện {thu_tuc}",
         "Qua kiểm tra, Sở Tư pháp nhận thấy một số sai sót thường gặp khi "
         "thực hiện {thu_tuc} và lưu ý các địa phương như sau."},
        {NULL, NULL},
};

static const struct demo_story qa_stories[] = {
        {"{question}", "Hỏi đáp pháp luật về {linh_vuc}: {question}"},
        {NULL, NULL},
};

static const struct demo_story business_stories[] = {
        {"Doanh nghiệp cần biết: {chu_de}",
         "Sở Tư pháp giới thiệu những quy định doanh nghiệp cần lưu ý về "
         "{chu_de}, góp phần hạn chế rủi ro pháp lý trong hoạt động sản xuất, "
         "kinh doanh."},
        {"Hỗ trợ pháp lý cho doanh nghiệp nhỏ và vừa về {chu_de}",
         "Thực hiện Chương trình hỗ trợ pháp lý cho doanh nghiệp, Sở Tư pháp "
         "tổ chức tư vấn cho các doanh nghiệp nhỏ và vừa về {chu_de}."},
        {NULL, NULL},
};

static const char *const business_paras[] = {
        "Theo Nghị định số 55/2019/NĐ-CP về hỗ trợ pháp lý cho doanh nghiệp "
        "nhỏ và vừa, doanh nghiệp được hỗ trợ miễn phí tư vấn pháp luật "
        "trong một số trường hợp.",
        "Doanh nghiệp có vướng mắc có thể gửi câu hỏi đến Sở Tư pháp qua "
        "Trang thông tin điện tử hoặc mạng lưới tư vấn viên pháp luật.",
        "Nhiều doanh nghiệp nhỏ trên địa bàn chưa có bộ phận pháp chế, nên "
        "thường gặp rủi ro khi ký kết hợp đồng với đối tác.",
        NULL,
};

static const struct demo_story practice_stories[] = {
        {"Danh sách tổ chức hành nghề {linh_vuc} trên địa bàn tỉnh tháng "
         "{thang}/{nam}",
         "Sở Tư pháp công bố danh sách tổ chức, cá nhân hành nghề {linh_vuc} "
         "đang hoạt động trên địa bàn tỉnh Kon Tum."},
        {"Cấp, thay đổi đăng ký hoạt động {linh_vuc}",
         "Sở Tư pháp thông báo việc cấp, thay đổi nội dung đăng ký hoạt động "
         "của tổ chức hành nghề {linh_vuc} trong tháng {thang}/{nam}."},
        {NULL, NULL},
};

static const struct demo_story schedule_stories[] = {
        {"Lịch làm việc tuần {tuan} năm {nam} của Lãnh đạo Sở",
         "Lịch làm việc của Giám đốc và các Phó Giám đốc Sở Tư pháp từ ngày "
         "{ngay}."},
        {NULL, NULL},
};

static const struct demo_story photo_stories[] = {
        {"Hình ảnh: hội nghị {linh_vuc} năm {nam}",
         "Một số hình ảnh tại hội nghị {linh_vuc} do Sở Tư pháp tổ chức ngày "
         "{ngay}."},
        {"Hình ảnh: tuyên truyền pháp luật tại {xa}, {huyen}",
         "Hình ảnh buổi tuyên truyền pháp luật cho đồng bào tại {xa}, "
         "{huyen}."},
        {"Hình ảnh: Ngày Pháp luật Việt Nam năm {nam} tại Kon Tum",
         "Các hoạt động hưởng ứng Ngày Pháp luật Việt Nam năm {nam} của ngành "
         "Tư pháp tỉnh Kon Tum."},
        {NULL, NULL},
};

static const char *const photo_paras[] = {
        "Ảnh: {nguoi}.",
        NULL,
};

static const char *const photo_alts[] = {
        "Toàn cảnh hội nghị {linh_vuc} năm {nam}",
        "Người dân {xa} nghe tuyên truyền pháp luật",
        "Quang cảnh lễ hưởng ứng Ngày Pháp luật Việt Nam năm {nam}",
        NULL,
};

static const char *const none[] = {NULL};

const struct demo_group_words demo_groups[DEMO_GROUP__MAX] = {
        /* DEMO_GROUP_ACTIVITY */
        {activity_stories, activity_paras, activity_closings, activity_headings,
         activity_alts},
        /* DEMO_GROUP_MINISTRY */
        {ministry_stories, directive_paras, directive_closings,
         directive_headings, directive_alts},
        /* DEMO_GROUP_PROVINCE */
        {province_stories, directive_paras, directive_closings,
         directive_headings, directive_alts},
        /* DEMO_GROUP_DISTRICT */
        {district_stories, district_paras, district_closings, activity_headings,
         district_alts},
        /* DEMO_GROUP_LAW_DOC */
        {law_doc_stories, directive_paras, directive_closings,
         directive_headings, law_doc_alts},
        /* DEMO_GROUP_DIRECTIVE */
        {sdirective_stories, directive_paras, directive_closings,
         directive_headings, law_doc_alts},
        /* DEMO_GROUP_PROCEDURE */
        {procedure_stories, procedure_paras, none, procedure_headings,
         law_doc_alts},
        /* DEMO_GROUP_DISSEMINATION */
        {dissemination_stories, article_paras, article_closings,
         article_headings, article_alts},
        /* DEMO_GROUP_DISCLOSURE */
        {disclosure_stories, disclosure_paras, none, none, law_doc_alts},
        /* DEMO_GROUP_RESEARCH */
        {research_stories, article_paras, article_closings, article_headings,
         research_alts},
        /* DEMO_GROUP_PETITION */
        {petition_stories, petition_paras, petition_closings, none,
         law_doc_alts},
        /* DEMO_GROUP_CONSULTATION */
        {consultation_stories, consultation_paras, none, none, law_doc_alts},
        /* DEMO_GROUP_GUIDANCE */
        {guidance_stories, procedure_paras, article_closings,
         procedure_headings, article_alts},
        /* DEMO_GROUP_QA */
        {qa_stories, none, article_closings, none, article_alts},
        /* DEMO_GROUP_BUSINESS */
        {business_stories, business_paras, article_closings, none,
         article_alts},
        /* DEMO_GROUP_PRACTICE */
        {practice_stories, disclosure_paras, none, none, law_doc_alts},
        /* DEMO_GROUP_SCHEDULE */
        {schedule_stories, none, none, none, law_doc_alts},
        /* DEMO_GROUP_PHOTO */
        {photo_stories, photo_paras, none, none, photo_alts},
};

/* Places and people ---------------------------------------------------- */

static const char *const c_kontum[] = {
        "phường Quyết Thắng", "phường Thống Nhất",
        "phường Lê Lợi",      "xã Đắk Cấm",
        "xã Vinh Quang",      "xã Ia Chim",
        "xã Đắk Blà",         NULL};
static const char *const c_dakglei[] = {"xã Đắk Môn",
                                        "xã Đắk Long",
                                        "xã Mường Hoong",
                                        "xã Ngọc Linh",
                                        "xã Xốp",
                                        "thị trấn Đắk Glei",
                                        NULL};
static const char *const c_ngochoi[] = {"xã Bờ Y", "xã Đắk Dục", "xã Sa Loong",
                                        "thị trấn Plei Kần", NULL};
static const char *const c_dakto[] = {"xã Diên Bình",    "xã Tân Cảnh",
                                      "xã Pô Kô",        "xã Văn Lem",
                                      "thị trấn Đắk Tô", NULL};
static const char *const c_konplong[] = {"xã Hiếu", "xã Măng Cành", "xã Pờ Ê",
                                         "thị trấn Măng Đen", NULL};
static const char *const c_konray[] = {"xã Đắk Ruồng", "xã Tân Lập",
                                       "xã Đắk Tơ Lung", "thị trấn Đắk Rve",
                                       NULL};
static const char *const c_dakha[] = {"xã Hà Mòn",       "xã Đắk Mar",
                                      "xã Ngọk Wang",    "xã Đắk La",
                                      "thị trấn Đắk Hà", NULL};
static const char *const c_sathay[] = {"xã Sa Nhơn",       "xã Sa Sơn",
                                       "xã Rờ Kơi",        "xã Mô Rai",
                                       "thị trấn Sa Thầy", NULL};
static const char *const c_tumorong[] = {"xã Đắk Hà", "xã Tê Xăng",
                                         "xã Ngọk Lây", "xã Măng Ri", NULL};
static const char *const c_iahdrai[] = {"xã Ia Tơi", "xã Ia Dom", "xã Ia Đal",
                                        NULL};

const struct demo_district demo_districts[] = {
        {"thành phố Kon Tum", "Kon Tum", c_kontum},
        {"huyện Đắk Glei", "Đắk Glei", c_dakglei},
        {"huyện Ngọc Hồi", "Ngọc Hồi", c_ngochoi},
        {"huyện Đắk Tô", "Đắk Tô", c_dakto},
        {"huyện Kon Plông", "Kon Plông", c_konplong},
        {"huyện Kon Rẫy", "Kon Rẫy", c_konray},
        {"huyện Đắk Hà", "Đắk Hà", c_dakha},
        {"huyện Sa Thầy", "Sa Thầy", c_sathay},
        {"huyện Tu Mơ Rông", "Tu Mơ Rông", c_tumorong},
        {"huyện Ia H'Drai", "Ia H'Drai", c_iahdrai},
};

const size_t demo_districts_n = ARRAY_SIZE(demo_districts);

/* The Director is the signer of the regulation; the deputies are
 * fictional. */
const char *const demo_leaders[] = {
        "ông Trần Minh Thắng, Giám đốc Sở Tư pháp",
        "bà Nguyễn Thị Thu Hương, Phó Giám đốc Sở Tư pháp",
        "ông Lê Văn Hùng, Phó Giám đốc Sở Tư pháp",
};

const size_t demo_leaders_n = ARRAY_SIZE(demo_leaders);

const char *const demo_leaders_short[] = {
        "Giám đốc Trần Minh Thắng",
        "Phó Giám đốc Nguyễn Thị Thu Hương",
        "Phó Giám đốc Lê Văn Hùng",
};

const char *const demo_schedule_tasks[] = {
        "Làm việc tại cơ quan",
        "Dự họp Ủy ban nhân dân tỉnh",
        "Tiếp công dân định kỳ",
        "Chủ trì hội nghị tập huấn nghiệp vụ {linh_vuc}",
        "Làm việc với Phòng Tư pháp {huyen}",
        "Kiểm tra công tác {linh_vuc} tại {huyen}",
        "Họp Ban Biên tập Trang thông tin điện tử",
        "Dự hội nghị trực tuyến của Bộ Tư pháp",
        "Giao ban Lãnh đạo Sở",
        "Dự kỳ họp Hội đồng nhân dân tỉnh",
        "Chủ trì họp thẩm định dự thảo văn bản quy phạm pháp luật",
};

const size_t demo_schedule_tasks_n = ARRAY_SIZE(demo_schedule_tasks);

const char *const demo_schedule_places[] = {
        "Phòng họp Sở Tư pháp",    "Trụ sở Ủy ban nhân dân tỉnh",
        "Trung tâm Hội nghị tỉnh", "Ủy ban nhân dân {huyen}",
        "Phòng tiếp công dân",
};

const size_t demo_schedule_places_n = ARRAY_SIZE(demo_schedule_places);

const char *const demo_places[] = {
        "hội trường Sở Tư pháp",
        "Trung tâm Hội nghị tỉnh",
        "hội trường Ủy ban nhân dân {huyen}",
        "nhà văn hóa {xa}",
        "hội trường Trung tâm Chính trị {huyen}",
};

const size_t demo_places_n = ARRAY_SIZE(demo_places);

const char *const demo_business_topics[] = {
        "giao kết hợp đồng lao động",
        "đăng ký doanh nghiệp",
        "hóa đơn điện tử",
        "bảo hộ quyền sở hữu trí tuệ",
        "giải quyết tranh chấp hợp đồng thương mại",
        "thuê đất để sản xuất, kinh doanh",
        "an toàn thực phẩm",
        "bảo vệ môi trường trong sản xuất",
        "phòng cháy, chữa cháy tại cơ sở",
        "hòa giải thương mại",
};

const size_t demo_business_topics_n = ARRAY_SIZE(demo_business_topics);

const char *const demo_family_names[] = {
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",   "Võ",
        "Đặng",   "Bùi",  "Đỗ", "Hồ",   "Ngô",   "Dương", "Lý",   "Đinh", "Hà",
};

const size_t demo_family_names_n = ARRAY_SIZE(demo_family_names);

const char *const demo_middle_names[] = {
        "Văn", "Thị", "Minh", "Thanh",   "Quốc", "Ngọc",
        "Thu", "Đức", "Hữu",  "Thị Kim", "Xuân", "Hồng",
};

const size_t demo_middle_names_n = ARRAY_SIZE(demo_middle_names);

const char *const demo_given_names[] = {
        "An",   "Bình",  "Cường", "Dũng",  "Hà",     "Hải",  "Hạnh", "Hiền",
        "Hòa",  "Hùng",  "Hương", "Khánh", "Lan",    "Linh", "Long", "Mai",
        "Nam",  "Nga",   "Nhung", "Phúc",  "Phương", "Quân", "Sơn",  "Tâm",
        "Thảo", "Thắng", "Thủy",  "Trang", "Trung",  "Tuấn", "Vân",  "Yến",
};

const size_t demo_given_names_n = ARRAY_SIZE(demo_given_names);

const char *const demo_highland_names[] = {
        "A Thiên", "Y Thương", "A Nhong",      "Y Hiền",   "A Dũng", "Y Blông",
        "A Hlên",  "Y Ngọc",   "Rơ Châm Tuấn", "Siu Hưng", "A Pớt",  "Y Khoa",
};

const size_t demo_highland_names_n = ARRAY_SIZE(demo_highland_names);

/* The introduction pages ----------------------------------------------- */

const struct demo_page demo_pages[] = {
        {1, "Chức năng, nhiệm vụ, quyền hạn của Sở Tư pháp tỉnh Kon Tum",
         "Sở Tư pháp là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham "
         "mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về công tác tư pháp "
         "trên địa bàn tỉnh.",
         "<h2>Vị trí và chức năng</h2>"
         "<p>Sở Tư pháp tỉnh Kon Tum là cơ quan chuyên môn thuộc Ủy ban nhân "
         "dân tỉnh, có chức năng tham mưu, giúp Ủy ban nhân dân tỉnh quản lý "
         "nhà nước về: xây dựng và thi hành pháp luật; theo dõi thi hành pháp "
         "luật; kiểm tra, xử lý văn bản quy phạm pháp luật; pháp chế; phổ "
         "biến, giáo dục pháp luật; hòa giải ở cơ sở; xây dựng cấp xã tiếp "
         "cận pháp luật; hộ tịch; quốc tịch; chứng thực; nuôi con nuôi; lý "
         "lịch tư pháp; bồi thường nhà nước; trợ giúp pháp lý; luật sư; tư "
         "vấn pháp luật; công chứng; giám định tư pháp; đấu giá tài sản; "
         "trọng tài thương mại; hòa giải thương mại; quản tài viên; thừa phát "
         "lại; quản lý công tác xử lý vi phạm hành chính và công tác tư pháp "
         "khác theo quy định của pháp luật.</p>"
         "<p>Sở Tư pháp có tư cách pháp nhân, có con dấu và tài khoản riêng; "
         "chịu sự chỉ đạo, quản lý về tổ chức, biên chế và công tác của Ủy "
         "ban nhân dân tỉnh, đồng thời chịu sự chỉ đạo, kiểm tra, hướng dẫn về "
         "chuyên môn, nghiệp vụ của Bộ Tư pháp.</p>"
         "<h2>Nhiệm vụ và quyền hạn</h2>"
         "<p>Nhiệm vụ, quyền hạn của Sở được quy định tại <strong>Quyết định "
         "số 34/2021/QĐ-UBND ngày 17/11/2021</strong> của Ủy ban nhân dân tỉnh "
         "Kon Tum, trong đó có:</p>"
         "<ul>"
         "<li>Trình Ủy ban nhân dân tỉnh dự thảo quyết định, chương trình, kế "
         "hoạch dài hạn, 05 năm, hằng năm về công tác tư pháp;</li>"
         "<li>Thẩm định dự thảo nghị quyết của Hội đồng nhân dân, quyết định "
         "của Ủy ban nhân dân tỉnh; kiểm tra, rà soát, hệ thống hóa văn bản "
         "quy phạm pháp luật;</li>"
         "<li>Tham mưu, giúp Hội đồng phối hợp phổ biến, giáo dục pháp luật "
         "tỉnh; hướng dẫn công tác hòa giải ở cơ sở và xây dựng cấp xã đạt "
         "chuẩn tiếp cận pháp luật;</li>"
         "<li>Quản lý nhà nước về hộ tịch, quốc tịch, chứng thực, nuôi con "
         "nuôi; cấp Phiếu lý lịch tư pháp;</li>"
         "<li>Quản lý tổ chức và hoạt động luật sư, công chứng, đấu giá tài "
         "sản, giám định tư pháp, thừa phát lại, hòa giải thương mại, trọng "
         "tài thương mại, quản tài viên trên địa bàn tỉnh;</li>"
         "<li>Quản lý và tổ chức thực hiện công tác trợ giúp pháp lý, bồi "
         "thường nhà nước;</li>"
         "<li>Theo dõi chung tình hình thi hành pháp luật và quản lý công tác "
         "xử lý vi phạm hành chính trên địa bàn tỉnh;</li>"
         "<li>Thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo, phòng, chống "
         "tham nhũng trong phạm vi quản lý;</li>"
         "<li>Hướng dẫn chuyên môn, nghiệp vụ cho Phòng Tư pháp các huyện, "
         "thành phố và công chức tư pháp - hộ tịch cấp xã.</li>"
         "</ul>"},
        {2, "Cơ cấu tổ chức của Sở Tư pháp tỉnh Kon Tum",
         "Sở Tư pháp gồm Lãnh đạo Sở, các phòng chuyên môn, nghiệp vụ và các "
         "đơn vị sự nghiệp trực thuộc.",
         "<p>Theo quy định hiện hành, cơ cấu tổ chức của Sở Tư pháp tỉnh Kon "
         "Tum gồm:</p>"
         "<h2>Lãnh đạo Sở</h2>"
         "<p>Giám đốc và các Phó Giám đốc Sở.</p>"
         "<h2>Các phòng chuyên môn, nghiệp vụ</h2>"
         "<ul>"
         "<li>Văn phòng Sở;</li>"
         "<li>Thanh tra Sở;</li>"
         "<li>Phòng Xây dựng, Kiểm tra và Phổ biến pháp luật;</li>"
         "<li>Phòng Hành chính tư pháp;</li>"
         "<li>Phòng Bổ trợ tư pháp.</li>"
         "</ul>"
         "<h2>Đơn vị sự nghiệp công lập</h2>"
         "<ul>"
         "<li>Trung tâm Trợ giúp pháp lý nhà nước tỉnh Kon Tum;</li>"
         "<li>Trung tâm Dịch vụ đấu giá tài sản tỉnh Kon Tum.</li>"
         "</ul>"
         "<p>Phòng Tư pháp các huyện, thành phố là cơ quan chuyên môn thuộc "
         "Ủy ban nhân dân cấp huyện, chịu sự chỉ đạo, hướng dẫn về chuyên môn, "
         "nghiệp vụ của Sở Tư pháp.</p>"},
        {3, "Lãnh đạo Sở Tư pháp tỉnh Kon Tum",
         "Giám đốc và các Phó Giám đốc Sở Tư pháp, lĩnh vực được phân công "
         "phụ trách.",
         "<table><thead><tr><th>Họ và tên</th><th>Chức vụ</th>"
         "<th>Lĩnh vực phụ trách</th></tr></thead><tbody>"
         "<tr><td>Trần Minh Thắng</td><td>Giám đốc</td><td>Lãnh đạo, quản lý "
         "chung mọi hoạt động của Sở; tổ chức cán bộ, tài chính, thanh tra, "
         "thi đua, khen thưởng</td></tr>"
         "<tr><td>Nguyễn Thị Thu Hương</td><td>Phó Giám đốc</td><td>Xây dựng, "
         "kiểm tra văn bản; phổ biến, giáo dục pháp luật; hòa giải ở cơ sở; "
         "Trưởng Ban Biên tập Trang thông tin điện tử</td></tr>"
         "<tr><td>Lê Văn Hùng</td><td>Phó Giám đốc</td><td>Hành chính tư "
         "pháp; bổ trợ tư pháp; trợ giúp pháp lý; đấu giá tài sản</td></tr>"
         "</tbody></table>"
         "<p>Lịch làm việc hằng tuần của Lãnh đạo Sở được đăng tại chuyên mục "
         "<strong>Lịch làm việc của Lãnh đạo Sở</strong>.</p>"},
        {4, "Văn phòng Sở",
         "Văn phòng Sở tham mưu tổng hợp, hành chính, tổ chức, tài chính và "
         "quản lý, vận hành Trang thông tin điện tử của Sở.",
         "<p>Văn phòng Sở có chức năng tham mưu, giúp Giám đốc Sở về chương "
         "trình, kế hoạch công tác; tổ chức cán bộ; tài chính, kế toán; hành "
         "chính, văn thư, lưu trữ; thi đua, khen thưởng; cải cách hành chính "
         "và chuyển đổi số.</p>"
         "<p>Văn phòng Sở chịu trách nhiệm quản lý và vận hành Trang thông tin "
         "điện tử, bảo đảm Trang duy trì hoạt động thường xuyên, liên tục; "
         "đăng tin, bài sau khi được Ban Biên tập kiểm duyệt.</p>"},
        {4, "Thanh tra Sở",
         "Thanh tra Sở thực hiện thanh tra hành chính và thanh tra chuyên "
         "ngành trong lĩnh vực tư pháp.",
         "<p>Thanh tra Sở giúp Giám đốc Sở tiến hành thanh tra hành chính đối "
         "với cơ quan, tổ chức, cá nhân thuộc quyền quản lý trực tiếp; thanh "
         "tra chuyên ngành về luật sư, công chứng, đấu giá tài sản, giám định "
         "tư pháp, hộ tịch, chứng thực; giải quyết khiếu nại, tố cáo và phòng, "
         "chống tham nhũng theo quy định.</p>"},
        {4, "Phòng Xây dựng, Kiểm tra và Phổ biến pháp luật",
         "Phòng tham mưu công tác xây dựng, thẩm định, kiểm tra, rà soát văn "
         "bản; phổ biến, giáo dục pháp luật; hòa giải ở cơ sở.",
         "<p>Phòng có nhiệm vụ tham mưu, giúp Giám đốc Sở:</p>"
         "<ul>"
         "<li>Thẩm định, góp ý dự thảo văn bản quy phạm pháp luật của Hội đồng "
         "nhân dân, Ủy ban nhân dân tỉnh;</li>"
         "<li>Kiểm tra, rà soát, hệ thống hóa văn bản quy phạm pháp luật trên "
         "địa bàn tỉnh;</li>"
         "<li>Phổ biến, giáo dục pháp luật; hòa giải ở cơ sở; xây dựng cấp xã "
         "đạt chuẩn tiếp cận pháp luật;</li>"
         "<li>Theo dõi thi hành pháp luật và quản lý công tác xử lý vi phạm "
         "hành chính.</li>"
         "</ul>"},
        {4, "Phòng Hành chính tư pháp",
         "Phòng tham mưu quản lý nhà nước về hộ tịch, quốc tịch, chứng thực, "
         "nuôi con nuôi, lý lịch tư pháp và bồi thường nhà nước.",
         "<p>Phòng Hành chính tư pháp tham mưu, giúp Giám đốc Sở quản lý nhà "
         "nước về hộ tịch, quốc tịch, chứng thực, nuôi con nuôi, lý lịch tư "
         "pháp, bồi thường nhà nước; tiếp nhận và giải quyết các thủ tục hành "
         "chính thuộc lĩnh vực được giao.</p>"
         "<p>Phòng trực tiếp hướng dẫn nghiệp vụ hộ tịch, chứng thực cho "
         "Phòng Tư pháp các huyện, thành phố và công chức tư pháp - hộ tịch "
         "cấp xã.</p>"},
        {4, "Phòng Bổ trợ tư pháp",
         "Phòng tham mưu quản lý nhà nước về luật sư, tư vấn pháp luật, công "
         "chứng, giám định tư pháp, đấu giá tài sản, trọng tài, hòa giải "
         "thương mại, thừa phát lại, quản tài viên.",
         "<p>Phòng Bổ trợ tư pháp tham mưu cấp, thu hồi giấy đăng ký hoạt "
         "động, quản lý tổ chức và hoạt động của các tổ chức hành nghề luật "
         "sư, công chứng, đấu giá tài sản, giám định tư pháp, thừa phát lại, "
         "hòa giải thương mại trên địa bàn tỉnh; tham mưu thực hiện chương "
         "trình hỗ trợ pháp lý cho doanh nghiệp.</p>"},
        {4, "Trung tâm Trợ giúp pháp lý nhà nước tỉnh Kon Tum",
         "Đơn vị sự nghiệp công lập thuộc Sở, cung cấp dịch vụ trợ giúp pháp "
         "lý miễn phí cho người được trợ giúp pháp lý.",
         "<p>Trung tâm thực hiện trợ giúp pháp lý bằng các hình thức tham gia "
         "tố tụng, tư vấn pháp luật và đại diện ngoài tố tụng cho người có "
         "công với cách mạng, người thuộc hộ nghèo, trẻ em, người dân tộc "
         "thiểu số cư trú ở vùng có điều kiện kinh tế - xã hội đặc biệt khó "
         "khăn và các đối tượng khác theo Luật Trợ giúp pháp lý năm 2017.</p>"
         "<p>Người dân có yêu cầu trợ giúp pháp lý có thể đến trực tiếp trụ "
         "sở Trung tâm hoặc liên hệ qua điện thoại, thư điện tử, bưu "
         "chính.</p>"},
        {4, "Trung tâm Dịch vụ đấu giá tài sản tỉnh Kon Tum",
         "Đơn vị sự nghiệp công lập thuộc Sở, thực hiện dịch vụ đấu giá tài "
         "sản theo quy định của Luật Đấu giá tài sản.",
         "<p>Trung tâm tổ chức đấu giá các loại tài sản theo hợp đồng dịch vụ "
         "đấu giá tài sản: quyền sử dụng đất, tài sản công, tài sản thi hành "
         "án, tang vật, phương tiện vi phạm hành chính bị tịch thu và các tài "
         "sản khác theo quy định.</p>"
         "<p>Thông báo đấu giá được niêm yết công khai tại trụ sở Trung tâm và "
         "đăng trên Cổng thông tin điện tử quốc gia về đấu giá tài sản.</p>"},
};

const size_t demo_pages_n = ARRAY_SIZE(demo_pages);

static void
each_list(const char *const *v, void (*fn)(const char *, void *), void *arg)
{
	for (; v && *v; v++)
		fn(*v, arg);
}

static void
each_array(const char *const *v, size_t n, void (*fn)(const char *, void *),
           void *arg)
{
	for (size_t i = 0; i < n; i++)
		fn(v[i], arg);
}

void
demo_words_each(void (*fn)(const char *s, void *arg), void *arg)
{
	for (size_t i = 0; i < demo_fields_n; i++) {
		const struct demo_field *f = &demo_fields[i];

		fn(f->name, arg);
		fn(f->law, arg);
		fn(f->audience, arg);
		fn(f->unit, arg);
		fn(f->procedure, arg);
		fn(f->metric[0], arg);
		fn(f->metric[1], arg);
		each_list(f->facts, fn, arg);
		each_list(f->points, fn, arg);
		fn(f->question, arg);
		fn(f->answer, arg);
	}
	for (size_t g = 0; g < DEMO_GROUP__MAX; g++) {
		const struct demo_group_words *w = &demo_groups[g];

		for (const struct demo_story *st = w->stories; st->title;
		     st++) {
			fn(st->title, arg);
			fn(st->lead, arg);
		}
		each_list(w->paras, fn, arg);
		each_list(w->closings, fn, arg);
		each_list(w->headings, fn, arg);
		each_list(w->alts, fn, arg);
	}
	for (size_t i = 0; i < demo_districts_n; i++) {
		fn(demo_districts[i].name, arg);
		fn(demo_districts[i].short_name, arg);
		each_list(demo_districts[i].communes, fn, arg);
	}
	each_array(demo_leaders, demo_leaders_n, fn, arg);
	each_array(demo_leaders_short, demo_leaders_n, fn, arg);
	each_array(demo_schedule_tasks, demo_schedule_tasks_n, fn, arg);
	each_array(demo_schedule_places, demo_schedule_places_n, fn, arg);
	each_array(demo_places, demo_places_n, fn, arg);
	each_array(demo_business_topics, demo_business_topics_n, fn, arg);
	each_array(demo_family_names, demo_family_names_n, fn, arg);
	each_array(demo_middle_names, demo_middle_names_n, fn, arg);
	each_array(demo_given_names, demo_given_names_n, fn, arg);
	each_array(demo_highland_names, demo_highland_names_n, fn, arg);
	for (size_t i = 0; i < demo_pages_n; i++) {
		fn(demo_pages[i].title, arg);
		fn(demo_pages[i].summary, arg);
		fn(demo_pages[i].body_html, arg);
	}
}
