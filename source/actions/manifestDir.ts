// :apply over a directory: the picker's choices. Only what could be a manifest is offered
// (.yaml, .yml, .json), with the subdirectories to walk into and `..` to walk out, so a user on
// a bastion can find the file without leaving kubedeck. Listing is bounded: a directory of
// 100,000 files must not stall the screen or fill memory.
import {readdir, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {readManifestFile, resolveManifestPath} from './applyManifest.js';

/** At most this many entries are offered; the rest are counted ("N more not shown"). */
export const MAX_DIR_CHOICES = 500;

const MANIFEST = /\.(ya?ml|json)$/i;

export interface DirEntry {
	name: string;
	isDir: boolean;
}

export interface ManifestChoice {
	/** What the picker shows: `name/` for a directory, the file name for a file. */
	label: string;
	/** The absolute path it opens. */
	value: string;
	isDir: boolean;
}

export interface ManifestListing {
	/** The directory, absolute. */
	dir: string;
	choices: ManifestChoice[];
	/** Entries left out by the bound. */
	more: number;
	/** How many manifests the directory holds (before the bound). */
	files: number;
}

/**
 * The picker's choices for one directory: `..` first (unless at the root), then
 * subdirectories, then manifests, each group by name; hidden entries are left out.
 */
export function manifestChoices(dir: string, entries: readonly DirEntry[], limit = MAX_DIR_CHOICES): ManifestListing {
	const visible = entries.filter((e) => !e.name.startsWith('.'));
	const byName = (a: DirEntry, b: DirEntry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
	const dirs = visible.filter((e) => e.isDir).sort(byName);
	const files = visible.filter((e) => !e.isDir && MANIFEST.test(e.name)).sort(byName);
	const all: ManifestChoice[] = [
		...(path.dirname(dir) !== dir ? [{label: '../', value: path.dirname(dir), isDir: true}] : []),
		...dirs.map((e) => ({label: `${e.name}/`, value: path.join(dir, e.name), isDir: true})),
		...files.map((e) => ({label: e.name, value: path.join(dir, e.name), isDir: false})),
	];
	return {dir, choices: all.slice(0, limit), more: Math.max(0, all.length - limit), files: files.length};
}

/** The listing of a directory the user named (`~` is the home directory), or why not. */
export async function listManifestDir(file: string, cwd = process.cwd(), home = os.homedir()): Promise<{ok: true; listing: ManifestListing} | {ok: false; message: string}> {
	const dir = resolveManifestPath(file, cwd, home);
	try {
		const dirents = await readdir(dir, {withFileTypes: true});
		// A symlink is what it points to (a link to a directory is walked into, as `cd` would);
		// only links are looked up, and only up to the bound, so a huge directory stays cheap.
		let lookups = 0;
		const entries = await Promise.all(
			dirents.map(async (d) => {
				if (!d.isSymbolicLink() || d.name.startsWith('.') || lookups++ >= MAX_DIR_CHOICES) return {name: d.name, isDir: d.isDirectory()};
				const target = await stat(path.join(dir, d.name)).catch(() => undefined);
				return {name: d.name, isDir: target?.isDirectory() ?? false};
			}),
		);
		return {ok: true, listing: manifestChoices(dir, entries)};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
		return {ok: false, message: `cannot list ${file}: ${why}`};
	}
}

/** What :apply NAME names: a file's text, a directory's listing, or why neither. */
export async function readManifestSource(file: string, cwd = process.cwd(), home = os.homedir()): Promise<{ok: true; value: string} | {ok: true; listing: ManifestListing} | {ok: false; message: string}> {
	const where = resolveManifestPath(file, cwd, home);
	const isDir = await stat(where).then((s) => s.isDirectory(), () => false);
	return isDir ? listManifestDir(file, cwd, home) : readManifestFile(file, cwd, home);
}
