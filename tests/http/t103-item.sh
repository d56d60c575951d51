#!/usr/bin/env bash
# An item page: date dd/mm/yyyy HH:MM, author/source, canonical link,
# Open Graph and Dublin Core meta; a wrong slug redirects (301) to the
# canonical URL; an unknown id gives 404; an unpublished item gives 410.
. "$(dirname "$0")/lib.sh"

start_server
fetch /
item=$(first_link '/tin/[^"/?#]+-[0-9]+')
if [[ -z $item ]]; then
	not_ok "the home page links to no item"
	t_done
fi
id=${item##*-}
slug=${item#/tin/}
slug=${slug%-"$id"}
note "item $item (id $id)"

fetch "$item"
expect_status 200 "GET $item"
expect_body 'lang="vi"' "item page is Vietnamese"
expect_body_re '<h1[^>]*>' "item page has an h1"
expect_body_re '[0-3][0-9]/[01][0-9]/(19|20)[0-9]{2} [0-2][0-9]:[0-5][0-9]' \
	"the date reads dd/mm/yyyy HH:MM"
expect_body_re '(Tác giả|Nguồn|Theo|Người viết|Bài, ảnh)' \
	"an author or source line"
expect_body_re "<link rel=\"canonical\" href=\"http://$T_LISTEN/tin/$slug-$id\"" \
	"a canonical link with the base URL"
for m in og:title og:type og:url og:description; do
	expect_body_re "<meta property=\"$m\" content=\"[^\"]+\"" "meta $m"
done
for m in DC.title DC.language DC.date DC.creator; do
	expect_body_re "<meta name=\"$m\" content=\"[^\"]+\"" "meta $m"
done
expect_body "href=\"/tin/$slug-$id/ban-in\"" "links to the print view"
expect_body "href=\"/tin/$slug-$id/tai-ve\"" "links to the download"

fetch "/tin/duong-dan-cu-$id"
expect_status 301 "a wrong slug gives 301"
expect_header Location "/tin/$slug-$id\$" "the 301 goes to the canonical URL"
fetch "/tin/duong-dan-cu-$id/ban-in"
expect_status_in "301 200" "a wrong slug on the print view"
fetch "/tin/$slug-999999999"
expect_vi_error 404 "an unknown id gives 404"
fetch "/tin/khong-co-ma-so"
expect_status 404 "an item path without an id gives 404"
fetch "/tin/$slug-${id}abc"
expect_status_in "404 301" "a malformed id gives 404"
fetch "/tin/x-0$id"
expect_status_in "301 404" "a zero-padded id redirects or is unknown"

# Unpublish the item straight in the database, then serve it again.
stop_server
if python3 - "$T_TMP/t.db" "$id" >"$T_TMP/py.out" 2>&1 <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
item_id = int(sys.argv[2])
for (name,) in db.execute("select name from sqlite_master where type='table'"):
    cols = {r[1]: r[2] for r in db.execute(f'pragma table_info("{name}")')}
    if "id" in cols and "state" in cols and "slug" in cols:
        break
else:
    sys.exit("no table with id, slug and state")
new = 9 if "INT" in cols["state"].upper() else "unpublished"
n = db.execute(f'update "{name}" set state = ? where id = ?',
               (new, item_id)).rowcount
db.commit()
print(f"{name}.state = {new!r} for id {item_id}: {n} row(s)")
sys.exit(0 if n == 1 else 1)
PY
then
	note "$(cat "$T_TMP/py.out")"
	start_server
	fetch "$item"
	expect_vi_error 410 "an unpublished item gives 410"
else
	not_ok "cannot unpublish the item in the database"
	note "$(cat "$T_TMP/py.out")"
fi
t_done
