// User settings and where kubedeck keeps files, following the XDG base directory spec so
// shared bastion hosts with custom XDG_* layouts keep working.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {dump, load, YAMLException} from 'js-yaml';
import {checkNamespace} from '../model/names.js';
import {validateTelemetrySettings, type GpuTelemetrySettings, type PrometheusSettings} from './settings-telemetry.js';

export interface Paths {
	/** $XDG_CONFIG_HOME/kubedeck (default ~/.config/kubedeck) */
	configDir: string;
	/** config.yaml inside configDir */
	settingsFile: string;
	/** keymap.yaml inside configDir */
	keymapFile: string;
	/** $XDG_STATE_HOME/kubedeck (default ~/.local/state/kubedeck): audit log and saved logs */
	stateDir: string;
	auditLog: string;
	savedLogsDir: string;
}

export interface Settings {
	/** Bound to keys 1–9, in order. */
	favouriteNamespaces: string[];
	logTailLines: number;
	logLineCap: number;
	/** Highest replica count the scale prompt accepts. */
	scaleCeiling: number;
	/** Resource names counted as accelerators beyond the built-in vendors. */
	extraAcceleratorResources: string[];
	/** Most screen updates per second from cluster changes; sets the stores' frame (see frameMsForFps). */
	refreshFps?: number;
	/** false: `x` never reveals a secret value (the key does nothing but say so). */
	revealSecrets: boolean;
	/** The local address port-forwards listen on (127.0.0.1: nobody else on the machine's network reaches them). */
	portForwardAddress: string;
	/** Shells `s` tries, in order (default bash, sh). */
	shellCandidates?: string[];
	/** Image of `shift-d` debug containers (default busybox:1.36). */
	debugImage?: string;
	/** :gpuidle: utilisation below `thresholdPercent` (default 5) for `window` (default 30m) is idle. */
	gpuIdle?: {thresholdPercent?: number; window?: string};
	/** Price of one GPU-hour by DCGM model name ('NVIDIA H100 80GB HBM3': 12.5): :gpuidle shows what idle hours cost. */
	gpuPricePerHour?: Record<string, number>;
	/** DCGM exporter discovery and scrape pacing (settings-telemetry.ts). */
	gpu?: GpuTelemetrySettings;
	/** A Prometheus to read GPU telemetry from instead of scraping the exporters (settings-telemetry.ts). */
	prometheus?: PrometheusSettings;
}

/**
 * The stores' notification frame for a refresh rate: 30 fps is a 33 ms frame. Undefined when
 * unset, so the data layer keeps its own default. A low rate is for slow SSH links: fewer
 * repaints, the same data.
 */
export function frameMsForFps(fps: number | undefined): number | undefined {
	if (fps === undefined || !Number.isFinite(fps) || fps <= 0) return undefined;
	return Math.max(1, Math.round(1000 / fps));
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
	favouriteNamespaces: [],
	logTailLines: 200,
	logLineCap: 10000,
	scaleCeiling: 1000,
	extraAcceleratorResources: [],
	revealSecrets: true,
	portForwardAddress: '127.0.0.1',
});

export function resolvePaths(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): Paths {
	// The spec says relative XDG values are invalid and must be ignored.
	const xdg = (name: string, fallback: string): string => {
		const value = env[name];
		return value && path.isAbsolute(value) ? value : path.join(home, fallback);
	};
	const configDir = path.join(xdg('XDG_CONFIG_HOME', '.config'), 'kubedeck');
	const stateDir = path.join(xdg('XDG_STATE_HOME', path.join('.local', 'state')), 'kubedeck');
	return {
		configDir,
		settingsFile: path.join(configDir, 'config.yaml'),
		keymapFile: path.join(configDir, 'keymap.yaml'),
		stateDir,
		auditLog: path.join(stateDir, 'audit.log'),
		savedLogsDir: path.join(stateDir, 'logs'),
	};
}

export type SettingsResult = {ok: true; settings: Settings} | {ok: false; message: string};

const KNOWN_KEYS = new Set(['favouriteNamespaces', 'logTailLines', 'logLineCap', 'scaleCeiling', 'extraAcceleratorResources', 'refreshFps', 'revealSecrets', 'portForwardAddress', 'shellCandidates', 'debugImage', 'gpuIdle', 'gpuPricePerHour', 'gpu', 'prometheus']);

