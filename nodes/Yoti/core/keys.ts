/**
 * Turns a name from Yoti's data (a sub-check, a detail, a document field) into a key part:
 * lower case, and every character outside [a-z0-9_] becomes `_`
 * (`Hologram-Movement` -> `hologram_movement`, `score %` -> `score__`).
 */
export function normaliseKey(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

/**
 * Sets a key only when it is not there yet, so a later (data-derived) key never overwrites an
 * earlier one, e.g. a fixed field. `__proto__` is defined rather than assigned, so it stays an
 * ordinary own property instead of changing the object's prototype (the only inherited setter of
 * a plain object; every other key is assigned, several times cheaper).
 */
export function setOnce<T>(target: { [key: string]: T }, key: string, value: T): void {
	if (Object.prototype.hasOwnProperty.call(target, key)) return;
	if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
	else target[key] = value;
}

export { isRecord as isPlainObject } from './read';
