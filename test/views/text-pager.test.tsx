// The describe/YAML pager lays out only what fits: a long line wraps (w) or is shown from a
// column with the position in the title; a 5 MB line costs what a page costs.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {TextPager} from '../../views/TextPager.js';
import {displayWidth} from '../../source/terminal/width.js';

afterEach(() => cleanup());

const long = Array.from({length: 30}, (_, i) => `w${String(i).padStart(2, '0')}`).join('-');

function frame(props: Partial<React.ComponentProps<typeof TextPager>> = {}): string[] {
	const {lastFrame} = render(<TextPager title="yaml pod shop/web" lines={['short', long, 'end']} offset={0} height={8} width={40} {...props} />);
	return (lastFrame() ?? '').split('\n');
}

test('without wrap a long line is cut at the edge and the title shows the columns in view', () => {
	const [title, , second] = frame();
	assert.match(title!, /\[1-3\/3\] col 1-40\/119/);
	assert.equal(displayWidth(second!), 40);
	assert.ok(second!.startsWith('w00-w01'));
});

test('right scroll shows the line from the column, the title says where', () => {
	const [title, first, second] = frame({column: 40});
	assert.match(title!, /col 41-80\/119/);
	assert.equal(first!.trim(), '', 'a short line scrolled past is blank');
	assert.equal(second, long.slice(40, 80));
});

test('wrap shows every character of the long line, row after row', () => {
	const [title, , ...rest] = frame({wrap: true});
	assert.match(title!, / wrap$/);
	assert.equal(rest.slice(0, 3).join(''), long);
	assert.equal(rest[3], 'end');
});

test('a 5 MB line with hostile characters renders one page quickly, escapes visible', () => {
	const huge = `\u202Eevil ${'x'.repeat(5_000_000)}`;
	const started = performance.now();
	const [, first] = frame({lines: [huge]});
	const elapsed = performance.now() - started;
	assert.ok(first!.startsWith('<U+202E>evil xxx'));
	assert.ok(elapsed < 2000, `took ${Math.round(elapsed)} ms`);
});

test('wrap breaks between words: a word that fits a row is never cut in two', () => {
	const message = '  Message: 0/6 nodes are available: 2 Insufficient nvidia.com/gpu, 4 node(s) had untolerated taint {nvidia.com/gpu: }.';
	const [, ...rows] = frame({lines: [message], wrap: true, width: 30});
	const shown = rows.map((row) => row.trimEnd()).filter(Boolean);
	assert.deepEqual(shown, ['  Message: 0/6 nodes are', 'available: 2 Insufficient', 'nvidia.com/gpu, 4 node(s) had', 'untolerated taint', '{nvidia.com/gpu: }.']);
});
