// :apply over a directory: which entries the picker offers (pure, table-driven), and the
// listing read from a real directory (links followed, hidden entries left out, bounded).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {listManifestDir, manifestChoices, readManifestSource} from '../../source/actions/manifestDir.js';

const f = (name: string) => ({name, isDir: false});
const d = (name: string) => ({name, isDir: true});

test('the choices: .. unless at the root, then directories, then manifests, each by name; nothing hidden or unreadable as a manifest', () => {
	const cases: Array<[string, Array<{name: string; isDir: boolean}>, string[]]> = [
		['/srv/x', [f('b.yaml'), f('a.YML'), f('c.json'), f('d.txt'), f('Makefile')], ['../', 'a.YML', 'b.yaml', 'c.json']],
		['/', [d('etc'), f('k.yaml')], ['etc/', 'k.yaml']],
		['/srv/x', [d('z'), d('a'), f('m.yaml'), d('.git'), f('.hidden.yaml')], ['../', 'a/', 'z/', 'm.yaml']],
		['/srv/x', [], ['../']],
	];
	for (const [dir, entries, labels] of cases) {
		const listing = manifestChoices(dir, entries);
		assert.deepEqual(listing.choices.map((c) => c.label), labels, dir + JSON.stringify(entries));
		assert.equal(listing.files, labels.filter((l) => !l.endsWith('/')).length);
	}
	assert.deepEqual(manifestChoices('/srv/x', [d('a'), f('m.yaml')]).choices.map((c) => c.value), ['/srv', '/srv/x/a', '/srv/x/m.yaml']);
});

test('a huge directory offers a bounded list and counts the rest', () => {
	const entries = Array.from({length: 2000}, (_, i) => f(`m-${String(i).padStart(4, '0')}.yaml`));
	const listing = manifestChoices('/srv/x', entries, 100);
	assert.equal(listing.choices.length, 100);
	assert.equal(listing.more, 1901, '2000 files and .. less the 100 shown');
	assert.equal(listing.files, 2000);
});

test('reading what :apply names: a directory is listed (links to directories walked into), a file read, a missing one named', async () => {
	const root = mkdtempSync(join(tmpdir(), 'kubedeck-dir-'));
	try {
		mkdirSync(join(root, 'base'));
		writeFileSync(join(root, 'web.yaml'), 'kind: ConfigMap\n');
		writeFileSync(join(root, 'notes.txt'), 'x');
		symlinkSync(join(root, 'base'), join(root, 'linked'));
		symlinkSync(join(root, 'web.yaml'), join(root, 'alias.yaml'));
		const listed = await readManifestSource('.', root, '/nowhere');
		assert.ok(listed.ok && 'listing' in listed);
		assert.deepEqual(listed.listing.choices.map((c) => c.label), ['../', 'base/', 'linked/', 'alias.yaml', 'web.yaml']);
		assert.equal(listed.listing.dir, root);
		const home = await readManifestSource('~', '/nowhere', root);
		assert.ok(home.ok && 'listing' in home && home.listing.dir === root, '~ is the home directory');
		assert.deepEqual(await readManifestSource('web.yaml', root, '/nowhere'), {ok: true, value: 'kind: ConfigMap\n'});
		assert.deepEqual(await readManifestSource('gone', root, '/nowhere'), {ok: false, message: 'cannot read gone: no such file'});
		assert.deepEqual(await listManifestDir('gone', root, '/nowhere'), {ok: false, message: 'cannot list gone: no such directory'});
	} finally {
		rmSync(root, {recursive: true, force: true});
	}
});
