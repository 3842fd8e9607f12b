// The package ships no types: its one export, as the parser returns it (gauges and counters
// carry `value`; summaries and histograms other fields this project does not read).
declare module 'parse-prometheus-text-format' {
	interface ParsedMetric {
		value?: string;
		labels?: Record<string, string>;
		buckets?: Record<string, string>;
		quantiles?: Record<string, string>;
		count?: string;
		sum?: string;
	}
	interface ParsedFamily {
		name: string;
		help: string;
		type: string;
		metrics: ParsedMetric[];
	}
	export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
