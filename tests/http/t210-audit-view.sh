#!/usr/bin/env bash
# The audit log in the newsroom (issue 3 item 9): only the Director and
# the IT administrator see it; entries newest first with ISO 8601 +07:00
# times; filters narrow the list exactly as SQL counts say, and a bad
# filter value gets a Vietnamese message instead of an error; keyset
# pages; the CSV download (byte-order mark, same filters, formulas
# neutralised, itself audited); the chain check finds an altered entry;
# a forged POST changes nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server

GD=giamdoc@stp-kontum.example
CNTT=cntt@stp-kontum.example
STAFF=chuyenvien@stp-kontum.example
P=/quan-tri/nhat-ky

# rows: entries on the last page fetched; total: the count it states.
rows() {
	grep -c '<tr id="muc-' "$BODY"
}
total() {
	sed -n 's/.*<span id="so-muc">\([0-9.]*\)<.*/\1/p' "$BODY" | tr -d .
}
# expect_counts SQL_WHERE DESCRIPTION: the page's total is the SQL count
# and it shows min(count, 50) rows.
expect_counts() {
	local want shown
	want=$(sql "select count(*) from audit where $1")
	shown=$((want < 50 ? want : 50))
	if [[ $STATUS == 200 && $(total) == "$want" && $(rows) == "$shown" ]]; then
		ok "$2 ($want entries, $shown shown)"
	else
		not_ok "$2: status $STATUS, total '$(total)' rows $(rows), want $want and $shown"
	fi
}
# iso EPOCH: the time as the page and the CSV show it.
iso() {
	date -u -d "@$(($1 + 25200))" +%Y-%m-%dT%H:%M:%S+07:00
}

# Some history first: units with Vietnamese names from the command line
# (40 of them, which with the demo's makes more than a page), and a log-in whose "e-mail" is a formula.
for i in $(seq 1 40); do
	out=$("$TTDT" unit add --db "$T_TMP/t.db" \
		--name "Đơn vị thử nghiệm Đắk Hà $i" --kind trung-tam 2>&1) || {
		not_ok "ttdt unit add $i"
		note "$out"
	}
done
FORMULA='=HYPERLINK("http://evil.example/x","Bấm")'
login x "$FORMULA" "Khong-phai-mat-khau-2026"
sql "delete from login_attempt"

# Who may see it.
login d "$GD" "Demo-giamdoc-2026"
login i "$CNTT" "Demo-cntt-2026"
login s "$STAFF" "Demo-chuyenvien-2026"
get d $P
expect_status 200 "the Director sees the audit log"
expect_body '<h1>Nhật ký hệ thống</h1>' "the page's heading"
expect_body 'href="/quan-tri/nhat-ky" aria-current="page"' \
	"the navigation marks the page"
expect_no_body '<script' "no script"
expect_no_body 'style=' "no inline style"
expect_header Cache-Control 'no-store' "the page is no-store"
expect_counts "1" "the unfiltered list counts every entry"
tok_d=$(page_token)
get i $P
expect_status 200 "the IT administrator sees the audit log"
for p in $P "$P.csv" "$P?thao-tac=login.ok"; do
	get s "$p"
	expect_status 403 "a staff member: GET $p is forbidden"
done
expect_body 'Nhật ký hệ thống chỉ dành cho Giám đốc Sở' "and is told why"
n=$(sql "select count(*) from audit")
tok_s=$(form_token s /quan-tri)
post s $P/kiem-tra --data-urlencode "csrf=$tok_s"
expect_status 403 "a staff member cannot run the chain check, even with a token"
check "... and nothing was written" test "$(sql "select count(*) from audit")" = "$n"

# The newest entry: the IT administrator's log-in, with its ISO time.
get d $P
read -r id at <<<"$(sql "select id, at from audit where action = 'login.ok' and actor_name = '$CNTT' order by id desc limit 1" | tr '|' ' ')"
expect_body "<tr id=\"muc-$id\">" "the log-in entry is listed"
expect_body "<time datetime=\"$(iso "$at")\">$(iso "$at")</time>" \
	"its time in ISO 8601 with +07:00 ($(iso "$at"))"
expect_body_re '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+07:00' \
	"times have the +07:00 offset"
check "newest first" test "$(grep -o '<tr id="muc-[0-9]*"' "$BODY" | head -n 1)" = \
	"<tr id=\"muc-$(sql "select max(id) from audit")\""
expect_body 'Đăng nhập' "the action has its Vietnamese name"
expect_body "Đăng nhập thất bại" "a failed log-in is named"
expect_body 'Lý do: E-mail không thuộc tài khoản nào' "the reason in Vietnamese"

# Filters, each checked against SQL.
get d "$P?thao-tac=login.ok"
expect_counts "action = 'login.ok'" "filter by action"
check "... every row is a log-in" test \
	"$(grep -c '<code class="admin-help">login.ok</code>' "$BODY")" = "$(rows)"
