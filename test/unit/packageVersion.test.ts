// --version reads the nearest package.json named kubedeck, from the sources or from dist/source.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {readFileSync} from 'node:fs';
import {packageVersion} from '../../source/packageVersion.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('finds the version from source/ and from dist/source/ (one and two folders up)', () => {
	const files = new Map([['/pkg/package.json', JSON.stringify({name: 'kubedeck', version: '1.2.3'})]]);
	const read = (file: string) => {
		const text = files.get(file);
		if (text === undefined) throw new Error('ENOENT');
		return text;
	};
	assert.equal(packageVersion('/pkg/source', read), '1.2.3');
	assert.equal(packageVersion('/pkg/dist/source', read), '1.2.3');
});

test('skips a package.json of another name and one that is not JSON; undefined when none is found', () => {
	const files = new Map([
		['/a/b/c/package.json', '{not json'],
		['/a/b/package.json', JSON.stringify({name: 'other', version: '9.9.9'})],
		['/a/package.json', JSON.stringify({name: 'kubedeck', version: '0.4.0'})],
	]);
	const read = (file: string) => files.get(file) ?? (() => { throw new Error('ENOENT'); })();
	assert.equal(packageVersion('/a/b/c', read), '0.4.0');
	assert.equal(packageVersion('/x/y', read), undefined);
});

test('this repository: the version in package.json', () => {
	const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string};
	assert.equal(packageVersion(path.join(root, 'source')), pkg.version);
});
