// A log line as the log view keeps it: neutralised once on the way in, searched as plain text,
// saved as the operator saw it; kubedeck's own notices are never matched nor saved as log lines.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {entryMatches, entryToFileLine, MAX_LINE_LENGTH, noticeEntry, toEntry, type LogEntry} from '../../source/model/logEntry.js';

test('toEntry neutralises every field and caps the text', () => {
	const entry = toEntry({text: 'ok \u001b[31mred\u001b[0m', timestamp: '2026-01-01T00:00:00Z\u0007', source: 'web-1/app\u001b]0;x\u0007', colour: 3});
	assert.equal(entry.text.includes('\u001b'), false);
	assert.equal(entry.timestamp?.includes('\u0007'), false);
	assert.equal(entry.source?.includes('\u001b'), false);
	assert.equal(entry.colour, 3);
	assert.ok(toEntry({text: 'x'.repeat(MAX_LINE_LENGTH * 2)}).text.length <= MAX_LINE_LENGTH);
	assert.ok(toEntry({text: 'cut by the server', truncated: true}).text.endsWith('…'));
});

const line: LogEntry = {text: 'GET /api Timeout after 30s', source: 'web-7f/app', timestamp: '2026-01-01T00:00:00Z'};
const searches: Array<[string, LogEntry, string, boolean]> = [
	['case-insensitive in the text', line, 'timeout', true],
	['in the source prefix', line, 'WEB-7F', true],
	['no match', line, 'refused', false],
	['a dot is a dot, not a pattern', line, 'after.30s', false],
	['an empty query matches nothing', line, '', false],
	['notices are not log lines', noticeEntry('stream interrupted (timeout)', 'warn'), 'timeout', false],
];
for (const [name, entry, query, expected] of searches) {
	test(`entryMatches: ${name}`, () => assert.equal(entryMatches(entry, query), expected));
}

test('entryToFileLine keeps the timestamp and source the operator saw', () => {
	assert.equal(entryToFileLine(line), '2026-01-01T00:00:00Z web-7f/app GET /api Timeout after 30s');
	assert.equal(entryToFileLine({text: 'plain'}), 'plain');
	assert.deepEqual(noticeEntry('end of log'), {text: 'end of log', notice: 'info'});
});
