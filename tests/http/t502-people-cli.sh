#!/usr/bin/env bash
# `ttdt init` creates the units and the first IT administrator; `ttdt
# user`, `ttdt unit` and `ttdt audit` from the command line: every change
# audited, exit codes 0 / 1 (failure) / 2 (usage); then the audit log is
# tampered with the sqlite3 shell and `ttdt audit verify` names the entry.
. "$(dirname "$0")/lib.sh"

DB=$T_TMP/p.db
OUT=$T_TMP/out

# run CMD...: runs ttdt, output in $OUT, status in $RC.
run() {
	"$TTDT" "$@" >"$OUT" 2>&1
	RC=$?
}

# expect_rc CODE DESCRIPTION
expect_rc() {
	if [[ $RC == "$1" ]]; then
		ok "$2 (exit $RC)"
	else
		not_ok "$2: exit $RC, want $1"
		note "$(head -c 800 "$OUT")"
	fi
}

# expect_out REGEX DESCRIPTION (grep -E on the last output)
expect_out() {
	if grep -qE -- "$1" "$OUT"; then
		ok "$2"
	else
		not_ok "$2: output does not match /$1/"
		note "$(head -c 800 "$OUT")"
	fi
}

# sql QUERY: runs a query on the database with the sqlite3 shell (the
# tool someone tampering would use), or Python's sqlite3 without it.
sql() {
	if command -v sqlite3 >/dev/null 2>&1; then
		sqlite3 "$DB" "$1"
		return
	fi
	python3 - "$DB" "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
db.commit()
PY
}

# last_action: the newest audit entry's action.
last_action() {
	sql "select action from audit order by id desc limit 1"
}

run init --db "$DB"
expect_rc 0 "ttdt init creates a database"
expect_out "IT administrator 'quantri@ttdt.invalid' created" \
	"init names the first IT administrator"
admin_pw=$(grep -A1 'one-time' "$OUT" | tail -n 1)
check "init prints a one-time password of 16 characters" \
	test "${#admin_pw}" -eq 16
check "the password is not stored in clear" \
	test -z "$(sql "select id from account where password_hash like '%$admin_pw%'")"
check "the first administrator must change the password" \
	test "$(sql "select must_change_password from account where id = 1")" = 1
check "the units are seeded (17, 10 district offices)" \
	test "$(sql "select count(*) from unit")" = 17 -a \
	"$(sql "select count(*) from unit u join unit_kind k on k.id = u.kind_id where k.code = 'phong-tu-phap-huyen'")" = 10

run unit list --db "$DB"
expect_rc 0 "unit list"
expect_out "Phòng Tư pháp huyện Ia H'Drai" "unit list shows the district offices"

# Users.
run user add --db "$DB" --email Lan.Nguyen@STP.example --name "Nguyễn Thị Lan" \
	--title "Chuyên viên" --unit 4 --role staff --role unit-focal --professional
expect_rc 0 "user add"
expect_out "created account 2 for 'lan.nguyen@stp.example'" \
	"user add lower-cases the e-mail"
check "user add is audited" test "$(last_action)" = user.add
run user add --db "$DB" --email lan.nguyen@stp.example --name "Lan"
expect_rc 1 "user add refuses a taken e-mail"
expect_out "exists already" "and says so"
run user add --db "$DB" --email x@stp.example --name X --role king
expect_rc 2 "user add with an unknown role is a usage error"
run user add --db "$DB" --name X
expect_rc 2 "user add without --email is a usage error"
run user frobnicate --db "$DB"
expect_rc 2 "an unknown user action is a usage error"
run user disable --db "$T_TMP/missing.db" --email a@b.example
expect_rc 1 "a missing database is a failure"

run user list --db "$DB"
expect_rc 0 "user list"
expect_out "lan.nguyen@stp.example.*roles=staff,unit-focal.*active" \
	"user list shows roles and state"

