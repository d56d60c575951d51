/*
 * The newsroom's rich-text editor (issue 4 item 3): turns the body's
 * <textarea id="noi_dung"> into a Squire editor (squire-rte, MIT, with
 * DOMPurify for pasted HTML; both copied into /static/vendor/ by the
 * build) with our own toolbar of real buttons, labelled in Vietnamese.
 *
 * Without this script, or without the vendor files, the textarea stays
 * and takes HTML as it is: nothing here is needed to write an item.  The
 * server sanitises whatever arrives (src/lib/sanitize.c), so pasted
 * Word HTML goes in as the browser gives it and loses its styles there.
 *
 * Plain text pasted (no HTML on the clipboard) is sent to
 * POST /quan-tri/chuyen-ma first: text typed in a TCVN3, VNI or VIQR
 * font comes back in Unicode, and the writer is told in the status
 * region under the field's hint.
 *
 * The Content-Security-Policy allows no inline script or style: this
 * file only sets classes and attributes, never a <style>.
 */
(function () {
	'use strict';

	var area = document.getElementById('noi_dung');
	if (!area || !area.form || typeof window.Squire !== 'function' ||
	    !window.DOMPurify)
		return;

	var form = area.form;
	var status = document.getElementById('noi_dung-trang-thai');
	var label = document.getElementById('noi_dung-nhan');
	var csrf = form.querySelector('input[name="csrf"]');

	var wrap = document.createElement('div');
	var bar = document.createElement('div');
	var box = document.createElement('div');

	wrap.className = 'editor';
	bar.className = 'editor-toolbar';
	bar.setAttribute('role', 'toolbar');
	bar.setAttribute('aria-label', 'Định dạng nội dung');
	bar.setAttribute('aria-controls', 'noi_dung-soan-thao');
	box.className = 'editor-area';
	box.id = 'noi_dung-soan-thao';
	box.setAttribute('role', 'textbox');
	box.setAttribute('aria-multiline', 'true');
	box.setAttribute('aria-labelledby', 'noi_dung-nhan');
	if (area.getAttribute('aria-describedby'))
		box.setAttribute('aria-describedby',
		                 area.getAttribute('aria-describedby'));
	if (area.getAttribute('aria-invalid'))
		box.setAttribute('aria-invalid', area.getAttribute('aria-invalid'));
	wrap.appendChild(bar);
	wrap.appendChild(box);
	area.parentNode.insertBefore(wrap, area);
	area.hidden = true;

	/* Pasted HTML is parsed by DOMPurify in an inert document; style,
	 * class and Word's attributes go there already, so the editor never
	 * holds an inline style the CSP would refuse (the server drops them
	 * in any case). */
	function clean(html) {
		var frag = window.DOMPurify.sanitize(html, {
			WHOLE_DOCUMENT: false,
			RETURN_DOM_FRAGMENT: true,
			FORBID_TAGS: ['style', 'font'],
			FORBID_ATTR: ['style', 'class', 'lang', 'align', 'width',
			              'height', 'bgcolor', 'border', 'id']
		});
		return frag ? document.importNode(frag, true)
		            : document.createDocumentFragment();
	}

	var editor = new window.Squire(box, {
		blockTag: 'P',
		sanitizeToDOMFragment: clean
	});
	editor.setHTML(area.value);

	/* The label and the error summary's link point at the textarea,
	 * now hidden: send them to the editor. */
	if (label)
		label.addEventListener('click', function (e) {
			e.preventDefault();
			editor.focus();
		});
	document.querySelectorAll('a[href="#noi_dung"]').forEach(function (a) {
		a.addEventListener('click', function (e) {
			e.preventDefault();
			box.scrollIntoView();
			editor.focus();
		});
	});

	function say(text) {
		if (status)
			status.textContent = text || '';
	}

	/* ---- blocks ---- */

	var BLOCKS = /^(P|DIV|H2|H3|H4)$/;

	/* Turns the selected paragraphs into tag, or back into paragraphs
	 * if they already are. */
	function toggleBlock(tag) {
		var off = inPath(tag);
		editor.modifyBlocks(function (frag) {
			var kids = Array.prototype.slice.call(frag.childNodes);
			kids.forEach(function (el) {
				if (el.nodeType !== 1 || !BLOCKS.test(el.nodeName))
					return;
				var n = document.createElement(off ? 'P' : tag);
				while (el.firstChild)
					n.appendChild(el.firstChild);
				frag.replaceChild(n, el);
			});
			return frag;
		});
	}

	var path = '';
	function inPath(tag) {
		return new RegExp('(^|>)' + tag + '(\\.|\\[|>|$)').test(path);
	}

	/* ---- links ---- */

	function makeLink() {
		var url = window.prompt('Địa chỉ liên kết (bắt đầu bằng https://, ' +
		                        'mailto: hoặc /):', 'https://');
		if (url === null)
			return;
		url = url.trim();
		if (!/^(https?:\/\/[^\s]+|mailto:[^\s]+|tel:[+0-9 .-]+|\/[^\s]*)$/i
		         .test(url)) {
			say('Địa chỉ liên kết không hợp lệ: cần bắt đầu bằng ' +
			    'https://, http://, mailto:, tel: hoặc /.');
			return;
		}
		editor.makeLink(url);
		say('');
	}

	/* ---- the toolbar ---- */

	var buttons = [
		{label: 'Đậm', tag: 'B', run: function (on) {
			on ? editor.removeBold() : editor.bold();
		}},
		{label: 'Nghiêng', tag: 'I', run: function (on) {
			on ? editor.removeItalic() : editor.italic();
		}},
		{label: 'Gạch chân', tag: 'U', run: function (on) {
			on ? editor.removeUnderline() : editor.underline();
		}},
		{label: 'Tiêu đề 2', tag: 'H2', block: true, run: function () {
			toggleBlock('H2');
		}},
		{label: 'Tiêu đề 3', tag: 'H3', block: true, run: function () {
			toggleBlock('H3');
		}},
		{label: 'Danh sách', tag: 'UL', block: true, run: function (on) {
			on ? editor.removeList() : editor.makeUnorderedList();
		}},
		{label: 'Danh sách số', tag: 'OL', block: true, run: function (on) {
			on ? editor.removeList() : editor.makeOrderedList();
		}},
		{label: 'Trích dẫn', tag: 'BLOCKQUOTE', block: true,
		 run: function (on) {
			on ? editor.decreaseQuoteLevel() : editor.increaseQuoteLevel();
		}},
		{label: 'Liên kết', run: makeLink},
		{label: 'Bỏ liên kết', tag: 'A', plain: true, run: function () {
			editor.removeLink();
		}},
		{label: 'Hoàn tác', undo: 'canUndo', run: function () {
			editor.undo();
		}},
		{label: 'Làm lại', undo: 'canRedo', run: function () {
			editor.redo();
		}}
	];

	buttons.forEach(function (b, i) {
		var el = document.createElement('button');
		el.type = 'button';
		el.textContent = b.label;
		el.tabIndex = i === 0 ? 0 : -1;
		if (b.tag && !b.plain)
			el.setAttribute('aria-pressed', 'false');
		if (b.undo)
			el.disabled = true;
		/* Keep the editor's selection: act on click, not on focus. */
		el.addEventListener('mousedown', function (e) {
			e.preventDefault();
		});
		el.addEventListener('click', function () {
			b.run(b.tag ? isOn(b) : false);
			editor.focus();
			refresh();
		});
		b.el = el;
		bar.appendChild(el);
	});

	function isOn(b) {
		if (b.block)
			return inPath(b.tag);
		return editor.hasFormat(b.tag);
	}

	function refresh() {
		path = editor.getPath() || '';
		buttons.forEach(function (b) {
			if (b.tag && !b.plain)
				b.el.setAttribute('aria-pressed', String(isOn(b)));
		});
	}

	editor.addEventListener('pathChange', refresh);
	editor.addEventListener('select', refresh);
	editor.addEventListener('undoStateChange', function (e) {
		buttons.forEach(function (b) {
			if (b.undo)
				b.el.disabled = !e.detail[b.undo];
		});
	});

	/* A toolbar is one tab stop; the arrows, Home and End move inside
	 * it (WAI-ARIA toolbar pattern). */
	bar.addEventListener('keydown', function (e) {
		var list = buttons.map(function (b) { return b.el; });
		var i = list.indexOf(document.activeElement);
		var j = i;
		if (i < 0)
			return;
		if (e.key === 'ArrowRight')
			j = (i + 1) % list.length;
		else if (e.key === 'ArrowLeft')
			j = (i - 1 + list.length) % list.length;
		else if (e.key === 'Home')
			j = 0;
		else if (e.key === 'End')
			j = list.length - 1;
		else
			return;
		e.preventDefault();
		list[i].tabIndex = -1;
		list[j].tabIndex = 0;
		list[j].focus();
	});

	/* ---- plain-text paste in a legacy encoding ---- */

	function convert(text) {
		var body = new URLSearchParams();
		body.set('csrf', csrf ? csrf.value : '');
		body.set('text', text);
		return fetch('/quan-tri/chuyen-ma', {
			method: 'POST',
			credentials: 'same-origin',
			headers: {'Accept': 'application/json'},
			body: body
		}).then(function (r) {
			if (!r.ok)
				throw new Error('HTTP ' + r.status);
			return r.json();
		});
	}

	/* Before Squire's own handler (this is the capture phase on the
	 * wrapper): only plain text is ours; HTML goes on to Squire and
	 * DOMPurify, and the server cleans it for good. */
	wrap.addEventListener('paste', function (e) {
		var cd = e.clipboardData;
		if (!cd || !box.contains(e.target))
			return;
		var types = Array.prototype.slice.call(cd.types || []);
		if (types.indexOf('text/html') >= 0 || types.indexOf('Files') >= 0)
			return;
		var text = cd.getData('text/plain');
		if (!text || !/[^\x00-\x7f]|[\^`'?~.(+]/.test(text))
			return;
		e.preventDefault();
		e.stopPropagation();
		var range = editor.getSelection();
		convert(text).then(function (res) {
			editor.setSelection(range);
			editor.insertPlainText(res.text, true);
			say(res.notice || '');
		}, function () {
			editor.setSelection(range);
			editor.insertPlainText(text, true);
		});
	}, true);

	/* ---- saving ---- */

	form.addEventListener('submit', function () {
		area.value = editor.getHTML();
	});
})();
