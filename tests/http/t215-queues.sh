#!/usr/bin/env bash
# The newsroom's queues (issue 4 item 2): items in every state are put in
# the database; each demo account's dashboard shows exactly its role's
# queues with the counts that the regulation's rules give (computed here
# in SQL from the item and item_flow rows), each queue's page lists its
# titles 50 a page with the deadline status in words, an overdue item
# reads "trễ hạn", another role's queue answers 403 and an unknown one
# 404, both with a Vietnamese page.  The IT administrator has no queue
# and its dashboard says nothing of them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server

now=$(date +%s)
cat=$(sql "select min(id) from category")
uid() { sql "select id from account where email = '$1@stp-kontum.example'"; }
unit() { sql "select coalesce(unit_id, 0) from account where email = '$1@stp-kontum.example'"; }
cv=$(uid chuyenvien) ctv=$(uid congtacvien) tv=$(uid thanhvien)
cv_unit=$(unit chuyenvien) focal_unit=$(unit daumoi) ctv_unit=$(unit congtacvien)

# item ID TITLE STATE AUTHOR UNIT [FLOW COLUMNS=VALUES...]: an item and
# its flow row.
item() {
	local id=$1 title=$2 state=$3 author=$4 u=$5 cols="" vals=""
	shift 5
	local kv
	for kv in "$@"; do
		cols+=", ${kv%%=*}" vals+=", ${kv#*=}"
	done
	sql "insert into item (id, kind, state, category_id, created_at,
		author_user_id, title, slug, author_name)
		values ($id, 'tin', '$state', $cat, $now - 7200, $author,
		'$title', 'hang-doi-$id', 'Tác giả $id');
		insert into item_flow (item_id, unit_id$cols)
		values ($id, $u$vals)"
}
base=900000
item $((base + 1)) "Bản nháp của chuyên viên" draft "$cv" "$cv_unit"
item $((base + 2)) "Tin của đơn vị đầu mối" draft NULL "$focal_unit"
item $((base + 3)) "Tin huyện chờ duyệt" district-review "$ctv" "$ctv_unit" \
	via_district=1
item $((base + 4)) "Tin chờ tiếp nhận" submitted "$cv" "$cv_unit" \
	"due_at=$((now + 86400))" "event_ended_at=$((now - 3600))"
item $((base + 5)) "Tin được phân công" in-editing "$cv" "$cv_unit" \
	"assigned_user_id=$tv"
item $((base + 6)) "Tin chờ biên tập" in-editing "$cv" "$cv_unit"
item $((base + 7)) "Tin chờ duyệt" pending-approval "$cv" "$cv_unit"
item $((base + 8)) "Tin đã duyệt" approved "$cv" "$cv_unit"
item $((base + 9)) "Tin hẹn giờ" scheduled "$cv" "$cv_unit" \
	"publish_at=$((now + 86400))"
# Due three days after the document was issued (Điều 9.2.b): a day past.
item $((base + 10)) "Tin quá hạn" submitted "$cv" "$cv_unit" \
	"doc_issued_at=$((now - 4 * 86400))" "due_at=$((now - 86400))"
item $((base + 11)) "Tin đã lưu trữ" archived "$cv" "$cv_unit"
item $((base + 12)) "Bài đính chính" published "$cv" "$cv_unit" \
	"corr_state='pending-approval'"
# Enough submitted items for a second page of "Chờ tiếp nhận".
for i in $(seq 20 74); do
	item $((base + i)) "Tin tiếp nhận số $i" submitted NULL NULL
done

# The queues: code, and the rule of what each holds (?1 the account, ?2
# its unit, ?3 1 for a unit focal point, ?4 now, ?5 1 for those who see
# every late item), restated from the regulation, not from the program.
CODES=(cua-toi cho-duyet-cap-huyen cho-tiep-nhan duoc-phan-cong cho-bien-tap
	cho-duyet cho-dang tre-han)