n=$(sql "select count(*) from audit")
printf 'matkhau@2024!\n' | "$TTDT" user passwd --db "$DB" \
	--email lan.nguyen@stp.example >"$OUT" 2>&1
RC=$?
expect_rc 1 "user passwd refuses a common password"
expect_out "too common" "and says why"
printf 'short\n' | "$TTDT" user passwd --db "$DB" \
	--email lan.nguyen@stp.example >"$OUT" 2>&1
RC=$?
expect_rc 1 "user passwd refuses a short password"
printf 'lan.nguyen@stp.example\n' | "$TTDT" user passwd --db "$DB" \
	--email lan.nguyen@stp.example >"$OUT" 2>&1
RC=$?
expect_rc 1 "user passwd refuses the e-mail as password"
check "refused passwords change nothing and log nothing" \
	test "$(sql "select count(*) from audit")" = "$n"
printf 'Hoa hồng đỏ thắm 2026\n' | "$TTDT" user passwd --db "$DB" \
	--email LAN.NGUYEN@stp.example >"$OUT" 2>&1
RC=$?
expect_rc 0 "user passwd sets a good password from standard input"
check "user passwd is audited" test "$(last_action)" = user.passwd

for a in disable enable unlock reset-2fa; do
	run user "$a" --db "$DB" --email lan.nguyen@stp.example
	expect_rc 0 "user $a"
	check "user $a is audited" test "$(last_action)" = "user.$a"
done
check "the account is active again" \
	test "$(sql "select active from account where id = 2")" = 1
run user roles --db "$DB" --email lan.nguyen@stp.example --set secretariat,office
expect_rc 0 "user roles --set"
check "the roles are replaced" \
	test "$(sql "select group_concat(role, ',') from (select role from account_role where account_id = 2 order by role)")" = "office,secretariat"
check "user roles is audited with before and after" \
	grep -q '"before":"staff,unit-focal","after":"secretariat,office"' \
	<<<"$(sql "select detail from audit where action = 'user.roles'")"
run user roles --db "$DB" --email lan.nguyen@stp.example
expect_rc 2 "user roles without --set is a usage error"
run user unlock --db "$DB" --email nobody@stp.example
expect_rc 1 "an unknown account is a failure"
expect_out "no account" "and says so"

# Moving to another unit is an audited edit.
run user edit --db "$DB" --email lan.nguyen@stp.example --unit 5
expect_rc 0 "user edit --unit moves the account"
check "the move is audited with before and after" \
	grep -q '"unit_id":{"before":4,"after":5}' \
	<<<"$(sql "select detail from audit order by id desc limit 1")"

# Units.
run unit add --db "$DB" --name "Trung tâm Thử nghiệm" --kind trung-tam \
	--phone "0260 3862 000" --focal lan.nguyen@stp.example
expect_rc 0 "unit add"
check "unit add is audited" test "$(last_action)" = unit.add
run unit add --db "$DB" --name X --kind bogus
expect_rc 1 "unit add refuses an unknown kind"
run unit add --db "$DB" --kind trung-tam
expect_rc 2 "unit add without --name is a usage error"
run unit edit --db "$DB" --id 18 --address "Số 1 Trần Hưng Đạo" --fax 0260111
expect_rc 0 "unit edit"
check "unit edit is audited" test "$(last_action)" = unit.edit
run unit close --db "$DB" --id 5
expect_rc 1 "unit close refuses a unit with active accounts"
run unit close --db "$DB" --id 5 --move-to 4
expect_rc 0 "unit close --move-to"
expect_out "1 account moved" "and moves its account"
check "the closed unit is kept, with closed_at" \
	test -n "$(sql "select closed_at from unit where id = 5")"
check "unit close is audited" test "$(last_action)" = unit.close
run unit list --db "$DB"
expect_out "closed 20" "unit list shows the closed unit"