/** Checks a parsed settings document; every problem is listed, each naming the key and what is allowed. */
export function validateSettings(document: unknown, file = 'config.yaml'): SettingsResult {
	if (document === null || document === undefined) return {ok: true, settings: cloneDefaults()};
	if (typeof document !== 'object' || Array.isArray(document)) {
		return {ok: false, message: `${file}: expected a mapping of settings, e.g. "logTailLines: 200"`};
	}
	const input = document as Record<string, unknown>;
	const problems: string[] = [];
	const settings = cloneDefaults();
	for (const key of Object.keys(input)) {
		if (!KNOWN_KEYS.has(key)) problems.push(`unknown setting "${key}" (known: ${[...KNOWN_KEYS].join(', ')})`);
	}
	const integer = (key: 'logTailLines' | 'logLineCap' | 'scaleCeiling' | 'refreshFps', min: number, max: number): void => {
		const value = input[key];
		if (value === undefined) return;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
			problems.push(`${key} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
			return;
		}
		settings[key] = value;
	};
	integer('logTailLines', 0, 1_000_000);
	integer('logLineCap', 100, 10_000_000);
	integer('scaleCeiling', 1, 1_000_000);
	integer('refreshFps', 1, 120);
	const stringList = (key: 'favouriteNamespaces' | 'extraAcceleratorResources', allowEmpty = false): string[] | undefined => {
		const value = input[key];
		if (value === undefined) return undefined;
		if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || (v === '' && !allowEmpty))) {
			problems.push(`${key} must be a list of ${allowEmpty ? '' : 'non-empty '}strings`);
			return undefined;
		}
		return value as string[];
	};
	// An empty entry is a cleared slot, so that slot 3 stays slot 3 when slot 2 is cleared.
	const favourites = stringList('favouriteNamespaces', true);
	if (favourites) {
		if (favourites.length > 9) problems.push(`favouriteNamespaces holds at most 9 namespaces (keys 1–9), got ${favourites.length}`);
		const bad = favourites.filter((ns) => ns !== '' && checkNamespace(ns) !== undefined);
		if (bad.length > 0) problems.push(`favouriteNamespaces: not valid namespace names: ${bad.join(', ')}`);
		settings.favouriteNamespaces = favourites;
	}
	const reveal = input['revealSecrets'];
	if (reveal !== undefined) {
		if (typeof reveal !== 'boolean') problems.push(`revealSecrets must be true or false, got ${JSON.stringify(reveal)}`);
		else settings.revealSecrets = reveal;
	}
	const bind = input['portForwardAddress'];
	if (bind !== undefined) {
		if (typeof bind !== 'string' || net.isIP(bind) === 0) problems.push(`portForwardAddress must be an IP address such as 127.0.0.1 or 0.0.0.0, got ${JSON.stringify(bind)}`);
		else settings.portForwardAddress = bind;
	}
	const extra = stringList('extraAcceleratorResources');
	if (extra) settings.extraAcceleratorResources = extra;
	const shells = input['shellCandidates'];
	if (shells !== undefined) {
		// A shell is one executable name or path: no spaces, so nothing is split or quoted on the way.
		if (!Array.isArray(shells) || shells.length === 0 || shells.some((s) => typeof s !== 'string' || !/^[\w./-]+$/.test(s))) problems.push('shellCandidates must be a non-empty list of executable names or paths (e.g. [bash, sh])');
		else settings.shellCandidates = shells as string[];
	}
	const image = input['debugImage'];
	if (image !== undefined) {
		if (typeof image !== 'string' || !/^\S+$/.test(image)) problems.push(`debugImage must be an image reference, got ${JSON.stringify(image)}`);
		else settings.debugImage = image;
	}
	checkGpuIdle(input, settings, problems);
	Object.assign(settings, validateTelemetrySettings(input, problems));
	if (problems.length > 0) return {ok: false, message: `${file}: ${problems.join('; ')}`};
	return {ok: true, settings};
}

/** The utilisation history kept per GPU covers an hour at the exporter's 15 s: a longer window could never be observed whole. */
const MAX_GPU_IDLE_WINDOW_MS = 60 * 60_000;

/** '30m', '1h', '90s', '1h30m' → ms; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
	const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
	if (!m || text.trim() === '' || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return undefined;
	return (Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 1000;
}

function checkGpuIdle(input: Record<string, unknown>, settings: Settings, problems: string[]): void {
	const idle = input['gpuIdle'];
	if (idle !== undefined) {
		if (idle === null || typeof idle !== 'object' || Array.isArray(idle)) {
			problems.push('gpuIdle must be a mapping, e.g. "gpuIdle: {thresholdPercent: 5, window: 30m}"');
		} else {
			const {thresholdPercent, window, ...rest} = idle as Record<string, unknown>;
			const out: NonNullable<Settings['gpuIdle']> = {};
			for (const key of Object.keys(rest)) problems.push(`unknown setting "gpuIdle.${key}" (known: gpuIdle.thresholdPercent, gpuIdle.window)`);
			if (thresholdPercent !== undefined) {
				if (typeof thresholdPercent !== 'number' || !(thresholdPercent > 0 && thresholdPercent <= 100)) problems.push(`gpuIdle.thresholdPercent must be a number above 0 and at most 100, got ${JSON.stringify(thresholdPercent)}`);
				else out.thresholdPercent = thresholdPercent;
			}
			if (window !== undefined) {
				const ms = typeof window === 'string' ? parseDuration(window) : undefined;
				if (ms === undefined || ms < 60_000 || ms > MAX_GPU_IDLE_WINDOW_MS) problems.push(`gpuIdle.window must be a duration from 1m to 1h such as 30m or 1h (the utilisation history kept per GPU covers one hour), got ${JSON.stringify(window)}`);
				else out.window = window as string;
			}
			settings.gpuIdle = out;
		}
	}
	const prices = input['gpuPricePerHour'];
	if (prices !== undefined) {
		if (prices === null || typeof prices !== 'object' || Array.isArray(prices) || Object.values(prices).some((v) => typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
			problems.push('gpuPricePerHour must map GPU model names (as DCGM reports them, e.g. "NVIDIA H100 80GB HBM3") to a price per hour, a number of 0 or more');
		} else {
			settings.gpuPricePerHour = {...(prices as Record<string, number>)};
		}
	}
}

/** The :gpuidle settings in the form the panes use: threshold in percent, window in ms, prices by model. */
export function gpuIdleSettings(settings: Pick<Settings, 'gpuIdle' | 'gpuPricePerHour'>): {thresholdPct: number; windowMs: number; pricePerHour?: Record<string, number>} {
	return {
		thresholdPct: settings.gpuIdle?.thresholdPercent ?? 5,
		windowMs: (settings.gpuIdle?.window !== undefined ? parseDuration(settings.gpuIdle.window) : undefined) ?? 30 * 60_000,
		...(settings.gpuPricePerHour ? {pricePerHour: settings.gpuPricePerHour} : {}),
	};
}

function cloneDefaults(): Settings {
	return {...DEFAULT_SETTINGS, favouriteNamespaces: [], extraAcceleratorResources: []};
}

/** Reads the settings file; a missing file means defaults, a broken one is an error naming file and line. */
export function loadSettings(file: string): SettingsResult {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {ok: true, settings: cloneDefaults()};
		return {ok: false, message: `${file}: cannot read settings: ${(error as Error).message}`};
	}
	if (text.trim() === '') return {ok: true, settings: cloneDefaults()};
	let document: unknown;
	try {
		document = load(text);
	} catch (error) {
		if (error instanceof YAMLException) {
			const where = error.mark ? `:${error.mark.line + 1}: YAML error at line ${error.mark.line + 1}, column ${error.mark.column + 1}` : ': YAML error';
			return {ok: false, message: `${file}${where}: ${error.reason}`};
		}
		return {ok: false, message: `${file}: ${(error as Error).message}`};
	}
	return validateSettings(document, file);
}

/** Writes a file so a reader never sees half of it: temp file in the same directory, then rename. */
export function writeFileAtomic(file: string, data: string, mode = 0o600): void {
	fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
	const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
	try {
		fs.writeFileSync(temp, data, {mode});
		fs.renameSync(temp, file);
	} catch (error) {
		fs.rmSync(temp, {force: true});
		throw error;
	}
}

/** Saves settings (e.g. after favourites change); returns an error value rather than throwing. */
export function saveSettings(file: string, settings: Settings): {ok: true} | {ok: false; message: string} {
	const checked = validateSettings(settings, file);
	if (!checked.ok) return checked;
	const document: Record<string, unknown> = {...checked.settings};
	if (document['refreshFps'] === undefined) delete document['refreshFps'];
	try {
		writeFileAtomic(file, dump(document), 0o644);
		return {ok: true};
	} catch (error) {
		return {ok: false, message: `could not save settings to ${file}: ${(error as Error).message}`};
	}
}

/** Settings with `namespace` in favourite slot 1–9 (an empty string clears the slot); later slots keep their numbers. */
export function withFavourite(settings: Settings, slot: number, namespace: string): Settings {
	if (!Number.isInteger(slot) || slot < 1 || slot > 9) throw new RangeError(`favourite slots are 1–9, got ${slot}`);
	const favourites = [...settings.favouriteNamespaces];
	while (favourites.length < slot) favourites.push('');
	favourites[slot - 1] = namespace;
	while (favourites.length > 0 && favourites[favourites.length - 1] === '') favourites.pop();
	return {...settings, favouriteNamespaces: favourites};
}

/** The namespace bound to a slot, if any. */
export function favouriteAt(settings: Settings, slot: number): string | undefined {
	const value = settings.favouriteNamespaces[slot - 1];
	return value ? value : undefined;
}
