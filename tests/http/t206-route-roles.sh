#!/usr/bin/env bash
# Every newsroom route against every role (issue 3 item 6): each demo
# account logs in and requests each page; the IT administrator's pages
# answer 403 to every other role, the audit log's to all but the IT
# administrator and the Director, the rest 200.  Every POST a role may not
# make answers 403 even with the session's own form token and plausible
# fields, and a POST to any route without the token answers 403; none of
# them changes anything.  The table below mirrors admin_routes in src/web/admin.c; the
# last check fails when a route is added there and not here.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server

# path: who may GET it ("all" signed-in users, "it-admin", or "audit":
# the IT administrator and the Director; "queues", "heads", "none": see
# the queues below).
declare -A GETS=(
	[/quan-tri]=all
	[/quan-tri/ho-so]=all
	[/quan-tri/doi-mat-khau]=all
	[/quan-tri/nguoi-dung]=it-admin
	[/quan-tri/don-vi]=it-admin
	[/quan-tri/bat-xac-thuc]=all
	[/quan-tri/nhat-ky]=audit
	[/quan-tri/nhat-ky.csv]=audit
)
POSTS=(/quan-tri/dang-xuat /quan-tri/dang-xuat-tat-ca /quan-tri/doi-mat-khau
	/quan-tri/bat-xac-thuc /quan-tri/nhat-ky/kiem-tra)
# Pages before a session exists (t201, t207 test them).
PUBLIC=(/quan-tri/dang-nhap /quan-tri/xac-thuc /quan-tri/quen-mat-khau)
# Patterns with a :param: the tables above hold concrete paths for them
# (ids of the demo database), which the mirror check below leaves out.
PATTERNS_EXTRA=()
# The IT administrator's account pages (t208), on the demo IT
# administrator's own account; the public page of a reset link (t208).
itid=$(sql "select id from account where email = 'cntt@stp-kontum.example'")
GETS[/quan-tri/nguoi-dung/moi]=it-admin
GETS[/quan-tri/nguoi-dung/$itid]=it-admin
POSTS+=(/quan-tri/nguoi-dung/moi)
for a in ho-so vai-tro vo-hieu-hoa kich-hoat mo-khoa xoa-xac-thuc \
	dat-lai-mat-khau; do
	POSTS+=("/quan-tri/nguoi-dung/$itid/$a")
	PATTERNS_EXTRA+=("/quan-tri/nguoi-dung/:id/$a")
done
PATTERNS_EXTRA+=(/quan-tri/nguoi-dung/:id)
PUBLIC+=(/quan-tri/dat-lai-mat-khau/:token)

# The IT administrator's unit pages (t209), on unit 1 (the Office).
GETS[/quan-tri/don-vi/moi]=it-admin
GETS[/quan-tri/don-vi/1]=it-admin
POSTS+=(/quan-tri/don-vi/moi /quan-tri/don-vi/1 /quan-tri/don-vi/1/dong)
PATTERNS_EXTRA+=(/quan-tri/don-vi/:id /quan-tri/don-vi/:id/dong)

# The queues (t215): every role but the IT administrator has the late
# queue ("queues"); the Board's approval queue is the Head's and the
# Deputy's ("heads"); an unknown queue is 404 to everyone ("none").
GETS[/quan-tri/hang-doi/tre-han]=queues
GETS[/quan-tri/hang-doi/cho-duyet]=heads
GETS[/quan-tri/hang-doi/khong-co]=none
PATTERNS_EXTRA+=(/quan-tri/hang-doi/:code)

# ---- items (editor) ----
# The editor (t216): the new item form for the roles that write items
# ("write"), the paste handler's conversion likewise.  The edit page of
# the published demo item 1 answers 403 to every role (no edits outside a
# correction), which no class here expresses: t216 tests it; its POST is
# refused without the token like every other.
GETS[/quan-tri/tin-bai/moi]=write
EDITOR_POSTS=(/quan-tri/tin-bai/moi /quan-tri/chuyen-ma)
POSTS+=("${EDITOR_POSTS[@]}" /quan-tri/tin-bai/1/sua)
PATTERNS_EXTRA+=(/quan-tri/tin-bai/:id/sua)
# ---- items (item page) ----
# A published demo item (no author account, no unit): the readers of
# every item (Director, Board, Secretariat, Office) see its page and its
# revisions; the others only their own or their unit's ("readers").
GETS[/quan-tri/tin-bai/1]=readers
GETS[/quan-tri/tin-bai/1/phien-ban]=readers
POSTS+=(/quan-tri/tin-bai/1/thao-tac /quan-tri/tin-bai/1/binh-luan
	/quan-tri/tin-bai/1/phien-ban/1/khoi-phuc)