expect_body '<option value="login.ok" selected>' "the action stays selected"
cid=$(sql "select id from account where email = '$CNTT'")
get d "$P?tai-khoan=$cid"
expect_counts "actor_user_id = $cid" "filter by account"
get d "$P?nguoi=CNTT@STP-KONTUM.EXAMPLE"
expect_counts "actor_name = '$CNTT'" "filter by e-mail, any case"
get d "$P?doi-tuong=unit"
expect_counts "object_type = 'unit'" "filter by object type"
uid=$(sql "select max(id) from unit")
get d "$P?doi-tuong=unit&ma-doi-tuong=$uid"
expect_counts "object_type = 'unit' and object_id = $uid" "filter by object"
expect_body "href=\"/quan-tri/don-vi/$uid\">Đơn vị thử nghiệm Đắk Hà 40 #$uid</a>" \
	"the object links to its page, with its name"
expect_body "Tên: Đơn vị thử nghiệm Đắk Hà 40" "the detail is readable"
get d "$P?dia-chi=127.0.0.1&thao-tac=login.fail"
expect_counts "client_addr = '127.0.0.1' and action = 'login.fail'" \
	"filter by address and action together"
today=$(date -u -d "@$(($(date +%s) + 25200))" +%d/%m/%Y)
day0=$(($(date -u -d "$(date -u -d "@$(($(date +%s) + 25200))" +%Y-%m-%d)" +%s) - 25200))
get d "$P?tu-ngay=$today&den-ngay=$today&thao-tac=login.ok"
expect_counts "at between $day0 and $((day0 + 86399)) and action = 'login.ok'" \
	"filter by today's date (dd/mm/yyyy)"
expect_body "value=\"$(date -u -d "@$(($(date +%s) + 25200))" +%Y-%m-%d)\"" \
	"the date is shown back as yyyy-mm-dd for the date input"
get d "$P?tu-ngay=2000-01-01&den-ngay=2000-12-31"
expect_counts "at between 946659600 and 978281999" "a year with no entries"
expect_body 'Không có mục nào khớp bộ lọc.' "an empty result says so"

# Bad values: a message, 200, and the rest of the filter still applies.
get d "$P?tu-ngay=31/02/2026&thao-tac=login.ok"
expect_status 200 "an impossible date is not an error page"
expect_body '“Từ ngày” không phải một ngày hợp lệ' "it gets a Vietnamese message"
expect_body 'role="alert"' "the message is announced"
expect_body 'aria-invalid="true"' "the field is marked invalid"
expect_body 'aria-describedby="loi-tu-ngay goi-y-ngay"' "and points at the message"
expect_counts "action = 'login.ok'" "the bad date is left out, the action still filters"
get d "$P?tu-ngay=02/01/2026&den-ngay=01/01/2026"
expect_body '“Đến ngày” phải trùng hoặc sau “Từ ngày”' "an end before the start"
expect_counts "at >= $(date -u -d 2026-01-01 +%s) - 25200 + 86400" "only the start applies"
get d "$P?dia-chi=%3Cscript%3E&ma-doi-tuong=-3&tai-khoan=999999&thao-tac=DROP%20TABLE"
expect_status 200 "several bad values: still 200"
expect_body 'Địa chỉ IP chỉ gồm chữ số' "bad address"
expect_body 'Mã đối tượng phải là một số nguyên dương.' "bad object id"
expect_body 'Tài khoản đã chọn không tồn tại.' "unknown account"
expect_body 'Thao tác đã chọn không hợp lệ.' "bad action"
expect_no_body '<script>' "what was typed is escaped"
expect_counts "1" "nothing bad filters"

# Keyset pages, keeping the filter.
get d "$P?thao-tac=unit.add"
k=$(sql "select count(*) from audit where action = 'unit.add'")
expect_counts "action = 'unit.add'" "page 1 of the unit additions"
first=$(grep -o '<tr id="muc-[0-9]*"' "$BODY" | head -n 1)
last=$(grep -o '<tr id="muc-[0-9]*"' "$BODY" | tail -n 1 | tr -dc 0-9)
expect_body "href=\"$P?thao-tac=unit.add&amp;truoc=$last\" rel=\"next\">Trang sau" \
	"a link to the next (older) page keeps the filter"
expect_no_body 'rel="prev"' "no newer page from page 1"
get d "$P?thao-tac=unit.add&truoc=$last"
check "page 2 has the rest ($((k - 50)) entries)" test "$(rows)" = $((k - 50 < 50 ? k - 50 : 50))
check "page 2 starts below page 1" test \
	"$(grep -o '<tr id="muc-[0-9]*"' "$BODY" | head -n 1 | tr -dc 0-9)" -lt "$last"
