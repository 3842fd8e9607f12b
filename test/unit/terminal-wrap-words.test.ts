// Wrapping for reading: rows break between words; only a word wider than a row is broken.
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {wrapWords} from '../../source/terminal/wrapWords.js';
import {displayWidth} from '../../source/terminal/width.js';
import {sanitizeLine} from '../../source/terminal/sanitize.js';

test('wrapWords: table', () => {
	const cases: Array<[string, number, number, string[]]> = [
		['', 5, 5, ['']],
		['the quick brown fox', 10, 10, ['the quick', 'brown fox']],
		['  Message: 0/4 nodes are available', 12, 12, ['  Message:', '0/4 nodes', 'are', 'available']],
		['exactly ten', 7, 7, ['exactly', 'ten']],
		['a verylongwordindeed b', 6, 6, ['a very', 'longwo', 'rdinde', 'ed b']],
		['verylong', 3, 3, ['ver', 'ylo', 'ng']],
		['ab cd', 5, 1, ['', 'ab cd']],
		['ab cd', 5, 3, ['ab', 'cd']],
		['日本 語です', 4, 4, ['日本', '語で', 'す']],
		['word   ', 10, 10, ['word   ']],
		['one  two', 4, 4, ['one', 'two']],
		// Indentation stays with its word: an aligned value too long for the row is broken in place, not moved to column 0.
		['    label=abcdefgh', 12, 12, ['    label=ab', 'cdefgh']],
		['    key: value', 20, 20, ['    key: value']],
	];
	for (const [text, width, first, expected] of cases) assert.deepEqual(wrapWords(text, width, first), expected, `${JSON.stringify(text)}@${first}/${width}`);
});

const word = fc.oneof(
	fc.stringMatching(/^[a-zA-Z0-9:/.,=-]{1,14}$/),
	fc.constantFrom('日本語', '한국', 'ｱｲ', '👩‍💻', '🇯🇵', 'é', 'FailedScheduling', 'Insufficient', 'nvidia.com/gpu'),
);
const sentence = fc.tuple(fc.constantFrom('', ' ', '  '), fc.array(fc.tuple(word, fc.constantFrom(' ', ' ', '  ')), {maxLength: 14})).map(([indent, parts]) => sanitizeLine(indent + parts.map(([w, s]) => w + s).join('')));
const runs = {numRuns: 500, seed: 20261205};

test('property: no row wider than the width; words kept whole when they fit; content kept modulo spaces', () => {
	fc.assert(
		fc.property(sentence, fc.integer({min: 2, max: 40}), fc.integer({min: 0, max: 40}), (text, width, first) => {
			const rows = wrapWords(text, width, first);
			assert.ok(rows.length >= 1);
			rows.forEach((row, i) => assert.ok(displayWidth(row) <= (i === 0 ? first : width), `row ${i} ${JSON.stringify(row)} fits`));
			assert.equal(rows.join('').replace(/ /g, ''), text.replace(/ /g, ''), 'nothing lost or added but spaces');
			const out = new Set(rows.flatMap((row) => row.split(' ')));
			// The first word after leading indentation stays with it, so it alone may be broken in place.
			const words = text.split(' ').filter(Boolean);
			for (const w of text.startsWith(' ') ? words.slice(1) : words) {
				if (displayWidth(w) <= Math.min(width, first) || (displayWidth(w) <= width && rows.length > 1)) assert.ok(out.has(w), `${JSON.stringify(w)} whole in ${JSON.stringify(rows)}`);
			}
			// A row break is never where the next word would have fit (single spaces between words): each row but the last is full up to its next word.
			for (let i = 0; i + 1 < rows.length && !/[^ ] {2,}[^ ]/.test(text); i++) {
				const next = rows[i + 1]!.split(' ').find(Boolean);
				const room = i === 0 ? first : width;
				if (next && displayWidth(next) <= width && rows[i] !== '') assert.ok(displayWidth(rows[i]!) + 1 + displayWidth(next) > room, `row ${i} could have taken ${next}`);
			}
		}),
		runs,
	);
});