declare -A RULE=(
	[cua-toi]="(i.author_user_id = ?1 or (?3 = 1 and f.unit_id = ?2))
		and i.state <> 'archived'"
	[cho-duyet-cap-huyen]="i.state = 'district-review' and f.unit_id = ?2"
	[cho-tiep-nhan]="i.state = 'submitted'"
	[duoc-phan-cong]="coalesce(f.corr_state, i.state) = 'in-editing'
		and f.assigned_user_id = ?1"
	[cho-bien-tap]="coalesce(f.corr_state, i.state) = 'in-editing'
		and f.assigned_user_id is null"
	[cho-duyet]="coalesce(f.corr_state, i.state) = 'pending-approval'"
	[cho-dang]="coalesce(f.corr_state, i.state) in ('approved', 'scheduled')"
	[tre-han]="f.due_at < ?4 and i.state in ('draft', 'district-review',
		'submitted', 'in-editing', 'pending-approval', 'approved',
		'scheduled', 'returned') and (?5 = 1 or i.author_user_id = ?1
		or (?3 = 1 and f.unit_id = ?2))"
)
# Which role has which queue (DESIGN, the item workflow).
declare -A HAS=(
	[director]="tre-han"
	[board-head]="cua-toi cho-tiep-nhan duoc-phan-cong cho-bien-tap cho-duyet cho-dang tre-han"
	[board-deputy]="cua-toi cho-tiep-nhan duoc-phan-cong cho-bien-tap cho-duyet cho-dang tre-han"
	[board-member]="cua-toi duoc-phan-cong cho-bien-tap tre-han"
	[secretariat]="cua-toi cho-tiep-nhan cho-bien-tap tre-han"
	[office]="cua-toi cho-dang tre-han"
	[staff]="cua-toi tre-han"
	[unit-focal]="cua-toi tre-han"
	[district-collaborator]="cua-toi tre-han"
	[district-head]="cua-toi cho-duyet-cap-huyen tre-han"
	[it-admin]=""
)
# expected CODE USER UNIT FOCAL ALL: the count of the rule.
expected() {
	local w=${RULE[$1]}
	w=${w//\?1/$2} w=${w//\?2/$3} w=${w//\?3/$4} w=${w//\?4/$now}
	w=${w//\?5/$5}
	sql "select count(*) from item i left join item_flow f
		on f.item_id = i.id where $w"
}
# shown CODE: the count the dashboard in $BODY shows for CODE, or "-".
shown() {
	local n
	n=$(grep -oE "href=\"/quan-tri/hang-doi/$1\">[^<]*</a>: (<strong>)?[0-9]+" "$BODY" |
		grep -oE '[0-9]+$')
	echo "${n:--}"
}
# rows: the rows of items in the table of $BODY.
rows() {
	grep -c '<tr><th scope="row">' "$BODY"
}

ACCOUNTS=(giamdoc:director truongban:board-head phoban:board-deputy
	thanhvien:board-member thuky:secretariat vanphong:office
	chuyenvien:staff daumoi:unit-focal congtacvien:district-collaborator
	truongphong:district-head cntt:it-admin)
for acct in "${ACCOUNTS[@]}"; do
	who=${acct%%:*} role=${acct#*:}
	sql "delete from login_attempt"
	login "$who" "$who@stp-kontum.example" "Demo-$who-2026"
	if [[ $STATUS != 303 ]]; then
		not_ok "$role: cannot log in ($STATUS)"
		continue
	fi
	id=$(uid "$who") u=$(unit "$who") focal=0 all=0
	[[ $role == unit-focal ]] && focal=1
	[[ $role =~ ^(board-head|board-deputy|board-member|secretariat|office|director)$ ]] &&
		all=1
	get "$who" /quan-tri
	bad=
	for code in "${CODES[@]}"; do
		got=$(shown "$code")
		if [[ " ${HAS[$role]} " == *" $code "* ]]; then
			want=$(expected "$code" "$id" "$u" "$focal" "$all")
		else
			want=-
		fi
		[[ $got == "$want" ]] || bad+=" $code=$got(want $want)"
	done
	if [[ -z ${HAS[$role]} ]]; then
		grep -q 'Việc cần làm' "$BODY" && bad+=" shows a to-do section"
	else
		grep -q 'Việc cần làm' "$BODY" || bad+=" no to-do section"
	fi
	# Every queue page of the role lists its items (the first 50).
	for code in ${HAS[$role]}; do
		want=$(expected "$code" "$id" "$u" "$focal" "$all")
		((want > 50)) && want=50
		get "$who" "/quan-tri/hang-doi/$code"
		[[ $STATUS == 200 ]] || bad+=" GET $code=$STATUS"
		[[ $(rows) == "$want" ]] || bad+=" $code rows=$(rows)(want $want)"
	done
	note "$role: ${HAS[$role]:-no queue}: $(for c in ${HAS[$role]}; do
		printf '%s ' "$(expected "$c" "$id" "$u" "$focal" "$all")"; done)"
	if [[ -z $bad ]]; then
		ok "$role: the dashboard and the queue pages hold what the role's queues should"
	else
		not_ok "$role:$bad"
	fi
done

# What the lists show, as the Head (who has most queues).
get truongban /quan-tri/hang-doi/tre-han
expect_body "Tin quá hạn" "the late queue lists the overdue item"
expect_body_re 'Tin quá hạn</a></th>.*<td><strong>trễ hạn</strong></td>' \
	"the overdue item's status is in words"
expect_body '<div class="admin-table-wrap" tabindex="0" role="region" aria-label=' \
	"the table is in a focusable, named scroll region"
check "the late queue holds only the overdue item" test "$(rows)" = 1
get truongban /quan-tri/hang-doi/cho-tiep-nhan
expect_body "Tin chờ tiếp nhận" "the triage queue lists a submitted item"
expect_body_re 'Tin chờ tiếp nhận</a></th>.*<td>đúng hạn</td>' \
	"an item with time left is on time"
check "the soonest due comes first" test \
	"$(grep -oE '<tr><th scope="row"><a href="[^"]*">[^<]*' "$BODY" | head -n 2 | tail -n 1 |
		sed 's/.*>//')" = "Tin chờ tiếp nhận"
expect_body "Không có hạn" "an item without a deadline says so"
expect_body_re "[0-3][0-9]/[01][0-9]/20[0-9][0-9] [0-2][0-9]:[0-5][0-9]" \
	"dates read dd/mm/yyyy HH:MM"
expect_body 'href="/quan-tri/hang-doi/cho-tiep-nhan?trang=2" rel="next">Trang sau' \
	"a full page links to the next"
id=$(sql "select id from item where title = 'Tin chờ tiếp nhận'")
expect_body "<a href=\"/quan-tri/tin-bai/$id\">Tin chờ tiếp nhận</a>" \
	"titles link to the item's newsroom page"
get truongban "/quan-tri/hang-doi/cho-tiep-nhan?trang=2"
expect_status 200 "the second page opens"
expect_body 'href="/quan-tri/hang-doi/cho-tiep-nhan" rel="prev">Trang trước' \
	"the second page links back to the first"
check "the second page holds the rest" test "$(rows)" = \
	"$(($(sql "select count(*) from item where state = 'submitted'") - 50))"
get truongban "/quan-tri/hang-doi/cho-tiep-nhan?trang=9"
expect_status 404 "a page past the last is 404"
get truongban "/quan-tri/hang-doi/cho-tiep-nhan?trang=abc"
expect_status 400 "a malformed page number is 400"
get truongban /quan-tri/hang-doi/cho-duyet
expect_body "Bài đính chính" "a correction waits for approval"
expect_body "Chờ duyệt (bản đính chính)" "a correction says so"

# Another role's queue, and one that does not exist.
get chuyenvien /quan-tri/hang-doi/cho-duyet
expect_status 403 "staff may not open the approval queue"
expect_body "Hàng đợi này không thuộc vai trò của anh/chị." "the refusal is in Vietnamese"
get cntt /quan-tri/hang-doi/tre-han
expect_status 403 "the IT administrator has no queue"
get truongphong /quan-tri/hang-doi/cho-dang
expect_status 403 "a district head may not open the publishing queue"
get truongban /quan-tri/hang-doi/khong-co
expect_status 404 "an unknown queue is 404"
expect_body "Không có hàng đợi này." "the 404 page is in Vietnamese"
t_done
