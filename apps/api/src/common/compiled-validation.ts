import { getMetadataStorage, ValidationTypes, type MetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';

// class-transformer's decorators land here; the package exports no typings for the CommonJS path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformerStorage;
};

type Metatype = new () => object;
type Validate = (value: unknown, args: object) => unknown;

/** One rule of a property: the constraint's `validate` and what class-validator hands it. */
interface Rule {
  validate: Validate;
  each: boolean;
  constraints: unknown[];
}

interface Property {
  name: string;
  /** `IsOptional`/`ValidateIf`: the property's rules apply only when all of these agree. */
  conditions: ((object: object, value: unknown) => unknown)[];
  rules: Rule[];
}

/**
 * Turns a JSON body into an instance of its DTO, validated: the instance when every rule holds,
 * `undefined` when any does not or the body holds anything the fast form does not cover. Then the
 * caller runs the ValidationPipe, which answers exactly as before (its errors are the contract's
 * `VALIDATION_FAILED` details).
 */
export type CompiledValidation = (body: Record<string, unknown>) => object | undefined;

type Lookup = MetadataStorage['getTargetValidationMetadatas'];
type Metadatas = ReturnType<Lookup>;
const MEMOIZED = Symbol('haochaping.memoizedValidationMetadata');

/**
 * class-validator looks a DTO's rules up again for every object it validates: it filters the
 * class's rules and walks every decorated class of the application for parents (`instanceof`),
 * then groups the result by property. Both answers depend only on the class and the options, and
 * change only when a decorator registers a rule (at import): memoised here, cleared on any new
 * rule. ~2.5 % of a rating's CPU under load (docs/benchmarks.md, change 13).
 */
export function memoizeValidationMetadata(
  storage: MetadataStorage = getMetadataStorage(),
): MetadataStorage {
  const marked = storage as MetadataStorage & { [MEMOIZED]?: true };
  if (marked[MEMOIZED]) return storage;
  marked[MEMOIZED] = true;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  let rules = new Map<unknown, Map<string, Metadatas>>();
  let grouped = new WeakMap<Metadatas, ReturnType<typeof group>>();
  storage.addValidationMetadata = (metadata) => {
    rules = new Map();
    grouped = new WeakMap();
    addRule(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byOptions = rules.get(target);
    if (!byOptions) rules.set(target, (byOptions = new Map<string, Metadatas>()));
    let found = byOptions.get(key);
    if (!found) byOptions.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) grouped.set(metadata, (found = group(metadata)));
    return found;
  };
  return storage;
}

/** What each class's rules compiled to, by the memoised rules array (new when a rule registers). */
const compiled = new WeakMap<Metadatas, CompiledValidation | null>();

/**
 * class-validator and class-transformer interpret a DTO's decorators for every body they see:
 * plainToInstance copies it through a generic executor, and validate builds a ValidationError per
 * property, looks each constraint's instance up in its container and settles a promise (~16 % of
 * a rating's request in front of the handler, docs/benchmarks.md change 14). This reads the same
 * decorators once per class and checks a body with the same constraint functions, in the order
 * and with the arguments class-validator gives them, for the options of `createValidationPipe`
 * (whitelist, forbidNonWhitelisted, no groups).
 *
 * It only ever says "valid" for what class-validator finds valid: a body it cannot decide the
 * same way (a nested object, a rule it does not model, a class-transformer decorator, an async
 * constraint) is left to the pipe, as is every invalid body, so errors keep their exact wording.
 * Null when the class has nothing it can model.
 */
export function compileValidation(
  metatype: Metatype,
  storage: MetadataStorage = memoizeValidationMetadata(),
): CompiledValidation | null {
  // The same array until a rule registers (memoised lookup), then a new one: compiled anew.
  const metadatas = storage.getTargetValidationMetadatas(metatype, '', false, false, undefined);
  let fast = compiled.get(metadatas);
  if (fast === undefined) {
    fast = build(metatype, metadatas, storage);
    compiled.set(metadatas, fast);
  }
  return fast;
}