PATTERNS_EXTRA+=(/quan-tri/tin-bai/:id /quan-tri/tin-bai/:id/thao-tac
	/quan-tri/tin-bai/:id/binh-luan /quan-tri/tin-bai/:id/phien-ban
	/quan-tri/tin-bai/:id/phien-ban/:so/khoi-phuc)
# ---- media ----
# The library, its upload form and a file's page (t219): the roles that
# write items ("write"), on a PDF row added here (no file needed).  An
# item's photos and files, on the published demo item 1: its readers see
# them, and nobody changes a published item's media outside a correction.
# The file's page, of a row no account uploaded (as a citizen's
# contribution): only those who see the whole library ("library": the
# Board, the Secretariat, the Office).
mid=$(sql "insert into media (kind, mime, bytes, sha256, path, uploaded_at,
	original_name) values ('pdf', 'application/pdf', 10,
	'$(printf '%064d' 206)', 'x/t206.pdf', 0, 't206.pdf') returning id")
GETS[/quan-tri/thu-vien]=write
GETS[/quan-tri/thu-vien/tai-len]=write
GETS[/quan-tri/thu-vien/$mid]=library
GETS[/quan-tri/tin-bai/1/tep]=readers
WRITE_POSTS=(/quan-tri/thu-vien/tai-len "/quan-tri/thu-vien/$mid")
POSTS+=("${WRITE_POSTS[@]}" /quan-tri/tin-bai/1/tep
	/quan-tri/tin-bai/1/tep/cap-nhat /quan-tri/tin-bai/1/tep/anh-dai-dien)
PATTERNS_EXTRA+=(/quan-tri/thu-vien/:id /quan-tri/tin-bai/:id/tep
	/quan-tri/tin-bai/:id/tep/cap-nhat /quan-tri/tin-bai/:id/tep/anh-dai-dien)
# ---- sections ----
# The section pages (t220), on section 1 (Giới thiệu): the Secretariat,
# the Board Head and Deputy only ("sections").
GETS[/quan-tri/chuyen-muc]=sections
GETS[/quan-tri/chuyen-muc/moi]=sections
GETS[/quan-tri/chuyen-muc/1]=sections
SECTION_POSTS=(/quan-tri/chuyen-muc/moi /quan-tri/chuyen-muc/1)
PATTERNS_EXTRA+=(/quan-tri/chuyen-muc/:id)
for a in len xuong an hien xoa; do
	SECTION_POSTS+=("/quan-tri/chuyen-muc/1/$a")
	PATTERNS_EXTRA+=("/quan-tri/chuyen-muc/:id/$a")
done
POSTS+=("${SECTION_POSTS[@]}")
# ---- notifications ----
# The notification page (t222): every signed-in account has its own.
GETS[/quan-tri/thong-bao]=all
POSTS+=(/quan-tri/thong-bao/da-doc)

ACCOUNTS=(giamdoc:director truongban:board-head phoban:board-deputy
	thanhvien:board-member thuky:secretariat vanphong:office
	chuyenvien:staff daumoi:unit-focal congtacvien:district-collaborator
	truongphong:district-head cntt:it-admin)

# The permission of each restricted POST (the others: any signed-in user).
declare -A POST_PERM=([/quan-tri/nhat-ky/kiem-tra]=audit)
for p in "${POSTS[@]}"; do
	[[ $p == /quan-tri/nguoi-dung* || $p == /quan-tri/don-vi* ]] &&
		POST_PERM[$p]=it-admin
