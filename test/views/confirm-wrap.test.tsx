// A question longer than the terminal is wide wraps between words onto up to three rows, so a
// warning that opens it (an HPA owning the replicas an edit changes) leaves the question itself
// on screen at 80 columns; the App reserves those rows (lineOverlayRows), so the table above shrinks.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {ActionLine, lineOverlayRows} from '../../views/actions/ActionViews.js';
import {MAX_QUESTION_ROWS, questionRows} from '../../views/Confirm.js';
import type {Overlay} from '../../source/ui/overlays.js';

const hpaQuestion = "HPA api owns replicas 2–6; your change will be undone. Apply this edit to deployment production/api? The server's dry run accepted it; the diff is what it would store.";
const confirm = (question: string): Overlay => ({type: 'confirm', question, toggles: [], intent: {verb: 'edit', kind: 'Deployment', namespace: 'production', name: 'api'}});

test('at 80 columns the HPA warning and the question both show, [y/N] at the end; rows reserved to match', () => {
	const {lastFrame, unmount} = render(<ActionLine overlay={confirm(hpaQuestion)} answers="y confirms · n cancels" width={80} />);
	const frame = lastFrame() ?? '';
	unmount();
	const lines = frame.split('\n');
	assert.ok(lines.every((line) => line.length <= 80), frame);
	assert.match(lines[0]!, /^HPA api owns replicas 2–6; your change will be undone\. Apply this edit to/);
	assert.match(frame.replace(/\n/g, ' '), /Apply this edit to deployment production\/api\?/);
	assert.match(frame, /\[y\/N\]/);
	assert.equal(lines.at(-1), 'y confirms · n cancels');
	assert.equal(lineOverlayRows(confirm(hpaQuestion), 80), questionRows(hpaQuestion, 80).length + 1);
	assert.equal(lines.length, lineOverlayRows(confirm(hpaQuestion), 80));
});

test('a short question stays one row; a very long one stops at three rows, cut with an ellipsis', () => {
	assert.deepEqual(questionRows('Delete pod default/web-1?', 80), ['Delete pod default/web-1? [y/N]']);
	assert.equal(lineOverlayRows(confirm('Delete pod default/web-1?'), 80), 2);
	const rows = questionRows('word '.repeat(100), 40);
	assert.equal(rows.length, MAX_QUESTION_ROWS);
	assert.ok(rows.at(-1)!.endsWith('…'));
	assert.ok(rows.every((row) => row.length <= 40));
});
