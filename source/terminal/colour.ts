// NO_COLOR (https://no-color.org) must turn every colour off: bastion terminals and
// screen readers. Ink colours through chalk, which reads FORCE_COLOR but not NO_COLOR, and
// decides once, when it is first imported — so this has to run before Ink is loaded.

/** The environment change that makes chalk colourless when NO_COLOR asks for it; undefined if none. */
export function colourEnvOverride(env: NodeJS.ProcessEnv): {FORCE_COLOR: '0'} | undefined {
	const noColor = env['NO_COLOR'];
	// An explicit FORCE_COLOR wins, as the NO_COLOR convention allows user overrides.
	if (noColor !== undefined && noColor !== '' && env['FORCE_COLOR'] === undefined) return {FORCE_COLOR: '0'};
	return undefined;
}

/** Whether kubedeck will draw colours (for choices like a text cursor that must show without them). */
export function coloursEnabled(env: NodeJS.ProcessEnv): boolean {
	if (colourEnvOverride(env)) return false;
	if (env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false') return false;
	return env['TERM'] !== 'dumb';
}
