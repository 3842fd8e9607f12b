// Timestamps as the simulated API server writes and reads them (metav1.Time: RFC 3339, whole seconds).
// Shared by the server's printers and the world's controllers; nothing here comes from the client.

export function isoTime(ms: number): string {
	// Kubernetes timestamps have second precision (metav1.Time).
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function parseTime(value: unknown): number | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}
