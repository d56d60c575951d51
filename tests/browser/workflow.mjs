// The newsroom end to end in Debian's Chromium (issue 4 item 12), with
// the site's own Content-Security-Policy in force, each person in a
// browser of their own, every step through the pages as a person clicks:
//
//   a staff member writes an item in the rich-text editor and attaches a
//   photo; the Secretariat accepts it; a Board member takes it, edits a
//   sentence and sends it for approval; the Deputy Head approves; the
//   Office publishes; the public page shows the edited text and the photo.
//
//   BASE=http://127.0.0.1:8080 PHOTO=/path/to/a.jpg node tests/browser/workflow.mjs
//
// Prints "ok - ..." / "not ok - ..." per check and "N passed, N failed".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = (process.env.BASE || 'http://127.0.0.1:8080').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PHOTO = process.env.PHOTO;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];

let passed = 0;
let failed = 0;
const ok = (msg) => { passed++; console.log(`ok - ${msg}`); };
const notOk = (msg) => { failed++; console.log(`not ok - ${msg}`); };
const note = (msg) => {
	for (const line of String(msg).split('\n'))
		console.log(`    # ${line}`);
};
const check = (cond, msg, detail) => {
	if (cond) {
		ok(msg);
	} else {
		notOk(msg);
		if (detail)
			note(detail);
	}
	return cond;
};

const dirs = [];
const errors = [];

// A browser of one's own, signed in through the log-in form.
async function person(who) {
	const dir = mkdtempSync(join(tmpdir(), 'ttdt-chromium-'));
	dirs.push(dir);
	const ctx = await chromium.launchPersistentContext(dir, {
		executablePath: CHROMIUM, headless: true, args: ARGS,
		locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh',
		viewport: { width: 1280, height: 900 },
	});
	const page = ctx.pages()[0] || await ctx.newPage();
	page.on('console', (m) => {
		if (m.type() === 'error' && !/status of 4\d\d/.test(m.text()))
			errors.push(`${who}: ${m.text()}`);
	});
	page.on('pageerror', (e) => errors.push(`${who}: ${e}`));
	if (who) {
		await page.goto(BASE + '/quan-tri/dang-nhap');
		await page.getByLabel('E-mail').fill(`${who}@stp-kontum.example`);
		await page.getByLabel('Mật khẩu', { exact: true })
			.fill(`Demo-${who}-2026`);
		await Promise.all([
			page.waitForURL((u) => !u.pathname.endsWith('/dang-nhap')),
			page.getByRole('button', { name: 'Đăng nhập' }).click(),
		]);
	}
	return { ctx, page };
}

// Clicks the workflow button named name on the item's page and waits for
// the page that answers; returns the page's status line text.
async function act(page, itemPath, name) {
	await page.goto(BASE + itemPath);
	const button = page.getByRole('button', { name, exact: true });
	if (await button.count() === 0) {
		const have = await page.$$eval('form[action$="/thao-tac"] button',
			(bs) => bs.map((b) => b.textContent.trim()));
		return { done: false, why: `no "${name}" button (have: ${have.join(', ')})` };
	}
	await Promise.all([page.waitForLoadState('load'),
		page.waitForURL(/xong=|thao-tac/), button.first().click()]);
	const status = await page.locator('[role=status]').allTextContents();
	const alert = await page.locator('[role=alert]').allTextContents();
	return { done: /xong=/.test(page.url()),
		why: `${page.url()}: ${alert.join(' ').replace(/\s+/g, ' ')}`,
		status: status.join(' ').replace(/\s+/g, ' ') };
}

