// The README's key tables are generated from keymaps/default.yaml; this keeps them from drifting
// (the same data drives the dispatcher, the help screen and the footer).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {keysMarkdown} from '../../scripts/keys-table.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('README key tables equal the tables generated from the default key map', () => {
	const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
	const generated = keysMarkdown().trim();
	assert.ok(generated.length > 0);
	assert.ok(readme.includes(generated), 'README.md is out of date: regenerate with `npm run keys` and paste between "## Keys" and "## Actions"');
});