# The audit log.
run audit verify --db "$DB"
expect_rc 0 "audit verify on an untouched log"
expect_out "^audit log intact: [0-9]+ entries" "verify says intact"
entries=$(sed -n 's/^audit log intact: \([0-9]*\) entries.*/\1/p' "$OUT")
"$TTDT" audit export --db "$DB" >"$T_TMP/audit.csv" 2>"$OUT"
RC=$?
expect_rc 0 "audit export"
check "the export starts with a byte-order mark" \
	test "$(head -c 3 "$T_TMP/audit.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "the export has a line per entry and a header" \
	test "$(grep -c $'\r$' "$T_TMP/audit.csv")" -eq $((entries + 1))
check "export times are ISO 8601 with +07:00" \
	grep -qE '"20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\+07:00"' \
	"$T_TMP/audit.csv"
run audit purge --db "$DB" --before 2999-01-01
expect_rc 1 "audit purge refuses to delete entries younger than 90 days"
run audit purge --db "$DB"
expect_rc 0 "audit purge with the default retention"
expect_out "0 entries deleted" "nothing is old enough yet"
run audit verify --db "$DB" --before 2020-01-01
expect_rc 2 "an option of another action is a usage error"

cp "$DB" "$T_TMP/clean.db"
sql "update audit set detail = '{\"unit_id\":{\"before\":4,\"after\":6}}' where id = 21" >/dev/null
run audit verify --db "$DB"
expect_rc 1 "audit verify fails after an entry was altered"
expect_out "entry 21 was altered" "and names the altered entry"

cp "$T_TMP/clean.db" "$DB"
sql "delete from audit where id = 9" >/dev/null
run audit verify --db "$DB"
expect_rc 1 "audit verify fails after an entry was removed"
expect_out "entry 9 was removed" "and names the removed entry"

cp "$T_TMP/clean.db" "$DB"
sql "delete from audit where id = (select max(id) from audit)" >/dev/null
run audit verify --db "$DB"
expect_rc 1 "audit verify fails after the newest entry was removed"
expect_out "entry $entries was removed" "and names it"

# A purge leaves a checkpoint: age the first entries by a year.
cp "$T_TMP/clean.db" "$DB"
python3 - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
# Rewrite the first 5 entries as if made a year ago, re-hashing them the
# way ttdt does, so the chain stays valid (a legitimate old log).
import hashlib
rows = db.execute("select id, at, actor_user_id, actor_name, client_addr, "
                  "action, object_type, object_id, detail, prev_hash "
                  "from audit order by id").fetchall()
prev = "0" * 64
for r in rows:
    r = list(r)
    if r[0] <= 5:
        r[1] -= 400 * 86400
    r[9] = prev
    fields = [("id", r[0]), ("at", r[1]), ("actor_user_id", r[2] or 0),
              ("actor_name", r[3]), ("client_addr", r[4]), ("action", r[5]),
              ("object_type", r[6]), ("object_id", r[7] or 0),
              ("detail", r[8]), ("prev_hash", r[9])]
    s = b"ttdt-audit-1\n"
    for name, v in fields:
        b = str(v).encode()
        s += name.encode() + b"=" + str(len(b)).encode() + b":" + b + b"\n"
    h = hashlib.sha256(s).hexdigest()
    db.execute("update audit set at = ?, prev_hash = ?, hash = ? where id = ?",
               (r[1], prev, h, r[0]))
    prev = h
db.commit()
PY
run audit verify --db "$DB"
expect_rc 0 "a consistently re-dated log verifies (same canonical form)"
run audit purge --db "$DB"
expect_rc 0 "audit purge of entries past the retention"
expect_out "5 entries deleted, checkpoint written" "five old entries go"
check "a checkpoint entry names the last one purged" \
	test "$(sql "select object_id from audit where action = 'audit.checkpoint'")" = 5
run audit verify --db "$DB"
expect_rc 0 "audit verify passes after the purge"
sql "update audit set actor_name = 'someone' where id = 7" >/dev/null
run audit verify --db "$DB"
expect_rc 1 "tampering after the purge is detected"
expect_out "entry 7 was altered" "and named"
t_done
