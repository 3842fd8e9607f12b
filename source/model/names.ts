// Kubernetes' own naming rules (apimachinery's validation), checked before any text typed by a
// person becomes part of a URL or a query: a namespace that is not a DNS-1123 label (`..`,
// `a/b`, `%2e`) would otherwise change which path is requested, and the API server's 400 or
// 404 would come too late to say what was wrong with the input. Pure; each check answers with
// the message to show, or undefined when the text is valid.

/** RFC 1123 label: what namespaces (and many other names) must be. */
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL_MAX = 63;

/** RFC 1123 subdomain: dot-separated labels; most object names and label-key prefixes. */
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_SUBDOMAIN_MAX = 253;

/** A label value, and the name part of a label key ("qualified name"). */
const qualifiedNamePart = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const QUALIFIED_NAME_MAX = 63;

/** Quotes text for a message, escaping what a terminal would act on (the input is untrusted). */
function quoted(text: string): string {
	return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

export function checkDns1123Label(text: string, what: string): string | undefined {
	if (text === '') return `${what} is empty`;
	if (text.length > DNS1123_LABEL_MAX) return `${what} ${quoted(text)} is longer than ${DNS1123_LABEL_MAX} characters`;
	if (!dns1123Label.test(text)) {
		return `${what} ${quoted(text)} is not valid: lowercase letters, digits and '-', starting and ending with a letter or digit`;
	}
	return undefined;
}

export function checkDns1123Subdomain(text: string, what: string): string | undefined {
	if (text === '') return `${what} is empty`;
	if (text.length > DNS1123_SUBDOMAIN_MAX) return `${what} ${quoted(text)} is longer than ${DNS1123_SUBDOMAIN_MAX} characters`;
	if (!dns1123Subdomain.test(text)) {
		return `${what} ${quoted(text)} is not valid: lowercase letters, digits, '-' and '.', each part starting and ending with a letter or digit`;
	}
	return undefined;
}

/** A namespace, as the API server requires (a DNS-1123 label). */
export function checkNamespace(text: string): string | undefined {
	return checkDns1123Label(text, 'namespace');
}

/** A label key: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
export function checkLabelKey(key: string): string | undefined {
	if (key === '') return 'a label key is empty';
	const slash = key.indexOf('/');
	const name = slash >= 0 ? key.slice(slash + 1) : key;
	if (slash >= 0) {
		const prefix = key.slice(0, slash);
		if (prefix.length > DNS1123_SUBDOMAIN_MAX || !dns1123Subdomain.test(prefix)) return `label key prefix ${quoted(prefix)} must be a DNS subdomain (e.g. example.com)`;
	}
	if (name.length > QUALIFIED_NAME_MAX || !qualifiedNamePart.test(name)) {
		return `label key ${quoted(key)} must be at most ${QUALIFIED_NAME_MAX} characters: letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
	}
	return undefined;
}

/** A label value: empty, or at most 63 characters of the same alphabet as a key's name. */
export function checkLabelValue(value: string): string | undefined {
	if (value === '') return undefined;
	if (value.length > QUALIFIED_NAME_MAX || !qualifiedNamePart.test(value)) {
		return `label value ${quoted(value)} must be at most ${QUALIFIED_NAME_MAX} characters: letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
	}
	return undefined;
}