done
for p in "${EDITOR_POSTS[@]}" "${WRITE_POSTS[@]}"; do POST_PERM[$p]=write; done
for p in "${SECTION_POSTS[@]}"; do POST_PERM[$p]=sections; done
# may ROLE PERM: whether ROLE holds PERM.
may() {
	case $2 in
	it-admin) [[ $1 == it-admin ]] ;;
	readers) [[ $1 == director || $1 == board-* || $1 == secretariat ||
		$1 == office ]] ;;
	audit) [[ $1 == it-admin || $1 == director ]] ;;
	write) [[ $1 != it-admin && $1 != director ]] ;;
	library) [[ $1 == board-* || $1 == secretariat || $1 == office ]] ;;
	sections) [[ $1 == secretariat || $1 == board-head ||
		$1 == board-deputy ]] ;;
	*) true ;;
	esac
}
# What a forbidden POST could change: people, roles, units, reset links,
# sections, items, media.
people_digest() {
	sql "select id, email, full_name, title, unit_id, phone, professional,
		active, locked_until, totp_secret, password_hash from account;
		select * from account_role; select * from unit;
		select count(*) from password_reset; select * from category;
		select id, state, title, category_id from item order by id;
		select count(*) from item_revision; select count(*) from media;
		select count(*) from notification where read_at is not null;" |
		sha256sum
}
FIELDS=(--data-urlencode "ho_ten=Kẻ Giả Mạo" --data-urlencode "email=gia.mao@example.com"
	--data-urlencode "vai_tro=it-admin" --data-urlencode "don_vi=1"
	--data-urlencode "ten=Đơn vị giả" --data-urlencode "loai=1"
	--data-urlencode "chuyen_den=2" --data-urlencode "xac_nhan=1")

n=$(sql "select count(*) from audit")
before=$(people_digest)
for acct in "${ACCOUNTS[@]}"; do
	who=${acct%%:*} role=${acct#*:}
	sql "delete from login_attempt"
	login "$who" "$who@stp-kontum.example" "Demo-$who-2026"
	if [[ $STATUS != 303 ]]; then
		not_ok "$role: cannot log in ($STATUS)"
		continue
	fi
	bad=
	for p in "${!GETS[@]}"; do
		want=200
		[[ ${GETS[$p]} == it-admin && $role != it-admin ]] && want=403
		[[ ${GETS[$p]} == audit && $role != it-admin &&
			$role != director ]] && want=403
		[[ ${GETS[$p]} == queues && $role == it-admin ]] && want=403
		[[ ${GETS[$p]} == heads && $role != board-head &&
			$role != board-deputy ]] && want=403
		[[ ${GETS[$p]} == none ]] && want=404
		[[ ${GETS[$p]} == readers ]] && ! may "$role" readers &&
			want=403
		[[ ${GETS[$p]} == write || ${GETS[$p]} == sections ||
			${GETS[$p]} == library ]] &&
			! may "$role" "${GETS[$p]}" && want=403
		get "$who" "$p"
		[[ $STATUS == "$want" ]] || bad+=" GET $p=$STATUS(want $want)"
	done
	for p in "${POSTS[@]}"; do
		post "$who" "$p" --data-urlencode "csrf=$(printf '%064d' 0)"
		[[ $STATUS == 403 ]] || bad+=" POST $p=$STATUS(want 403)"
	done
	tok=$(form_token "$who" /quan-tri/ho-so)
	for p in "${!POST_PERM[@]}"; do
		may "$role" "${POST_PERM[$p]}" && continue
		post "$who" "$p" --data-urlencode "csrf=$tok" "${FIELDS[@]}"
		[[ $STATUS == 403 ]] ||
			bad+=" POST $p with the session's token=$STATUS(want 403)"
	done
	if [[ -z $bad ]]; then
		ok "$role: every route answers as its permission says"
	else
		not_ok "$role:$bad"
	fi
done
# (Downloading the audit CSV is itself audited: a GET, not a POST.)
logins=$(sql "select count(*) from audit where id > $n and action not in ('login.ok', 'audit.export')")
check "forbidden and forged POSTs wrote nothing to the audit log" test "$logins" = 0
check "forbidden and forged POSTs changed no account, role, unit, link, section, item or medium" \
	test "$(people_digest)" = "$before"

# Routes in the C table, for the mirror check.
c_routes=$(grep -oE '"/quan-tri[^"]*"' "$T_ROOT/src/web/admin.c" | sort -u | tr -d '"' | tr '\n' ' ')
here=$(printf '%s\n' "${!GETS[@]}" "${POSTS[@]}" "${PUBLIC[@]}" |
	grep -vE '/[0-9]+(/|$)|^/quan-tri/hang-doi/[a-z-]+$' | cat - <(printf '%s\n' "${PATTERNS_EXTRA[@]}") |
	sort -u | tr '\n' ' ')
check "this test covers every route of admin.c" test "$c_routes" = "$here"
t_done
