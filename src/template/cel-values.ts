/**
 * JSON in, CEL values out — lazily. CEL is strict about int versus double, and JSON has only numbers:
 * a JSON integer must become a CEL int (BigInt) so `item.sync_frequency + 1` and `index % 2 == 0` work.
 * Converting a whole context up front would copy every step output (100,000 items) on every evaluation,
 * so objects and arrays are wrapped in read-only views (proxies) instead: a value is converted only
 * when an expression reads it. Each view caches the views of its children per object identity, so a
 * list read again and again inside a macro is wrapped once, and a child the engine has since replaced
 * is noticed (the identity differs). Reads go to the live object; each one spends a unit of work.
 * Measured: caching views in one global WeakMap instead made a 100,000-item filter 2-3 times slower,
 * the garbage collector paying for every entry.
 */
import { spendWork } from './runtime.js';

type Source = Record<string, unknown> | unknown[];
interface ChildView {
  readonly source: object;
  readonly view: unknown;
}
type Target = { [SOURCE]?: Source; [CHILDREN]?: Map<string, ChildView> };

const SOURCE = Symbol('atlas.template.source');
const CHILDREN = Symbol('atlas.template.children');
const hasOwn = Object.hasOwn;

/** The CEL value for one JSON-ish value: safe integers become BigInt, containers become read-only views. */
export function toCel(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      return Number.isSafeInteger(value) ? BigInt(value) : value;
    case 'string':
    case 'boolean':
    case 'bigint':
      return value;
    case 'object':
      return value === null ? null : wrap(value);
    default:
      return undefined; // functions, symbols, undefined: not data, so absent
  }
}

/** The variables of one evaluation: each top-level context entry, converted on demand. */
export function toCelScope(context: Readonly<Record<string, unknown>>): Map<string, unknown> {
  const scope = new Map<string, unknown>();
  if (context === null || typeof context !== 'object') return scope;
  for (const name of Object.keys(context)) {
    const value = toCel(context[name]);
    if (value !== undefined) scope.set(name, value);
  }
  return scope;
}

/** The original object behind a CEL view, or undefined when `value` is not one. */
export function sourceOf(value: object): Source | undefined {
  return (value as Target)[SOURCE];
}

function wrap(value: object): unknown {
  if (Array.isArray(value)) return makeView([] as Target, value, ARRAY_VIEW);
  if (isPlainObject(value)) return makeView({}, value as Record<string, unknown>, OBJECT_VIEW);
  return value; // Date (a CEL timestamp), typed arrays (bytes) and other values CEL handles itself
}

/** The view of `target`'s child `key`, reused while the source still holds the same object there. */
function childView(target: Target, key: string, child: object): unknown {
  const children = (target[CHILDREN] ??= new Map<string, ChildView>());
  const cached = children.get(key);
  if (cached?.source === child) return cached.view;
  const view = wrap(child);
  children.set(key, { source: child, view });
  return view;
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The target is a fresh empty object or array, never the source: frozen sources would forbid converted reads. */
function makeView(target: Target, source: Source, handler: ProxyHandler<Target>): object {
  target[SOURCE] = source;
  return new Proxy(target, handler);
}

function sourceOfTarget(target: Target): Source {
  return target[SOURCE]!;
}

const refuse = (): boolean => false;
/** What `getOwnPropertyDescriptor` reports for a present key: one shared object, since only existence is asked. */
const PRESENT: PropertyDescriptor = Object.freeze({ value: undefined, writable: false, enumerable: true, configurable: true });

/** Every trap spends work: deep equality and iteration over context data are paid for read by read. */
const OBJECT_VIEW: ProxyHandler<Target> = {
  get(target, key) {
    spendWork(1);
    const source = sourceOfTarget(target);
    if (typeof key === 'string' && hasOwn(source, key)) {
      const value = (source as Record<string, unknown>)[key];
      return typeof value === 'object' && value !== null ? childView(target, key, value) : toCel(value);
    }
    return key === SOURCE ? source : Reflect.get(source, key);
  },
  has(target, key) {
    spendWork(1);
    const source = sourceOfTarget(target);
    return typeof key === 'string' ? hasOwn(source, key) : Reflect.has(source, key);
  },
  // Listing keys through a proxy costs several times a read (the engine checks each key): charged so.
  ownKeys(target) {
    const keys = Reflect.ownKeys(sourceOfTarget(target));
    spendWork(1 + 4 * keys.length);
    return keys;
  },
  // Only existence is asked here (hasOwn); values are read through `get`, which converts them.
  getOwnPropertyDescriptor(target, key) {
    spendWork(1);
    return hasOwn(sourceOfTarget(target), key) ? PRESENT : undefined;
  },
  set: refuse,
  defineProperty: refuse,
  deleteProperty: refuse,
  setPrototypeOf: refuse,
  preventExtensions: refuse,
};

const ARRAY_VIEW: ProxyHandler<Target> = {
  ...OBJECT_VIEW,
  get(target, key) {
    if (key !== 'length') return OBJECT_VIEW.get!(target, key, undefined);
    spendWork(1);
    return (sourceOfTarget(target) as unknown[]).length;
  },
  // `length` exists non-configurably on the array target, so it must be reported as it is.
  getOwnPropertyDescriptor(target, key) {
    if (key !== 'length') return OBJECT_VIEW.getOwnPropertyDescriptor!(target, key);
    spendWork(1);
    return { value: (sourceOfTarget(target) as unknown[]).length, writable: true, enumerable: false, configurable: false };
  },
};