function build(
  metatype: Metatype,
  metadatas: Metadatas,
  storage: MetadataStorage,
): CompiledValidation | null {
  if (!plainCopy(metatype)) return null;
  // No rules at all is class-validator's "unknown value" error: the pipe's to give.
  if (metadatas.length === 0) return null;
  const byName = new Map<string, Property>();
  for (const metadata of metadatas) {
    let property = byName.get(metadata.propertyName);
    if (!property) {
      property = { name: metadata.propertyName, conditions: [], rules: [] };
      byName.set(metadata.propertyName, property);
    }
    if (!addRule(property, metadata, storage)) return null;
  }
  const properties = [...byName.values()];
  const allowed = new Set(byName.keys());

  return (body) => {
    const instance = new metatype() as Record<string, unknown>;
    for (const key of Object.keys(body)) {
      // whitelist + forbidNonWhitelisted: a key without a rule is an error (`__proto__` and
      // `constructor` among them, which the pipe strips first).
      if (!allowed.has(key)) return undefined;
      const value = body[key];
      if (value !== null && typeof value === 'object') {
        // class-transformer copies arrays (and deep-copies objects); the fast form covers arrays
        // of plain values only.
        if (!Array.isArray(value) || !value.every(isPlainValue)) return undefined;
        instance[key] = value.slice();
      } else {
        instance[key] = value;
      }
    }
    // A field the class initialises is validated and whitelisted like a sent one.
    for (const key of Object.keys(instance)) if (!allowed.has(key)) return undefined;
    for (const property of properties) {
      const value = instance[property.name];
      if (!property.conditions.every((condition) => condition(instance, value))) continue;
      for (const rule of property.rules) {
        const args = {
          targetName: metatype.name,
          property: property.name,
          object: instance,
          value,
          constraints: rule.constraints,
        };
        if (rule.each && Array.isArray(value)) {
          for (const item of value) if (!holds(rule.validate(item, args))) return undefined;
        } else if (!holds(rule.validate(value, args))) {
          return undefined;
        }
      }
    }
    return instance;
  };
}

function addRule(property: Property, metadata: ValidationMetadata, storage: MetadataStorage) {
  if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
    const condition = metadata.constraints?.[0] as Property['conditions'][number] | undefined;
    if (typeof condition !== 'function') return false;
    property.conditions.push(condition);
    return true;
  }
  // Nested, promise, is-defined and whitelist-only rules: the pipe's.
  if (metadata.type !== ValidationTypes.CUSTOM_VALIDATION) return false;
  const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
  if (constraints.length === 0) return false;
  for (const constraint of constraints) {
    if (constraint.async) return false;
    const instance = constraint.instance as { validate?: Validate };
    if (typeof instance.validate !== 'function') return false;
    property.rules.push({
      validate: instance.validate.bind(instance),
      each: metadata.each === true,
      constraints: metadata.constraints,
    });
  }
  return true;
}

/**
 * class-transformer's plainToInstance of such a class is `new metatype()` and each key of the body
 * copied: no class-transformer decorator anywhere in its line, and no accessor or method on its
 * prototypes that the copy would skip.
 */
function plainCopy(metatype: Metatype): boolean {
  for (let proto = metatype.prototype as object | null; proto && proto !== Object.prototype;) {
    const target = proto.constructor;
    if (
      defaultMetadataStorage.getStrategy(target) !== 'none' ||
      hasEntry(target, '_typeMetadatas') ||
      hasEntry(target, '_transformMetadatas') ||
      hasEntry(target, '_exposeMetadatas') ||
      hasEntry(target, '_excludeMetadatas')
    ) {
      return false;
    }
    if (Object.getOwnPropertyNames(proto).some((name) => name !== 'constructor')) return false;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return true;
}

function hasEntry(target: unknown, map: string): boolean {
  const maps = defaultMetadataStorage as unknown as Record<
    string,
    Map<unknown, Map<unknown, unknown>>
  >;
  const found = maps[map];
  // A class-transformer whose storage is not what this reads: assume decorators are there.
  if (!(found instanceof Map)) return true;
  return (found.get(target)?.size ?? 0) > 0;
}

const isPlainValue = (value: unknown): boolean => value === null || typeof value !== 'object';

/** A constraint's answer the way class-validator reads it; a promise is not decided here. */
function holds(result: unknown): boolean {
  if (result !== null && typeof result === 'object' && 'then' in result) return false;
  return Boolean(result);
}