async function main() {
	const stamp = Date.now().toString(36).toUpperCase();
	const title = `Tập huấn kỹ năng hòa giải ở cơ sở tại huyện Sa Thầy ${stamp}`;
	const first = 'Sáng nay, Sở Tư pháp tổ chức lớp tập huấn cho hơn 80 hòa giải viên.';
	const added = 'Các học viên được hướng dẫn cách ghi sổ theo dõi hòa giải.';

	// 1. The staff member writes the item in the editor.
	const staff = await person('chuyenvien');
	let p = staff.page;
	await p.goto(BASE + '/quan-tri/tin-bai/moi');
	const box = p.locator('.editor-area');
	check(await box.count() === 1 &&
		await p.locator('[role=toolbar] button').count() >= 5,
		'the editor replaces the body field, with a toolbar of buttons');
	await p.getByLabel('Tiêu đề').fill(title);
	// Any section but the activity-news ones that need a cover photo
	// first: the photo is attached below in any case.
	const section = await p.$$eval('#chuyen_muc option', (os) =>
		(os.find((o) => /hoạt động/i.test(o.textContent)) ||
			os.find((o) => o.value))?.value);
	await p.selectOption('#chuyen_muc', section);
	await p.getByLabel('Tóm tắt').fill('Lớp tập huấn kỹ năng hòa giải ở cơ sở.');
	await box.click();
	await p.keyboard.type(first);
	await p.getByRole('button', { name: 'Đậm' }).click();
	await p.keyboard.type(' Kết quả tốt.');
	await p.getByLabel('Tác giả').fill('Nguyễn Văn An');
	await p.getByLabel('Nguồn', { exact: true }).fill('Phòng Phổ biến, giáo dục pháp luật');
	// A staff member's item is a contribution: the sender's details
	// (Điều 9.1.c) come from the account; the phone is typed here.
	const contact = p.getByLabel('Điện thoại hoặc địa chỉ liên hệ');
	if (await contact.count() && !(await contact.inputValue()))
		await contact.fill('0260 3862 123');
	await Promise.all([p.waitForURL(/\/quan-tri\/tin-bai\/\d+/),
		p.getByRole('button', { name: 'Lưu bản nháp' }).click()]);
	const id = (p.url().match(/\/tin-bai\/(\d+)/) || [])[1];
	const itemPath = `/quan-tri/tin-bai/${id}`;
	check(!!id && await p.getByText(title).count() > 0,
		`the draft is saved and its page shows the title (${itemPath})`);
	check(await p.locator('main strong, main b').filter({ hasText: 'Kết quả tốt.' }).count() > 0,
		'the bold text typed in the editor is kept as bold');

	// 2. ... attaches a photo with its description, and makes it the cover.
	await p.goto(BASE + itemPath + '/tep');
	await p.setInputFiles('#tep', PHOTO);
	await p.fill('#alt', 'Hòa giải viên dự lớp tập huấn tại hội trường huyện');
	await p.fill('#chu_thich', 'Quang cảnh lớp tập huấn.');
	await Promise.all([p.waitForLoadState('load'),
		p.getByRole('button', { name: 'Tải lên và thêm vào tin, bài' }).click()]);
	const cover = p.getByRole('button', { name: /Đặt làm ảnh đại diện/ });
	check(await cover.count() === 1, 'the photo is in the item\'s list');
	if (await cover.count() === 1)
		await Promise.all([p.waitForLoadState('load'), cover.click()]);

	// 3. ... and sends it to the Board.
	let r = await act(p, itemPath, 'Gửi tin, bài');
	check(r.done, 'the staff member sends the item', r.why);
	await staff.ctx.close();

	// 4. The Secretariat accepts it from the triage queue.
	const sec = await person('thuky');
	p = sec.page;
	await p.goto(BASE + '/quan-tri/hang-doi/cho-tiep-nhan');
	check(await p.getByRole('link', { name: title }).count() > 0,
		'the item waits in the Secretariat\'s triage queue');
	r = await act(p, itemPath, 'Tiếp nhận');
	check(r.done, 'the Secretariat accepts it', r.why);
	await sec.ctx.close();

	// 5. A Board member takes it, adds a sentence and sends it on.
	const member = await person('thanhvien');
	p = member.page;
	r = await act(p, itemPath, 'Nhận biên tập');
	check(r.done, 'a Board member takes the unassigned item', r.why);
	await p.goto(BASE + itemPath + '/sua');
	const area = p.locator('.editor-area');
	await area.click();
	await p.keyboard.press('Control+End');
	await p.keyboard.press('Enter');
	await p.keyboard.type(added);
	await Promise.all([p.waitForURL(/xong=save/),
		p.getByRole('button', { name: 'Lưu phiên bản mới' }).click()]);
	check(await p.getByText(added).count() > 0,
		'the member\'s edit is saved as a new revision');
	await p.goto(BASE + itemPath + '/phien-ban');
	check(await p.locator('ins').filter({ hasText: 'ghi sổ' }).count() > 0 ||
		await p.locator('ins').count() > 0,
		'the revisions page marks the added words');
	r = await act(p, itemPath, 'Trình duyệt');
	check(r.done, 'the member sends it for approval', r.why);
	await member.ctx.close();

	// 6. The Deputy Head approves.
	const deputy = await person('phoban');
	r = await act(deputy.page, itemPath, 'Duyệt');
	check(r.done, 'the Deputy Head approves it', r.why);
	await deputy.ctx.close();

	// 7. The Office publishes.
	const office = await person('vanphong');
	p = office.page;
	r = await act(p, itemPath, 'Đăng');
	check(r.done, 'the Office publishes it', r.why);
	const pub = await p.$$eval('main a[href^="/tin/"]', (as) =>
		as.map((a) => a.getAttribute('href')));
	await office.ctx.close();

	// 8. The public sees it at once, with the edit and the photo.
	const reader = await person(null);
	p = reader.page;
	check(pub.length > 0, 'the item\'s page links to its public address');
	if (pub.length) {
		const resp = await p.goto(BASE + pub[0]);
		check(resp && resp.status() === 200, `the public page answers 200 (${pub[0]})`);
		check(await p.getByRole('heading', { name: title }).count() > 0,
			'the public page shows the title');
		check(await p.getByText(first).count() > 0 &&
			await p.getByText(added).count() > 0,
			'the public page shows the text with the Board member\'s edit');
		check(await p.locator('img[alt="Hòa giải viên dự lớp tập huấn tại hội trường huyện"]').count() > 0,
			'the public page shows the photo with its description');
		await p.goto(BASE + '/');
		check(await p.getByRole('link', { name: title }).count() > 0,
			'the home page lists it at once (the page cache was told)');
	}
	await reader.ctx.close();

	check(errors.length === 0, 'no script error or CSP refusal on any page',
		errors.slice(0, 8).join('\n'));
}

if (!PHOTO) {
	notOk('PHOTO (a JPEG to upload) is not set');
} else {
	try {
		await main();
	} catch (e) {
		notOk(`workflow test aborted: ${e && e.stack ? e.stack : e}`);
	}
}
for (const d of dirs)
	rmSync(d, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
