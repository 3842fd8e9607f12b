import {test} from 'node:test';
import assert from 'node:assert/strict';
import {detachedCopy, sanitizeLine, sanitizeText} from '../../source/terminal/sanitize.js';

const ESC = '\x1b';
const BEL = '\x07';

test('sanitizeText neutralises terminal control sequences', () => {
	const cases: Array<[string, string, string]> = [
		['plain text stays', 'hello world', 'hello world'],
		['OSC title with BEL', `a${ESC}]0;pwned${BEL}b`, 'ab'],
		['OSC hyperlink with ST', `${ESC}]8;;http://x${ESC}\\link${ESC}]8;;${ESC}\\`, 'link'],
		['CSI clear screen', `x${ESC}[2Jy`, 'xy'],
		['CSI colour', `${ESC}[1;31mred${ESC}[0m`, 'red'],
		['CSI private mode', `${ESC}[?1049lz`, 'z'],
		['DCS payload', `a${ESC}Pq#0;2;0;0;0${ESC}\\b`, 'ab'],
		['APC payload', `a${ESC}_secret${ESC}\\b`, 'ab'],
		['PM and SOS', `a${ESC}^pm${ESC}\\b${ESC}Xsos${ESC}\\c`, 'abc'],
		['8-bit CSI', `a\x9b2Jb`, 'ab'],
		['8-bit OSC ended by 8-bit ST', `a\x9d0;t\x9cb`, 'ab'],
		['other C1 controls', `a\x85b\x8dc`, 'abc'],
		['charset designation', `${ESC}(Bok`, 'ok'],
		['save cursor ESC 7', `${ESC}7ok`, 'ok'],
		['lone ESC at end', `end${ESC}`, 'end'],
		['unterminated OSC swallows the rest', `a${ESC}]0;never ends`, 'a'],
		['unterminated CSI', `a${ESC}[12`, 'a'],
		['bell, backspace, vertical tab', `a${BEL}b\bc\vd`, 'abcd'],
		['carriage return cannot overwrite', 'safe\rEVIL', 'safeEVIL'],
		['DEL removed', 'a\x7fb', 'ab'],
		['tab to next stop of 8', 'ab\tc', 'ab      c'],
		['newline kept', 'a\nb', 'a\nb'],
		['emoji and CJK kept', 'ok 😀 漢字 é', 'ok 😀 漢字 é'],
		['lone high surrogate', 'a\ud800b', 'a\ufffdb'],
		['lone low surrogate', 'a\udc00b', 'a\ufffdb'],
		['replacement char from bad UTF-8 kept', Buffer.from([0x61, 0xff, 0x62]).toString('utf8'), 'a\ufffdb'],
	];
	for (const [name, input, expected] of cases) {
		assert.equal(sanitizeText(input), expected, name);
	}
});

test('sanitizeLine makes a single line: newlines become spaces', () => {
	assert.equal(sanitizeLine('a\nb\r\nc'), 'a b c');
	assert.equal(sanitizeLine(`x${ESC}[2J\ty`), 'x       y');
});

