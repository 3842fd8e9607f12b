// The npm package must unpack the same on macOS and Windows, whose file systems ignore case:
// two shipped paths that differ only in case (dist/views/prompt.js and dist/views/Prompt.js)
// become one file there, the other module is lost, and start-up fails.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Groups of paths that name the same file when case is ignored. */
function caseCollisions(paths: readonly string[]): string[][] {
	const byFolded = new Map<string, string[]>();
	for (const p of paths) {
		const folded = p.toLowerCase();
		byFolded.set(folded, [...(byFolded.get(folded) ?? []), p]);
	}
	return [...byFolded.values()].filter((group) => new Set(group).size > 1);
}

test('caseCollisions finds paths equal ignoring case, and only those', () => {
	const cases: Array<[string[], string[][]]> = [
		[['dist/views/prompt.js', 'dist/views/Prompt.js', 'dist/views/PromptLine.js'], [['dist/views/prompt.js', 'dist/views/Prompt.js']]],
		[['a/B.js', 'A/b.js'], [['a/B.js', 'A/b.js']]],
		[['README.md', 'readme.md', 'Readme.MD'], [['README.md', 'readme.md', 'Readme.MD']]],
		[['a.js', 'b.js', 'a.jsx'], []],
		[['same.js', 'same.js'], []],
	];
	for (const [paths, expected] of cases) assert.deepEqual(caseCollisions(paths), expected, paths.join(' '));
});

/** Every path `npm pack` would ship from the package in `cwd`, without running its scripts. */
function packedPaths(cwd: string): string[] {
	const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd, encoding: 'utf8', timeout: 120_000});
	assert.equal(packed.status, 0, packed.stderr);
	const [listing] = JSON.parse(packed.stdout) as Array<{files: Array<{path: string}>}>;
	return listing!.files.map((f) => f.path);
}

/** What `npm pack` ships, without building: every packed path outside dist/ (README, key maps). */
function packedOutsideDist(): string[] {
	return packedPaths(root).filter((p) => !p.startsWith('dist/'));
}

/**
 * What the build puts in dist/, from the compiler's own list of inputs rather than from a dist/
 * on disk: the tree may not be built, or hold outputs of files deleted since (tsc never
 * removes them). tsconfig has rootDir '.', outDir 'dist', no declarations or source maps.
 */
function builtFiles(): string[] {
	const listed = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--listFilesOnly'], {
		cwd: root,
		encoding: 'utf8',
		timeout: 120_000,
	});
	assert.equal(listed.status, 0, listed.stderr || listed.stdout);
	return listed.stdout
		.split('\n')
		.map((line) => line.trim())
		.filter((file) => file !== '' && !file.includes('/node_modules/'))
		.map((file) => path.relative(root, file).split(path.sep).join('/'))
		.filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
		.map((file) => `dist/${file.replace(/\.tsx?$/, '.js')}`);
}

/**
 * What the bundle step (scripts/bundle.mjs) puts in dist/bundle/: the entry, named for package.json's
 * bin, and its chunks, whose names carry content hashes and so are read from disk when built.
 */
function bundledFiles(): string[] {
	const dir = path.join(root, 'dist/bundle');
	const chunks = existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith('chunk-')) : [];
	return ['dist/bundle/cli.js', ...chunks.map((name) => `dist/bundle/${name}`)];
}

test('no two packed paths are the same file on a case-insensitive file system', {timeout: 240_000}, () => {
	const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {files: string[]; bin: Record<string, string>};
	const shipped = [...builtFiles(), ...bundledFiles()].filter((file) => packageJson.files.some((entry) => file === entry || file.startsWith(`${entry}/`)));
	const paths = [...packedOutsideDist(), ...shipped];
	for (const bin of Object.values(packageJson.bin)) assert.ok(paths.includes(bin.replace(/^\.\//, '')), `the bin ${bin} is in the listing`);
	assert.ok(paths.includes('keymaps/default.yaml'), 'the key map is in the listing');
	assert.deepEqual(caseCollisions(paths), []);
});

test('no two files in the repository are the same file on a case-insensitive file system', (t) => {
	const listed = spawnSync('git', ['ls-files', '-z'], {cwd: root, encoding: 'utf8'});
	if (listed.status !== 0) {
		t.skip('not a git checkout');
		return;
	}
	const files = listed.stdout.split('\0').filter((file) => file !== '');
	assert.ok(files.includes('package.json'));
	assert.deepEqual(caseCollisions(files), []);
});

/**
 * tsc never deletes an output whose source is gone, so without a clean start a renamed or
 * deleted module (the old dist/views/Prompt.js beside the new prompt.js) would still ship.
 * Run on a one-file copy of the package, with the real package.json (its build script and
 * files list) and tsconfigs, so it costs one tiny compile and leaves the tree's dist/ alone.
 */
test('npm run build starts from an empty dist/: an output whose source is gone is not packed', {timeout: 240_000}, () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'kubedeck-build-'));
	try {
		for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json']) cpSync(path.join(root, file), path.join(dir, file));
		symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
		mkdirSync(path.join(dir, 'source'));
		writeFileSync(path.join(dir, 'source/cli.ts'), 'export const built = true;\n');
		const stale = ['dist/views/Prompt.js', 'dist/source/removed.js'];
		for (const file of stale) {
			mkdirSync(path.dirname(path.join(dir, file)), {recursive: true});
			writeFileSync(path.join(dir, file), 'export {};\n');
		}
		const {files} = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {files: string[]};
		for (const file of stale) assert.ok(files.some((entry) => file.startsWith(`${entry}/`)), `${file} would be packed while it is in dist/`);

		const built = spawnSync('npm', ['run', 'build'], {cwd: dir, encoding: 'utf8', timeout: 180_000});
		assert.equal(built.status, 0, built.stderr || built.stdout);

		const packed = packedPaths(dir);
		assert.ok(packed.includes('dist/source/cli.js'), `the build's output is packed: ${packed.join(' ')}`);
		for (const file of stale) {
			assert.equal(existsSync(path.join(dir, file)), false, `${file} is gone from dist/`);
			assert.ok(!packed.includes(file), `${file} is not packed`);
		}
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