newer=$(grep -o 'href="[^"]*" rel="prev"' "$BODY" | sed 's/href="//; s/" rel.*//; s/&amp;/\&/g')
check "page 2 links back" test -n "$newer"
get d "$newer"
check "back is page 1 again" test "$(grep -o '<tr id="muc-[0-9]*"' "$BODY" | head -n 1)" = "$first"
check "... with 50 rows" test "$(rows)" = 50

# The CSV download.
get d "$P.csv?thao-tac=unit.add"
expect_status 200 "the CSV download"
expect_header Content-Type '^text/csv; charset=utf-8$' "text/csv in UTF-8"
expect_header Content-Disposition \
	"^attachment; filename=\"nhat-ky-$(date -u -d "@$(($(date +%s) + 25200))" +%Y%m%d).csv\"$" \
	"an attachment named nhat-ky-YYYYMMDD.csv"
expect_header Cache-Control 'no-store' "no-store"
check "it starts with the byte-order mark EF BB BF" \
	test "$(head -c 3 "$BODY" | od -An -tx1 | tr -d ' ')" = efbbbf
check "then the CLI's header row" test "$(head -n 1 "$BODY" | tail -c +4 | tr -d '\r')" = \
	'"id","at","actor_user_id","actor","client_addr","action","object_type","object_id","detail","hash"'
check "one line per entry plus the header ($((k + 1)))" \
	test "$(grep -c $'\r$' "$BODY")" = $((k + 1))
check "Vietnamese text intact" grep -q 'Đơn vị thử nghiệm Đắk Hà 40' "$BODY"
check "times in ISO 8601 +07:00" \
	grep -qE '^"[0-9]+","[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\+07:00"' "$BODY"
check "the download is audited with its filter" test "$(last_action)" = audit.export
check "... its filter and row count recorded" grep -qF "\"action\":\"unit.add\",\"rows\":$k" \
	<<<"$(sql "select detail from audit order by id desc limit 1")"
get d "$P.csv?nguoi=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$FORMULA")"
check "the formula's failed log-in is exported (2 lines)" test "$(grep -c $'\r$' "$BODY")" = 2
check "the formula cell is neutralised with a leading '" \
	grep -qF "\"'=HYPERLINK(\"\"http://evil.example/x\"\",\"\"Bấm\"\")\"" "$BODY"
check "no cell starts with =" bash -c '! grep -qE "(^|,)\"=" "$1"' _ "$BODY"
get d "$P?nguoi=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$FORMULA")"
expect_body '=HYPERLINK(&quot;http://evil.example/x&quot;,&quot;Bấm&quot;)' \
	"the page shows it as escaped text"
n=$(sql "select count(*) from audit")
get d "$P.csv?tu-ngay=hom-qua"
expect_status 200 "a CSV with a bad filter answers the page"
expect_header Content-Type '^text/html' "... as HTML, not a wider CSV"
expect_body 'Chưa tải tệp CSV vì điều kiện lọc không hợp lệ.' "... saying why"
check "... and nothing was exported or audited" test "$(sql "select count(*) from audit")" = "$n"
fetch "$P.csv" -I -b "$(jar d)"
expect_status 200 "HEAD of the CSV"
check "a HEAD is not audited as an export" test "$(sql "select count(*) from audit")" = "$n"

# The chain check.
post d $P/kiem-tra --data-urlencode "csrf=$tok_d"
expect_status 200 "the chain check"
expect_body "Chuỗi nhật ký nguyên vẹn:</strong> đã kiểm tra $n mục" \
	"it says intact, with the number of entries"
check "the check is audited" test "$(last_action)" = audit.verify
check "... with its result" grep -qF '"result":"intact"' \
	<<<"$(sql "select detail from audit order by id desc limit 1")"
sql "update audit set actor_name = 'ai-do@example' where id = $id"
post d $P/kiem-tra --data-urlencode "csrf=$tok_d"
expect_status 200 "the chain check after tampering"
expect_body "mục số $id đã bị sửa đổi" "it names the altered entry ($id)"
expect_body 'id="ket-qua-kiem-tra"' "in the result box"
check "the failed check is audited" grep -qF "\"result\":\"altered\"" \
	<<<"$(sql "select detail from audit order by id desc limit 1")"
n=$(sql "select count(*) from audit")
post d $P/kiem-tra --data-urlencode "x=1"
expect_status 403 "a POST without the form token"
post d $P/kiem-tra --data-urlencode "csrf=$(printf '%064d' 0)"
expect_status 403 "a POST with a wrong token"
fetch $P/kiem-tra -b "$(jar d)" -H "Origin: http://evil.example" \
	--data-urlencode "csrf=$tok_d"
expect_status 403 "a POST from another origin"
check "none of them wrote anything" test "$(sql "select count(*) from audit")" = "$n"

t_done