test('bidi controls and invisible characters become visible escapes; emoji and joining-script sequences stay', () => {
	const cases: Array<[string, string, string]> = [
		['right-to-left override (Trojan Source)', 'invoice-\u202Egnp.exe', 'invoice-<U+202E>gnp.exe'],
		['isolates and embeddings', 'a\u2066b\u2069c\u202Ad\u202C', 'a<U+2066>b<U+2069>c<U+202A>d<U+202C>'],
		['every isolate and override', '\u2067\u2068\u202B\u202D', '<U+2067><U+2068><U+202B><U+202D>'],
		['bidi marks', 'x\u200Fy\u200Ez\u061C', 'x<U+200F>y<U+200E>z<U+061C>'],
		['zero-width space and word joiner', 'ngi\u200Bn\u2060x', 'ngi<U+200B>n<U+2060>x'],
		['invisible operators', 'a\u2061b\u2062c\u2063d\u2064', 'a<U+2061>b<U+2062>c<U+2063>d<U+2064>'],
		['byte order mark and soft hyphen', '\uFEFFlog\u00ADline', '<U+FEFF>log<U+00AD>line'],
		['Hangul fillers drawn as blanks', '\u3164\u115F\uFFA0name', '<U+3164><U+115F><U+FFA0>name'],
		['interlinear annotation', 'a\uFFF9b\uFFFAc\uFFFB', 'a<U+FFF9>b<U+FFFA>c<U+FFFB>'],
		['ZWJ and ZWNJ between Latin letters hide a different name', 'web\u200Dapi\u200Cx', 'web<U+200D>api<U+200C>x'],
		['a ZWJ at the end of a name', 'kube-proxy\u200D', 'kube-proxy<U+200D>'],
		['a ZWJ after an emoji but before a letter', '\u{1F469}\u200Dx', '\u{1F469}<U+200D>x'],
		['variation selector after ASCII', 'pod\uFE0F-1\uFE00', 'pod<U+FE0F>-1<U+FE00>'],
		['tag characters smuggling ASCII', 'ok\u{E0068}\u{E0069}', 'ok<U+E0068><U+E0069>'],
		['a tag sequence without its cancel tag', '\u{1F3F4}\u{E0067}\u{E0062}x', '\u{1F3F4}<U+E0067><U+E0062>x'],
		['an ideographic variation selector after a Latin letter', 'a\u{E0100}', 'a<U+E0100>'],
		['ZWJ emoji sequence kept whole', 'dev \u{1F469}\u200D\u{1F4BB}', 'dev \u{1F469}\u200D\u{1F4BB}'],
		['ZWJ sequence with skin tone and VS16 kept', '\u{1F469}\u{1F3FD}\u200D\u{1F4BB} \u2764\uFE0F\u200D\u{1F525}', '\u{1F469}\u{1F3FD}\u200D\u{1F4BB} \u2764\uFE0F\u200D\u{1F525}'],
		['variation selectors on emoji and keycaps kept', '\u2764\uFE0F \u263A\uFE0E 1\uFE0F\u20E3', '\u2764\uFE0F \u263A\uFE0E 1\uFE0F\u20E3'],
		['ZWNJ in Persian and ZWJ in Devanagari kept', '\u0645\u200C\u0646 \u0915\u094D\u200D\u0937', '\u0645\u200C\u0646 \u0915\u094D\u200D\u0937'],
		['standardised variant of a CJK ideograph kept', '\u8279\uFE00 \u845B\u{E0100}', '\u8279\uFE00 \u845B\u{E0100}'],
		['combining mark kept', 'cafe\u0301', 'cafe\u0301'],
		['subdivision flag tags kept', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}'],
	];
	for (const [name, input, expected] of cases) assert.equal(sanitizeLine(input), expected, name);
	assert.equal(sanitizeText('a\u2028b\u2029c'), 'a\nb\nc', 'line and paragraph separators break the line');
	assert.equal(sanitizeLine('a\u2028b'), 'a b');
});

test('a huge line of invisible characters is still one linear pass', () => {
	const hostile = 'a\u200B\u202E\u200D\uFE0F\u{E0041}'.repeat(20_000);
	const started = performance.now();
	const out = sanitizeLine(hostile);
	const elapsed = performance.now() - started;
	assert.equal(out, 'a<U+200B><U+202E><U+200D><U+FE0F><U+E0041>'.repeat(20_000));
	assert.ok(elapsed < 3000, `took ${elapsed.toFixed(0)} ms`);
});

test('tab stops are counted in display columns from the start of the line', () => {
	const cases: Array<[string, number | undefined, string]> = [
		['a\tb', undefined, 'a       b'],
		['\u65E5\u672C\tb', undefined, '\u65E5\u672C    b'], // two wide glyphs take 4 columns: 4 spaces to column 8
		['\u{1F469}\u200D\u{1F4BB}\tb', undefined, '\u{1F469}\u200D\u{1F4BB}      b'],
		['e\u0301\tb', undefined, 'e\u0301       b'],
		['ab\tc\td', 4, 'ab  c   d'],
		['x\ty\tz', 1, 'x y z'],
	];
	for (const [input, tabWidth, expected] of cases) {
		assert.equal(sanitizeLine(input, tabWidth === undefined ? {} : {tabWidth}), expected, JSON.stringify(input));
	}
	assert.equal(sanitizeText('\u65E5\tx\nab\ty'), '\u65E5      x\nab      y', 'a newline restarts the count');
});

test('maxLength cuts with an ellipsis inside the cap, between graphemes', () => {
	assert.equal(sanitizeLine('abcdef', {maxLength: 4}), 'abc…');
	assert.equal(sanitizeLine('abcd', {maxLength: 4}), 'abcd');
	assert.equal(sanitizeLine('ab😀cd', {maxLength: 4}), 'ab…');
	const cut = sanitizeLine('a😀😀😀', {maxLength: 4});
	assert.ok(!/[\ud800-\udbff]…/.test(cut), 'no lone high surrogate before the ellipsis');
	assert.equal(sanitizeLine('ab\u{1F469}\u200D\u{1F4BB}cd', {maxLength: 5}), 'ab…', 'a ZWJ sequence is cut whole or not at all');
	assert.equal(sanitizeLine('ab\u{1F1EF}\u{1F1F5}cd', {maxLength: 5}), 'ab…', 'a flag is not cut in half');
	assert.equal(sanitizeLine('abe\u0301cd', {maxLength: 4}), 'ab…', 'a letter keeps its combining mark');
	assert.equal(sanitizeLine('a\t\u{1F600}\u{1F600}', {maxLength: 10}), 'a       …', 'a cap reached by tab expansion also cuts between graphemes');
	assert.equal(sanitizeLine(`${ESC}[31m${'x'.repeat(10)}`, {maxLength: 5}), 'xxxx…');
});

test('a 1 MB line is handled in linear time', () => {
	const huge = `${ESC}[31m` + 'x'.repeat(1 << 20) + `${ESC}]0;t${BEL}`;
	// CPU time, not wall time: on a loaded machine the wall clock also counts other processes' turns.
	const started = process.cpuUsage();
	const full = sanitizeLine(huge);
	const capped = sanitizeLine(huge, {maxLength: 1000});
	const noisy = sanitizeLine(`ab${ESC}[1mc`.repeat(200_000));
	const openOsc = sanitizeLine(`${ESC}]` + 'y'.repeat(1 << 20));
	const used = process.cpuUsage(started);
	const elapsed = (used.user + used.system) / 1000;
	assert.equal(full.length, 1 << 20);
	assert.equal(capped.length, 1000);
	assert.equal(noisy.length, 600_000);
	assert.equal(openOsc, '');
	// Generous bound (far above the ~0.1 s it takes); a quadratic scan would take minutes.
	assert.ok(elapsed < 3000, `took ${elapsed.toFixed(0)} ms`);
});

test('a cut result does not keep the huge input alive', async () => {
	const v8 = await import('node:v8');
	const vm = await import('node:vm');
	v8.setFlagsFromString('--expose-gc');
	const gc = vm.runInNewContext('gc') as () => void;
	const heapMiB = () => {
		gc();
		return process.memoryUsage().heapUsed / 1048576;
	};
	const before = heapMiB();
	const kept: string[] = [];
	// 80 distinct inputs of a million characters, each cut to 60 units: retained whole, tens of MiB.
	for (let i = 0; i < 40; i++) {
		const huge = `${i}\u00e9${'é'.repeat(1 << 20)}`;
		kept.push(sanitizeLine(huge, {maxLength: 60}));
		kept.push(sanitizeText(`${i}\t${'x'.repeat(1 << 20)}`, {maxLength: 60}));
	}
	const grown = heapMiB() - before;
	assert.equal(kept.length, 80);
	assert.equal(kept[0]!.length, 60);
	assert.ok(kept[0]!.endsWith('…'));
	assert.ok(grown < 10, `cut results kept ${grown.toFixed(1)} MiB alive`);
});

test('detachedCopy is exact, lone surrogates included', () => {
	for (const s of ['', 'plain', 'é😀', '\ud800x', 'a\udc00']) assert.equal(detachedCopy(s), s);
});
